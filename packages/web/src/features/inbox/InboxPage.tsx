import type { ReactNode } from 'react';
import { App, Button, Card, Empty, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  BellOutlined,
  CheckOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  FileDoneOutlined,
  FileExclamationOutlined,
  FileTextOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount, type Notice } from './api.ts';

/** Icon and colour per notice kind; kinds added later fall back to a bell. */
const KINDS: Record<string, { icon: ReactNode; color: string }> = {
  plan_submitted: { icon: <FileTextOutlined />, color: 'blue' },
  plan_returned: { icon: <FileExclamationOutlined />, color: 'orange' },
  plan_approved: { icon: <FileDoneOutlined />, color: 'green' },
  report_requested: { icon: <AuditOutlined />, color: 'blue' },
  report_deadline: { icon: <ClockCircleOutlined />, color: 'red' },
  plan_deadline: { icon: <ClockCircleOutlined />, color: 'red' },
  report_reviewed: { icon: <FileDoneOutlined />, color: 'green' },
  bulletin_published: { icon: <NotificationOutlined />, color: 'red' },
  rectification_assigned: { icon: <ToolOutlined />, color: 'orange' },
  rectification_due: { icon: <ClockCircleOutlined />, color: 'red' },
  rectification_answered: { icon: <SafetyCertificateOutlined />, color: 'cyan' },
  rectification_reopened: { icon: <ToolOutlined />, color: 'red' },
  activity_notable: { icon: <StarOutlined />, color: 'gold' },
  assessment_to_confirm: { icon: <AuditOutlined />, color: 'blue' },
  assessment_submitted: { icon: <AuditOutlined />, color: 'blue' },
  assessment_verified: { icon: <FileDoneOutlined />, color: 'green' },
  assessment_returned: { icon: <FileExclamationOutlined />, color: 'orange' },
  title_awarded: { icon: <TrophyOutlined />, color: 'gold' },
  commitments_published: { icon: <FileTextOutlined />, color: 'blue' },
  cadre_report_submitted: { icon: <FileDoneOutlined />, color: 'blue' },
  cadre_report_due: { icon: <ClockCircleOutlined />, color: 'red' },
  vote_opened: { icon: <CheckSquareOutlined />, color: 'purple' },
  evaluation_opened: { icon: <TeamOutlined />, color: 'blue' },
  evaluation_step: { icon: <TeamOutlined />, color: 'blue' },
  evaluation_submitted: { icon: <AuditOutlined />, color: 'blue' },
  evaluation_approved: { icon: <FileDoneOutlined />, color: 'green' },
  evaluation_returned: { icon: <FileExclamationOutlined />, color: 'orange' },
  evaluation_reevaluation_due: { icon: <ClockCircleOutlined />, color: 'red' },
  exemplar_nominated: { icon: <StarOutlined />, color: 'blue' },
  exemplar_decided: { icon: <StarOutlined />, color: 'gold' },
  measure_commented: { icon: <ToolOutlined />, color: 'cyan' },
  measure_reopened: { icon: <ToolOutlined />, color: 'red' },
  measure_due: { icon: <ClockCircleOutlined />, color: 'red' },
  honour_notice_published: { icon: <NotificationOutlined />, color: 'red' },
  honour_objection_received: { icon: <FileExclamationOutlined />, color: 'orange' },
  honour_objection_handled: { icon: <SafetyCertificateOutlined />, color: 'cyan' },
  honour_notice_ended: { icon: <ClockCircleOutlined />, color: 'red' },
  honour_final_published: { icon: <TrophyOutlined />, color: 'gold' },
};
const kindOf = (k: string) => KINDS[k] ?? { icon: <BellOutlined />, color: 'default' };

