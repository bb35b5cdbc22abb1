import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Input, List, Modal, Popconfirm, Progress, Result, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { BarChartOutlined, CheckCircleOutlined, FileSearchOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evidenceAction, evidenceText } from './evidence.ts';
import { useCampaign, useConfirmTask, useUnitTasks, type UnitTask } from './api.ts';

const STATUS_COLOR = { done: 'green', pending: 'blue', overdue: 'red' } as const;

/** 任务清单: one unit's tasks by phase, what makes each done, where to make it, and the manual tick where allowed. */
export default function TasksPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const campaignId = Number(useParams().id);
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId')) || null;
  const { data: campaign } = useCampaign(campaignId);
  const { data, isPending, error } = useUnitTasks(campaignId, orgId);
  const [showAll, setShowAll] = useState(false);
  const [confirming, setConfirming] = useState<UnitTask | null>(null);

  const phases = useMemo(() => {
    const groups: { key: string; name: string; tasks: UnitTask[] }[] = [];
    for (const task of data?.tasks ?? []) {
      if (!showAll && !task.applicable) continue;
      let g = groups.find((x) => x.key === task.phaseKey);
      if (!g) groups.push((g = { key: task.phaseKey, name: en ? task.phaseNameEn : task.phaseNameZh, tasks: [] }));
      g.tasks.push(task);
    }
    return groups;
  }, [data, showAll, en]);

  if (error && !data) {
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'error'}
        title={isApiError(error) ? error.text(i18n.language) : String(error)}
        data-testid="tasks-error"
      />
    );
  }
  if (isPending || !data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );

  const applicable = data.tasks.filter((x) => x.applicable);
  const done = applicable.filter((x) => x.done).length;
  const hidden = data.tasks.length - applicable.length;
  const phase = campaign?.phases.find((p) => p.key === campaign.currentPhase);

  return (
    <div data-testid="tasks-page" style={{ maxWidth: 960 }}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{campaign?.name}</Typography.Text>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="tasks-org-name">
          {t('tasks.unitTitle', { org: data.org.name })}
        </Typography.Title>
        <Space wrap size={[12, 4]} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            <UserOutlined /> {t('dashboard.responsible')}：{data.org.responsiblePerson || t('dashboard.notSet')}
          </Typography.Text>
          {phase && campaign?.daysLeft !== null && campaign?.daysLeft !== undefined && (
            <Typography.Text strong>{t('campaign.currentPhase', { phase: en ? phase.nameEn : phase.nameZh, days: campaign.daysLeft })}</Typography.Text>
          )}
        </Space>
        <Progress
          percent={applicable.length ? Math.round((done / applicable.length) * 100) : 0}
          format={() => `${done} / ${applicable.length}`}
          data-testid="tasks-progress"
        />
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginTop: 8 }}>
          {hidden > 0 ? (
            <Space size={6}>
              <Switch size="small" checked={showAll} onChange={setShowAll} data-testid="tasks-show-all" />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('tasks.showAll', { n: hidden })}
              </Typography.Text>
            </Space>
          ) : (
            <span />
          )}
          <Link to={`/campaigns/${campaignId}/dashboard?orgId=${data.org.id}`} data-testid="tasks-dashboard-link">
            <Button icon={<BarChartOutlined />} size={isMobile ? 'middle' : 'middle'}>
              {t('dashboard.title')}
            </Button>
          </Link>
        </div>
      </Card>
      {phases.length === 0 ? (
        <Card>
          <Empty description={t('tasks.none')} />
        </Card>
      ) : (
        phases.map((g) => (
          <Card
            key={g.key}
            title={
              <Space wrap>
                <span>{g.name}</span>
                {campaign?.currentPhase === g.key && <Tag color="red">{t('tasks.currentPhase')}</Tag>}
              </Space>
            }
            extra={
              <Typography.Text type="secondary">
                {g.tasks.filter((x) => x.done).length} / {g.tasks.filter((x) => x.applicable).length}
              </Typography.Text>
            }
            style={{ marginBottom: 16 }}
            styles={{ body: { padding: isMobile ? '0 14px' : '0 24px' } }}
            data-testid={`tasks-phase-${g.key}`}
          >
            <List
              dataSource={g.tasks}
              renderItem={(task) => (
                <TaskItem key={task.key} task={task} orgId={data.org.id} campaignId={campaignId} orgParam={orgId} onConfirm={() => setConfirming(task)} />
              )}
            />
          </Card>
        ))
      )}
      <ConfirmModal task={confirming} campaignId={campaignId} orgId={data.org.id} orgParam={orgId} onClose={() => setConfirming(null)} />
    </div>
  );
}

