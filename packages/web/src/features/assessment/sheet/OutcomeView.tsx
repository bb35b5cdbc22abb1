import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../api.ts';
import { TierTag } from '../labels.tsx';

/** The tier the rules give, the score's own tier when different, and why. */
export function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="outcome">
      <Space wrap>
        <Typography.Text>{t('assessment.finalScore')}</Typography.Text>
        <Typography.Text strong data-testid="outcome-total">
          {outcome.total}
        </Typography.Text>
        <TierTag tier={outcome.tier} testid="outcome-tier" />
        {outcome.tier !== outcome.tierByScore && (
          <Typography.Text type="secondary">
            {t('assessment.byScore')}
            <TierTag tier={outcome.tierByScore} />
          </Typography.Text>
        )}
      </Space>
      {outcome.reasons.length > 0 && (
        <ul className="zx-reasons" data-testid="outcome-reasons">
          {outcome.reasons.map((r, n) => (
            <li key={n}>{en ? r.en : r.zh}</li>
          ))}
        </ul>
      )}
    </Space>
  );
}
