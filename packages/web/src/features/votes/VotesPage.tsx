import { useState } from 'react';
import { Alert, Button, Card, Empty, Progress, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useSession as useMe } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useSessions, type VoteSession } from './api.ts';
import { useVoteLabels } from './labels.tsx';
import { NewRatingModal } from './NewRatingModal.tsx';
import { RepresentativesPanel } from './RepresentativesPanel.tsx';

/** 评议管理: an organization's cadre rating sessions and its member representatives. */
export default function VotesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const isMobile = useIsMobile();
  const L = useVoteLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || me.grant.orgId;
  const tab = params.get('tab') === 'reps' ? 'reps' : 'sessions';
  const [creating, setCreating] = useState(false);
  const { data: sessions, isPending, error } = useSessions(orgId);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const link = (s: VoteSession) => `/votes/sessions/${s.id}`;
  const progress = (s: VoteSession) =>
    s.status === 'draft' ? (
      <Typography.Text type="secondary">{t('votes.statusDraft')}</Typography.Text>
    ) : (
      <div style={{ minWidth: 140 }}>
        <Progress percent={s.rollSize ? Math.round((s.votedCount / s.rollSize) * 100) : 0} size="small" showInfo={false} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('votes.votedOf', { voted: s.votedCount, roll: s.rollSize })}
        </Typography.Text>
      </div>
    );

  const list = !sessions ? null : sessions.length === 0 ? (
    <Empty description={t('votes.empty')} />
  ) : isMobile ? (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      {sessions.map((s) => (
        <Link key={s.id} to={link(s)} data-testid={`votes-session-row-${s.id}`}>
          <Card size="small" hoverable>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: 16, overflowWrap: 'anywhere' }}>
                  {L.title(s)}
                </Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <Space size={4} wrap>
                    {L.statusTag(s.status)}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {L.kindName(s.kind)} · {s.orgName}
                    </Typography.Text>
                  </Space>
                </div>
                <div style={{ marginTop: 4 }}>{progress(s)}</div>
              </div>
              <RightOutlined style={{ color: '#bbb' }} />
            </div>
          </Card>
        </Link>
      ))}
    </Space>
  ) : (
    <Table<VoteSession>
      rowKey="id"
      dataSource={sessions}
      pagination={false}
      onRow={(s) => ({ 'data-testid': `votes-session-row-${s.id}`, onClick: () => navigate(link(s)), style: { cursor: 'pointer' } }) as never}
      columns={[
        { title: t('votes.title'), render: (_, s) => <Link to={link(s)}>{L.title(s)}</Link> },
        { title: t('votes.org'), dataIndex: 'orgName' },
        { title: t('votes.scale'), render: (_, s) => `${L.kindName(s.kind)} · ${L.scaleName(s.scale)}` },
        { title: t('votes.status'), render: (_, s) => L.statusTag(s.status) },
        { title: t('votes.closesAt'), render: (_, s) => L.time(s.closesAt) },
        { title: t('votes.turnout'), render: (_, s) => progress(s) },
      ]}
    />
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="votes-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('votes.pageTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('votes.pageHint')}</Typography.Text>
      </div>
      <Space wrap style={{ width: '100%' }}>
        <OrgSelect
          value={orgId}
          initial={{ id: me.grant.orgId, name: me.grant.orgName }}
          onChange={(id) => set('orgId', String(id ?? me.grant.orgId))}
          testId="votes-org"
          style={{ width: isMobile ? '100%' : 320 }}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          {
            key: 'sessions',
            label: t('votes.tabSessions'),
            children: (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  size={isMobile ? 'large' : 'middle'}
                  block={isMobile}
                  onClick={() => setCreating(true)}
                  data-testid="votes-new-rating"
                >
                  {t('votes.newRating')}
                </Button>
                {error && <Alert type="error" showIcon message={errorText(error, i18n.language)} />}
                {isPending ? <Skeleton active /> : list}
              </Space>
            ),
          },
          { key: 'reps', label: t('votes.tabReps'), children: <RepresentativesPanel orgId={orgId} /> },
        ]}
      />
      {creating && <NewRatingModal orgId={orgId} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/votes/sessions/${id}`)} />}
    </Space>
  );
}
