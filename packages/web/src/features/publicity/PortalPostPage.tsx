import { useEffect } from 'react';
import { Image, Result, Skeleton } from 'antd';
import { EyeOutlined, LeftOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePublicPost } from './api.ts';
import { PortalLayout, portalDate } from './PortalLayout.tsx';

/** One approved post on the public portal (/p/<campaignId>/posts/<id>). */
export default function PortalPostPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.campaignId);
  const post = usePublicPost(id, Number(params.postId));
  useEffect(() => {
    if (post.data) document.title = post.data.title;
  }, [post.data]);
  const back = (
    <Link to={`/p/${id}`} style={{ display: 'inline-block', padding: '12px 16px', color: '#c8161d' }}>
      <LeftOutlined /> {t('publicity.portal.back')}
    </Link>
  );
  if (post.isPending)
    return (
      <PortalLayout>
        <Skeleton active style={{ padding: 16 }} />
      </PortalLayout>
    );
  if (!post.data)
    return (
      <PortalLayout>
        {back}
        <Result status="404" title={t('publicity.portal.notFound')} />
      </PortalLayout>
    );
  const p = post.data;
  return (
    <PortalLayout>
      {back}
      <article style={{ padding: '0 16px 16px' }}>
        <h1 style={{ fontSize: 22, lineHeight: 1.4, margin: '4px 0 8px' }} data-testid="portal-post-title">
          {p.title}
        </h1>
        <div style={{ color: '#999', fontSize: 13, marginBottom: 16 }}>
          {p.orgName} · {portalDate(p.publishedAt)} · <EyeOutlined /> {p.views}
        </div>
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 16, lineHeight: 1.8, overflowWrap: 'anywhere' }} data-testid="portal-post-body">
          {p.body}
        </div>
        {p.videoUrl && (
          <a href={p.videoUrl} target="_blank" rel="noopener noreferrer nofollow" style={{ display: 'inline-block', margin: '16px 0', color: '#c8161d' }}>
            <PlayCircleOutlined /> {t('publicity.portal.video')}
          </a>
        )}
        <Image.PreviewGroup>
          {p.photos.map((ph) => (
            <Image key={ph.url} src={ph.url} width="100%" style={{ display: 'block', marginTop: 12, borderRadius: 4 }} alt="" />
          ))}
        </Image.PreviewGroup>
      </article>
    </PortalLayout>
  );
}
