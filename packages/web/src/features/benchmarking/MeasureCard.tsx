import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type ButtonProps,
  type UploadProps,
} from 'antd';
import { CheckOutlined, CommentOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, upload } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import type { Attachment } from '../activities/api.ts';
import { MemberSelect } from '../exemplars/MemberSelect.tsx';
import { useMeasureAction, useSaveMeasure, type Benchmark, type Measure } from './api.ts';

export function MeasureStatusTags({ m }: { m: Pick<Measure, 'id' | 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={m.status === 'closed' ? 'green' : 'orange'} data-testid={`measure-status-${m.id}`} data-status={m.status}>
        {t(`exemplars.bench.status.${m.status}`)}
      </Tag>
      {m.overdue && <Tag color="red">{t('exemplars.bench.overdue')}</Tag>}
    </Space>
  );
}

/**
 * One catch-up measure with what the viewer may do: the unit edits, deletes or closes it (with
 * evidence); the level above comments or sends a closed one back.
 */
export function MeasureCard({ m, standard, showUnit }: { m: Measure; standard?: Benchmark['standard']; showUnit?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = i18n.language === 'en-US';
  const action = useMeasureAction(m.id);
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [commenting, setCommenting] = useState<null | 'comments' | 'reopen'>(null);
  const [commentForm] = Form.useForm<{ body: string }>();

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`measure-${m.id}`}
      title={
        <Space size={6} wrap>
          <Tag color="red">{en ? m.dimensionNameEn : m.dimensionNameZh}</Tag>
          {showUnit && <span>{m.orgName}</span>}
          <MeasureStatusTags m={m} />
        </Space>
      }
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, marginBottom: 6 }} data-testid={`measure-content-${m.id}`}>
        {m.content}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {t('exemplars.bench.owner')}：{m.ownerName} · {t('exemplars.bench.dueOn')}：<span style={m.overdue ? { color: '#cf1322' } : undefined}>{m.dueOn}</span>
      </Typography.Text>
      {m.status === 'closed' && (
        <div style={{ marginTop: 8, padding: '8px 12px', background: '#f6ffed', borderRadius: 6 }} data-testid={`measure-evidence-${m.id}`}>
          <Typography.Text strong>{t('exemplars.bench.evidence')}：</Typography.Text>
          {m.evidence.activity &&
            (m.evidence.activity.deleted ? (
              <Typography.Text type="secondary">{t('exemplars.bench.activityDeleted')}</Typography.Text>
            ) : (
              <Link to={`/activities/${m.evidence.activity.id}`}>
                {m.evidence.activity.heldOn} {m.evidence.activity.title}
              </Link>
            ))}
          {m.evidence.attachments.map((a) => (
            <div key={a.id}>
              <PaperClipOutlined />{' '}
              <a href={a.url} target="_blank" rel="noreferrer">
                {a.name}
              </a>
            </div>
          ))}
          {m.closingNote && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{m.closingNote}</Typography.Paragraph>}
        </div>
      )}
      {m.comments.length > 0 && (
        <div style={{ marginTop: 8 }} data-testid={`measure-comments-${m.id}`}>
          {m.comments.map((c) => (
            <div key={c.id} style={{ padding: '6px 12px', background: '#fff7e6', borderRadius: 6, marginBottom: 4 }}>
              <Typography.Text strong>{c.orgName}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.createdAt.slice(0, 10)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
            </div>
          ))}
        </div>
      )}
      {(m.canEdit || m.canClose || m.canComment || m.canReopen) && (
        <Space wrap style={{ marginTop: 10 }}>
          {m.canClose && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setClosing(true)} data-testid={`measure-close-${m.id}`}>
              {t('exemplars.bench.close')}
            </Button>
          )}
          {m.canEdit && standard && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={`measure-edit-${m.id}`}>
              {t('common.edit')}
            </Button>
          )}
          {m.canEdit && (
            <Popconfirm
              title={t('exemplars.bench.deleteConfirm')}
              onConfirm={() => action.mutate({ action: 'delete' }, { onError: (e) => message.error(errorText(e, i18n.language)) })}
            >
              <Button icon={<DeleteOutlined />} danger data-testid={`measure-delete-${m.id}`}>
                {t('exemplars.bench.delete')}
              </Button>
            </Popconfirm>
          )}
          {m.canComment && (
            <Button icon={<CommentOutlined />} onClick={() => setCommenting('comments')} data-testid={`measure-comment-${m.id}`}>
              {t('exemplars.bench.comment')}
            </Button>
          )}
          {m.canReopen && (
            <Button icon={<RollbackOutlined />} onClick={() => setCommenting('reopen')} data-testid={`measure-reopen-${m.id}`}>
              {t('exemplars.bench.reopen')}
            </Button>
          )}
        </Space>
      )}
      {standard && editing && (
        <MeasureFormModal open onClose={() => setEditing(false)} campaignId={m.campaignId} orgId={m.orgId} standard={standard} measure={m} />
      )}
      {closing && <CloseModal m={m} onClose={() => setClosing(false)} />}
      <Modal
        open={commenting !== null}
        title={commenting === 'reopen' ? t('exemplars.bench.reopenTitle') : t('exemplars.bench.commentTitle')}
        onCancel={() => setCommenting(null)}
        onOk={() => commentForm.submit()}
        confirmLoading={action.isPending}
        destroyOnHidden
        wrapProps={{ 'data-testid': 'measure-comment-modal' }}
      >
        <Form
          form={commentForm}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            action.mutate(commenting === 'reopen' ? { action: 'reopen', body: { comment: v.body } } : { action: 'comments', body: { body: v.body } }, {
              onSuccess: () => {
                message.success(t('common.saved'));
                setCommenting(null);
              },
              onError: (e) => message.error(errorText(e, i18n.language)),
            })
          }
        >
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('exemplars.bench.commentRequired') }, { max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} placeholder={t('exemplars.bench.commentPlaceholder')} data-testid="measure-comment-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

