import { Alert, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useMyVotes, type MyVote } from './api.ts';
import { useVoteLabels } from './labels.tsx';

/** 我的投票: phone-first list of the votes the signed-in member is on the roll of. */
export default function MyVotesPage() {
  const { t, i18n } = useTranslation();
  const L = useVoteLabels();
  const { data, isPending, error } = useMyVotes();
  const tag = (v: MyVote) =>
    v.status === 'closed' ? (
      <Tag>{t('votes.mine.closed')}</Tag>
    ) : v.voted ? (
      <Tag color="green" icon={<CheckCircleOutlined />}>
        {t('votes.mine.voted')}
      </Tag>
    ) : (
      <Tag color="red">{t('votes.mine.toVote')}</Tag>
    );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="votes-mine">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('votes.mine.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('votes.mine.hint')}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={errorText(error, i18n.language)} />}
      {isPending ? (
        <Skeleton active />
      ) : !data?.length ? (
        <Empty description={t('votes.mine.empty')} />
      ) : (
        data.map((v) => (
          <Link key={v.id} to={`/votes/ballot/${v.id}`} data-testid={`votes-mine-card-${v.id}`}>
            <Card hoverable styles={{ body: { padding: 16 } }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong style={{ fontSize: 17, overflowWrap: 'anywhere' }}>
                    {L.title(v)}
                  </Typography.Text>
                  <div style={{ marginTop: 6 }}>
                    <Space size={6} wrap>
                      {tag(v)}
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {L.kindName(v.kind)} · {v.orgName}
                      </Typography.Text>
                    </Space>
                  </div>
                  {v.status === 'open' && v.closesAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('votes.mine.deadline', { at: L.time(v.closesAt) })}
                    </Typography.Text>
                  )}
                </div>
                <Space size={4} style={{ color: v.status === 'open' && !v.voted ? '#c8161d' : '#999', whiteSpace: 'nowrap' }}>
                  {v.status === 'open' && !v.voted ? t('votes.mine.go') : t('votes.mine.view')}
                  <RightOutlined />
                </Space>
              </div>
            </Card>
          </Link>
        ))
      )}
    </Space>
  );
}
