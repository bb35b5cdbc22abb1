import { useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, List, Modal, Space, Tag, Typography, type ButtonProps } from 'antd';
import { CommentOutlined, FileTextOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EVALUATION_GRADES } from '@zx/domain/assessment/evaluation';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evaluationApi, isFull, useEvaluationMutation, type Evaluation, type FullParticipant, type GradeVoteCounts } from './api.ts';
import { GradeProposal, GradesView } from './GradeProposal.tsx';
import { CommentsDrawer } from './CommentsDrawer.tsx';
import { MIN_REPORTABLE_BALLOTS } from '@zx/domain/assessment/ballot';

const today = () => new Date().toISOString().slice(0, 10);

/** The branch committee's work at the current step. */
export function ManagePanel({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  const rows = e.participants.filter(isFull);
  return (
    <Card
      title={
        <Space>
          <TeamOutlined />
          {t('evaluation.manage.title')}
        </Space>
      }
      size="small"
      data-testid="evaluation-manage"
    >
      {e.stage === 'study' && <StudyStep e={e} />}
      {(e.stage === 'self_assessment' || e.stage === 'peer_review') && <ParticipantsStep e={e} rows={rows} />}
      {(e.stage === 'peer_review' || e.stage === 'voting') && <VoteStep e={e} rows={rows} />}
      {e.stage === 'proposal' && <GradeProposal e={e} />}
      {e.stage === 'submitted' && (
        <>
          <Alert type="warning" showIcon message={t('evaluation.manage.awaiting')} data-testid="evaluation-awaiting" style={{ marginBottom: 12 }} />
          <GradesView e={e} bare />
        </>
      )}
      {e.stage === 'approved' && <GradesView e={e} bare reevaluate />}
    </Card>
  );
}

function useAct() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  return {
    ok:
      (msg = t('common.saved')) =>
      () =>
        message.success(msg),
    fail: (err: unknown) => message.error(errorText(err, i18n.language)),
  };
}

function StudyStep({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  const act = useAct();
  const isMobile = useIsMobile();
  const [heldOn, setHeldOn] = useState(e.study.heldOn ?? today());
  const [note, setNote] = useState(e.study.note ?? '');
  const save = useEvaluationMutation(() => evaluationApi.study(e.id, heldOn || null, note || null));
  const next = useEvaluationMutation(() => evaluationApi.study(e.id, heldOn || null, note || null).then(() => evaluationApi.advance(e.id, 'self_assessment')));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('evaluation.manage.studyHint')}</Typography.Text>
      <Input type="date" value={heldOn} onChange={(x) => setHeldOn(x.target.value)} style={{ maxWidth: 220 }} data-testid="evaluation-study-date" />
      <Input.TextArea
        value={note}
        onChange={(x) => setNote(x.target.value)}
        autoSize={{ minRows: 3 }}
        maxLength={2000}
        placeholder={t('evaluation.manage.studyNote')}
        data-testid="evaluation-study-note"
      />
      <Space wrap style={isMobile ? { width: '100%' } : undefined}>
        <Button onClick={() => save.mutate(undefined, { onSuccess: act.ok(), onError: act.fail })} loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Button
          type="primary"
          size={isMobile ? 'large' : 'middle'}
          disabled={!heldOn}
          loading={next.isPending}
          data-testid="evaluation-to-self"
          onClick={() => next.mutate(undefined, { onSuccess: act.ok(t('evaluation.manage.advanced')), onError: act.fail })}
        >
          {t('evaluation.manage.toSelf')}
        </Button>
      </Space>
    </Space>
  );
}

