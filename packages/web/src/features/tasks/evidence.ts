import type { TFunction } from 'i18next';
import type { EvidenceRule } from '@zx/domain/campaign/template';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from '@zx/domain/campaign/activity-types';

const named = (list: readonly { code: string; nameZh: string; nameEn: string }[], code: string, en: boolean) => {
  const hit = list.find((x) => x.code === code);
  return hit ? (en ? hit.nameEn : hit.nameZh) : code;
};

/** What makes a task done, in words: 「需要 1 次党性教育（重温入党/入团誓词）活动」. */
export function evidenceText(e: EvidenceRule | null | undefined, t: TFunction, en: boolean): string {
  if (!e) return '';
  if (e.kind === 'activities') {
    const type = named(ACTIVITY_TYPES, e.activityType, en);
    const form = e.form ? named(PARTY_EDUCATION_FORMS, e.form, en) : null;
    return t('tasks.evidence.activities', { n: e.min, type: form ? t('tasks.evidence.typeWithForm', { type, form }) : type });
  }
  return t(`tasks.evidence.${e.kind}`);
}

/** The label of the button that leads to where the evidence is made. */
export function evidenceAction(e: EvidenceRule | null | undefined, t: TFunction): string {
  switch (e?.kind) {
    case 'plan_approved':
      return t('tasks.go.plan');
    case 'activities':
      return t('tasks.go.activity');
    case 'report_submitted':
      return t('tasks.go.report');
    case 'self_assessment_verified':
      return t('tasks.go.assessment');
    default:
      return t('tasks.go.open');
  }
}
