import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { BALLOT_SCALES } from '@zx/domain/assessment/ballot';
import type { ScaleCode, SessionStatus } from './api.ts';

/** Display names and tags of the votes area, in the UI language. */
export function useVoteLabels() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const scaleName = (c: ScaleCode) => (en ? BALLOT_SCALES[c]?.nameEn : BALLOT_SCALES[c]?.nameZh) ?? c;
  const optionName = (c: ScaleCode, key: string) => {
    const o = BALLOT_SCALES[c]?.options.find((x) => x.key === key);
    return o ? (en ? o.en : o.zh) : key;
  };
  const statusTag = (s: SessionStatus) => {
    const map: Record<SessionStatus, [string, string]> = {
      draft: ['default', t('votes.statusDraft')],
      open: ['processing', t('votes.statusOpen')],
      closed: ['success', t('votes.statusClosed')],
      cancelled: ['default', t('votes.statusCancelled')],
    };
    const [color, text] = map[s];
    return <Tag color={color}>{text}</Tag>;
  };
  const kindName = (k: string) =>
    (({ cadre_rating: t('votes.kindCadre'), member_evaluation: t('votes.kindEvaluation'), exemplar: t('votes.kindExemplar') }) as Record<string, string>)[k] ??
    t('votes.kindGeneral');
  const title = (s: { titleZh: string; titleEn: string | null }) => (en && s.titleEn ? s.titleEn : s.titleZh);
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(en ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      : t('votes.notSet');
  const percent = (x: number | null) => (x == null ? '—' : `${Math.round(x * 1000) / 10}%`);
  return { en, scaleName, optionName, statusTag, kindName, title, time, percent };
}
