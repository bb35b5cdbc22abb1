import { Card, Empty, Image, List, Space, Table, Tag, Typography } from 'antd';
import { PictureOutlined, RightOutlined, StarFilled, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useActivities, type ActivityQuery, type ActivitySummary } from './api.ts';
import { TYPE_COLOR, useActivityLabels } from './labels.ts';

export const ACTIVITY_PAGE_SIZE = 20;

/** One page of activities: cards with the cover on a phone, a table on a desk; a row opens the activity. */
export function ActivityList({ query, onPage }: { query: ActivityQuery; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const L = useActivityLabels();
  const { data, isFetching } = useActivities(query);
  const pagination = { current: query.page, pageSize: ACTIVITY_PAGE_SIZE, total: data?.total ?? 0, onChange: onPage, showSizeChanger: false };
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
        pagination={data && data.total > ACTIVITY_PAGE_SIZE ? { ...pagination, size: 'small', simple: true, align: 'center' } : false}
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
