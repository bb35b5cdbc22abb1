import type { ReactNode } from 'react';
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import {
  AimOutlined,
  BellOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  ContactsOutlined,
  CrownOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  HeartOutlined,
  QrcodeOutlined,
  LikeOutlined,
  QuestionCircleOutlined,
  SolutionOutlined,
  StarOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isoToday } from '@zx/domain/common/dates';
import type { TodoItem } from './api.ts';

/**
 * How each kind of to-do looks. The server keeps `kind` an open string, so a kind added by a new
 * capability shows with the fallback until it gets its own icon and label here.
 */
const ICONS: Record<string, ReactNode> = {
  ballot: <LikeOutlined />,
  vote_open: <LikeOutlined />,
  vote_close: <LikeOutlined />,
  evaluation_self: <ContactsOutlined />,
  evaluation_peer: <ContactsOutlined />,
  evaluation_approve: <ContactsOutlined />,
  honour_notice: <CrownOutlined />,
  honour_objections: <CrownOutlined />,
  measure_due: <AimOutlined />,
  task_due: <CheckSquareOutlined />,
  task_overdue: <ClockCircleOutlined />,
  plan_write: <FormOutlined />,
  plan_returned: <FormOutlined />,
  plan_review: <FormOutlined />,
  post_review: <SoundOutlined />,
  post_returned: <SoundOutlined />,
  assessment_verify: <StarOutlined />,
  assessment_returned: <StarOutlined />,
  rectification: <FileSearchOutlined />,
  report_submit: <FileTextOutlined />,
  report_review: <FileTextOutlined />,
  notice_read: <BellOutlined />,
  notice_quiz: <QuestionCircleOutlined />,
  pledge: <SolutionOutlined />,
  volunteer_verify: <HeartOutlined />,
  volunteer_rejected: <HeartOutlined />,
  checkin_open: <QrcodeOutlined />,
};
const FALLBACK_ICON = <CheckCircleOutlined />;

export function TodoList({ todos, total, loading }: { todos: TodoItem[] | undefined; total: number; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const today = isoToday();
  const label = (kind: string) => (t(`home.kind.${kind}`, { defaultValue: '' }) as string) || t('home.kind.other');
  return (
    <Card
      title={t('home.todos')}
      extra={total ? <Typography.Text type="secondary">{t('home.todoCount', { n: total })}</Typography.Text> : null}
      styles={{ body: { padding: '4px 12px' } }}
      data-testid="home-todos"
    >
      {loading ? (
        <Skeleton active />
      ) : !todos?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noTodos')} data-testid="home-todos-empty" />
      ) : (
        <List
          dataSource={todos}
          footer={total > todos.length ? <Typography.Text type="secondary">{t('home.todoMore', { n: total - todos.length })}</Typography.Text> : undefined}
          renderItem={(item) => {
            const due = item.dueAt?.slice(0, 10) ?? null;
            const overdue = !!due && due < today;
            const detail = en ? item.detailEn : item.detailZh;
            return (
              <List.Item style={{ padding: '10px 0' }}>
                <Link
                  to={item.link}
                  style={{ display: 'flex', gap: 12, width: '100%', color: 'inherit' }}
                  data-testid={`todo-${item.key}`}
                  data-kind={item.kind}
                >
                  <span style={{ fontSize: 20, color: overdue ? '#cf1322' : '#c8161d', paddingTop: 2 }}>{ICONS[item.kind] ?? FALLBACK_ICON}</span>
                  <span style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }}>
                      {en ? item.titleEn : item.titleZh}
                    </Typography.Text>
                    {detail ? (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, overflowWrap: 'anywhere' }}>
                        {detail}
                      </Typography.Text>
                    ) : null}
                    <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
                      <Tag style={{ marginInlineEnd: 0 }}>{label(item.kind)}</Tag>
                      {due ? (
                        <Tag color={overdue ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                          {overdue ? `${t('home.overdue')} · ${due}` : t('home.due', { date: due })}
                        </Tag>
                      ) : null}
                    </span>
                  </span>
                </Link>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
