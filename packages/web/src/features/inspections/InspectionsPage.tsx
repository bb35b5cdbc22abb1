import { useState } from 'react';
import { Badge, Button, Card, Col, DatePicker, Empty, List, Row, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useCampaigns } from '../campaigns/api.ts';
import { useInspections, useRectifications, type InspectionQuery, type InspectionSummary, type Rectification } from './api.ts';
import { InspectionFormModal } from './InspectionFormModal.tsx';
import { RectificationCard, RectificationStatusTag } from './RectificationCard.tsx';

type TabKey = 'visits' | 'items' | 'overdue';

/** 检查指导: visits to units in the subtree, their rectification items, and the overdue list. */
export default function InspectionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = (['visits', 'items', 'overdue'].includes(params.get('tab') ?? '') ? params.get('tab') : 'visits') as TabKey;
  const [recording, setRecording] = useState(false);
  const overdue = useRectifications({ status: 'overdue', page: 1 });

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('inspections.title')}</h2>
        {can('inspection.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="inspection-create-button">
            {t('inspections.record')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'visits' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'visits', label: <span data-testid="inspections-tab-visits">{t('inspections.tabVisits')}</span>, children: <VisitsTab /> },
          { key: 'items', label: <span data-testid="inspections-tab-items">{t('inspections.tabItems')}</span>, children: <ItemsTab /> },
          {
            key: 'overdue',
            label: (
              <span data-testid="inspections-tab-overdue">
                {t('inspections.tabOverdue')} <Badge count={overdue.data?.total ?? 0} size="small" />
              </span>
            ),
            children: <ItemsTab overdueOnly />,
          },
        ]}
      />
      <InspectionFormModal open={recording} onClose={() => setRecording(false)} />
    </>
  );
}

function VisitsTab() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { data: campaigns = [] } = useCampaigns();
  const [q, setQ] = useState<InspectionQuery>({ page: 1 });
  const { data, isFetching } = useInspections(q);
  const update = (p: Partial<InspectionQuery>) => setQ((old) => ({ ...old, page: 1, ...p }));
  const pagination = {
    current: q.page,
    pageSize: 20,
    total: data?.total ?? 0,
    onChange: (page: number) => setQ((old) => ({ ...old, page })),
    showSizeChanger: false,
    hideOnSinglePage: true,
  };

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters">
        <Col xs={24} md={8} xl={6}>
          <OrgSelect
            value={q.orgId ?? null}
            onChange={(id) => update({ orgId: id })}
            allowClear
            placeholder={t('inspections.filterOrg')}
            testId="inspections-filter-org"
          />
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('inspections.filterCampaign')}
            value={q.campaignId ?? undefined}
            onChange={(v) => update({ campaignId: v ?? null })}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="inspections-filter-campaign"
          />
        </Col>
        <Col xs={24} md={8} xl={6}>
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            inputReadOnly={isMobile}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD') ?? null, to: r?.[1]?.format('YYYY-MM-DD') ?? null })}
            data-testid="inspections-filter-dates"
          />
        </Col>
      </Row>
      {isMobile ? (
        <List<InspectionSummary>
          data-testid="inspections-cards"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('inspections.none')} /> }}
          pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
          renderItem={(v) => (
            <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/inspections/${v.id}`)} data-testid={`inspection-row-${v.id}`}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {v.orgName}
                    </Typography.Text>
                    {v.score !== null && <Tag>{t('inspections.scoreValue', { score: v.score })}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {v.visitedOn} · {v.inspectorOrgName ?? ''} {v.inspectorName}
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0', fontSize: 13 }}>
                    {v.findings}
                  </Typography.Paragraph>
                  <ItemCounts counts={v.itemCounts} />
                </div>
                <RightOutlined style={{ color: '#bbb' }} />
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<InspectionSummary>
          rowKey="id"
          size="middle"
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={pagination}
          locale={{ emptyText: <Empty description={t('inspections.none')} /> }}
          onRow={(v) =>
            ({
              onClick: () => navigate(`/inspections/${v.id}`),
              style: { cursor: 'pointer' },
              'data-testid': `inspection-row-${v.id}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
          data-testid="inspections-table"
          columns={[
            { title: t('inspections.visitedOn'), dataIndex: 'visitedOn', width: 120 },
            { title: t('inspections.unit'), dataIndex: 'orgName' },
            {
              title: t('inspections.inspector'),
              key: 'inspector',
              render: (_, v) => (
                <>
                  {v.inspectorName}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {v.inspectorOrgName}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('inspections.findings'), dataIndex: 'findings', ellipsis: true },
            { title: t('inspections.score'), dataIndex: 'score', width: 80, render: (s: number | null) => s ?? '—' },
            { title: t('inspections.items'), key: 'items', width: 220, render: (_, v) => <ItemCounts counts={v.itemCounts} /> },
          ]}
        />
      )}
    </>
  );
}

