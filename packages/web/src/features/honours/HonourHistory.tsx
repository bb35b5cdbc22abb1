import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDownload } from '../../app/useDownload.ts';
import { kindName } from './labels.ts';

/** On a member's or a unit's page: the honours (两红两优) it holds, with their certificates. */
export function HonourHistory({ memberId, orgId }: { memberId?: number; orgId?: number }) {
  const { t, i18n } = useTranslation();
  const dl = useDownload();
  const { data, error, isPending } = useQuery({
    queryKey: ['honour-awards', memberId ?? null, orgId ?? null],
    queryFn: () => api.GET('/honours/awards', { params: { query: { memberId, orgId } } }),
  });
  if (error) return null;
  return (
    <Card
      title={
        <Space>
          <TrophyOutlined />
          {t('honours.history')}
        </Space>
      }
      size="small"
      loading={isPending}
      data-testid="honour-history"
    >
      {data && !data.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('honours.noHistory')} />
      ) : (
        (data ?? []).map((a) => (
          <div
            key={a.id}
            style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
            data-testid={`honour-history-${a.id}`}
          >
            <div style={{ minWidth: 0 }}>
              <Tag color="red">
                {a.year} · {kindName(a.kind, i18n.language)}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.issuerOrgName} · <Link to={`/honours/${a.roundId}`}>{a.roundName}</Link> · {a.certificateNo}
              </Typography.Text>
            </div>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={dl.busy}
              onClick={() => dl.run('/honours/awards/{id}/certificate.pdf', `${a.certificateNo}.pdf`, { params: { path: { id: a.id } } })}
              data-testid={`honour-history-certificate-${a.id}`}
            >
              {t('honours.certificate')}
            </Button>
          </div>
        ))
      )}
    </Card>
  );
}