/** Who has written a self-assessment (and how many comments each has received); the secretary records one for a member without a phone. */
function ParticipantsStep({ e, rows }: { e: Evaluation; rows: FullParticipant[] }) {
  const { t } = useTranslation();
  const act = useAct();
  const isMobile = useIsMobile();
  const [recording, setRecording] = useState<FullParticipant | null>(null);
  const [text, setText] = useState('');
  const [reading, setReading] = useState(false);
  const record = useEvaluationMutation(() => evaluationApi.selfAssessment(e.id, recording!.memberId, text));
  const next = useEvaluationMutation(() => evaluationApi.advance(e.id, 'peer_review'));
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Typography.Text strong>{t('evaluation.manage.selfProgress', { n: e.figures.selfAssessed, total: e.figures.participants })}</Typography.Text>
      <List
        size="small"
        bordered
        dataSource={rows}
        data-testid="evaluation-participants"
        renderItem={(p) => (
          <List.Item
            data-testid={`evaluation-participant-${p.memberId}`}
            actions={
              e.stage === 'self_assessment' || e.stage === 'peer_review'
                ? [
                    <Button
                      key="r"
                      size="small"
                      icon={<FileTextOutlined />}
                      onClick={() => {
                        setRecording(p);
                        setText(p.selfAssessment ?? '');
                      }}
                      data-testid={`evaluation-record-${p.memberId}`}
                    >
                      {p.selfAssessedAt ? t('evaluation.manage.viewSelf') : t('evaluation.manage.recordSelf')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={4}>
              <span>{p.name}</span>
              {p.selfAssessedAt ? (
                <Tag color="green">{p.selfAssessmentByMember ? t('evaluation.selfDone') : t('evaluation.manage.recorded')}</Tag>
              ) : (
                <Tag color="orange">{t('evaluation.selfTodo')}</Tag>
              )}
              {e.stage === 'peer_review' && <Tag icon={<CommentOutlined />}>{p.commentsReceived}</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <Space wrap>
        {e.stage === 'self_assessment' && (
          <Button
            type="primary"
            size={isMobile ? 'large' : 'middle'}
            loading={next.isPending}
            data-testid="evaluation-to-peer"
            onClick={() => next.mutate(undefined, { onSuccess: act.ok(t('evaluation.manage.advanced')), onError: act.fail })}
          >
            {t('evaluation.manage.toPeer')}
          </Button>
        )}
        {e.stage === 'peer_review' && (
          <Button icon={<CommentOutlined />} onClick={() => setReading(true)} data-testid="evaluation-read-comments">
            {t('evaluation.manage.readComments')}
          </Button>
        )}
      </Space>
      <Modal
        open={!!recording}
        title={recording ? t('evaluation.manage.selfOf', { name: recording.name }) : ''}
        onCancel={() => setRecording(null)}
        okText={t('common.save')}
        okButtonProps={{ disabled: !text.trim(), loading: record.isPending, 'data-testid': 'evaluation-record-save' } as ButtonProps}
        onOk={() =>
          record.mutate(undefined, {
            onSuccess: () => {
              setRecording(null);
              act.ok()();
            },
            onError: act.fail,
          })
        }
      >
        {recording && !recording.selfAssessmentByMember && <Typography.Paragraph type="secondary">{t('evaluation.manage.recordHint')}</Typography.Paragraph>}
        <Input.TextArea rows={8} value={text} onChange={(x) => setText(x.target.value)} maxLength={5000} showCount data-testid="evaluation-record-text" />
      </Modal>
      <CommentsDrawer e={e} rows={rows} open={reading} onClose={() => setReading(false)} />
    </Space>
  );
}

/** The vote: online through the ballot engine (anonymous), or the paper count from the branch meeting. */
function VoteStep({ e, rows }: { e: Evaluation; rows: FullParticipant[] }) {
  const { t, i18n } = useTranslation();
  const act = useAct();
  const isMobile = useIsMobile();
  const [paper, setPaper] = useState(false);
  const start = useEvaluationMutation(() => evaluationApi.openVote(e.id, null));
  const close = useEvaluationMutation(() => evaluationApi.closeVote(e.id));
  const s = e.vote.session;
  const open = e.vote.mode === 'ballot' && s?.status === 'open' && !e.vote.closedAt;
  const failed = e.stage === 'voting' && e.vote.quorumMet === false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('evaluation.manage.vote')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('evaluation.manage.quorumHint', { min: e.figures.quorumMinimum, n: e.figures.participants })}
      </Typography.Text>
      {failed && (
        <Alert
          type="error"
          showIcon
          message={t('evaluation.manage.quorumFailed', { present: e.vote.present ?? 0, min: e.figures.quorumMinimum })}
          data-testid="evaluation-quorum-failed"
        />
      )}
      {open && s && (
        <Alert
          type="info"
          showIcon
          data-testid="evaluation-vote-open"
          message={t('evaluation.manage.voteOpen', { voted: s.votedCount, roll: s.rollSize })}
          description={s.closesAt ? t('evaluation.manage.closesAt', { at: s.closesAt.slice(0, 16).replace('T', ' ') }) : undefined}
        />
      )}
      <Space wrap style={isMobile ? { width: '100%' } : undefined}>
        {open ? (
          <Button
            type="primary"
            danger
            icon={<StopOutlined />}
            size={isMobile ? 'large' : 'middle'}
            loading={close.isPending}
            data-testid="evaluation-vote-close"
            onClick={() =>
              close.mutate(undefined, {
                onSuccess: (r) =>
                  r.outcome && !r.outcome.met
                    ? act.fail(
                        new Error(
                          r.outcome.withheld
                            ? i18n.language.startsWith('en')
                              ? r.outcome.withheld.message.en
                              : r.outcome.withheld.message.zh
                            : t('evaluation.manage.quorumFailedShort'),
                        ),
                      )
                    : act.ok(t('evaluation.manage.counted'))(),
                onError: act.fail,
              })
            }
          >
            {t('evaluation.manage.closeVote')}
          </Button>
        ) : e.figures.participants < MIN_REPORTABLE_BALLOTS ? (
          // Under the anonymity floor an online vote could never be counted: the meeting votes on paper.
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="evaluation-vote-paper-only">
            {t('evaluation.manage.paperOnly', { n: MIN_REPORTABLE_BALLOTS })}
          </Typography.Text>
        ) : (
          <Button
            type="primary"
            size={isMobile ? 'large' : 'middle'}
            loading={start.isPending}
            data-testid="evaluation-vote-start"
            onClick={() => start.mutate(undefined, { onSuccess: act.ok(t('evaluation.manage.voteStarted')), onError: act.fail })}
          >
            {t('evaluation.manage.startVote')}
          </Button>
        )}
        {!open && (
          <Button size={isMobile ? 'large' : 'middle'} onClick={() => setPaper(true)} data-testid="evaluation-vote-paper">
            {t('evaluation.manage.paper')}
          </Button>
        )}
      </Space>
      <PaperTally e={e} rows={rows} open={paper} onClose={() => setPaper(false)} />
    </Space>
  );
}

function PaperTally({ e, rows, open, onClose }: { e: Evaluation; rows: FullParticipant[]; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const act = useAct();
  const isMobile = useIsMobile();
  const [present, setPresent] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<number, GradeVoteCounts>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = useEvaluationMutation(() =>
    evaluationApi.paper(
      e.id,
      present ?? 0,
      rows.map((p) => ({ memberId: p.memberId, ...(counts[p.memberId] ?? {}) })),
    ),
  );
  const set = (memberId: number, g: string, v: number | null) => setCounts((c) => ({ ...c, [memberId]: { ...c[memberId], [g]: v ?? 0 } }));
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('evaluation.manage.paper')}
      width={isMobile ? '100%' : 760}
      okText={t('evaluation.manage.paperSave')}
      okButtonProps={{ loading: submit.isPending, 'data-testid': 'evaluation-paper-save' } as ButtonProps}
      onOk={() =>
        submit.mutate(undefined, {
          onSuccess: () => {
            setErrors({});
            onClose();
            act.ok(t('evaluation.manage.counted'))();
          },
          onError: (err) => {
            const map: Record<string, string> = {};
            if (isApiError(err)) for (const fe of err.errors) map[fe.field] ??= err.fieldText(fe, i18n.language);
            setErrors(map);
            act.fail(err);
          },
        })
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('evaluation.manage.present')}</Typography.Text>
          <InputNumber
            min={0}
            max={e.figures.participants}
            precision={0}
            value={present}
            onChange={setPresent}
            inputMode="numeric"
            status={errors.present ? 'error' : undefined}
            data-testid="evaluation-paper-present"
          />
          <Typography.Text type="secondary">{t('evaluation.manage.quorumHint', { min: e.figures.quorumMinimum, n: e.figures.participants })}</Typography.Text>
        </Space>
        {errors.present && (
          <Typography.Text type="danger" data-testid="evaluation-paper-present-error">
            {errors.present}
          </Typography.Text>
        )}
        {rows.map((p, i) => (
          <Card key={p.memberId} size="small" title={p.name} data-testid={`evaluation-paper-${p.memberId}`}>
            <div style={{ display: 'grid', gridTemplateColumns: isMobile ? '1fr 1fr' : 'repeat(4, 1fr)', gap: 8 }}>
              {EVALUATION_GRADES.map((g) => (
                <label key={g} style={{ display: 'flex', flexDirection: 'column', fontSize: 13 }}>
                  {t(`evaluation.grade.${g}`)}
                  <InputNumber
                    min={0}
                    precision={0}
                    inputMode="numeric"
                    value={counts[p.memberId]?.[g] ?? null}
                    onChange={(v) => set(p.memberId, g, v)}
                    style={{ width: '100%' }}
                    data-testid={`evaluation-paper-${p.memberId}-${g}`}
                  />
                </label>
              ))}
            </div>
            {(errors[`counts.${i}`] || errors[`counts.${i}.memberId`]) && (
              <Typography.Text type="danger">{errors[`counts.${i}`] ?? errors[`counts.${i}.memberId`]}</Typography.Text>
            )}
          </Card>
        ))}
      </Space>
    </Modal>
  );
}
