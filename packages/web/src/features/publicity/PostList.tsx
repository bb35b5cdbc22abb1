import { Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PostItem } from './api.ts';

export const STATUS_COLOR: Record<PostItem['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
  withdrawn: 'default',
};

/** Posts as a phone-friendly list: cover, title, unit, state; a row opens the post. */
export function PostList({ items, loading, empty }: { items: PostItem[]; loading: boolean; empty: string }) {
  const { t } = useTranslation();
  if (!loading && !items.length) return <Empty description={empty} />;
  return (
    <List
      loading={loading}
      dataSource={items}
      renderItem={(p) => (
        <List.Item key={p.id} data-testid={`post-row-${p.id}`}>
          <Link to={`/publicity/posts/${p.id}`} style={{ display: 'flex', gap: 12, width: '100%', color: 'inherit', minWidth: 0 }}>
            {p.coverThumbUrl && <img src={p.coverThumbUrl} alt="" width={64} height={48} style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }} />}
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong ellipsis style={{ display: 'block' }}>
                {p.title}
              </Typography.Text>
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[p.status]}>{t(`publicity.status.${p.status}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.orgName}
                </Typography.Text>
                {p.status === 'approved' && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('publicity.views', { n: p.views })}
                  </Typography.Text>
                )}
              </Space>
            </div>
          </Link>
        </List.Item>
      )}
    />
  );
}
