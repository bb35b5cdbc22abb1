import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Empty, Form, Input, List, Popconfirm, Select, Space, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEDIA_KIND_CODES, MEDIA_LEVEL_CODES } from '@zx/domain/publicity/publicity';
import { upload } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useMedia, useMediaActions, type MediaCoverage } from './api.ts';

type Clip = { id: number; name: string } | null;

/** 媒体报道登记: the unit's coverage with filters; the unit records, edits and deletes its own. */
export function MediaPanel({ campaignId }: { campaignId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useSession();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<MediaCoverage['kind']>();
  const [level, setLevel] = useState<MediaCoverage['level']>();
  const list = useMedia(campaignId, { kind, level });
  const { save, remove } = useMediaActions();
  const [editing, setEditing] = useState<MediaCoverage | 'new' | null>(null);
  const [clip, setClip] = useState<Clip>(null);
  const [form] = Form.useForm();

  const open = (m: MediaCoverage | 'new') => {
    setEditing(m);
    setClip(m !== 'new' && m.clipping ? { id: m.clipping.id, name: m.clipping.name } : null);
    form.setFieldsValue(
      m === 'new'
        ? { kind: 'online', level: 'city', outlet: '', title: '', url: '', publishedOn: dayjs() }
        : { ...m, url: m.url ?? '', publishedOn: dayjs(m.publishedOn) },
    );
  };
  const submit = async () => {
    const v = await form.validateFields();
    const orgId = editing && editing !== 'new' ? editing.orgId : me.grant.orgId;
    try {
      await save.mutateAsync({
        id: editing && editing !== 'new' ? editing.id : null,
        body: {
          campaignId,
          orgId,
          kind: v.kind,
          level: v.level,
          outlet: v.outlet,
          title: v.title,
          publishedOn: v.publishedOn.format('YYYY-MM-DD'),
          url: v.url?.trim() || null,
          attachmentId: clip?.id ?? null,
          postId: null,
          activityId: null,
        },
      });
      setEditing(null);
    } catch (e) {
      if (!applyFieldErrors(form, e, i18n.language, { attachmentId: 'url' })?.length) message.error(errorText(e, i18n.language));
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        {can('publicity.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="media-add">
            {t('publicity.media.add')}
          </Button>
        )}
        <Select
          allowClear
          placeholder={t('publicity.media.allKinds')}
          value={kind}
          onChange={setKind}
          style={{ width: 120 }}
          options={MEDIA_KIND_CODES.map((k) => ({ value: k, label: t(`publicity.media.kinds.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('publicity.media.allLevels')}
          value={level}
          onChange={setLevel}
          style={{ width: 120 }}
          options={MEDIA_LEVEL_CODES.map((k) => ({ value: k, label: t(`publicity.media.levels.${k}`) }))}
        />
        {list.data && <Typography.Text type="secondary">{t('publicity.media.count', { n: list.data.total })}</Typography.Text>}
      </Space>
      {list.data && !list.data.items.length ? (
        <Empty description={t('publicity.media.none')} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              data-testid={`media-row-${m.id}`}
              actions={
                m.canEdit
                  ? [
                      <Button key="e" size="small" type="text" icon={<EditOutlined />} onClick={() => open(m)} aria-label={t('publicity.media.edit')} />,
                      <Popconfirm key="d" title={t('publicity.media.deleteConfirm')} onConfirm={() => remove.mutate(m.id)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('publicity.delete')} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  m.url ? (
                    <a href={m.url} target="_blank" rel="noopener noreferrer">
                      {m.title}
                    </a>
                  ) : (
                    m.title
                  )
                }
                description={
                  <Space size={4} wrap>
                    <Tag color="blue">{t(`publicity.media.kinds.${m.kind}`)}</Tag>
                    <Tag>{t(`publicity.media.levels.${m.level}`)}</Tag>
                    <span>{m.outlet}</span>
                    <span>{m.publishedOn}</span>
                    <span>{m.orgName}</span>
                    {m.clipping && (
                      <a href={m.clipping.url} target="_blank" rel="noopener noreferrer">
                        <PaperClipOutlined /> {m.clipping.name}
                      </a>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Drawer
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('publicity.media.add') : t('publicity.media.edit')}
        width={isMobile ? '100%' : 480}
        extra={
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="media-save">
            {t('publicity.media.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('publicity.media.kind')} rules={[{ required: true }]}>
            <Select options={MEDIA_KIND_CODES.map((k) => ({ value: k, label: t(`publicity.media.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="level" label={t('publicity.media.level')} rules={[{ required: true }]}>
            <Select options={MEDIA_LEVEL_CODES.map((k) => ({ value: k, label: t(`publicity.media.levels.${k}`) }))} />
          </Form.Item>
          <Form.Item name="outlet" label={t('publicity.media.outlet')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} data-testid="media-outlet" />
          </Form.Item>
          <Form.Item name="title" label={t('publicity.media.titleField')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} data-testid="media-title" />
          </Form.Item>
          <Form.Item name="publishedOn" label={t('publicity.media.date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="url" label={t('publicity.media.url')}>
            <Input maxLength={1000} placeholder="https://" data-testid="media-url" />
          </Form.Item>
          <Form.Item label={t('publicity.media.clipping')} extra={t('publicity.media.clippingHint')}>
            <Space wrap>
              <Upload
                accept="image/*,application/pdf"
                showUploadList={false}
                customRequest={({ file, onSuccess, onError }) => {
                  upload('/attachments', file as File, { orgId: editing && editing !== 'new' ? editing.orgId : me.grant.orgId, kind: 'file' })
                    .then((a) => {
                      setClip({ id: a.id, name: a.name });
                      onSuccess?.(a);
                    })
                    .catch((e) => {
                      message.error(errorText(e, i18n.language));
                      onError?.(e as Error);
                    });
                }}
              >
                <Button icon={<PaperClipOutlined />}>{t('publicity.media.upload')}</Button>
              </Upload>
              {clip && (
                <Tag closable onClose={() => setClip(null)}>
                  {clip.name}
                </Tag>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
