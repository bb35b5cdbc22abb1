import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, InputNumber, List, Popconfirm, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { LockOutlined, PlayCircleOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useLabels } from '../../app/labels.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useResult, useRoll, useSession, useUpperScore, useVoteAction, type SessionDetail } from './api.ts';
import { useVoteLabels } from './labels.tsx';
import { ResultReport } from './ResultReport.tsx';

/** One session for its organizer: rules, cadres, the roll and who has voted, open/close, then the result. */
export default function SessionPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const L = useVoteLabels();
  const labels = useLabels();
  const { data: s, error, isPending } = useSession(id);
  const act = useVoteAction();
  const [rollOpen, setRollOpen] = useState(false);
  const { data: result } = useResult(id, s?.status === 'closed');

  if (isPending) return <Skeleton active />;
  if (error || !s) return <Alert type="error" showIcon message={errorText(error, i18n.language)} />;

  const run = async (action: 'open' | 'close' | 'delete') => {
    try {
      await act.mutateAsync({ id, action });
      if (action === 'delete') navigate(`/votes?orgId=${s.orgId}`);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };
  const big = isMobile ? 'large' : 'middle';
  const q = s.settings.quorum;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="votes-session">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
          {L.title(s)}
        </Typography.Title>
        <Space wrap size={4}>
          {L.statusTag(s.status)}
          <Tag>{L.kindName(s.kind)}</Tag>
          <Typography.Text type="secondary">{s.orgName}</Typography.Text>
        </Space>
      </div>
      {s.canManage && (
        <Space wrap style={{ width: '100%' }}>
          {s.status === 'draft' && (
            <Popconfirm title={t('votes.openConfirm')} onConfirm={() => run('open')} okButtonProps={{ 'data-testid': 'votes-open-confirm' } as never}>
              <Button type="primary" size={big} icon={<PlayCircleOutlined />} loading={act.isPending} data-testid="votes-session-open">
                {t('votes.open')}
              </Button>
            </Popconfirm>
          )}
          {s.status === 'open' && (
            <Popconfirm title={t('votes.closeConfirm')} onConfirm={() => run('close')} okButtonProps={{ 'data-testid': 'votes-close-confirm' } as never}>
              <Button type="primary" danger size={big} icon={<StopOutlined />} loading={act.isPending} data-testid="votes-session-close">
                {t('votes.close')}
              </Button>
            </Popconfirm>
          )}
          {s.status === 'draft' && (
            <Popconfirm title={t('votes.removeConfirm')} onConfirm={() => run('delete')}>
              <Button size={big} danger data-testid="votes-session-delete">
                {t('votes.remove')}
              </Button>
            </Popconfirm>
          )}
          <Button size={big} icon={<TeamOutlined />} onClick={() => setRollOpen(true)} data-testid="votes-session-roll">
            {t('votes.rollTitle')}
          </Button>
        </Space>
      )}
      {s.refType && <Alert type="info" showIcon message={t('votes.managedElsewhere')} />}
      {s.ratedHere && <Alert type="info" showIcon message={t('votes.ratedHere')} data-testid="votes-rated-here" />}
      <Card size="small">
        <Descriptions size="small" column={isMobile ? 1 : 3}>
          <Descriptions.Item label={t('votes.scale')}>{L.scaleName(s.scale)}</Descriptions.Item>
          <Descriptions.Item label={t('votes.opensAt')}>{L.time(s.openedAt ?? s.opensAt)}</Descriptions.Item>
          <Descriptions.Item label={t('votes.closesAt')}>{L.time(s.closedAt ?? s.closesAt)}</Descriptions.Item>
          <Descriptions.Item label={t('votes.quorum')}>
            {t(q.strict ? 'votes.quorumMore' : 'votes.quorumAtLeast', { num: q.num, den: q.den })}
          </Descriptions.Item>
          <Descriptions.Item label={t('votes.minGroup')}>{s.settings.minGroup}</Descriptions.Item>
          <Descriptions.Item label={t('votes.flagBelow')}>{Math.round(s.settings.flagBelow * 100)}</Descriptions.Item>
          {s.settings.weighting && (
            <Descriptions.Item label={t('votes.weighting')}>
              {s.settings.weighting.memberWeight}/{s.settings.weighting.upperWeight}
            </Descriptions.Item>
          )}
          {s.reportYear && <Descriptions.Item label={t('votes.reportYear')}>{s.reportYear}</Descriptions.Item>}
        </Descriptions>
        <div style={{ marginTop: 8 }} data-testid="votes-session-turnout">
          <Typography.Text>
            {t('votes.turnout')}：{t('votes.votedOf', { voted: s.votedCount, roll: s.rollSize })}
          </Typography.Text>
          <Progress percent={s.rollSize ? Math.round((s.votedCount / s.rollSize) * 100) : 0} />
        </div>
      </Card>

      <Card size="small" title={t('votes.subjects')}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('votes.exemptHint', { n: s.settings.exemptMonths })}
        </Typography.Text>
        <List
          dataSource={s.subjects}
          renderItem={(x) => (
            <List.Item data-testid={`votes-subject-${x.id}`}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', width: '100%' }}>
                <Space size={4} wrap style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong>{x.label}</Typography.Text>
                  {s.kind === 'cadre_rating' && x.detail && <Tag>{labels.position(x.detail)}</Tag>}
                  {x.exempt && <Tag color="orange">{t('votes.exempt')}</Tag>}
                  {x.exempt && x.exemptReason && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {x.exemptReason}
                    </Typography.Text>
                  )}
                </Space>
                {s.settings.weighting && !x.exempt && <UpperScore session={s} subjectId={x.id} value={x.upperScore} />}
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('votes.result')}>
        {s.status !== 'closed' ? (
          <Alert type="info" showIcon icon={<LockOutlined />} message={t('votes.sealed')} data-testid="votes-result-sealed" />
        ) : result ? (
          <ResultReport result={result} scale={s.scale} weighted={!!s.settings.weighting} cadres={s.kind === 'cadre_rating'} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      {rollOpen && <RollDrawer session={s} onClose={() => setRollOpen(false)} />}
    </Space>
  );
}

