import { Card, Collapse, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CadreYear } from './api.ts';
import { fmtTime } from './dates.ts';

/** The publication history: each published version of the year's commitments, who published it, and what it changed. */
export function PublicationHistory({ data }: { data: CadreYear }) {
  const { t } = useTranslation();
  return (
    <Card title={t('commitments.history')} size="small" data-testid="commitments-history">
      <Collapse
        ghost
        items={data.versions.map((v) => ({
          key: v.version,
          label: (
            <Space wrap size={4}>
              <span>{t('commitments.versionN', { n: v.version })}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtTime(v.publishedAt)} · {v.publishedByName}
                {v.onBehalf ? ` · ${t('commitments.onBehalf')}` : ''}
              </Typography.Text>
            </Space>
          ),
          children: (
            <div>
              {v.note && <Typography.Paragraph type="secondary">{v.note}</Typography.Paragraph>}
              <ol style={{ paddingLeft: 20, margin: 0 }}>
                {v.items.map((i) => (
                  <li key={i.id} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
                    {i.text}
                    {i.change && (
                      <Tag style={{ marginLeft: 6 }} color={i.change === 'added' ? 'blue' : 'orange'}>
                        {t(`commitments.change.${i.change}`)}
                      </Tag>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
