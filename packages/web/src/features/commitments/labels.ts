import { useTranslation } from 'react-i18next';
import { POSITIONS } from '@zx/domain/people/positions';
import { COMMITMENT_CATEGORIES, COMMITMENT_OUTCOMES } from '@zx/domain/assessment/commitment';

/** Tag colours of a commitment's outcome in the year-end report. */
export const OUTCOME_COLOR: Record<string, string> = { done: 'green', partly: 'gold', not_done: 'red' };

export function useCommitmentLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const name = (x: { nameZh: string; nameEn: string } | undefined, code: string) => (x ? (en ? x.nameEn : x.nameZh) : code);
  return {
    en,
    position: (c: string) =>
      name(
        POSITIONS.find((p) => p.code === c),
        c,
      ),
    category: (c: string | null) =>
      c
        ? name(
            COMMITMENT_CATEGORIES.find((p) => p.code === c),
            c,
          )
        : '',
    outcome: (c: string | null) =>
      c
        ? name(
            COMMITMENT_OUTCOMES.find((p) => p.code === c),
            c,
          )
        : '',
    categoryOptions: COMMITMENT_CATEGORIES.map((c) => ({ value: c.code as string, label: en ? c.nameEn : c.nameZh })),
    outcomeOptions: COMMITMENT_OUTCOMES.map((c) => ({ value: c.code as string, label: en ? c.nameEn : c.nameZh })),
  };
}
