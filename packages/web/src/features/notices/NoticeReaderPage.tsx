import { Alert, App, Button, Card, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useMyNotice, useNoticeReply } from './api.ts';
import { QuizForm } from './QuizForm.tsx';

/** The notice on the member's phone: opening it is the read receipt; then 确认已知晓, or the quiz when it has one. */
export default function NoticeReaderPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const { data: n, isPending, error } = useMyNotice(id);
  const { acknowledge } = useNoticeReply(id);
  if (isPending) return <Skeleton active />;
  if (error || !n) return <Result status="404" title={errorText(error, i18n.language)} extra={<Link to="/my/notices">{t('notices.mine.back')}</Link>} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 720 }} data-testid="notice-reader">
      <Card styles={{ body: { padding: 16 } }}>
        <Typography.Title level={3} style={{ marginTop: 0, overflowWrap: 'anywhere' }}>
          {n.title}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {n.orgName} · {n.campaignName} · {n.sentAt?.slice(0, 10)}
        </Typography.Text>
        {n.dueOn && (
          <div>
            <Tag color={n.aware ? undefined : 'orange'} style={{ marginTop: 8 }}>
              {t('notices.dueOn', { date: n.dueOn })}
            </Tag>
          </div>
        )}
        <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8 }} data-testid="notice-body">
          {n.body}
        </Typography.Paragraph>
        {n.attachments.length > 0 && (
          <Space direction="vertical" size={4}>
            {n.attachments.map((a) => (
              <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {a.name}
              </a>
            ))}
          </Space>
        )}
      </Card>
      {n.quiz ? (
        <QuizForm notice={n} quiz={n.quiz} />
      ) : n.acknowledged ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          message={t('notices.acknowledgedAt', { at: n.acknowledgedAt?.slice(0, 16).replace('T', ' ') })}
          data-testid="notice-acknowledged"
        />
      ) : (
        <Button
          type="primary"
          size="large"
          block
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate(undefined, { onError: (e) => message.error(errorText(e, i18n.language)) })}
          data-testid="notice-acknowledge"
        >
          {t('notices.acknowledge')}
        </Button>
      )}
      <Link to="/my/notices">{t('notices.mine.back')}</Link>
    </Space>
  );
}
