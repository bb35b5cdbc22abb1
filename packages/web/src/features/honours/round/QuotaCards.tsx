import { Card, Col, Progress, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Round } from '../api.ts';
import { kindName } from '../labels.ts';

/** How much of each honour's quota the candidates use, for those who manage or recommend. */
export function QuotaCards({ r }: { r: Round }) {
  const { t, i18n } = useTranslation();
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12, marginTop: r.status === 'final' ? 12 : 0 }}>
      {r.quotas.map((q) => (
        <Col key={q.kind} xs={12} md={6}>
          <Card size="small" data-testid={`honour-quota-${q.kind}`}>
            <Typography.Text strong>{kindName(q.kind, i18n.language)}</Typography.Text>
            <div style={{ fontSize: 20, margin: '4px 0' }} data-testid={`honour-quota-usage-${q.kind}`}>
              {q.used} / {q.quota}
            </div>
            <Progress percent={q.quota ? Math.round((q.used * 100) / q.quota) : 0} showInfo={false} size="small" strokeColor="#c8161d" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('honours.quotaOf', { percent: q.percent, base: q.base })}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
