import { useMemo, useState } from 'react';
import { Badge, Button, Calendar, Card, Col, DatePicker, Empty, Image, Input, List, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import {
  CalendarOutlined,
  CameraOutlined,
  FilterOutlined,
  PictureOutlined,
  PlusOutlined,
  RightOutlined,
  StarFilled,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useOrgDetail } from '../orgs/api.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { useActivities, useActivityCalendar, type ActivityQuery, type ActivitySummary, type CalendarEntry } from './api.ts';
import { TYPE_COLOR, useActivityLabels } from './labels.ts';

const PAGE_SIZE = 20;
const num = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : null);

/** 活动记录: the activities of the unit and the units below it, as a list or a month calendar. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const { data: campaigns = [] } = useCampaigns();
  const L = useActivityLabels();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const filters = {
    campaignId: num(params.get('campaignId')),
    orgId: num(params.get('orgId')),
    type: params.get('type'),
    from: params.get('from'),
    to: params.get('to'),
    notable: params.get('notable') === '1' ? true : null,
  };
  const set = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    next.delete('page');
    setParams(next, { replace: true });
  };
  // A link from the dashboard names the unit by id: show its name.
  const { data: orgDetail } = useOrgDetail(filters.orgId);
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = [filters.campaignId, filters.orgId, filters.type, filters.from, filters.notable, q.trim() || null].filter(
    (x) => x !== null && x !== undefined,
  ).length;
  const newLink = `/activities/new${filters.campaignId ? `?campaignId=${filters.campaignId}` : ''}`;

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('activities.title')}</h2>
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'calendar' ? 'calendar' : null })}
            options={[
              {
                value: 'list',
                label: (
                  <span data-testid="activities-view-list">
                    <UnorderedListOutlined /> {t('activities.viewList')}
                  </span>
                ),
              },
              {
                value: 'calendar',
                label: (
                  <span data-testid="activities-view-calendar">
                    <CalendarOutlined /> {t('activities.viewCalendar')}
                  </span>
                ),
              },
            ]}
          />
          {can('activity.write') && !isMobile && (
            <Link to={newLink}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="activity-create-button">
                {t('activities.record')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      {can('activity.write') && isMobile && (
        <Link to={newLink}>
          <Button type="primary" size="large" block icon={<CameraOutlined />} style={{ marginBottom: 12, height: 48 }} data-testid="activity-create-button">
            {t('activities.record')}
          </Button>
        </Link>
      )}
      {isMobile && (
        <Button
          block
          size="large"
          icon={<FilterOutlined />}
          onClick={() => setShowFilters((v) => !v)}
          style={{ marginBottom: 12 }}
          data-testid="activities-filters-toggle"
        >
          {t('activities.filters')}
          {activeFilters ? ` (${activeFilters})` : ''}
        </Button>
      )}
      <Row gutter={[8, 8]} style={{ marginBottom: 12, display: isMobile && !showFilters ? 'none' : undefined }}>
        <Col xs={24} md={12} xl={6}>
          <Select
            allowClear
            size={isMobile ? 'large' : 'middle'}
            style={{ width: '100%' }}
            placeholder={t('activities.filterCampaign')}
            value={filters.campaignId ?? undefined}
            onChange={(v) => set({ campaignId: v })}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="activities-filter-campaign"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <OrgSelect
            value={filters.orgId}
            initial={orgDetail ? { id: orgDetail.id, name: orgDetail.name } : null}
            onChange={(id) => set({ orgId: id })}
            allowClear
            placeholder={t('activities.filterOrg')}
            testId="activities-filter-org"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            size={isMobile ? 'large' : 'middle'}
            style={{ width: '100%' }}
            placeholder={t('activities.filterType')}
            value={filters.type ?? undefined}
            onChange={(v) => set({ type: v })}
            options={L.typeOptions}
            data-testid="activities-filter-type"
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Select
            size={isMobile ? 'large' : 'middle'}
            style={{ width: '100%' }}
            value={filters.notable ? '1' : ''}
            onChange={(v) => set({ notable: v })}
            options={[
              { value: '', label: t('activities.filterAll') },
              { value: '1', label: t('activities.filterNotable') },
            ]}
            data-testid="activities-filter-notable"
          />
        </Col>
        {view === 'list' && (
          <>
            <Col xs={24} md={12} xl={5}>
              <DatePicker.RangePicker
                size={isMobile ? 'large' : 'middle'}
                style={{ width: '100%' }}
                inputReadOnly={isMobile}
                value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
                onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
                data-testid="activities-filter-dates"
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Input.Search
                allowClear
                size={isMobile ? 'large' : 'middle'}
                placeholder={t('activities.searchPlaceholder')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="activities-filter-q"
              />
            </Col>
          </>
        )}
      </Row>
      {view === 'list' ? (
        <ActivityList
          query={{ ...filters, q, page: num(params.get('page')) ?? 1, pageSize: PAGE_SIZE }}
          onPage={(p) => {
            const n = new URLSearchParams(params);
            n.set('page', String(p));
            setParams(n, { replace: true });
          }}
        />
      ) : (
        <ActivityCalendar campaignId={filters.campaignId} orgId={filters.orgId} type={filters.type} notableOnly={!!filters.notable} />
      )}
    </>
  );
}

function ActivityList({ query, onPage }: { query: ActivityQuery; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const L = useActivityLabels();
  const { data, isFetching } = useActivities(query);
  const pagination = { current: query.page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false };
  const typeTag = (a: ActivitySummary) => (
    <Tag color={TYPE_COLOR[a.type]} style={{ marginInlineEnd: 0 }}>
      {L.type(a.type)}
      {a.form ? ` · ${L.form(a.form)}` : ''}
    </Tag>
  );

  if (isMobile) {
    return (
      <List<ActivitySummary>
        data-testid="activities-cards"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('activities.none')} /> }}
        pagination={data && data.total > PAGE_SIZE ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
        renderItem={(a) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/activities/${a.id}`)} data-testid={`activity-row-${a.id}`}>
            <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
              {a.coverThumbUrl ? (
                <img src={a.coverThumbUrl} alt="" style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 6, flex: 'none' }} />
              ) : (
                <div style={{ width: 64, height: 64, borderRadius: 6, background: '#f0f0f0', display: 'grid', placeItems: 'center', flex: 'none' }}>
                  <PictureOutlined style={{ fontSize: 22, color: '#bbb' }} />
                </div>
              )}
              <div style={{ flex: 1, minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: 16, display: 'block' }} ellipsis>
                  {a.notable && <StarFilled style={{ color: '#faad14', marginInlineEnd: 4 }} />}
                  {a.title}
                </Typography.Text>
                <div style={{ margin: '2px 0' }}>{typeTag(a)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }} ellipsis>
                  {a.heldOn} · {a.orgName} · <TeamOutlined /> {a.attendeeCount}
                </Typography.Text>
              </div>
              <RightOutlined style={{ color: '#bbb' }} />
            </div>
          </Card>
        )}
      />
    );
  }
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<ActivitySummary>
        data-testid="activities-table"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={pagination}
        locale={{ emptyText: <Empty description={t('activities.none')} /> }}
        onRow={(a) =>
          ({
            onClick: () => navigate(`/activities/${a.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `activity-row-${a.id}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('activities.heldOn'), dataIndex: 'heldOn', width: 120 },
          {
            title: t('activities.titleField'),
            dataIndex: 'title',
            render: (_, a) => (
              <Space size={6}>
                {a.coverThumbUrl && <Image src={a.coverThumbUrl} width={40} height={40} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} />}
                <span>
                  {a.notable && <StarFilled style={{ color: '#faad14', marginInlineEnd: 4 }} />}
                  {a.title}
                </span>
              </Space>
            ),
          },
          { title: t('activities.type'), dataIndex: 'type', width: 220, render: (_, a) => typeTag(a) },
          { title: t('activities.org'), dataIndex: 'orgName', width: 200 },
          { title: t('activities.attendees'), dataIndex: 'attendeeCount', width: 100, align: 'right' },
          { title: t('activities.photos'), dataIndex: 'photoCount', width: 80, align: 'right' },
        ]}
      />
    </Card>
  );
}

function ActivityCalendar({
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