function ItemCounts({ counts }: { counts: InspectionSummary['itemCounts'] }) {
  const { t } = useTranslation();
  if (!counts.total) return <Typography.Text type="secondary">{t('inspections.noItems')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {counts.open > 0 && (
        <Tag color="orange">
          {t('inspections.status.open')} {counts.open}
        </Tag>
      )}
      {counts.answered > 0 && (
        <Tag color="blue">
          {t('inspections.status.answered')} {counts.answered}
        </Tag>
      )}
      {counts.closed > 0 && (
        <Tag color="green">
          {t('inspections.status.closed')} {counts.closed}
        </Tag>
      )}
      {counts.overdue > 0 && (
        <Tag color="red">
          {t('inspections.overdue')} {counts.overdue}
        </Tag>
      )}
    </Space>
  );
}

/** Rectification items by status, or the overdue list (未销号且已过整改期限) a higher unit chases. */
function ItemsTab({ overdueOnly = false }: { overdueOnly?: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<'open' | 'answered' | 'closed' | 'all'>('open');
  const [orgId, setOrgId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const { data, isFetching } = useRectifications({ status: overdueOnly ? 'overdue' : status === 'all' ? undefined : status, orgId, page });
  const pagination = { current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true };

  return (
    <>
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="zx-filters" align="middle">
        <Col xs={24} md={8} xl={6}>
          <OrgSelect
            value={orgId}
            onChange={(id) => {
              setOrgId(id);
              setPage(1);
            }}
            allowClear
            placeholder={t('inspections.filterOrg')}
            testId={overdueOnly ? 'overdue-filter-org' : 'rectifications-filter-org'}
          />
        </Col>
        {!overdueOnly && (
          <Col xs={24} md={16}>
            <Segmented
              block={isMobile}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={(['open', 'answered', 'closed', 'all'] as const).map((s) => ({
                value: s,
                label: <span data-testid={`rectifications-status-${s}`}>{s === 'all' ? t('inspections.allStatuses') : t(`inspections.status.${s}`)}</span>,
              }))}
            />
          </Col>
        )}
        {overdueOnly && (
          <Col xs={24} md={16}>
            <Typography.Text type="secondary">{t('inspections.overdueHint')}</Typography.Text>
          </Col>
        )}
      </Row>
      {isMobile ? (
        <List<Rectification>
          data-testid={overdueOnly ? 'overdue-list' : 'rectifications-list'}
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={overdueOnly ? t('inspections.noOverdue') : t('inspections.noItemsFound')} /> }}
          pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
          renderItem={(item) => <RectificationCard item={item} showUnit />}
        />
      ) : (
        <Table<Rectification>
          rowKey="id"
          size="middle"
          loading={isFetching}
          dataSource={data?.items ?? []}
          pagination={pagination}
          locale={{ emptyText: <Empty description={overdueOnly ? t('inspections.noOverdue') : t('inspections.noItemsFound')} /> }}
          onRow={(r) =>
            ({
              onClick: () => navigate(`/inspections/${r.inspectionId}`),
              style: { cursor: 'pointer' },
              'data-testid': `rectification-row-${r.id}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
          data-testid={overdueOnly ? 'overdue-table' : 'rectifications-table'}
          columns={[
            { title: t('inspections.unit'), dataIndex: 'orgName', width: 180 },
            { title: t('inspections.itemDescription'), dataIndex: 'description', ellipsis: true },
            { title: t('inspections.owner'), dataIndex: 'owner', width: 100 },
            {
              title: t('inspections.dueOn'),
              dataIndex: 'dueOn',
              width: 120,
              render: (d: string, r) => <span style={r.overdue ? { color: '#cf1322' } : undefined}>{d}</span>,
            },
            { title: t('inspections.statusLabel'), key: 'status', width: 160, render: (_, r) => <RectificationStatusTag item={r} /> },
            {
              title: t('inspections.inspectedBy'),
              key: 'by',
              width: 200,
              render: (_, r) => (
                <>
                  {r.inspectorOrgName}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {r.visitedOn}
                  </Typography.Text>
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
