import { Alert, Badge, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useMyNotices, type MyNotice } from './api.ts';

/** 我的通知: phone-first list of the notices addressed to the signed-in member, unread first marked. */
export default function MyNoticesPage() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error } = useMyNotices();
  const state = (n: MyNotice) =>
    n.aware ? (
      <Tag color="green" icon={<CheckCircleOutlined />}>
        {n.hasQuiz ? t('notices.mine.passed') : t('notices.mine.acknowledged')}
      </Tag>
    ) : !n.read ? (
      <Tag color="red">{t('notices.mine.unread')}</Tag>
    ) : (
      <Tag color="orange">{n.hasQuiz ? t('notices.mine.toQuiz') : t('notices.mine.toAcknowledge')}</Tag>
    );
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="notices-mine">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          <Space>
            {t('notices.mine.title')}
            <Badge count={data?.unread ?? 0} data-testid="notices-unread" />
          </Space>
        </Typography.Title>
        <Typography.Text type="secondary">{t('notices.mine.hint')}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon message={errorText(error, i18n.language)} />}
      {isPending ? (
        <Skeleton active />
      ) : !data?.items.length ? (
        <Empty description={t('notices.mine.empty')} />
      ) : (
        data.items.map((n) => (
          <Link key={n.id} to={`/my/notices/${n.id}`} data-testid={`notice-card-${n.id}`}>
            <Card hoverable styles={{ body: { padding: 16 } }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong={!n.read} style={{ fontSize: 17, overflowWrap: 'anywhere' }}>
                    {n.title}
                  </Typography.Text>
                  <div style={{ marginTop: 6 }}>
                    <Space size={6} wrap>
                      {state(n)}
                      {n.hasQuiz && <Tag>{t('notices.quizTag')}</Tag>}
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {n.orgName} · {n.sentAt?.slice(0, 10)}
                      </Typography.Text>
                    </Space>
                  </div>
                  {n.dueOn && !n.aware && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('notices.dueOn', { date: n.dueOn })}
                    </Typography.Text>
                  )}
                </div>
                <RightOutlined style={{ color: n.aware ? '#999' : '#c8161d' }} />
              </div>
            </Card>
          </Link>
        ))
      )}
    </Space>
  );
}
