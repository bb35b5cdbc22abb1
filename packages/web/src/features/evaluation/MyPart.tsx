import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Input, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { evaluationApi, useEvaluationMutation, type Evaluation } from './api.ts';
import { GradeTag } from './labels.tsx';

const WRITABLE = ['study', 'self_assessment', 'peer_review'];

/** The participant's own part, on the phone: the self-assessment, comments on the others, the vote, the grade. */
export function MyPart({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  const me = e.me!;
  return (
    <Card
      title={
        <Space>
          <FormOutlined />
          {t('evaluation.my.title')}
        </Space>
      }
      size="small"
      data-testid="evaluation-my"
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {e.stage === 'approved' && (
          <Space wrap>
            <Typography.Text>{t('evaluation.my.grade')}</Typography.Text>
            <GradeTag grade={me.finalGrade} testId="evaluation-my-grade" />
            {me.reevaluationDueOn && <Typography.Text type="secondary">{t('evaluation.my.reevaluation', { on: me.reevaluationDueOn })}</Typography.Text>}
          </Space>
        )}
        <SelfAssessment e={e} />
        {e.stage === 'peer_review' && <PeerComments e={e} />}
        {e.vote.mode === 'ballot' &&
          e.vote.session?.status === 'open' &&
          e.vote.sessionId &&
          (e.vote.myVoted ? (
            <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={t('evaluation.my.voted')} data-testid="evaluation-my-voted" />
          ) : (
            <Link to={`/votes/ballot/${e.vote.sessionId}`} data-testid="evaluation-my-vote">
              <Button type="primary" size="large" block>
                {t('evaluation.my.vote')}
              </Button>
            </Link>
          ))}
      </Space>
    </Card>
  );
}

function SelfAssessment({ e }: { e: Evaluation }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = e.me!;
  const [text, setText] = useState(me.selfAssessment ?? '');
  const [editing, setEditing] = useState(!me.selfAssessment);
  useEffect(() => setText(me.selfAssessment ?? ''), [me.selfAssessment]);
  const save = useEvaluationMutation((v: string) => evaluationApi.selfAssessment(e.id, me.memberId, v));
  const writable = WRITABLE.includes(e.stage);
  return (
    <div>
      <Typography.Text strong>{t('evaluation.my.self')}</Typography.Text>
      {me.selfAssessedAt ? (
        <Tag color="green" style={{ marginLeft: 8 }}>
          {t('evaluation.selfDone')}
        </Tag>
      ) : (
        <Tag color="orange" style={{ marginLeft: 8 }}>
          {t('evaluation.selfTodo')}
        </Tag>
      )}
      {writable && editing ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('evaluation.my.selfHint')}
          </Typography.Text>
          <Input.TextArea
            value={text}
            onChange={(x) => setText(x.target.value)}
            autoSize={{ minRows: 6, maxRows: 16 }}
            maxLength={5000}
            showCount
            data-testid="evaluation-self-text"
          />
          <Button
            type="primary"
            size="large"
            block
            loading={save.isPending}
            disabled={!text.trim()}
            data-testid="evaluation-self-save"
            onClick={() =>
              save.mutateAsync(text).then(
                () => {
                  setEditing(false);
                  message.success(t('evaluation.my.selfSaved'));
                },
                (err) => message.error(errorText(err, i18n.language)),
              )
            }
          >
            {t('evaluation.my.selfSave')}
          </Button>
        </Space>
      ) : (
        <div style={{ marginTop: 8 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }} data-testid="evaluation-self-view">
            {me.selfAssessment || t('evaluation.my.selfNone')}
          </Typography.Paragraph>
          {writable && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="evaluation-self-edit">
              {t('common.edit')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

/** One text box per fellow participant; read only by the branch committee. */
function PeerComments({ e }: { e: Evaluation }) {
  const { t } = useTranslation();
  const others = e.participants.filter((p) => p.memberId !== e.me!.memberId);
  const mine = new Map(e.me!.comments.map((c) => [c.memberId, c.text]));
  return (
    <div>
      <Typography.Text strong>{t('evaluation.my.peer')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '4px 0 8px' }}>
        {t('evaluation.my.peerHint', { n: mine.size, total: others.length })}
      </Typography.Paragraph>
      <Collapse
        size="small"
        items={others.map((p) => ({
          key: p.memberId,
          label: (
            <Space>
              {p.name}
              {mine.has(p.memberId) && <Tag color="green">{t('evaluation.my.commented')}</Tag>}
            </Space>
          ),
          children: <CommentBox evaluationId={e.id} memberId={p.memberId} initial={mine.get(p.memberId) ?? ''} />,
        }))}
        data-testid="evaluation-peer"
      />
    </div>
  );
}

function CommentBox({ evaluationId, memberId, initial }: { evaluationId: number; memberId: number; initial: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [text, setText] = useState(initial);
  const save = useEvaluationMutation((v: string) => evaluationApi.comment(evaluationId, memberId, v));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        value={text}
        onChange={(x) => setText(x.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        placeholder={t('evaluation.my.commentPlaceholder')}
        data-testid={`evaluation-comment-${memberId}`}
      />
      <Button
        type="primary"
        block={isMobile}
        loading={save.isPending}
        data-testid={`evaluation-comment-save-${memberId}`}
        // mutateAsync, not mutate's callbacks: those are dropped when the refreshed round re-renders the
        // panel before they run (the saved toast then never showed, now and then, on a busy phone).
        onClick={() =>
          save.mutateAsync(text).then(
            () => message.success(t('evaluation.my.commentSaved')),
            (err) => message.error(errorText(err, i18n.language)),
          )
        }
      >
        {t('common.save')}
      </Button>
    </Space>
  );
}