function TaskItem({
  task,
  orgId,
  campaignId,
  orgParam,
  onConfirm,
}: {
  task: UnitTask;
  orgId: number;
  campaignId: number;
  orgParam: number | null;
  onConfirm: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = i18n.language === 'en-US';
  const confirm = useConfirmTask(campaignId, orgParam);
  const isConfirmation = task.evidence?.kind === 'confirmation';
  const unconfirm = () =>
    confirm.mutate(
      { taskKey: task.key, orgId, confirmed: false },
      {
        onSuccess: () => message.success(t('tasks.unconfirmed')),
        onError: (e) => message.error(errorText(e, i18n.language)),
      },
    );

  return (
    <List.Item data-testid={`task-item-${task.key}`} style={{ display: 'block', padding: '14px 0', opacity: task.applicable ? 1 : 0.55 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {en ? task.nameEn : task.nameZh}
        </Typography.Text>
        {task.applicable ? (
          <Tag color={STATUS_COLOR[task.status]} style={{ marginInlineEnd: 0 }} data-testid={`task-item-status-${task.key}`}>
            {t(`tasks.status.${task.status}`)}
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{t('tasks.notApplicable')}</Tag>
        )}
      </div>
      {!en && task.descriptionZh && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0', fontSize: 13 }}>
          {task.descriptionZh}
        </Typography.Paragraph>
      )}
      <div style={{ fontSize: 13, margin: '6px 0' }} data-testid={`task-evidence-${task.key}`}>
        <FileSearchOutlined style={{ color: '#c8161d' }} /> {t('tasks.evidenceLabel')}：{evidenceText(task.evidence, t, en)}
      </div>
      <Space wrap size={[12, 8]} style={{ fontSize: 13 }}>
        {task.dueOn && <Typography.Text type={task.status === 'overdue' ? 'danger' : 'secondary'}>{t('tasks.dueOn', { date: task.dueOn })}</Typography.Text>}
        {task.confirmedAt && (
          <Typography.Text type="success" data-testid={`task-confirmed-at-${task.key}`}>
            <CheckCircleOutlined /> {t('tasks.confirmedAt', { at: dayjs(task.confirmedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
        )}
      </Space>
      {task.applicable && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 10 }}>
          {task.confirmable && !task.done && (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={onConfirm} data-testid={`task-confirm-${task.key}`}>
              {t('tasks.confirm')}
            </Button>
          )}
          {task.confirmable && task.done && (
            <Popconfirm title={t('tasks.unconfirmConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={unconfirm}>
              <Button loading={confirm.isPending} data-testid={`task-unconfirm-${task.key}`}>
                {t('tasks.unconfirm')}
              </Button>
            </Popconfirm>
          )}
          {!isConfirmation && task.evidenceLink && !task.done && (
            <Link to={task.evidenceLink} data-testid={`task-evidence-link-${task.key}`}>
              <Button>
                {evidenceAction(task.evidence, t)} <RightOutlined />
              </Button>
            </Link>
          )}
        </div>
      )}
    </List.Item>
  );
}

function ConfirmModal({
  task,
  campaignId,
  orgId,
  orgParam,
  onClose,
}: {
  task: UnitTask | null;
  campaignId: number;
  orgId: number;
  orgParam: number | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const confirm = useConfirmTask(campaignId, orgParam);
  const en = i18n.language === 'en-US';
  const submit = () =>
    task &&
    confirm.mutate(
      { taskKey: task.key, orgId, confirmed: true, note },
      {
        onSuccess: () => {
          message.success(t('tasks.confirmed'));
          setNote('');
          onClose();
        },
        onError: (e) => message.error(errorText(e, i18n.language)),
      },
    );
  return (
    <Modal
      open={!!task}
      title={task ? t('tasks.confirmTitle', { task: en ? task.nameEn : task.nameZh }) : ''}
      onCancel={onClose}
      onOk={submit}
      okText={t('tasks.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={confirm.isPending}
      okButtonProps={{ 'data-testid': 'task-confirm-submit' } as Record<string, string>}
      destroyOnHidden
      data-testid="task-confirm-modal"
    >
      <Typography.Paragraph type="secondary">{t('tasks.confirmHint')}</Typography.Paragraph>
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        showCount
        autoSize={{ minRows: 3, maxRows: 6 }}
        placeholder={t('tasks.notePlaceholder')}
        data-testid="task-confirm-note"
      />
    </Modal>
  );
}
