import { Card, List, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evidenceText } from '../tasks/evidence.ts';
import type { Dashboard, DashboardTask } from './api.ts';
import { STATUS_COLOR, type UnitsDrawerState } from './UnitsDrawer.tsx';

const percent = (t: DashboardTask) => (t.rate === null ? 0 : Math.round(t.rate * 1000) / 10);
/** Overdue shares in red, but with their number (antd's 'exception' status would hide it behind an icon). */
const progressLook = (t: DashboardTask) =>
  t.status === 'done'
    ? { status: 'success' as const }
    : t.status === 'overdue'
      ? { strokeColor: '#cf1322', status: 'normal' as const }
      : { status: 'normal' as const };

/** 任务完成情况: for each task the share of units done; the figures open the units behind them. */
export function TaskFigures({ data, onOpen }: { data: Dashboard; onOpen: (s: UnitsDrawerState) => void }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const phases = data.campaign.phases;
  const phaseName = (key: string) => {
    const p = phases.find((x) => x.key === key);
    return p ? (en ? p.nameEn : p.nameZh) : key;
  };
  const name = (task: DashboardTask) => (en ? task.nameEn : task.nameZh);
  const openTask = (task: DashboardTask, status?: DashboardTask['status']) =>
    onOpen({
      title: name(task),
      filter: { taskKey: task.key, status: status ?? (task.overdue > 0 ? 'overdue' : task.done < task.required ? 'pending' : 'done') },
    });
  const figure = (task: DashboardTask) => (
    <a onClick={() => openTask(task)} data-testid={`task-figure-${task.key}`}>
      {task.done} / {task.required}
    </a>
  );
  const overdue = (task: DashboardTask) =>
    task.overdue > 0 ? (
      <a style={{ color: '#cf1322' }} onClick={() => openTask(task, 'overdue')} data-testid={`task-overdue-${task.key}`}>
        {task.overdue}
      </a>
    ) : (
      <span>0</span>
    );
  const status = (task: DashboardTask) => (
    <Tag color={STATUS_COLOR[task.status]} data-testid={`task-status-${task.key}`}>
      {t(`tasks.status.${task.status}`)}
    </Tag>
  );
  const tasks = data.tasks.filter((x) => x.required > 0);

  const columns: ColumnsType<DashboardTask> = [
    {
      title: t('dashboard.tasks.task'),
      key: 'name',
      render: (_, task) => (
        <Space orientation="vertical" size={0}>
          <Tooltip title={evidenceText(task.evidence, t, en)}>
            <span>{name(task)}</span>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {phaseName(task.phaseKey)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('dashboard.tasks.progress'),
      key: 'rate',
      width: 200,
      render: (_, task) => <Progress percent={percent(task)} size="small" {...progressLook(task)} />,
    },
    { title: t('dashboard.tasks.done'), key: 'done', width: 120, align: 'right', render: (_, task) => figure(task) },
    { title: t('dashboard.tasks.overdue'), key: 'overdue', width: 80, align: 'right', render: (_, task) => overdue(task) },
    { title: t('dashboard.tasks.dueOn'), dataIndex: 'dueOn', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('dashboard.tasks.status'), key: 'status', width: 100, render: (_, task) => status(task) },
  ];

  return (
    <Card
      title={t('dashboard.tasks.title')}
      style={{ marginBottom: 16 }}
      data-testid="dashboard-tasks"
      styles={isMobile ? { body: { padding: '4px 14px' } } : undefined}
    >
      {isMobile ? (
        <List
          dataSource={tasks}
          renderItem={(task) => (
            <List.Item key={task.key} data-testid={`task-row-${task.key}`} style={{ display: 'block' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text strong>{name(task)}</Typography.Text>
                {status(task)}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {phaseName(task.phaseKey)}
                {task.dueOn ? ` · ${t('tasks.dueOn', { date: task.dueOn })}` : ''}
              </Typography.Text>
              <Progress percent={percent(task)} size="small" {...progressLook(task)} />
              <Space size="large">
                <span>
                  {t('dashboard.tasks.done')}：{figure(task)}
                </span>
                <span>
                  {t('dashboard.tasks.overdue')}：{overdue(task)}
                </span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={tasks}
          pagination={false}
          onRow={(task) => ({ 'data-testid': `task-row-${task.key}` }) as HTMLAttributes<HTMLElement>}
        />
      )}
    </Card>
  );
}
