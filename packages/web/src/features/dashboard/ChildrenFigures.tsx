import { Button, Card, Empty, List, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { RightOutlined, UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { activitiesLink, pct, useLagging, type Dashboard, type DashboardChild } from './api.ts';
import type { UnitsDrawerState } from './UnitsDrawer.tsx';

const rate = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);
const reachRate = (c: DashboardChild, k: 'awareness' | 'branchCoverage' | 'pledges') =>
  k === 'awareness' ? c.awarenessRate : k === 'branchCoverage' ? c.branchCoverageRate : c.pledgeRate;

/** 下级单位: one row per child unit with its figures; the name drills down, the figures open their rows. */
export function ChildrenFigures({
  data,
  onDrill,
  onOpen,
}: {
  data: Dashboard;
  onDrill: (id: number) => void;
  onOpen: (s: UnitsDrawerState, orgId: number) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const cid = data.campaign.id;
  const plans = (c: DashboardChild) =>
    c.plansRequired > 0 ? (
      <a onClick={() => onOpen({ title: `${c.name} · ${t('dashboard.plan.title')}`, filter: { plan: 'missing' } }, c.id)} data-testid={`child-plans-${c.id}`}>
        {c.plansSubmitted} / {c.plansRequired}
      </a>
    ) : (
      <span>—</span>
    );
  const approved = (c: DashboardChild) =>
    c.plansRequired > 0 ? (
      <a onClick={() => onOpen({ title: `${c.name} · ${t('dashboard.plan.title')}`, filter: { plan: 'approved' } }, c.id)}>{c.plansApproved}</a>
    ) : (
      <span>—</span>
    );
  const activities = (c: DashboardChild) => (
    <Link to={activitiesLink(cid, c.id)} data-testid={`child-activities-${c.id}`}>
      {c.activities}
    </Link>
  );
  const name = (c: DashboardChild) => (
    <a onClick={() => onDrill(c.id)} data-testid={`child-drill-${c.id}`}>
      {c.name}
    </a>
  );
  const completion = (c: DashboardChild) => <Progress percent={rate(c.completionRate)} size="small" status={c.completionRate === 1 ? 'success' : 'normal'} />;

  const columns: ColumnsType<DashboardChild> = [
    { title: t('dashboard.children.name'), key: 'name', fixed: 'left', render: (_, c) => name(c), sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { title: t('dashboard.children.type'), dataIndex: 'typeCode', width: 110, render: (v: string) => labels.orgType(v) },
    {
      title: t('dashboard.responsible'),
      dataIndex: 'responsiblePerson',
      width: 110,
      render: (v: string | null) => v || <Typography.Text type="secondary">{t('dashboard.notSet')}</Typography.Text>,
    },
    { title: t('dashboard.children.members'), dataIndex: 'members', width: 80, align: 'right', sorter: (a, b) => a.members - b.members },
    {
      title: t('dashboard.children.participation'),
      key: 'participation',
      width: 90,
      align: 'right',
      render: (_, c) => pct(c.participationRate),
      sorter: (a, b) => (a.participationRate ?? -1) - (b.participationRate ?? -1),
    },
    { title: t('dashboard.children.plans'), key: 'plans', width: 110, align: 'right', render: (_, c) => plans(c) },
    { title: t('dashboard.children.approved'), key: 'approved', width: 80, align: 'right', render: (_, c) => approved(c) },
    {
      title: t('dashboard.children.activities'),
      key: 'activities',
      width: 80,
      align: 'right',
      render: (_, c) => activities(c),
      sorter: (a, b) => a.activities - b.activities,
    },
    ...(['awareness', 'branchCoverage', 'pledges'] as const).map((k) => ({
      title: t(`dashboard.children.${k}`),
      key: k,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, c: DashboardChild) => pct(reachRate(c, k)),
      sorter: (a: DashboardChild, b: DashboardChild) => (reachRate(a, k) ?? -1) - (reachRate(b, k) ?? -1),
    })),
    { title: t('dashboard.children.media'), dataIndex: 'media', width: 80, align: 'right', sorter: (a, b) => a.media - b.media },
    { title: t('dashboard.children.tasks'), key: 'tasks', width: 110, align: 'right', render: (_, c) => `${c.tasksDone} / ${c.tasksRequired}` },
    {
      title: t('dashboard.children.completion'),
      key: 'completion',
      width: 170,
      render: (_, c) => completion(c),
      sorter: (a, b) => (a.completionRate ?? -1) - (b.completionRate ?? -1),
      defaultSortOrder: undefined,
    },
  ];

  return (
    <Card
      title={t('dashboard.children.title', { n: data.children.length })}
      style={{ marginBottom: 16 }}
      data-testid="dashboard-children"
      styles={isMobile ? { body: { padding: '4px 14px' } } : undefined}
    >
      {isMobile ? (
        <List
          dataSource={data.children}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid={`child-row-${c.id}`} style={{ display: 'block' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {c.name}
                </Typography.Text>
                <Button type="link" size="large" onClick={() => onDrill(c.id)} data-testid={`child-drill-${c.id}`} style={{ paddingInline: 4 }}>
                  {t('dashboard.children.drill')} <RightOutlined />
                </Button>
              </div>
              <Space wrap size={4} style={{ fontSize: 12, color: '#8c8c8c' }}>
                <Tag>{labels.orgType(c.typeCode)}</Tag>
                <span>
                  <UserOutlined /> {c.responsiblePerson || t('dashboard.notSet')}
                </span>
              </Space>
              {completion(c)}
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: '2px 12px', fontSize: 13 }}>
                <span>
                  {t('dashboard.children.members')}：{c.members}
                </span>
                <span>
                  {t('dashboard.children.participation')}：{pct(c.participationRate)}
                </span>
                <span>
                  {t('dashboard.children.plans')}：{plans(c)}
                </span>
                <span>
                  {t('dashboard.children.approved')}：{approved(c)}
                </span>
                <span>
                  {t('dashboard.children.activities')}：{activities(c)}
                </span>
                <span>
                  {t('dashboard.children.tasks')}：{c.tasksDone} / {c.tasksRequired}
                </span>
                <span>
                  {t('dashboard.children.awareness')}：{pct(c.awarenessRate)}
                </span>
                <span>
                  {t('dashboard.children.branchCoverage')}：{pct(c.branchCoverageRate)}
                </span>
                <span>
                  {t('dashboard.children.pledges')}：{pct(c.pledgeRate)}
                </span>
                <span>
                  {t('dashboard.children.media')}：{c.media}
                </span>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.children}
          scroll={{ x: 1450 }}
          pagination={data.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          onRow={(c) => ({ 'data-testid': `child-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}

/** 滞后单位: units of the subtree with overdue tasks not done, most behind first, with who answers for them. */
export function LaggingUnits({ campaignId, orgId }: { campaignId: number; orgId: number }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const { data, isPending } = useLagging(campaignId, orgId, 10);
  return (
    <Card title={t('dashboard.lagging.title')} style={{ marginBottom: 16 }} data-testid="dashboard-lagging" loading={isPending}>
      {!data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.lagging.none')} />
      ) : (
        <List
          dataSource={data}
          renderItem={(u) => (
            <List.Item
              key={u.orgId}
              data-testid={`lagging-row-${u.orgId}`}
              actions={[
                <Link key="tasks" to={`/campaigns/${campaignId}/tasks?orgId=${u.orgId}`}>
                  {t('dashboard.units.viewTasks')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {u.name}
                    {u.parentName ? (
                      <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                        {' '}
                        · {u.parentName}
                      </Typography.Text>
                    ) : null}
                  </span>
                }
                description={
                  <Space orientation="vertical" size={4}>
                    <span>
                      <UserOutlined /> {t('dashboard.responsible')}：{u.responsiblePerson || t('dashboard.notSet')}
                    </span>
                    <Space wrap size={4}>
                      {u.overdueTasks.map((x) => (
                        <Tag color="red" key={x.key}>
                          {en ? x.nameEn : x.nameZh}
                        </Tag>
                      ))}
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
