import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, List, Modal, Radio, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { CheckOutlined, CommentOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EVALUATION_GRADES, REEVALUATION_GRADES, departsFromVote, type EvaluationGrade } from '@zx/domain/assessment/evaluation';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evaluationApi, isFull, useEvaluationMutation, type Evaluation, type FullParticipant } from './api.ts';
import { GradeTag, VoteCounts } from './labels.tsx';
import { CommentsDrawer } from './CommentsDrawer.tsx';

interface Draft {
  grade: EvaluationGrade | null;
  reason: string;
}

/** 支委会拟定等次: the vote beside each member, the 优秀 counter against the cap, a reason wherever the grade departs from the vote. */
export function GradeProposal({ e }: { e: Evaluation }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const rows = e.participants.filter(isFull);
  const [draft, setDraft] = useState<Record<number, Draft>>(() =>
    Object.fromEntries(
      rows.map((p) => [p.memberId, { grade: p.proposedGrade ?? (p.leading.length === 1 ? p.leading[0] : null), reason: p.overrideReason ?? '' }]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reading, setReading] = useState(false);
  const grades = () => rows.map((p) => ({ memberId: p.memberId, grade: draft[p.memberId]?.grade ?? null, reason: draft[p.memberId]?.reason.trim() || null }));
  const save = useEvaluationMutation(() => evaluationApi.proposal(e.id, grades()));
  const submit = useEvaluationMutation(() => evaluationApi.submit(e.id, grades()));
  const excellent = Object.values(draft).filter((d) => d.grade === 'excellent').length;
  const over = excellent > e.figures.excellentCap;
  const onError = (err: unknown) => {
    const map: Record<string, string> = {};
    if (isApiError(err)) for (const fe of err.errors) map[fe.field] ??= err.fieldText(fe, i18n.language);
    setErrors(map);
    message.error(errorText(err, i18n.language));
  };
  const set = (id: number, patch: Partial<Draft>) => setDraft((d) => ({ ...d, [id]: { ...d[id], ...patch } }));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert
        type={over ? 'error' : 'info'}
        showIcon
        data-testid="evaluation-cap"
        message={t('evaluation.proposal.counter', {
          n: excellent,
          cap: e.figures.excellentCap,
          p: e.settings.excellentCapPercent,
          total: e.figures.participants,
        })}
        description={t('evaluation.proposal.rule')}
      />
      {errors.grades && (
        <Typography.Text type="danger" data-testid="evaluation-grades-error">
          {errors.grades}
        </Typography.Text>
      )}
      <Button icon={<CommentOutlined />} onClick={() => setReading(true)} style={{ alignSelf: 'flex-start' }}>
        {t('evaluation.manage.readComments')}
      </Button>
      <List
        dataSource={rows}
        data-testid="evaluation-proposal"
        renderItem={(p, i) => {
          const d = draft[p.memberId] ?? { grade: null, reason: '' };
          const departs = d.grade ? departsFromVote(d.grade, p.votes) : false;
          return (
            <Card size="small" style={{ marginBottom: 10, width: '100%' }} data-testid={`evaluation-grade-${p.memberId}`}>
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {p.name}
                  </Typography.Text>
                  <VoteCounts votes={p.votes} leading={p.leading} testId={`evaluation-votes-${p.memberId}`} />
                </Space>
                {p.selfAssessment && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }} style={{ margin: 0, fontSize: 13 }}>
                    {p.selfAssessment}
                  </Typography.Paragraph>
                )}
                <Radio.Group
                  value={d.grade}
                  onChange={(x) => set(p.memberId, { grade: x.target.value })}
                  optionType="button"
                  buttonStyle="solid"
                  size={isMobile ? 'large' : 'middle'}
                  style={{ display: 'grid', gridTemplateColumns: isMobile ? '1fr 1fr' : 'repeat(4, max-content)', gap: 6 }}
                  options={EVALUATION_GRADES.map((g) => ({
                    value: g,
                    label: <span data-testid={`evaluation-grade-${p.memberId}-${g}`}>{t(`evaluation.grade.${g}`)}</span>,
                  }))}
                />
                {departs && (
                  <>
                    <Typography.Text type="warning" style={{ fontSize: 13 }}>
                      {t('evaluation.proposal.departs')}
                    </Typography.Text>
                    <Input.TextArea
                      value={d.reason}
                      onChange={(x) => set(p.memberId, { reason: x.target.value })}
                      autoSize={{ minRows: 2 }}
                      maxLength={1000}
                      placeholder={t('evaluation.proposal.reason')}
                      status={errors[`grades.${i}.reason`] ? 'error' : undefined}
                      data-testid={`evaluation-reason-${p.memberId}`}
                    />
                  </>
                )}
                {errors[`grades.${i}.reason`] && (
                  <Typography.Text type="danger" data-testid={`evaluation-reason-error-${p.memberId}`}>
                    {errors[`grades.${i}.reason`]}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          );
        }}
      />
      <Space wrap style={isMobile ? { width: '100%' } : undefined}>
        <Button
          size={isMobile ? 'large' : 'middle'}
          loading={save.isPending}
          onClick={() =>
            save.mutate(undefined, {
              onSuccess: () => {
                setErrors({});
                message.success(t('common.saved'));
              },
              onError,
            })
          }
          data-testid="evaluation-proposal-save"
        >
          {t('common.save')}
        </Button>
        <Button
          type="primary"
          size={isMobile ? 'large' : 'middle'}
          icon={<SendOutlined />}
          loading={submit.isPending}
          data-testid="evaluation-proposal-submit"
          onClick={() =>
            modal.confirm({
              title: t('evaluation.proposal.submit'),
              content: t('evaluation.proposal.submitConfirm'),
              okText: t('evaluation.proposal.submit'),
              okButtonProps: { 'data-testid': 'evaluation-submit-confirm' } as ButtonProps,
              onOk: () =>
                submit.mutateAsync(undefined).then(() => {
                  setErrors({});
                  message.success(t('evaluation.proposal.submitted'));
                }, onError),
            })
          }
        >
          {t('evaluation.proposal.submit')}
        </Button>
      </Space>
      <CommentsDrawer e={e} rows={rows} open={reading} onClose={() => setReading(false)} />
    </Space>
  );
}

