import { Button, Card, Empty, Select, Skeleton, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { usePosts, useReviewQueue } from './api.ts';
import { PostList } from './PostList.tsx';
import { MediaPanel } from './MediaPanel.tsx';
import { SharePanel } from './SharePanel.tsx';

const ORDER = { running: 0, upcoming: 1, finished: 2 } as const;

/** 宣传工作: the unit's posts, the review queue of the level above, the media coverage register and the portal's share panel. */
export default function PublicityPage() {
  const { t } = useTranslation();
  const can = useCan();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { data: campaigns, isPending } = useCampaigns();
  const sorted = [...(campaigns ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const campaignId = Number(params.get('campaignId')) || sorted[0]?.id || null;
  const campaign = sorted.find((c) => c.id === campaignId);
  const reviewer = can('publicity.review');
  const posts = usePosts(campaignId, false);
  const queue = useReviewQueue(campaignId, reviewer);
  const tab = params.get('tab') ?? (reviewer && queue.data?.total ? 'queue' : 'posts');
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };

  const header = (
    <div className="zx-page-toolbar">
      <h2 style={{ margin: 0, fontSize: 20 }}>{t('publicity.title')}</h2>
      {sorted.length > 0 && (
        <Select
          value={campaignId}
          onChange={(id) => set('campaignId', String(id))}
          options={sorted.map((c) => ({ value: c.id, label: c.name }))}
          style={{ minWidth: isMobile ? '100%' : 320 }}
          popupMatchSelectWidth={false}
          data-testid="publicity-campaign"
        />
      )}
    </div>
  );
  if (isPending) return <Skeleton active />;
  if (!campaignId || !campaign)
    return (
      <>
        {header}
        <Card>
          <Empty description={t('publicity.noCampaign')} />
        </Card>
      </>
    );

  const items = [
    {
      key: 'posts',
      label: t('publicity.tabPosts'),
      children: (
        <>
          {can('publicity.write') && (
            <Link to={`/publicity/posts/new?campaignId=${campaignId}`}>
              <Button type="primary" icon={<PlusOutlined />} block={isMobile} style={{ marginBottom: 8 }} data-testid="post-new">
                {t('publicity.newPost')}
              </Button>
            </Link>
          )}
          <PostList items={posts.data?.items ?? []} loading={posts.isPending} empty={t('publicity.none')} />
        </>
      ),
    },
    ...(reviewer
      ? [
          {
            key: 'queue',
            label: `${t('publicity.tabQueue')}${queue.data?.total ? ` (${queue.data.total})` : ''}`,
            children: <PostList items={queue.data?.items ?? []} loading={queue.isPending} empty={t('publicity.queueEmpty')} />,
          },
        ]
      : []),
    { key: 'media', label: t('publicity.tabMedia'), children: <MediaPanel campaignId={campaignId} /> },
  ];

  return (
    <>
      {header}
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: isMobile ? '1fr' : 'minmax(0, 1fr) 360px', alignItems: 'start' }}>
        <Card size="small">
          <Tabs activeKey={tab} onChange={(k) => set('tab', k)} items={items} />
        </Card>
        <SharePanel campaignId={campaignId} name={campaign.name} />
      </div>
    </>
  );
}
