import { Alert, Button, Card, Col, Progress, Result, Row, Skeleton, Space, Statistic, Steps, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useEvaluation, type Evaluation } from './api.ts';
import { StageTag, STEP_STAGES } from './labels.tsx';
import { MyPart } from './MyPart.tsx';
import { ManagePanel } from './ManagePanel.tsx';
import { GradesView, ReviewPanel } from './GradeProposal.tsx';

/** One round of 团员教育评议: the steps, the figures, and what the viewer does at this step. */
export default function EvaluationPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const { data: e, isPending, error } = useEvaluation(id);
  if (error && !e)
    return (
      <Result status={isApiError(error) && error.status === 404 ? '404' : 'error'} title={isApiError(error) ? error.text(i18n.language) : String(error)} />
    );
  if (isPending || !e)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }} data-testid="evaluation-detail">
      <div className="zx-page-toolbar">
        <Link to="/evaluations">
          <Button icon={<ArrowLeftOutlined />} data-testid="evaluation-back">
            {t('evaluation.backToList')}
          </Button>
        </Link>
      </div>
      <Header e={e} />
      {e.me && <MyPart e={e} />}
      {e.canManage && !e.canApprove && <ManagePanel e={e} />}
      {e.canApprove && <ReviewPanel e={e} />}
      {e.full && !e.canManage && !e.canApprove && ['submitted', 'approved', 'proposal'].includes(e.stage) && <GradesView e={e} />}
    </Space>
  );
}

function Header({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const current = e.stage === 'approved' ? STEP_STAGES.length : STEP_STAGES.indexOf(e.stage as (typeof STEP_STAGES)[number]);
  const f = e.figures;
  return (
    <Card size={isMobile ? 'small' : 'default'}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="evaluation-title">
            {t('evaluation.roundTitle', { org: e.org.name, year: e.year })}
          </Typography.Title>
          <StageTag stage={e.stage} testId="evaluation-stage" />
        </Space>
        {e.review.returnComment && e.stage === 'proposal' && (
          <Alert
            type="error"
            showIcon
            data-testid="evaluation-return-comment"
            message={t('evaluation.returned', { who: e.review.decidedBy ?? '' })}
            description={e.review.returnComment}
          />
        )}
        {isMobile ? (
          // On the phone one line: which step of six, and the bar.
          <div data-testid="evaluation-steps">
            <Typography.Text type="secondary">
              {t('evaluation.stepOf', {
                n: Math.min(current + 1, STEP_STAGES.length),
                total: STEP_STAGES.length,
                step: t(e.stage === 'approved' ? 'evaluation.stage.approved' : `evaluation.step.${e.stage}`),
              })}
            </Typography.Text>
            <Progress percent={Math.round((current / STEP_STAGES.length) * 100)} showInfo={false} size="small" />
          </div>
        ) : (
          <Steps size="small" current={current} items={STEP_STAGES.map((s) => ({ title: t(`evaluation.step.${s}`) }))} data-testid="evaluation-steps" />
        )}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Statistic title={t('evaluation.fig.participants')} value={f.participants} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('evaluation.fig.selfAssessed')} value={f.selfAssessed} suffix={`/ ${f.participants}`} data-testid="evaluation-fig-self" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('evaluation.fig.vote')}
              value={e.vote.present ?? (e.vote.session ? e.vote.session.votedCount : '—')}
              suffix={e.vote.present != null || e.vote.session ? t('evaluation.fig.voteSuffix', { n: f.participants, min: f.quorumMinimum }) : undefined}
              data-testid="evaluation-fig-vote"
            />
          </Col>
          {e.full && (
            <Col xs={12} md={6}>
              <Statistic
                title={t('evaluation.fig.excellent')}
                value={f.excellent}
                suffix={`/ ${f.excellentCap}`}
                valueStyle={(f.excellent ?? 0) > f.excellentCap ? { color: '#cf1322' } : undefined}
                data-testid="evaluation-fig-excellent"
              />
            </Col>
          )}
        </Row>
      </Space>
    </Card>
  );
}
