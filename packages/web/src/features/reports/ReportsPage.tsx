import { useState } from 'react';
import { Badge, Button, Card, Empty, List, Progress, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useReportList, type ReceivedRequest, type SentRequest } from './api.ts';
import { BoardStatusTag, DeadlineTag, fmt } from './ReportTags.tsx';
import { NewReportModal } from './NewReportModal.tsx';

type TabKey = 'received' | 'sent';

/** 书面汇报: requests addressed to my unit (to submit) and requests my subtree sent (to follow). */
export default function ReportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canRequest = can('report.request');
  const canSubmit = can('report.submit');
  const [params, setParams] = useSearchParams();
  const fallback: TabKey = canSubmit ? 'received' : 'sent';
  const tab = (['received', 'sent'].includes(params.get('tab') ?? '') ? params.get('tab') : fallback) as TabKey;
  const [creating, setCreating] = useState(false);
  const received = useReportList('received', 1, canSubmit);
  const open = (received.data?.items as ReceivedRequest[] | undefined)?.filter((r) => r.submission.status === 'pending').length ?? 0;

  if (!canRequest && !canSubmit) return <Empty description={t('common.noPermission')} />;
  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('reports.title')}</h2>
        {canRequest && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="report-create-button">
            {t('reports.create')}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === fallback ? {} : { tab: k }, { replace: true })}
        items={[
          ...(canSubmit
            ? [
                {
                  key: 'received',
                  label: (
                    <span data-testid="reports-tab-received">
                      {t('reports.tabReceived')} <Badge count={open} size="small" />
                    </span>
                  ),
                  children: <ReceivedTab />,
                },
              ]
            : []),
          ...(canRequest ? [{ key: 'sent', label: <span data-testid="reports-tab-sent">{t('reports.tabSent')}</span>, children: <SentTab /> }] : []),
        ]}
      />
      {canRequest && <NewReportModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

function ReceivedTab() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useReportList('received', page);
  const items = (data?.items ?? []) as ReceivedRequest[];
  const pagination = { current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false };
  const status = (r: ReceivedRequest) =>
    r.submission.status === 'submitted' ? (
      <BoardStatusTag status={r.submission.boardStatus} />
    ) : (
      <Tag color={r.daysLeft < 0 ? 'red' : 'default'}>{t('reports.notSubmitted')}</Tag>
    );

  if (isMobile) {
    return (
      <List<ReceivedRequest>
        data-testid="reports-received-cards"
        loading={isFetching}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('reports.noneReceived')} /> }}
        pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
        renderItem={(r) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/reports/${r.id}`)} data-testid={`report-row-${r.id}`}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
                  {r.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {r.orgName} · {t('reports.dueOnValue', { date: r.dueOn })}
                </Typography.Text>
                <Space size={4} wrap style={{ marginTop: 6 }}>
                  {status(r)}
                  <DeadlineTag dueOn={r.dueOn} daysLeft={r.daysLeft} done={r.submission.status === 'submitted'} />
                  {r.submission.reviewedAt && <Tag color="purple">{t('reports.reviewed')}</Tag>}
                </Space>
              </div>
              <RightOutlined style={{ color: '#bbb' }} />
            </div>
          </Card>
        )}
      />
    );
  }
  return (
    <Table<ReceivedRequest>
      rowKey="id"
      size="middle"
      loading={isFetching}
      dataSource={items}
      pagination={pagination}
      locale={{ emptyText: <Empty description={t('reports.noneReceived')} /> }}
      onRow={(r) =>
        ({
          onClick: () => navigate(`/reports/${r.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `report-row-${r.id}`,
        }) as React.HTMLAttributes<HTMLElement>
      }
      data-testid="reports-received-table"
      columns={[
        { title: t('reports.titleLabel'), dataIndex: 'title' },
        { title: t('reports.from'), dataIndex: 'orgName', width: 200 },
        {
          title: t('reports.dueOn'),
          key: 'due',
          width: 220,
          render: (_, r) => (
            <Space size={4}>
              {r.dueOn}
              <DeadlineTag dueOn={r.dueOn} daysLeft={r.daysLeft} done={r.submission.status === 'submitted'} />
            </Space>
          ),
        },
        {
          title: t('reports.statusLabel'),
          key: 'status',
          width: 180,
          render: (_, r) => (
            <Space size={4}>
              {status(r)}
              {r.submission.reviewedAt && <Tag color="purple">{t('reports.reviewed')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

function SentTab() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useReportList('sent', page);
  const items = (data?.items ?? []) as SentRequest[];
  const pagination = { current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false };
  const progress = (r: SentRequest) => (
    <Progress
      percent={r.targets ? Math.round((r.submittedCount / r.targets) * 100) : 0}
      size="small"
      format={() => `${r.submittedCount}/${r.targets}`}
      style={{ minWidth: 140, margin: 0 }}
    />
  );

  if (isMobile) {
    return (
      <List<SentRequest>
        data-testid="reports-sent-cards"
        loading={isFetching}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('reports.noneSent')} /> }}
        pagination={data && data.total > 20 ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
        renderItem={(r) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/reports/${r.id}`)} data-testid={`report-row-${r.id}`}>
            <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
              {r.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {r.orgName} · {t('reports.dueOnValue', { date: r.dueOn })}
            </Typography.Text>
            <Space size={8} style={{ width: '100%', marginTop: 6 }}>
              <DeadlineTag dueOn={r.dueOn} daysLeft={r.daysLeft} />
              {progress(r)}
            </Space>
          </Card>
        )}
      />
    );
  }
  return (
    <Table<SentRequest>
      rowKey="id"
      size="middle"
      loading={isFetching}
      dataSource={items}
      pagination={pagination}
      locale={{ emptyText: <Empty description={t('reports.noneSent')} /> }}
      onRow={(r) =>
        ({
          onClick: () => navigate(`/reports/${r.id}`),
          style: { cursor: 'pointer' },
          'data-testid': `report-row-${r.id}`,
        }) as React.HTMLAttributes<HTMLElement>
      }
      data-testid="reports-sent-table"
      columns={[
        { title: t('reports.titleLabel'), dataIndex: 'title' },
        { title: t('reports.requestOrg'), dataIndex: 'orgName', width: 180 },
        {
          title: t('reports.dueOn'),
          key: 'due',
          width: 220,
          render: (_, r) => (
            <Space size={4}>
              {r.dueOn}
              <DeadlineTag dueOn={r.dueOn} daysLeft={r.daysLeft} />
            </Space>
          ),
        },
        { title: t('reports.progress'), key: 'progress', width: 220, render: (_, r) => progress(r) },
        { title: t('reports.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => fmt(v).slice(0, 10) },
      ]}
    />
  );
}
