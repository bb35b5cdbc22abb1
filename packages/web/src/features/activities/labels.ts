import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from '@zx/domain/campaign/activity-types';

/** Tag colours per activity type: the calendar and cards tell types apart at a glance. */
export const TYPE_COLOR: Record<string, string> = {
  mobilization_meeting: 'red',
  party_education: 'volcano',
  publicity: 'orange',
  symposium: 'gold',
  touring_report: 'lime',
  demo_site_visit: 'green',
  photo_exhibition: 'cyan',
  outcome_seminar: 'blue',
  summary_meeting: 'geekblue',
  other: 'default',
};

export function useActivityLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const type = useCallback(
    (c: string) => {
      const hit = ACTIVITY_TYPES.find((x) => x.code === c);
      return hit ? (en ? hit.nameEn : hit.nameZh) : c;
    },
    [en],
  );
  const form = useCallback(
    (c: string | null | undefined) => {
      const hit = PARTY_EDUCATION_FORMS.find((x) => x.code === c);
      return hit ? (en ? hit.nameEn : hit.nameZh) : (c ?? '');
    },
    [en],
  );
  const typeOptions = ACTIVITY_TYPES.map((x) => ({ value: x.code as string, label: en ? x.nameEn : x.nameZh }));
  const formOptions = PARTY_EDUCATION_FORMS.map((x) => ({ value: x.code as string, label: en ? x.nameEn : x.nameZh }));
  return { en, type, form, typeOptions, formOptions };
}
