import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoardStatus } from './api.ts';

const COLORS: Record<BoardStatus, string> = { submitted: 'green', late: 'gold', missing: 'red', pending: 'default' };

export function BoardStatusTag({ status, testId }: { status: BoardStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId}>
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

/** Countdown to a deadline: "剩 3 天", "今天截止", "已逾期 2 天". */
export function DeadlineTag({ dueOn, daysLeft, done = false }: { dueOn: string; daysLeft: number; done?: boolean }) {
  const { t } = useTranslation();
  if (done) return <Tag>{t('reports.dueOnValue', { date: dueOn })}</Tag>;
  if (daysLeft < 0) return <Tag color="red">{t('reports.overdueDays', { n: -daysLeft })}</Tag>;
  if (daysLeft === 0) return <Tag color="volcano">{t('reports.dueToday')}</Tag>;
  return <Tag color={daysLeft <= 3 ? 'orange' : 'blue'}>{t('reports.daysLeft', { n: daysLeft })}</Tag>;
}

/** A submission time in the reader's local time, minutes precision. */
export const fmt = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