interface MeasureValues {
  dimensionKey: string;
  content: string;
  ownerMemberId: number;
  dueOn: Dayjs;
}

/** Add or edit a catch-up measure: the dimension it answers, what will be done, who, by when. */
export function MeasureFormModal({
  open,
  onClose,
  campaignId,
  orgId,
  standard,
  measure,
  dimensionKey,
}: {
  open: boolean;
  onClose: () => void;
  campaignId: number;
  orgId: number;
  standard: Benchmark['standard'];
  measure?: Measure;
  dimensionKey?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en-US';
  const [form] = Form.useForm<MeasureValues>();
  const save = useSaveMeasure(campaignId, orgId, measure?.id ?? null);
  const [other, setOther] = useState<string | null>(null);

  async function submit(v: MeasureValues) {
    setOther(null);
    try {
      await save.mutateAsync({ dimensionKey: v.dimensionKey, content: v.content ?? '', ownerMemberId: v.ownerMemberId, dueOn: v.dueOn.format('YYYY-MM-DD') });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      const left = applyFieldErrors(form, e, i18n.language);
      if (left.length || !isApiError(e) || !e.errors.length) setOther(errorText(e, i18n.language));
    }
  }

  return (
    <Modal
      open={open}
      title={measure ? t('exemplars.bench.editMeasure') : t('exemplars.bench.addMeasure')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={isMobile ? '100%' : 560}
      wrapProps={{ 'data-testid': 'measure-form-modal' }}
      okButtonProps={{ 'data-testid': 'measure-form-submit', size: isMobile ? 'large' : 'middle' } as ButtonProps}
    >
      <Form<MeasureValues>
        form={form}
        layout="vertical"
        preserve={false}
        size={isMobile ? 'large' : 'middle'}
        onFinish={submit}
        initialValues={
          measure
            ? { dimensionKey: measure.dimensionKey, content: measure.content, ownerMemberId: measure.ownerMemberId, dueOn: dayjs(measure.dueOn) }
            : { dimensionKey: dimensionKey ?? undefined, dueOn: dayjs().add(1, 'month') }
        }
      >
        <Form.Item name="dimensionKey" label={t('exemplars.bench.dimension')} rules={[{ required: true, message: t('exemplars.bench.required') }]}>
          <Select options={standard.map((d) => ({ value: d.key, label: en ? d.nameEn : d.nameZh }))} data-testid="measure-dimension" />
        </Form.Item>
        <Form.Item name="content" label={t('exemplars.bench.content')} rules={[{ required: true, whitespace: true, message: t('exemplars.bench.required') }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder={t('exemplars.bench.contentPlaceholder')}
            data-testid="measure-content"
          />
        </Form.Item>
        <Form.Item name="ownerMemberId" label={t('exemplars.bench.owner')} rules={[{ required: true, message: t('exemplars.bench.required') }]}>
          <MemberSelect orgId={orgId} initial={measure ? { id: measure.ownerMemberId, name: measure.ownerName } : null} testId="measure-owner" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('exemplars.bench.dueOn')} rules={[{ required: true, message: t('exemplars.bench.required') }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            inputReadOnly={isMobile}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="measure-due"
          />
        </Form.Item>
        {other && <Alert type="error" showIcon message={other} />}
      </Form>
    </Modal>
  );
}

interface CloseValues {
  activityId?: number | null;
  note?: string;
}

/** 销号: evidence is required — an activity of the unit or files; the server refuses otherwise. */
function CloseModal({ m, onClose }: { m: Measure; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<CloseValues>();
  const action = useMeasureAction(m.id);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  const { data: activities } = useQuery({
    queryKey: ['activities', 'evidence', m.orgId],
    queryFn: () => api.GET('/activities', { params: { query: { orgId: m.orgId, subtree: '1', page: 1, pageSize: 50 } } }),
  });
  const [files, setFiles] = useState<Attachment[]>([]);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    upload('/attachments', file as File, { orgId: m.orgId, kind: 'file' })
      .then((a) => {
        setFiles((old) => [...old, a]);
        onSuccess?.(a);
      })
      .catch((e) => {
        message.error(errorText(e, i18n.language));
        onError?.(e as Error);
      });
  };

  async function submit(v: CloseValues) {
    setEvidenceError(null);
    try {
      await action.mutateAsync({ action: 'close', body: { activityId: v.activityId ?? null, attachmentIds: files.map((f) => f.id), note: v.note ?? null } });
      message.success(t('exemplars.bench.closed'));
      onClose();
    } catch (e) {
      const left = applyFieldErrors(form, e, i18n.language);
      if (left.length) setEvidenceError(left.map((x) => (isApiError(e) ? e.fieldText(x, i18n.language) : x.message)).join('；'));
      else if (!isApiError(e) || !e.errors.length) setEvidenceError(errorText(e, i18n.language));
    }
  }

  return (
    <Modal
      open
      title={t('exemplars.bench.closeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exemplars.bench.close')}
      confirmLoading={action.isPending}
      width={isMobile ? '100%' : 560}
      wrapProps={{ 'data-testid': 'measure-close-modal' }}
      okButtonProps={{ 'data-testid': 'measure-close-submit' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('exemplars.bench.closeHint')}</Typography.Paragraph>
      <Form<CloseValues> form={form} layout="vertical" onFinish={submit} size={isMobile ? 'large' : 'middle'}>
        <Form.Item name="activityId" label={t('exemplars.bench.evidenceActivity')}>
          <Select
            allowClear
            placeholder={t('exemplars.bench.pickActivity')}
            options={(activities?.items ?? []).map((a) => ({ value: a.id, label: `${a.heldOn} ${a.title}` }))}
            data-testid="measure-close-activity"
          />
        </Form.Item>
        <Form.Item label={t('exemplars.bench.evidenceFiles')}>
          <Upload customRequest={customRequest} showUploadList={false} multiple>
            <Button icon={<PaperClipOutlined />} data-testid="measure-close-upload">
              {t('exemplars.bench.addFile')}
            </Button>
          </Upload>
          {files.map((f) => (
            <div key={f.id} data-testid={`measure-close-file-${f.id}`}>
              <PaperClipOutlined /> {f.name}
            </div>
          ))}
        </Form.Item>
        <Form.Item name="note" label={t('exemplars.bench.closingNote')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="measure-close-note" />
        </Form.Item>
        {evidenceError && <Alert type="error" showIcon message={evidenceError} data-testid="measure-close-error" />}
      </Form>
    </Modal>
  );
}
