import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Image, Input, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { PhotoUploader } from '../activities/PhotoUploader.tsx';
import type { Attachment } from '../activities/api.ts';
import { usePost, usePostActions, type Post } from './api.ts';
import { STATUS_COLOR } from './PostList.tsx';
import { ReviewBox } from './ReviewBox.tsx';

/** A post: written and edited by its unit while a draft (or returned, or withdrawn), submitted, reviewed by the level above. */
export default function PostPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession();
  const { id: idParam } = useParams();
  const [params] = useSearchParams();
  const id = idParam && idParam !== 'new' ? Number(idParam) : null;
  const post = usePost(id);
  const actions = usePostActions(id);
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const p = post.data;
  const campaignId = p?.campaignId ?? (Number(params.get('campaignId')) || null);
  const orgId = p?.orgId ?? me.grant.orgId;
  const activities = useQuery({
    queryKey: ['publicity', 'activities', campaignId, orgId],
    queryFn: () => api.GET('/activities', { params: { query: { campaignId: campaignId ?? undefined, orgId, subtree: '0', pageSize: 100 } } }),
    enabled: !!campaignId && (!p || p.canEdit),
  });

  useEffect(() => {
    if (!p) return;
    form.setFieldsValue({ title: p.title, body: p.body, videoUrl: p.videoUrl ?? '', activityIds: p.activities.map((a) => a.id) });
    setPhotos(p.photos);
  }, [p, form]);

  if (id && post.isPending) return <Skeleton active />;
  if (id && !p) return <Alert type="error" message={errorText(post.error, i18n.language)} />;
  const editable = !p || p.canEdit;

  const save = async (): Promise<Post | null> => {
    const v = await form.validateFields();
    const text = {
      title: v.title,
      body: v.body ?? '',
      videoUrl: v.videoUrl?.trim() || null,
      photoIds: photos.map((x) => x.id),
      activityIds: v.activityIds ?? [],
    };
    try {
      if (p) return await actions.save.mutateAsync(text);
      const created = await actions.create.mutateAsync({ ...text, campaignId: campaignId!, orgId });
      navigate(`/publicity/posts/${created.id}`, { replace: true });
      return created;
    } catch (e) {
      if (!applyFieldErrors(form, e, i18n.language)?.length) message.error(errorText(e, i18n.language));
      return null;
    }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(errorText(e, i18n.language));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{p ? p.title : t('publicity.newPost')}</h2>
        {p && (
          <Space wrap>
            <Tag color={STATUS_COLOR[p.status]} data-testid="post-status">
              {t(`publicity.status.${p.status}`)}
            </Tag>
            <Typography.Text type="secondary">{p.orgName}</Typography.Text>
            {p.status === 'approved' && (
              <a href={`/p/${p.campaignId}/posts/${p.id}`} target="_blank" rel="noreferrer">
                {t('publicity.viewPublic')}
              </a>
            )}
          </Space>
        )}
      </div>
      {p?.reviewComment && p.status === 'returned' && (
        <Alert type="warning" showIcon message={t('publicity.reviewComment')} description={p.reviewComment} data-testid="post-review-comment" />
      )}
      {p?.canReview && <ReviewBox review={actions.review} />}
      <Card size="small">
        {editable ? (
          <Form form={form} layout="vertical" disabled={!campaignId}>
            <Form.Item name="title" label={t('publicity.postTitle')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="post-title" />
            </Form.Item>
            <Form.Item name="body" label={t('publicity.postBody')} extra={t('publicity.bodyHint')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={20000} data-testid="post-body" />
            </Form.Item>
            <Form.Item label={t('publicity.photos')}>
              <PhotoUploader orgId={orgId} value={photos} onChange={setPhotos} />
            </Form.Item>
            <Form.Item name="videoUrl" label={t('publicity.video')} extra={t('publicity.videoHint')}>
              <Input maxLength={500} placeholder="https://" data-testid="post-video" />
            </Form.Item>
            <Form.Item name="activityIds" label={t('publicity.activities')}>
              <Select
                mode="multiple"
                placeholder={t('publicity.activitiesPlaceholder')}
                loading={activities.isPending}
                options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.heldOn} ${a.title}` }))}
                optionFilterProp="label"
              />
            </Form.Item>
            <Space wrap>
              <Button
                loading={actions.save.isPending || actions.create.isPending}
                onClick={() => save().then((r) => r && message.success(t('publicity.saved')))}
                data-testid="post-save"
              >
                {t('publicity.save')}
              </Button>
              <Button
                type="primary"
                loading={actions.submit.isPending}
                data-testid="post-submit"
                onClick={async () => {
                  const saved = await save();
                  if (saved)
                    await act(
                      () => api.POST('/publicity/posts/{id}/submit', { params: { path: { id: saved.id } } }).then(() => post.refetch()),
                      t('publicity.submitted'),
                    );
                }}
              >
                {t('publicity.submit')}
              </Button>
              {p && (
                <Popconfirm
                  title={t('publicity.deleteConfirm')}
                  onConfirm={() => act(() => actions.remove.mutateAsync().then(() => navigate('/publicity')), t('publicity.delete'))}
                >
                  <Button danger>{t('publicity.delete')}</Button>
                </Popconfirm>
              )}
            </Space>
          </Form>
        ) : (
          p && <PostView post={p} />
        )}
      </Card>
      {p?.canWithdraw && (
        <Popconfirm title={t('publicity.withdrawConfirm')} onConfirm={() => act(() => actions.withdraw.mutateAsync(), t('publicity.withdrawn'))}>
          <Button danger data-testid="post-withdraw">
            {t('publicity.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function PostView({ post }: { post: Post }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="post-body-view">
        {post.body}
      </Typography.Paragraph>
      {post.photos.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
            {post.photos.map((ph) => (
              <Image
                key={ph.id}
                src={ph.thumbUrl ?? ph.url}
                preview={{ src: ph.url }}
                width="100%"
                height={96}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {post.videoUrl && (
        <a href={post.videoUrl} target="_blank" rel="noopener noreferrer">
          {t('publicity.video')}: {post.videoUrl}
        </a>
      )}
      {post.activities.length > 0 && (
        <Typography.Text type="secondary">
          {t('publicity.activities')}: {post.activities.map((a) => `${a.heldOn} ${a.title}`).join('；')}
        </Typography.Text>
      )}
    </Space>
  );
}
