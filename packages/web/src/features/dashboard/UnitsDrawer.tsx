import { useEffect, useState } from 'react';
import { Drawer, Empty, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useUnits, type PlanState, type TaskStatus, type UnitsFilter } from './api.ts';

export const STATUS_COLOR: Record<string, string> = { done: 'green', pending: 'blue', overdue: 'red', missing: 'red', submitted: 'blue', approved: 'green' };
const TASK_STATES: TaskStatus[] = ['overdue', 'pending', 'done'];
const PLAN_STATES: PlanState[] = ['missing', 'submitted', 'approved'];

export interface UnitsDrawerState {
  title: string;
  filter: UnitsFilter;
}

/** The rows behind a dashboard figure: units of the subtree by task or plan state, with their responsible person. */
export function UnitsDrawer({ campaignId, orgId, state, onClose }: { campaignId: number; orgId: number; state: UnitsDrawerState | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<UnitsFilter | null>(state?.filter ?? null);
  const [page, setPage] = useState(1);
  useEffect(() => {
    setFilter(state?.filter ?? null);
    setPage(1);
  }, [state]);
  const { data, isFetching } = useUnits(campaignId, orgId, state ? filter : null, page);
  const isTask = !!filter && 'taskKey' in filter;
  const value = filter ? ('taskKey' in filter ? filter.status : filter.plan) : undefined;
  const change = (v: string) => {
    if (!filter) return;
    setFilter('taskKey' in filter ? { taskKey: filter.taskKey, status: v as TaskStatus } : { plan: v as PlanState });
    setPage(1);
  };
  const stateLabel = (s: string) => (isTask ? t(`tasks.status.${s}`) : t(`dashboard.plan.${s}`));

  return (
    <Drawer open={!!state} onClose={onClose} title={state?.title} size={isMobile ? '100%' : 560} destroyOnHidden data-testid="units-drawer">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Segmented
          block
          value={value}
          onChange={(v) => change(String(v))}
          options={(isTask ? TASK_STATES : PLAN_STATES).map((s) => ({ value: s, label: <span data-testid={`units-filter-${s}`}>{stateLabel(s)}</span> }))}
        />
        <Typography.Text type="secondary" data-testid="units-total">
          {t('dashboard.units.total', { n: data?.total ?? 0 })}
        </Typography.Text>
        <List
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.units.empty')} /> }}
          data-testid="units-list"
          renderItem={(u) => (
            <List.Item
              key={u.orgId}
              data-testid={`unit-row-${u.orgId}`}
              actions={[
                <Link key="tasks" to={`/campaigns/${campaignId}/tasks?orgId=${u.orgId}`} onClick={onClose}>
                  {t('dashboard.units.viewTasks')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{u.name}</span>
                    <Tag color={STATUS_COLOR[u.status]}>{stateLabel(u.status)}</Tag>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <span data-testid={`unit-responsible-${u.orgId}`}>
                      <UserOutlined /> {t('dashboard.responsible')}：{u.responsiblePerson || t('dashboard.notSet')}
                    </span>
                    <span>
                      {labels.orgType(u.typeCode)}
                      {u.parentName ? ` · ${u.parentName}` : ''}
                      {u.dueOn && u.status !== 'done' && u.status !== 'approved' ? ` · ${t('tasks.dueOn', { date: u.dueOn })}` : ''}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {(data?.total ?? 0) > (data?.pageSize ?? 20) && (
          <Pagination simple align="center" current={page} pageSize={data?.pageSize ?? 20} total={data?.total ?? 0} onChange={setPage} />
        )}
      </Space>
    </Drawer>
  );
}
