import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../app/useIsMobile.ts';
import type { Sheet } from '../api.ts';
import { STATUS_COLOR, TierTag } from '../labels.tsx';
import { when } from './format.ts';

/** The unit, the sheet's status and tier, the campaign and rubric, who signed when, and the self-assessed total (live while editing). */
export function SheetHeader({ sheet, draftTotal }: { sheet: Sheet; draftTotal: number }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const isMobile = useIsMobile();
  const status = (
    <Space wrap>
      <Tag color={STATUS_COLOR[sheet.status]} data-testid="sheet-status">
        {t(`assessment.status.${sheet.status}`)}
      </Tag>
      {sheet.verification && <TierTag tier={sheet.verification.tier} testid="sheet-tier" />}
    </Space>
  );

  return (
    <Card size={isMobile ? 'small' : 'default'}>
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {sheet.org.name}
          </Typography.Title>
          {status}
        </Space>
        <Descriptions
          size="small"
          column={isMobile ? 1 : 3}
          items={[
            { key: 'c', label: t('assessment.campaign'), children: `${sheet.campaign.name}（${sheet.campaign.year}）` },
            {
              key: 'r',
              label: t('assessment.rubric'),
              children: `${en ? sheet.rubric.nameEn : sheet.rubric.nameZh}（${t('assessment.points', { n: sheet.rubric.maxPoints })}）`,
            },
            { key: 'f', label: t('assessment.foundedOn'), children: sheet.org.foundedOn ?? t('assessment.unknown') },
            {
              key: 's',
              label: t('assessment.secretarySigned'),
              children: sheet.secretary ? (
                <span data-testid="sheet-secretary">
                  {sheet.secretary.name} · {when(sheet.secretary.signedAt)}
                </span>
              ) : (
                t('assessment.notYet')
              ),
            },
            {
              key: 'p',
              label: t('assessment.representativeSigned'),
              children: sheet.representative ? (
                <span data-testid="sheet-representative">
                  {sheet.representative.name} · {when(sheet.representative.signedAt)}
                </span>
              ) : (
                t('assessment.notYet')
              ),
            },
            {
              key: 't',
              label: t('assessment.selfTotal'),
              children: (
                <Typography.Text strong data-testid="sheet-self-total">
                  {sheet.canEdit ? draftTotal : sheet.selfTotal}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