/** The grades as proposed or approved, with the votes and the reasons; re-evaluations of 不合格 members after approval. */
export function GradesView({ e, bare, reevaluate }: { e: Evaluation; bare?: boolean; reevaluate?: boolean }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const rows = e.participants.filter(isFull);
  const [target, setTarget] = useState<FullParticipant | null>(null);
  const grade = (p: FullParticipant) => p.finalGrade ?? p.proposedGrade;
  const reeval = (p: FullParticipant) =>
    p.reevaluation && (
      <Space direction="vertical" size={2}>
        {p.reevaluation.grade ? (
          <span>
            {t('evaluation.reeval.done', { on: p.reevaluation.heldOn })} <GradeTag grade={p.reevaluation.grade} />
          </span>
        ) : (
          <Typography.Text type="warning">{t('evaluation.reeval.due', { on: p.reevaluation.dueOn })}</Typography.Text>
        )}
        {reevaluate && e.canManage && !p.reevaluation.grade && (
          <Button size="small" onClick={() => setTarget(p)} data-testid={`evaluation-reeval-${p.memberId}`}>
            {t('evaluation.reeval.record')}
          </Button>
        )}
      </Space>
    );
  const content = isMobile ? (
    <List
      dataSource={rows}
      data-testid="evaluation-grades"
      renderItem={(p) => (
        <Card size="small" style={{ marginBottom: 8, width: '100%' }} data-testid={`evaluation-final-${p.memberId}`}>
          <Space direction="vertical" size={4}>
            <Space wrap>
              <Typography.Text strong>{p.name}</Typography.Text>
              <GradeTag grade={grade(p)} />
              {p.departs && <Tag color="orange">{t('evaluation.proposal.departsTag')}</Tag>}
            </Space>
            <VoteCounts votes={p.votes} leading={p.leading} />
            {p.overrideReason && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('evaluation.proposal.reasonLabel')}
                {p.overrideReason}
              </Typography.Text>
            )}
            {reeval(p)}
          </Space>
        </Card>
      )}
    />
  ) : (
    <Table<FullParticipant>
      rowKey="memberId"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="evaluation-grades"
      onRow={(p) => ({ 'data-testid': `evaluation-final-${p.memberId}` }) as object}
      columns={[
        { title: t('evaluation.col.member'), dataIndex: 'name' },
        { title: t('evaluation.col.votes'), render: (_, p) => <VoteCounts votes={p.votes} leading={p.leading} /> },
        {
          title: t('evaluation.col.grade'),
          render: (_, p) => (
            <Space>
              <GradeTag grade={grade(p)} />
              {p.departs && <Tag color="orange">{t('evaluation.proposal.departsTag')}</Tag>}
            </Space>
          ),
        },
        { title: t('evaluation.col.reason'), dataIndex: 'overrideReason', render: (v) => v ?? '—' },
        { title: t('evaluation.col.reevaluation'), render: (_, p) => reeval(p) ?? '—' },
      ]}
    />
  );
  return (
    <>
      {bare ? (
        content
      ) : (
        <Card size="small" title={t('evaluation.grades')}>
          {content}
        </Card>
      )}
      {target && <ReevaluationModal e={e} p={target} onClose={() => setTarget(null)} />}
    </>
  );
}