function UpperScore({ session, subjectId, value }: { session: SessionDetail; subjectId: number; value: number | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const save = useUpperScore(session.id);
  const [v, setV] = useState<number | null>(value);
  if (!session.canScoreUpper)
    return (
      <Typography.Text type="secondary">
        {t('votes.upperScore')}：{value ?? t('votes.pendingUpper')}
      </Typography.Text>
    );
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        max={100}
        step={0.5}
        value={v}
        onChange={(x) => setV(x)}
        placeholder={t('votes.upperScore')}
        style={{ width: 110 }}
        data-testid={`votes-upper-${subjectId}`}
      />
      <Button
        loading={save.isPending}
        onClick={async () => {
          try {
            await save.mutateAsync({ subjectId, score: v });
            message.success(t('votes.upperSaved'));
          } catch (e) {
            message.error(errorText(e, i18n.language));
          }
        }}
      >
        {t('common.save')}
      </Button>
    </Space.Compact>
  );
}

function RollDrawer({ session, onClose }: { session: SessionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { data } = useRoll(session.id, true);
  return (
    <Drawer open onClose={onClose} title={t('votes.rollTitle')} width={isMobile ? '100%' : 420}>
      {!data ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{data.frozen ? t('votes.rollFrozen') : t('votes.rollPreview')}</Typography.Text>
          <List
            dataSource={data.items}
            renderItem={(r) => (
              <List.Item extra={data.frozen ? r.voted ? <Tag color="green">{t('votes.voted')}</Tag> : <Tag>{t('votes.notVoted')}</Tag> : null}>
                <List.Item.Meta title={r.name} description={r.orgName} />
              </List.Item>
            )}
          />
        </Space>
      )}
    </Drawer>
  );
}
