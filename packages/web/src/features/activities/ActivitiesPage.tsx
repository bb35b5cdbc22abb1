import { useState } from 'react';
import { Button, Col, DatePicker, Input, Row, Segmented, Select, Space } from 'antd';
import { CalendarOutlined, CameraOutlined, FilterOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES } from '@zx/domain/campaign/activity-types';
import { codeIn } from '../../app/codes.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useDebounced } from '../../app/useDebounced.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useOrgDetail } from '../orgs/api.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { ActivityCalendar } from './ActivityCalendar.tsx';
import { ACTIVITY_PAGE_SIZE, ActivityList } from './ActivityList.tsx';
import { useActivityLabels } from './labels.ts';

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
    type: codeIn(ACTIVITY_TYPES, params.get('type')),
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
          query={{ ...filters, q, page: num(params.get('page')) ?? 1, pageSize: ACTIVITY_PAGE_SIZE }}
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