function ReevaluationModal({ e, p, onClose }: { e: Evaluation; p: FullParticipant; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [grade, setGrade] = useState<EvaluationGrade>('qualified');
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  const save = useEvaluationMutation(() => evaluationApi.reevaluate(e.id, p.memberId, { grade, heldOn, note }));
  return (
    <Modal
      open
      title={t('evaluation.reeval.title', { name: p.name })}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'evaluation-reeval-save' } as ButtonProps}
      onOk={() =>
        save.mutate(undefined, {
          onSuccess: () => {
            onClose();
            message.success(t('common.saved'));
          },
          onError: (err) => message.error(errorText(err, i18n.language)),
        })
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('evaluation.reeval.hint', { on: p.reevaluation?.dueOn ?? '' })}</Typography.Text>
        <Radio.Group
          value={grade}
          onChange={(x) => setGrade(x.target.value)}
          optionType="button"
          buttonStyle="solid"
          options={REEVALUATION_GRADES.map((g) => ({ value: g, label: t(`evaluation.grade.${g}`) }))}
        />
        <Input type="date" value={heldOn} onChange={(x) => setHeldOn(x.target.value)} style={{ maxWidth: 220 }} />
        <Input.TextArea rows={3} value={note} onChange={(x) => setNote(x.target.value)} placeholder={t('evaluation.reeval.note')} maxLength={2000} />
      </Space>
    </Modal>
  );
}

/** The level above: the grades with the votes and the reasons, then approve or return with a comment. */
export function ReviewPanel({ e }: { e: Evaluation }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [decision, setDecision] = useState<'approve' | 'return' | null>(null);
  const [comment, setComment] = useState('');
  const [reading, setReading] = useState(false);
  const rows = useMemo(() => e.participants.filter(isFull), [e.participants]);
  const review = useEvaluationMutation(() => evaluationApi.review(e.id, decision!, comment.trim() || null));
  return (
    <Card size="small" title={t('evaluation.review.title')} data-testid="evaluation-review">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text>
          {t('evaluation.review.summary', {
            n: e.figures.participants,
            ex: e.figures.byGrade?.excellent,
            q: e.figures.byGrade?.qualified,
            b: e.figures.byGrade?.basic,
            u: e.figures.byGrade?.unqualified,
            present: e.vote.present ?? 0,
          })}
        </Typography.Text>
        <GradesView e={e} bare />
        <Space wrap style={isMobile ? { width: '100%' } : undefined}>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            size={isMobile ? 'large' : 'middle'}
            onClick={() => setDecision('approve')}
            data-testid="evaluation-approve"
          >
            {t('evaluation.review.approve')}
          </Button>
          <Button danger icon={<RollbackOutlined />} size={isMobile ? 'large' : 'middle'} onClick={() => setDecision('return')} data-testid="evaluation-return">
            {t('evaluation.review.return')}
          </Button>
          <Button onClick={() => setReading(true)}>{t('evaluation.manage.readComments')}</Button>
        </Space>
      </Space>
      <Modal
        open={!!decision}
        title={decision === 'return' ? t('evaluation.review.return') : t('evaluation.review.approve')}
        onCancel={() => setDecision(null)}
        okButtonProps={
          { loading: review.isPending, disabled: decision === 'return' && !comment.trim(), 'data-testid': 'evaluation-review-confirm' } as ButtonProps
        }
        onOk={() =>
          review.mutate(undefined, {
            onSuccess: () => {
              setDecision(null);
              message.success(t('common.saved'));
            },
            onError: (err) => message.error(errorText(err, i18n.language)),
          })
        }
      >
        <Input.TextArea
          rows={4}
          value={comment}
          onChange={(x) => setComment(x.target.value)}
          maxLength={2000}
          placeholder={decision === 'return' ? t('evaluation.review.returnHint') : t('evaluation.review.comment')}
          data-testid="evaluation-review-comment"
        />
      </Modal>
      <CommentsDrawer e={e} rows={rows} open={reading} onClose={() => setReading(false)} />
    </Card>
  );
}