/** 消息中心: notices to the active organization and broadcasts above it; opening one marks it read. */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const page = Number(params.get('page')) || 1;
  const { data, isPending } = useInbox(unreadOnly, page);
  const { data: count } = useUnreadCount();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const setQuery = (next: { unread?: boolean; page?: number }) =>
    setParams((p) => {
      if (next.unread !== undefined) next.unread ? p.set('unread', '1') : p.delete('unread');
      if (next.page && next.page > 1) p.set('page', String(next.page));
      else p.delete('page');
      return p;
    });

  const open = (n: Notice) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) => message.success(t('inbox.markedAll', { n: r.marked })),
      onError: (e) => message.error(errorText(e, i18n.language)),
    });

  return (
    <div style={{ maxWidth: 880 }} data-testid="inbox-page">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('inbox.title')}</h2>
        <Space wrap>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setQuery({ unread: v === 'unread', page: 1 })}
            options={[
              { value: 'all', label: <span data-testid="inbox-filter-all">{t('inbox.all')}</span> },
              {
                value: 'unread',
                label: (
                  <span data-testid="inbox-filter-unread">
                    {t('inbox.unreadOnly')}
                    {count?.unread ? ` (${count.unread})` : ''}
                  </span>
                ),
              },
            ]}
          />
          <Button icon={<CheckOutlined />} onClick={readAll} loading={markAll.isPending} disabled={!count?.unread} data-testid="inbox-read-all">
            {t('inbox.markAllRead')}
          </Button>
        </Space>
      </div>
      <Card styles={{ body: { padding: isMobile ? '0 12px' : '0 24px' } }}>
        <List
          loading={isPending}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unreadOnly ? 'inbox.emptyUnread' : 'inbox.empty')} /> }}
          data-testid="inbox-list"
          renderItem={(n) => {
            const k = kindOf(n.kind);
            const unread = !n.readAt;
            return (
              <List.Item
                key={n.id}
                data-testid={`inbox-item-${n.id}`}
                data-unread={unread ? '1' : '0'}
                onClick={() => open(n)}
                style={{ cursor: n.link || unread ? 'pointer' : undefined, alignItems: 'flex-start', padding: '14px 0' }}
                actions={
                  !isMobile && unread
                    ? [
                        <a
                          key="read"
                          onClick={(e) => {
                            e.stopPropagation();
                            markRead.mutate(n.id);
                          }}
                          data-testid={`inbox-mark-${n.id}`}
                        >
                          {t('inbox.markRead')}
                        </a>,
                      ]
                    : undefined
                }
              >
                <List.Item.Meta
                  avatar={
                    <Tag color={k.color} style={{ fontSize: 16, padding: '4px 6px', marginInlineEnd: 0 }}>
                      {k.icon}
                    </Tag>
                  }
                  title={
                    <span style={{ fontWeight: unread ? 600 : 400 }} data-testid={`inbox-title-${n.id}`}>
                      {unread && <UnreadDot />}
                      {en ? n.titleEn : n.titleZh}
                    </span>
                  }
                  description={
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      {n.body && (
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, color: 'rgba(0,0,0,0.65)' }}>
                          {n.body}
                        </Typography.Paragraph>
                      )}
                      <Space wrap size={6} style={{ fontSize: 12 }}>
                        <Tag color={k.color} style={{ marginInlineEnd: 0 }}>
                          {t(`inbox.kind.${n.kind}`, { defaultValue: t('inbox.kind.other') })}
                        </Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                        </Typography.Text>
                        {n.link && <Typography.Link style={{ fontSize: 12 }}>{t('inbox.open')}</Typography.Link>}
                      </Space>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      {(data?.total ?? 0) > (data?.pageSize ?? 20) && (
        <Pagination
          style={{ marginTop: 16 }}
          align="center"
          simple={isMobile}
          current={page}
          pageSize={data?.pageSize ?? 20}
          total={data?.total ?? 0}
          onChange={(p) => setQuery({ page: p })}
          showSizeChanger={false}
        />
      )}
    </div>
  );
}

function UnreadDot() {
  return (
    <span
      aria-hidden
      style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: '#c8161d', marginInlineEnd: 6, verticalAlign: 'middle' }}
    />
  );
}
