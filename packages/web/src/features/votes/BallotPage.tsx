import { useState } from 'react';
import { Alert, App, Button, Card, Radio, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, FileTextOutlined, LockOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { isApiError } from '../../api/client.ts';
import { useLabels } from '../../app/labels.ts';
import { useBallot, useCast, useResult, type Ballot } from './api.ts';
import { useVoteLabels } from './labels.tsx';
import { ResultReport } from './ResultReport.tsx';

/**
 * The ballot paper, phone first: one card per person with big choices, one submit. After it the
 * page says only "已投票" — the choices are not kept with the voter, so they cannot be shown.
 */
export default function BallotPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const { data: b, isPending, error } = useBallot(id);
  const L = useVoteLabels();

  if (isPending) return <Skeleton active />;
  if (error || !b) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="ballot-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
          {L.title(b)}
        </Typography.Title>
        <Space wrap size={4}>
          {L.statusTag(b.status)}
          <Typography.Text type="secondary">{b.orgName}</Typography.Text>
        </Space>
        {b.status === 'open' && b.closesAt && (
          <div>
            <Typography.Text type="secondary">{t('votes.mine.deadline', { at: L.time(b.closesAt) })}</Typography.Text>
          </div>
        )}
      </div>
      {b.status === 'closed' ? (
        <Closed ballot={b} />
      ) : b.voted ? (
        <Voted />
      ) : b.status !== 'open' ? (
        <Alert type="info" showIcon message={t('votes.ballot.notOpen')} />
      ) : (
        <Paper ballot={b} />
      )}
    </Space>
  );
}

function Voted() {
  const { t } = useTranslation();
  return (
    <Card data-testid="ballot-voted">
      <Result icon={<CheckCircleFilled style={{ color: '#389e0d' }} />} title={t('votes.ballot.votedTitle')} subTitle={t('votes.ballot.votedHint')} />
    </Card>
  );
}

function Closed({ ballot }: { ballot: Ballot }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(false);
  const { data: result } = useResult(ballot.id, show);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon icon={<LockOutlined />} message={t('votes.ballot.closed')} />
      {!show ? (
        <Button size="large" block onClick={() => setShow(true)} data-testid="ballot-view-result">
          {t('votes.ballot.viewResult')}
        </Button>
      ) : result ? (
        <ResultReport
          result={result}
          scale={ballot.scale.code}
          weighted={result.subjects.some((s) => s.weightedScore != null || s.upperScore != null)}
          cadres={ballot.kind === 'cadre_rating'}
        />
      ) : (
        <Skeleton active />
      )}
    </Space>
  );
}

function Paper({ ballot }: { ballot: Ballot }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const labels = useLabels();
  const cast = useCast(ballot.id);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const total = ballot.subjects.length;
  const done = ballot.subjects.filter((s) => answers[s.id]).length;
  const en = i18n.language === 'en-US';
  const points = ballot.scale.kind === 'points';

  const submit = () => {
    if (done < total) {
      setFailure(t('votes.ballot.needAll'));
      return;
    }
    modal.confirm({
      title: t('votes.ballot.confirmTitle'),
      content: t('votes.ballot.confirmText'),
      okText: t('votes.ballot.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'ballot-confirm', size: 'large' } as never,
      cancelButtonProps: { size: 'large' },
      onOk: async () => {
        try {
          await cast.mutateAsync(answers);
        } catch (e) {
          if (isApiError(e) && e.code === 'ALREADY_VOTED') return; // the page reloads as "已投票"
          setFailure(errorText(e, i18n.language));
          message.error(errorText(e, i18n.language));
        }
      },
    });
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('votes.ballot.intro')} />
      {points && <Typography.Text type="secondary">{t('votes.ballot.pointsHint')}</Typography.Text>}
      {ballot.subjects.map((s, i) => (
        <Card
          key={s.id}
          size="small"
          data-testid={`ballot-subject-${s.id}`}
          styles={{ body: { padding: 16 } }}
          style={{ borderColor: answers[s.id] ? '#b7eb8f' : undefined }}
        >
          <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text type="secondary">{i + 1}.</Typography.Text>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {s.label}
            </Typography.Text>
            {ballot.kind === 'cadre_rating' && s.detail && <Tag>{labels.position(s.detail)}</Tag>}
          </div>
          {ballot.kind === 'cadre_rating' && s.memberId != null && ballot.reportYear && (
            <div style={{ margin: '6px 0 2px' }}>
              {s.report === 'submitted' ? (
                <Link to={`/commitments/cadre/${s.memberId}/${ballot.reportYear}`} data-testid={`ballot-report-${s.id}`}>
                  <FileTextOutlined /> {t('votes.ballot.report')}
                </Link>
              ) : (
                <Typography.Text type="secondary" data-testid={`ballot-no-report-${s.id}`}>
                  {t('votes.ballot.noReport')}
                </Typography.Text>
              )}
            </div>
          )}
          <Radio.Group
            value={answers[s.id]}
            onChange={(e) => {
              setFailure(null);
              setAnswers((a) => ({ ...a, [s.id]: e.target.value as string }));
            }}
            optionType="button"
            buttonStyle="solid"
            size="large"
            style={{
              display: 'grid',
              gridTemplateColumns: points ? 'repeat(5, 1fr)' : `repeat(${Math.min(ballot.scale.options.length, 4)}, 1fr)`,
              gap: 8,
              marginTop: 12,
            }}
          >
            {ballot.scale.options.map((o) => (
              <Radio.Button
                key={o.key}
                value={o.key}
                style={{
                  textAlign: 'center',
                  height: 48,
                  lineHeight: '46px',
                  borderRadius: 8,
                  borderInlineStartWidth: 1,
                  padding: '0 4px',
                  whiteSpace: 'nowrap',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                }}
              >
                <span data-testid={`ballot-option-${s.id}-${o.key}`} style={{ display: 'block' }}>
                  {points ? o.key : en ? o.en : o.zh}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Card>
      ))}
      {ballot.exempt.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('votes.ballot.exemptList')} {ballot.exempt.map((x) => x.label).join('、')}
        </Typography.Text>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="ballot-error" />}
      <div style={{ position: 'sticky', bottom: 0, background: 'var(--ant-color-bg-layout, #f5f5f5)', padding: '8px 0' }}>
        <Button type="primary" size="large" block style={{ height: 52, fontSize: 17 }} onClick={submit} loading={cast.isPending} data-testid="ballot-submit">
          {t('votes.ballot.submit')}（{t('votes.ballot.answered', { n: done, total })}）
        </Button>
      </div>
    </Space>
  );
}
