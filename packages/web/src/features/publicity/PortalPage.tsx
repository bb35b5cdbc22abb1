import { useEffect, useState } from 'react';
import { Button, Empty, Image, Result, Skeleton, Steps, Tag, Typography } from 'antd';
import { EyeOutlined, TrophyOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePublicCampaign, usePublicPosts, type PublicCampaign } from './api.ts';
import { PortalLayout, portalDate } from './PortalLayout.tsx';

type Item = NonNullable<ReturnType<typeof usePublicPosts>['data']>['items'][number];

/** 公开门户 /p/<campaignId>: the campaign, its phase, highlight photos, exemplars and approved posts, for anyone, without logging in. */
export default function PortalPage() {
  const { t } = useTranslation();
  const id = Number(useParams().campaignId);
  const campaign = usePublicCampaign(id);
  const [page, setPage] = useState(1);
  const posts = usePublicPosts(id, page);
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    if (posts.data)
      setItems((prev) => (page === 1 ? posts.data.items : [...prev.filter((x) => !posts.data.items.some((y) => y.id === x.id)), ...posts.data.items]));
  }, [posts.data, page]);
  useEffect(() => {
    if (campaign.data) document.title = campaign.data.name;
  }, [campaign.data]);

  if (campaign.isPending)
    return (
      <PortalLayout>
        <Skeleton active style={{ padding: 16 }} />
      </PortalLayout>
    );
  if (!campaign.data)
    return (
      <PortalLayout>
        <Result status="404" title={t('publicity.portal.notFound')} />
      </PortalLayout>
    );
  const c = campaign.data;
  return (
    <PortalLayout>
      <Banner c={c} />
      <div style={{ padding: 16, display: 'grid', gap: 20 }}>
        <Phases c={c} />
        {c.highlights.length > 0 && (
          <section>
            <h3 style={{ margin: '0 0 8px' }}>{t('publicity.portal.highlights')}</h3>
            <Image.PreviewGroup>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))', gap: 6 }}>
                {c.highlights.map((h) => (
                  <Image
                    key={h.url}
                    src={h.thumbUrl}
                    preview={{ src: h.url }}
                    width="100%"
                    height={96}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    alt=""
                  />
                ))}
              </div>
            </Image.PreviewGroup>
          </section>
        )}
        {c.exemplars.length > 0 && (
          <section>
            <h3 style={{ margin: '0 0 8px' }}>{t('publicity.portal.exemplars')}</h3>
            {c.exemplars.map((e) => (
              <div key={`${e.name}-${e.title}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <TrophyOutlined style={{ color: '#c8161d', marginRight: 6 }} />
                <strong>{e.name}</strong> <Typography.Text type="secondary">{e.title}</Typography.Text>
              </div>
            ))}
          </section>
        )}
        <section>
          <h3 style={{ margin: '0 0 8px' }}>
            {t('publicity.portal.posts')}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {t('publicity.portal.postsCount', { n: c.approvedPosts })}
            </Typography.Text>
          </h3>
          {!posts.isPending && !items.length && <Empty description={t('publicity.portal.empty')} />}
          {items.map((p) => (
            <Link
              key={p.id}
              to={`/p/${id}/posts/${p.id}`}
              style={{ display: 'flex', gap: 12, padding: '12px 0', borderBottom: '1px solid #f0f0f0', color: 'inherit' }}
              data-testid={`portal-post-${p.id}`}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 16, fontWeight: 600, lineHeight: 1.4 }}>{p.title}</div>
                <div style={{ color: '#666', fontSize: 13, margin: '4px 0', overflowWrap: 'anywhere' }}>{p.excerpt}</div>
                <div style={{ color: '#999', fontSize: 12 }}>
                  {p.orgName} · {portalDate(p.publishedAt)} · <EyeOutlined /> {p.views}
                </div>
              </div>
              {p.cover && <img src={p.cover.thumbUrl} alt="" width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }} />}
            </Link>
          ))}
          {posts.data && items.length < posts.data.total && (
            <Button block style={{ marginTop: 12 }} loading={posts.isFetching} onClick={() => setPage((n) => n + 1)}>
              {t('publicity.portal.more')}
            </Button>
          )}
        </section>
      </div>
    </PortalLayout>
  );
}

function Banner({ c }: { c: PublicCampaign }) {
  return (
    <div style={{ background: 'linear-gradient(160deg, #c8161d, #e2403f)', color: '#fff', padding: '28px 16px 20px' }}>
      <div style={{ fontSize: 13, opacity: 0.9 }}>{c.orgName}</div>
      <h1 style={{ color: '#fff', fontSize: 22, margin: '6px 0', lineHeight: 1.35 }} data-testid="portal-title">
        {c.name}
      </h1>
      {c.slogan && <div style={{ fontSize: 15, opacity: 0.95 }}>{c.slogan}</div>}
    </div>
  );
}

function Phases({ c }: { c: PublicCampaign }) {
  const { t } = useTranslation();
  const current = c.phases.findIndex((p) => p.key === c.currentPhase);
  const phase = c.phases[current];
  return (
    <section>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('publicity.portal.phase')}：</Typography.Text>
        {phase ? (
          <Tag color="red">
            {phase.nameZh}（{phase.startsOn} ~ {phase.endsOn}）
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('publicity.portal.noPhase')}</Typography.Text>
        )}
      </div>
      <Steps
        size="small"
        orientation="horizontal"
        titlePlacement="vertical"
        responsive={false}
        current={current}
        items={c.phases.map((p) => ({ title: <span style={{ fontSize: 12 }}>{p.nameZh}</span> }))}
        style={{ overflowX: 'auto' }}
      />
    </section>
  );
}
