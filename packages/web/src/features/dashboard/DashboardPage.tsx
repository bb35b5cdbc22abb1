import { useState, type ReactNode } from 'react';
import { Breadcrumb, Button, Card, Col, Result, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { CheckSquareOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useLabels } from '../../app/labels.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { activitiesLink, pct, useDashboard, type Dashboard } from './api.ts';
import { ActivityCharts, ChildrenChart } from './Charts.tsx';
import { ChildrenFigures, LaggingUnits } from './ChildrenFigures.tsx';
import { TaskFigures } from './TaskFigures.tsx';
import { ReachFigures } from './ReachFigures.tsx';
import { UnitsDrawer, type UnitsDrawerState } from './UnitsDrawer.tsx';

/**
 * 数据看板: one organization's figures in a campaign, read from roll-up rows. Every figure opens
 * the rows behind it; a child unit drills down (?orgId=).
 */
export default function DashboardPage() {
  const { i18n } = useTranslation();
  const campaignId = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || null;
  const { data, isPending, error } = useDashboard(campaignId, orgId);
  const [drawer, setDrawer] = useState<(UnitsDrawerState & { orgId: number }) | null>(null);
  const drill = (id: number) => {
    setParams((p) => {
      p.set('orgId', String(id));
      return p;
    });
    window.scrollTo({ top: 0 });
  };

  if (error && !data) {
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'error'}
        title={isApiError(error) ? error.text(i18n.language) : String(error)}
        data-testid="dashboard-error"
      />
    );
  }
  if (isPending || !data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );

  const open = (s: UnitsDrawerState, at = data.org.id) => setDrawer({ ...s, orgId: at });
  return (
    <div data-testid="dashboard-page">
      <Header data={data} onDrill={drill} />
      <Kpis data={data} onOpen={open} />
      <ReachFigures data={data} />
      <TaskFigures data={data} onOpen={open} />
      <ActivityCharts data={data} />
      {data.children.length > 0 && (
        <>
          <ChildrenChart data={data} onDrill={drill} />
          <ChildrenFigures data={data} onDrill={drill} onOpen={open} />
        </>
      )}
      <LaggingUnits campaignId={campaignId} orgId={data.org.id} />
      <UnitsDrawer campaignId={campaignId} orgId={drawer?.orgId ?? data.org.id} state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}

function Header({ data, onDrill }: { data: Dashboard; onDrill: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const c = data.campaign;
  const current = c.phases.findIndex((p) => p.key === c.currentPhase);
  const phase = c.phases[current];
  const crumbs = [...data.ancestors, { id: data.org.id, name: data.org.name }];

  return (
    <Card style={{ marginBottom: 16 }} data-testid="dashboard-header">
      <div className="zx-page-toolbar" style={{ alignItems: 'flex-start' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-campaign-name">
            {c.name}
          </Typography.Title>
          <Breadcrumb
            style={{ marginTop: 8 }}
            data-testid="dashboard-breadcrumb"
            items={crumbs.map((a, i) => ({
              key: a.id,
              title:
                i === crumbs.length - 1 ? (
                  <span data-testid="dashboard-org-name">{a.name}</span>
                ) : (
                  <a onClick={() => onDrill(a.id)} data-testid={`dashboard-crumb-${a.id}`}>
                    {a.name}
                  </a>
                ),
            }))}
          />
          <Space wrap size={4} style={{ marginTop: 8 }}>
            <Tag>{labels.orgType(data.org.typeCode)}</Tag>
            <Typography.Text type="secondary" data-testid="dashboard-responsible">
              <UserOutlined /> {t('dashboard.responsible')}：{data.org.responsiblePerson || t('dashboard.notSet')}
            </Typography.Text>
          </Space>
        </div>
        <Link to={`/campaigns/${c.id}/tasks?orgId=${data.org.id}`}>
          <Button icon={<CheckSquareOutlined />} data-testid="dashboard-tasks-link">
            {t('tasks.title')}
          </Button>
        </Link>
      </div>
      <Typography.Text strong style={{ display: 'block', margin: '12px 0' }} data-testid="dashboard-phase">
        {phase && c.daysLeft !== null
          ? t('campaign.currentPhase', { phase: en ? phase.nameEn : phase.nameZh, days: c.daysLeft })
          : t(`campaign.status.${c.status}`)}
      </Typography.Text>
      <Steps
        size="small"
        orientation={isMobile ? 'vertical' : 'horizontal'}
        current={current < 0 ? (c.status === 'finished' ? c.phases.length : -1) : current}
        items={c.phases.map((p) => ({ title: en ? p.nameEn : p.nameZh, content: p.startsOn ? `${p.startsOn} ~ ${p.endsOn}` : '' }))}
      />
    </Card>
  );
}

function Kpi({ id, title, value, hint, onClick, to }: { id: string; title: string; value: ReactNode; hint?: ReactNode; onClick?: () => void; to?: string }) {
  const body = (
    <Card
      size="small"
      hoverable={!!(onClick || to)}
      onClick={onClick}
      role={onClick ? 'button' : undefined}
      style={{ height: '100%' }}
      data-testid={`kpi-${id}`}
    >
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {title}
      </Typography.Text>
      <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.4, margin: '2px 0' }} data-testid={`kpi-${id}-value`}>
        {value}
      </div>
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
    </Card>
  );
  return to ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {body}
    </Link>
  ) : (
    body
  );
}

