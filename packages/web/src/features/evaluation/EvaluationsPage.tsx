import { useState } from 'react';
import { App, Button, Card, Empty, Input, List, Select, Skeleton, Space, Table, Tabs, Tag, Typography, type ButtonProps } from 'antd';
import { CheckCircleOutlined, PlayCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { codeIn } from '../../app/codes.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evaluationApi, useEvaluationMutation, useEvaluationUnits, useMyEvaluations, type UnitRow } from './api.ts';
import { GradeTag, StageTag } from './labels.tsx';
import { NegativeListBoard } from './NegativeListBoard.tsx';
import { SettingsCard } from './SettingsCard.tsx';

const thisYear = () => new Date().getFullYear();
const STAGES = ['all', 'not_started', 'study', 'self_assessment', 'peer_review', 'voting', 'proposal', 'submitted', 'approved'] as const;

/** 团员评议: my own rounds (members), the units' progress and the approval queue (committees), the negative list, the rules. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const mine = useMyEvaluations();
  const hasMember = mine.data?.memberId != null;
  const committee = can('evaluation.read');
  const tab = params.get('tab') ?? (committee ? 'units' : 'mine');
  const items = [
    ...(hasMember ? [{ key: 'mine', label: <span data-testid="evaluation-tab-mine">{t('evaluation.tabs.mine')}</span>, children: <MyRounds /> }] : []),
    ...(committee ? [{ key: 'units', label: <span data-testid="evaluation-tab-units">{t('evaluation.tabs.units')}</span>, children: <UnitsBoard /> }] : []),
    ...(committee
      ? [{ key: 'negative', label: <span data-testid="evaluation-tab-negative">{t('evaluation.tabs.negative')}</span>, children: <NegativeListBoard /> }]
      : []),
    { key: 'settings', label: <span data-testid="evaluation-tab-settings">{t('evaluation.tabs.settings')}</span>, children: <SettingsCard /> },
  ];
  if (mine.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  return (
    <div data-testid="evaluation-page">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('evaluation.nav')}</h2>
      </div>
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : items[0].key} onChange={(k) => setParams({ tab: k })} items={items} />
    </div>
  );
}

/** A member's own rounds: what to do now in each, and the approved grade. */
function MyRounds() {
  const { t } = useTranslation();
  const { data } = useMyEvaluations();
  if (!data?.items.length)
    return (
      <Card>
        <Empty description={t('evaluation.mineEmpty')} />
      </Card>
    );
  return (
    <List
      data-testid="evaluation-mine"
      dataSource={data.items}
      renderItem={(r) => (
        <Card size="small" style={{ marginBottom: 12 }} key={r.evaluationId}>
          <Link to={`/evaluations/${r.evaluationId}`} data-testid={`evaluation-mine-${r.evaluationId}`} style={{ display: 'block', color: 'inherit' }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Space direction="vertical" size={2}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {t('evaluation.roundTitle', { org: r.orgName, year: r.year })}
                </Typography.Text>
                <Space wrap size={4}>
                  <StageTag stage={r.stage} />
                  {r.stage !== 'approved' &&
                    (r.selfAssessmentDone ? <Tag color="green">{t('evaluation.selfDone')}</Tag> : <Tag color="orange">{t('evaluation.selfTodo')}</Tag>)}
                  {r.vote?.status === 'open' &&
                    (r.vote.voted ? <Tag color="green">{t('evaluation.voted')}</Tag> : <Tag color="red">{t('evaluation.voteTodo')}</Tag>)}
                  {r.finalGrade && <GradeTag grade={r.finalGrade} />}
                </Space>
              </Space>
              <RightOutlined />
            </Space>
          </Link>
        </Card>
      )}
    />
  );
}

/** Units holding members in scope with their round of the year: open a round, follow progress, approve what was submitted. */
function UnitsBoard() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [year, setYear] = useState(thisYear());
  const [stage, setStage] = useState<(typeof STAGES)[number]>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, isPending } = useEvaluationUnits({ year, stage: stage === 'all' ? undefined : stage, page, q: q || undefined });
  const open = useEvaluationMutation((orgId: number) => evaluationApi.open(orgId, year));
  const start = (u: UnitRow) =>
    modal.confirm({
      title: t('evaluation.openTitle', { org: u.orgName, year }),
      content: t('evaluation.openConfirm', { n: u.members }),
      okText: t('evaluation.open'),
      okButtonProps: { 'data-testid': 'evaluation-open-confirm' } as ButtonProps,
      onOk: () =>
        open.mutateAsync(u.orgId).then(
          (r) => navigate(`/evaluations/${r.id}`),
          (e) => {
            message.error(errorText(e, i18n.language));
          },
        ),
    });
  const action = (u: UnitRow) =>
    u.evaluationId ? (
      <Link to={`/evaluations/${u.evaluationId}`} data-testid={`evaluation-unit-view-${u.orgId}`}>
        <Button type={u.canApprove ? 'primary' : 'default'} icon={u.canApprove ? <CheckCircleOutlined /> : undefined}>
          {u.canApprove ? t('evaluation.toReview') : t('evaluation.view')}
        </Button>
      </Link>
    ) : u.canOpen ? (
      <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => start(u)} data-testid={`evaluation-unit-open-${u.orgId}`}>
        {t('evaluation.open')}
      </Button>
    ) : null;
  const progress = (u: UnitRow) =>
    u.evaluationId
      ? t('evaluation.unitProgress', { self: u.selfAssessed, n: u.participants, ex: u.excellent, un: u.unqualified })
      : t('evaluation.membersN', { n: u.members });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={isMobile ? { width: '100%' } : undefined}>
        <Select
          value={year}
          onChange={(y) => {
            setYear(y);
            setPage(1);
          }}
          options={[thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2].map((y) => ({ value: y, label: t('evaluation.yearN', { year: y }) }))}
          style={{ width: 120 }}
          data-testid="evaluation-year"
        />
        <Input.Search
          allowClear
          placeholder={t('evaluation.searchUnit')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: isMobile ? '100%' : 240 }}
        />
      </Space>
      <Tabs
        size="small"
        activeKey={stage}
        onChange={(k) => {
          setStage(codeIn(STAGES, k) ?? 'all');
          setPage(1);
        }}
        items={STAGES.map((s) => ({
          key: s,
          label: (
            <span data-testid={`evaluation-stage-${s}`}>
              {t(s === 'all' ? 'evaluation.all' : `evaluation.stage.${s}`)} {data?.counts[s] ?? ''}
            </span>
          ),
        }))}
      />
      {isPending && !data ? (
        <Skeleton active />
      ) : isMobile ? (
        <List
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('evaluation.unitsEmpty')} /> }}
          pagination={data && data.total > 20 ? { current: page, total: data.total, pageSize: 20, onChange: setPage, simple: true } : false}
          renderItem={(u) => (
            <Card size="small" style={{ marginBottom: 10 }} data-testid={`evaluation-unit-${u.orgId}`}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{u.orgName}</Typography.Text>
                  <StageTag stage={u.stage} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {u.parentName ?? ''}
                  {u.responsiblePerson ? ` · ${u.responsiblePerson}` : ''}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 13 }}>{progress(u)}</Typography.Text>
                <div>{action(u)}</div>
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<UnitRow>
          rowKey="orgId"
          size="middle"
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('evaluation.unitsEmpty')} /> }}
          pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
          onRow={(u) => ({ 'data-testid': `evaluation-unit-${u.orgId}` }) as object}
          columns={[
            {
              title: t('evaluation.col.unit'),
              dataIndex: 'orgName',
              render: (v, u) => (
                <Space direction="vertical" size={0}>
                  <span>{v}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.parentName}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('evaluation.col.responsible'), dataIndex: 'responsiblePerson', render: (v) => v ?? '—' },
            { title: t('evaluation.col.stage'), dataIndex: 'stage', render: (s) => <StageTag stage={s} /> },
            { title: t('evaluation.col.progress'), render: (_, u) => progress(u) },
            { title: t('evaluation.col.submittedAt'), dataIndex: 'submittedAt', render: (v) => (v ? v.slice(0, 10) : '—') },
            { title: '', render: (_, u) => action(u), align: 'right' },
          ]}
        />
      )}
    </Space>
  );
}
