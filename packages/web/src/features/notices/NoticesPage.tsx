import { Button, Card, Empty, Progress, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { useNotices, type NoticeListItem } from './api.ts';

const rate = (n: NoticeListItem) => (n.recipientCount ? Math.round((n.awareCount * 100) / n.recipientCount) : 0);

/** 通知与知晓率: the notices written in the actor's subtree in a campaign, with their awareness rates. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { data: campaigns, isPending } = useCampaigns();
  const campaignId = Number(params.get('campaignId')) || campaigns?.find((c) => c.status === 'running')?.id || campaigns?.[0]?.id || null;
  const list = useNotices(campaignId);
  const open = (n: NoticeListItem) => navigate(n.status === 'draft' ? `/notices/${n.id}/edit` : `/notices/${n.id}`);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="notices-page">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('notices.nav')}</h2>
        <Space wrap style={isMobile ? { width: '100%' } : undefined}>
          <Select
            value={campaignId}
            onChange={(id) => setParams({ campaignId: String(id) })}
            options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
            style={{ minWidth: isMobile ? '100%' : 280 }}
            popupMatchSelectWidth={false}
            data-testid="notices-campaign"
          />
          {can('notice.write') && campaignId && (
            <Link to={`/notices/new?campaignId=${campaignId}`}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="notice-new">
                {t('notices.new')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Typography.Text type="secondary">{t('notices.hint')}</Typography.Text>
      {isPending || list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : !list.data?.length ? (
        <Card>
          <Empty description={t('notices.empty')} />
        </Card>
      ) : isMobile ? (
        list.data.map((n) => (
          <Card key={n.id} hoverable onClick={() => open(n)} styles={{ body: { padding: 14 } }}>
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {n.title}
            </Typography.Text>
            <div style={{ marginTop: 6 }}>
              <Space size={6} wrap>
                {n.status === 'draft' ? <Tag>{t('notices.draft')}</Tag> : <Tag color="blue">{t('notices.sent')}</Tag>}
                {n.hasQuiz && <Tag>{t('notices.quizTag')}</Tag>}
                <Typography.Text type="secondary">{n.orgName}</Typography.Text>
              </Space>
            </div>
            {n.status === 'sent' && <Progress percent={rate(n)} size="small" format={() => `${n.awareCount}/${n.recipientCount}`} />}
          </Card>
        ))
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table
            rowKey="id"
            dataSource={list.data}
            pagination={false}
            onRow={(n) => ({ onClick: () => open(n), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('notices.title'),
                dataIndex: 'title',
                render: (v: string, n) => <Link to={n.status === 'draft' ? `/notices/${n.id}/edit` : `/notices/${n.id}`}>{v}</Link>,
              },
              { title: t('notices.sender'), dataIndex: 'orgName' },
              {
                title: t('notices.status'),
                dataIndex: 'status',
                render: (s: string, n) => (
                  <Space size={4}>
                    {s === 'draft' ? <Tag>{t('notices.draft')}</Tag> : <Tag color="blue">{t('notices.sent')}</Tag>}
                    {n.hasQuiz && <Tag>{t('notices.quizTag')}</Tag>}
                  </Space>
                ),
              },
              { title: t('notices.sentAt'), dataIndex: 'sentAt', render: (v: string | null) => v?.slice(0, 10) ?? '—' },
              { title: t('notices.recipients'), dataIndex: 'recipientCount' },
              { title: t('notices.read'), dataIndex: 'readCount' },
              {
                title: t('notices.awareness'),
                key: 'rate',
                width: 200,
                render: (_: unknown, n) =>
                  n.status === 'sent' ? <Progress percent={rate(n)} size="small" format={() => `${n.awareCount}/${n.recipientCount}`} /> : '—',
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