function Kpis({ data, onOpen }: { data: Dashboard; onOpen: (s: UnitsDrawerState) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const c = data.campaign;
  const p = data.plans;
  const notAssessed = <span style={{ color: '#8c8c8c', fontSize: 20 }}>{t('dashboard.kpi.notAssessed')}</span>;
  const avg = data.targets.excellentRatioTargetAvg;
  const items = [
    {
      id: 'members',
      title: t('dashboard.kpi.members'),
      value: data.members,
      hint: t('dashboard.kpi.participantsHint', { n: data.participants }),
      to: can('member.read') ? `/members?orgId=${data.org.id}&subtree=1` : undefined,
    },
    {
      id: 'participation',
      title: t('dashboard.kpi.participation'),
      value: pct(data.participationRate),
      hint: t('dashboard.kpi.participationHint', { n: data.participants, total: data.members }),
      to: activitiesLink(c.id, data.org.id),
    },
    {
      id: 'plan-submission',
      title: t('dashboard.kpi.planSubmission'),
      value: pct(p.submissionRate),
      hint: t('dashboard.kpi.planHint', { n: p.submitted, total: p.required }),
      onClick: () => onOpen({ title: t('dashboard.plan.title'), filter: { plan: 'missing' } }),
    },
    {
      id: 'plan-approval',
      title: t('dashboard.kpi.planApproval'),
      value: pct(p.approvalRate),
      hint: t('dashboard.kpi.approvedHint', { n: p.approved, total: p.required }),
      onClick: () => onOpen({ title: t('dashboard.plan.title'), filter: { plan: 'approved' } }),
    },
    {
      id: 'activities',
      title: t('dashboard.kpi.activities'),
      value: data.activities.total,
      hint: t('dashboard.kpi.activitiesHint'),
      to: activitiesLink(c.id, data.org.id),
    },
    {
      id: 'red-flag',
      title: t('dashboard.kpi.redFlag'),
      value: data.assessment.redFlagRatio === null ? notAssessed : pct(data.assessment.redFlagRatio),
      hint: t('dashboard.kpi.redFlagTarget', { n: data.targets.redFlagUnits }),
      onClick: () => onOpen({ title: t('dashboard.plan.title'), filter: { plan: 'approved' } }),
    },
    {
      id: 'excellent',
      title: t('dashboard.kpi.excellent'),
      value: data.assessment.excellentMemberRatio === null ? notAssessed : pct(data.assessment.excellentMemberRatio),
      hint: avg === null ? t('dashboard.kpi.noTarget') : t('dashboard.kpi.excellentTarget', { v: `${Math.round(avg * 10) / 10}%` }),
      onClick: () => onOpen({ title: t('dashboard.plan.title'), filter: { plan: 'approved' } }),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="dashboard-kpis">
      {items.map(({ id, ...k }, i) => (
        <Col key={id} xs={i === items.length - 1 && items.length % 2 ? 24 : 12} sm={8} lg={6}>
          <Kpi id={id} {...k} />
        </Col>
      ))}
    </Row>
  );
}
