import { useState } from 'react';
import { Button, Card, Col, Drawer, List, Progress, Row, Segmented, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DashboardMemberFigure } from '@zx/contract/dashboard';
import { api } from '../../api/client.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { pct, type Dashboard } from './api.ts';

const percent = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);

/**
 * 知晓率 · 覆盖面 · 岗位承诺 · 宣传: how far the campaign reached the members and the public.
 * A branch's own cadres open the members who have not yet, name by name.
 */
export function ReachFigures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const me = useSession();
  const can = useCan();
  const [figure, setFigure] = useState<DashboardMemberFigure | null>(null);
  // The unit's own roster: its subtree's members less its children's.
  const ownMembers = data.members - data.children.reduce((n, c) => n + c.members, 0);
  const ownUnit = me.grant.orgId === data.org.id && can('member.read') && ownMembers > 0;
  const { awareness, pledges, coverage, media } = data;
  const tiles = [
    {
      id: 'awareness',
      title: t('dashboard.reach.awareness'),
      rate: awareness.rate,
      hint: t('dashboard.reach.awarenessHint', { n: awareness.aware, total: awareness.members }),
      figure: null,
    },
    {
      id: 'branch-coverage',
      title: t('dashboard.reach.branchCoverage'),
      rate: coverage.branchRate,
      hint: t('dashboard.reach.branchCoverageHint', { n: coverage.branchesWithActivity, total: coverage.branches }),
      figure: null,
    },
    {
      id: 'member-coverage',
      title: t('dashboard.reach.memberCoverage'),
      rate: coverage.memberRate,
      hint: t('dashboard.reach.memberCoverageHint', { n: coverage.membersAttended, total: coverage.members }),
      figure: 'attended' as const,
    },
    {
      id: 'pledges',
      title: t('dashboard.reach.pledges'),
      rate: pledges.rate,
      hint: t('dashboard.reach.pledgesHint', { n: pledges.pledged, total: pledges.members }),
      figure: null,
    },
  ];
  return (
    <Card title={t('dashboard.reach.title')} style={{ marginBottom: 16 }} data-testid="dashboard-reach">
      <Row gutter={[12, 12]}>
        {tiles.map((x) => (
          <Col key={x.id} xs={12} lg={6}>
            <div data-testid={`reach-${x.id}`}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {x.title}
              </Typography.Text>
              <div style={{ fontSize: 22, fontWeight: 600 }} data-testid={`reach-${x.id}-value`}>
                {pct(x.rate)}
              </div>
              <Progress percent={percent(x.rate)} showInfo={false} size="small" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`reach-${x.id}-hint`}>
                {x.hint}
              </Typography.Text>
              {ownUnit && x.figure && (
                <div>
                  <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setFigure(x.figure)} data-testid={`reach-${x.id}-missing`}>
                    {t('dashboard.reach.whoNotYet')}
                  </Button>
                </div>
              )}
            </div>
          </Col>
        ))}
      </Row>
      <div style={{ marginTop: 16 }} data-testid="reach-media">
        <Typography.Text strong>{t('dashboard.reach.media', { n: media.total })}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {t('dashboard.reach.posts', { n: media.postsPublished })}
        </Typography.Text>
        <Space wrap size={4} style={{ display: 'flex', marginTop: 6 }}>
          {media.byKind.map((k) => (
            <Tag key={k.kind} color="blue">
              {t(`dashboard.reach.mediaKind.${k.kind}`, { defaultValue: k.kind })} {k.count}
            </Tag>
          ))}
          {media.byLevel.map((l) => (
            <Tag key={l.level}>
              {t(`dashboard.reach.mediaLevel.${l.level}`, { defaultValue: l.level })} {l.count}
            </Tag>
          ))}
        </Space>
      </div>
      <MembersDrawer campaignId={data.campaign.id} orgId={data.org.id} figure={figure} onClose={() => setFigure(null)} />
    </Card>
  );
}

/** The unit's own members behind a figure: who has not yet (default) or everyone. */
function MembersDrawer({
  campaignId,
  orgId,
  figure,
  onClose,
}: {
  campaignId: number;
  orgId: number;
  figure: DashboardMemberFigure | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [state, setState] = useState<'missing' | 'all'>('missing');
  const [page, setPage] = useState(1);
  const { data, isFetching } = useQuery({
    queryKey: ['dashboard', campaignId, orgId, 'members', figure, state, page],
    queryFn: () =>
      api.GET('/campaigns/{id}/dashboard/members', {
        params: { path: { id: campaignId }, query: { orgId, figure: figure!, state: state === 'all' ? undefined : 'missing', page, pageSize: 50 } },
      }),
    enabled: !!figure,
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      open={!!figure}
      onClose={onClose}
      title={figure ? t(`dashboard.reach.membersTitle.${figure}`) : ''}
      size={isMobile ? '100%' : 480}
      destroyOnHidden
      data-testid="reach-members-drawer"
    >
      <Segmented
        value={state}
        onChange={(v) => {
          setState(v as 'missing' | 'all');
          setPage(1);
        }}
        options={[
          { value: 'missing', label: t('dashboard.reach.notYet') },
          { value: 'all', label: t('dashboard.reach.everyone') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <List
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('dashboard.reach.nobody') }}
        pagination={data && data.total > 50 ? { current: page, pageSize: 50, total: data.total, onChange: setPage, showSizeChanger: false } : false}
        header={data ? t('dashboard.reach.membersTotal', { n: data.total }) : null}
        renderItem={(m) => (
          <List.Item key={m.memberId} data-testid={`reach-member-${m.memberId}`}>
            <span>{m.name}</span>
            {m.done ? <Tag color="success">{t('dashboard.reach.done')}</Tag> : <Tag>{t('dashboard.reach.notYet')}</Tag>}
          </List.Item>
        )}
      />
    </Drawer>
  );
}
