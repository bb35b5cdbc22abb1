import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Objection } from '../api.ts';

/** The objections this account raised in the round, with their status and the reply. */
export function MyObjections({ list }: { list: Objection[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('honours.myObjections')} style={{ marginTop: 16 }} data-testid="honour-my-objections">
      {list.map((o) => (
        <div key={o.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`honour-my-objection-${o.id}`}>
          <Space wrap>
            <Typography.Text strong>{o.candidateName}</Typography.Text>
            <Tag color={o.status === 'pending' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`honours.objectionStatus.${o.status}`)}</Tag>
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0' }}>{o.reason}</Typography.Paragraph>
          {o.reply && <Alert type="info" showIcon message={t('honours.reply')} description={<span data-testid={`honour-reply-${o.id}`}>{o.reply}</span>} />}
        </div>
      ))}
    </Card>
  );
}
