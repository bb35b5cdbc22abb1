import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, TierCode } from './api.ts';

export const STATUS_COLOR: Record<AssessmentStatus, string> = { missing: 'default', draft: 'default', submitted: 'gold', returned: 'red', verified: 'green' };
export const TIER_COLOR: Record<TierCode, string> = { star5: 'red', star4: 'volcano', star3: 'orange', lagging: 'default', weak: 'purple' };

/** 五星 / 四星 / 三星 / 后进 / 软弱涣散, or 不定级 when the unit was not rated. */
export function TierTag({ tier, testid }: { tier: TierCode | null; testid?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={tier ? TIER_COLOR[tier] : 'default'} data-testid={testid} style={{ marginInlineStart: 4 }}>
      {tier ? t(`assessment.tier.${tier}`) : t('assessment.tier.none')}
    </Tag>
  );
}
