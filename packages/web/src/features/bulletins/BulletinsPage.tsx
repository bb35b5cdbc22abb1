import { useState } from 'react';
import dayjs from 'dayjs';
import { Button, Card, Col, Empty, List, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { useBulletins, type BulletinQuery, type BulletinStatus, type BulletinSummary } from './api.ts';
import { GenerateModal } from './GenerateModal.tsx';

export function BulletinStatusTag({ status }: { status: BulletinStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'published' ? 'red' : 'default'} data-testid="bulletin-status">
      {t(`bulletins.status.${status}`)}
    </Tag>
  );
}

/** 通报: the list of bulletins the caller may read; holders of bulletin.write generate new ones. */
export default function BulletinsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data: campaigns = [] } = useCampaigns();
  const [q, setQ] = useState<BulletinQuery>({ page: 1 });
  const [generating, setGenerating] = useState(false);
  const { data, isFetching } = useBulletins(q);
  const update = (p: Partial<BulletinQuery>) => setQ((old) => ({ ...old, page: 1, ...p }));
  const pagination = {
    current: q.page,
    pageSize: 20,
    total: data?.total ?? 0,
    onChange: (page: number) => setQ((old) => ({ ...old, page })),
    showSizeChanger: false,
  };
  const open = (b: BulletinSummary) => navigate(`/bulletins/${b.id}`);

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('bulletins.title')}</h2>
        {can('bulletin.write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setGenerating(true)}
            data-testid="bulletin-generate-button"
            size={isMobile ? 'large' : 'middle'}
          >
            {t('bulletins.generate')}
          </Button>
        )}
      </div>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters">
        <Col xs={24} md={10} xl={8}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('bulletins.filterCampaign')}
            value={q.campaignId ?? undefined}
            onChange={(v) => update({ campaignId: v ?? null })}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="bulletins-filter-campaign"
          />
        </Col>
        <Col xs={24} md={14} xl={16}>
          <Segmented
            value={q.status ?? 'all'}
            onChange={(v) => update({ status: v === 'all' ? null : (v as BulletinStatus) })}
            options={[
              { value: 'all', label: t('bulletins.all') },
              { value: 'published', label: t('bulletins.status.published') },
              ...(can('bulletin.write') ? [{ value: 'draft', label: t('bulletins.status.draft') }] : []),
            ]}
            data-testid="bulletins-filter-status"
          />
        </Col>
      </Row>
      {isMobile ? (
        <List<BulletinSummary>
          data-testid="bulletins-cards"
          loading={isFetching && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('bulletins.none')} /> }}
          pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
          renderItem={(b) => (
            <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => open(b)} data-testid={`bulletin-row-${b.id}`}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 48 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
                    {b.title}
                  </Typography.Text>
                  <Space size={6} wrap style={{ marginTop: 4 }}>
                    <BulletinStatusTag status={b.status} />
                    {b.number && <Typography.Text>{b.number}</Typography.Text>}
                  </Space>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {b.orgName} · {b.publishedAt ? dayjs(b.publishedAt).format('YYYY-MM-DD') : `${b.periodFrom} ~ ${b.periodTo}`}
                  </Typography.Text>
                </div>
                <RightOutlined style={{ color: '#bbb' }} />
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<BulletinSummary>
          rowKey="id"
          size="middle"
          loading={isFetching && !data}
          dataSource={data?.items ?? []}
          pagination={pagination}
          locale={{ emptyText: <Empty description={t('bulletins.none')} /> }}
          onRow={(b) => ({ onClick: () => open(b), style: { cursor: 'pointer' }, 'data-testid': `bulletin-row-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
          data-testid="bulletins-table"
          columns={[
            { title: t('bulletins.docTitle'), dataIndex: 'title' },
            {
              title: t('bulletins.number'),
              dataIndex: 'number',
              width: 170,
              render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('bulletins.unnumbered')}</Typography.Text>,
            },
            { title: t('bulletins.issuer'), dataIndex: 'orgName', width: 180 },
            { title: t('bulletins.period'), key: 'period', width: 210, render: (_, b) => `${b.periodFrom} ~ ${b.periodTo}` },
            { title: t('bulletins.statusLabel'), dataIndex: 'status', width: 90, render: (s: BulletinStatus) => <BulletinStatusTag status={s} /> },
            {
              title: t('bulletins.publishedAt'),
              dataIndex: 'publishedAt',
              width: 120,
              render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD') : '—'),
            },
          ]}
        />
      )}
      <GenerateModal open={generating} onClose={() => setGenerating(false)} />
    </>
  );
}
