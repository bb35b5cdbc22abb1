import { useMemo, useState } from 'react';
import { Badge, Calendar, Card, List, Tag, Typography } from 'antd';
import { RightOutlined, StarFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useActivityCalendar, type CalendarEntry } from './api.ts';
import { TYPE_COLOR, useActivityLabels } from './labels.ts';

/** A month of activities by day (type and notability filtered here); on a phone, a count per day and the chosen day's list below. */
export function ActivityCalendar({
  campaignId,
  orgId,
  type,
  notableOnly,
}: {
  campaignId: number | null;
  orgId: number | null;
  type: string | null;
  notableOnly: boolean;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const L = useActivityLabels();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const month = date.format('YYYY-MM');
  const { data = [], isFetching } = useActivityCalendar({ campaignId, orgId, month });
  const byDay = useMemo(() => {
    const m = new Map<string, CalendarEntry[]>();
    for (const a of data) {
      if (type && a.type !== type) continue;
      if (notableOnly && !a.notable) continue;
      m.set(a.heldOn, [...(m.get(a.heldOn) ?? []), a]);
    }
    return m;
  }, [data, type, notableOnly]);
  const selected = byDay.get(date.format('YYYY-MM-DD')) ?? [];

  const entry = (a: CalendarEntry) => (
    <div
      key={a.id}
      onClick={(e) => {
        e.stopPropagation();
        navigate(`/activities/${a.id}`);
      }}
      data-testid={`calendar-activity-${a.id}`}
      title={`${a.title} · ${a.orgName}`}
      style={{ fontSize: 12, lineHeight: '18px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', cursor: 'pointer' }}
    >
      <Badge color={TYPE_COLOR[a.type] === 'default' ? '#999' : TYPE_COLOR[a.type]} /> {a.notable && <StarFilled style={{ color: '#faad14' }} />}
      {a.title}
    </div>
  );

  return (
    <Card loading={isFetching && !data.length} data-testid="activities-calendar" styles={{ body: { padding: isMobile ? 8 : 16 } }}>
      <Calendar
        fullscreen={!isMobile}
        value={date}
        onChange={setDate}
        onPanelChange={setDate}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const list = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          if (!list.length) return null;
          if (isMobile)
            return (
              <div style={{ display: 'flex', justifyContent: 'center' }} data-testid={`calendar-day-${d.format('YYYY-MM-DD')}`}>
                <Badge count={list.length} size="small" color="#d4380d" />
              </div>
            );
          return (
            <div data-testid={`calendar-day-${d.format('YYYY-MM-DD')}`}>
              {list.slice(0, 3).map(entry)}
              {list.length > 3 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('activities.moreCount', { n: list.length - 3 })}
                </Typography.Text>
              )}
            </div>
          );
        }}
      />
      {isMobile && (
        <List
          style={{ marginTop: 8 }}
          header={<Typography.Text strong>{date.format('YYYY-MM-DD')}</Typography.Text>}
          dataSource={selected}
          locale={{ emptyText: t('activities.noneThatDay') }}
          data-testid="calendar-day-list"
          renderItem={(a) => (
            <List.Item
              onClick={() => navigate(`/activities/${a.id}`)}
              style={{ cursor: 'pointer', minHeight: 48 }}
              extra={<RightOutlined style={{ color: '#bbb' }} />}
              data-testid={`calendar-activity-${a.id}`}
            >
              <List.Item.Meta
                title={
                  <>
                    {a.notable && <StarFilled style={{ color: '#faad14', marginInlineEnd: 4 }} />}
                    {a.title}
                  </>
                }
                description={
                  <>
                    <Tag color={TYPE_COLOR[a.type]}>{L.type(a.type)}</Tag>
                    {a.orgName}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
