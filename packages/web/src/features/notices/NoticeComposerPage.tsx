import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Input, InputNumber, Popconfirm, Skeleton, Space, Switch, Typography, Upload } from 'antd';
import { DeleteOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@zx/contract/attachments';
import { isApiError, upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useSession } from '../../app/session.ts';
import { useChildOrgs, useNotice, useNoticeActions, type Quiz } from './api.ts';
import { QuizEditor, emptyQuiz } from './QuizEditor.tsx';

interface Draft {
  title: string;
  body: string;
  attachments: Attachment[];
  targetOrgIds: number[];
  quiz: Quiz | null;
  maxAttempts: number | null;
  dueOn: string | null;
}
const empty: Draft = { title: '', body: '', attachments: [], targetOrgIds: [], quiz: null, maxAttempts: null, dueOn: null };

/** The notice composer: content, files, the audience (the whole subtree or chosen units below), the quiz; save as draft or send. */
export default function NoticeComposerPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const idParam = Number(useParams().id) || null;
  const [params] = useSearchParams();
  const existing = useNotice(idParam);
  const orgId = existing.data?.orgId ?? me.grant.orgId;
  const campaignId = existing.data?.campaignId ?? Number(params.get('campaignId'));
  const children = useChildOrgs(orgId);
  const actions = useNoticeActions();
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    const n = existing.data;
    if (n)
      setDraft({
        title: n.title,
        body: n.body,
        attachments: n.attachments,
        targetOrgIds: n.targetOrgs?.map((o) => o.id) ?? [],
        quiz: n.quiz,
        maxAttempts: n.maxAttempts,
        dueOn: n.dueOn,
      });
  }, [existing.data?.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const body = () => ({
    title: draft.title,
    body: draft.body,
    attachmentIds: draft.attachments.map((a) => a.id),
    targetOrgIds: draft.targetOrgIds.length ? draft.targetOrgIds : null,
    quiz: draft.quiz,
    maxAttempts: draft.quiz ? draft.maxAttempts : null,
    dueOn: draft.dueOn,
  });
  const onError = (e: unknown) => {
    const map: Record<string, string> = {};
    if (isApiError(e)) for (const fe of e.errors) map[fe.field] ??= e.fieldText(fe, i18n.language);
    setErrors(map);
    message.error(errorText(e, i18n.language));
  };
  const save = async () => (idParam ? actions.update.mutateAsync({ id: idParam, body: body() }) : actions.create.mutateAsync({ ...body(), campaignId, orgId }));
  const saveDraft = () =>
    save().then((n) => {
      setErrors({});
      message.success(t('notices.saved'));
      if (!idParam) navigate(`/notices/${n.id}/edit`, { replace: true });
    }, onError);
  const send = () =>
    save()
      .then((n) => actions.send.mutateAsync(n.id))
      .then((n) => {
        message.success(t('notices.sentOk', { n: n.recipientCount }));
        navigate(`/notices/${n.id}`);
      }, onError);

  if (idParam && existing.isPending) return <Skeleton active />;
  const field = (f: string) => (errors[f] ? { status: 'error' as const } : {});
  const help = (f: string) => errors[f] && <Typography.Text type="danger">{errors[f]}</Typography.Text>;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 860 }} data-testid="notice-composer">
      <h2 style={{ margin: 0, fontSize: 20 }}>{idParam ? t('notices.edit') : t('notices.new')}</h2>
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('notices.sender')}：{existing.data?.orgName ?? me.grant.orgName}
          </Typography.Text>
          <Input
            size="large"
            placeholder={t('notices.titlePlaceholder')}
            value={draft.title}
            maxLength={100}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            {...field('title')}
            data-testid="notice-title"
          />
          {help('title')}
          <Input.TextArea
            placeholder={t('notices.bodyPlaceholder')}
            value={draft.body}
            autoSize={{ minRows: 6, maxRows: 20 }}
            maxLength={10000}
            onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            {...field('body')}
            data-testid="notice-body-input"
          />
          {help('body')}
          <Space wrap>
            {draft.attachments.map((a) => (
              <Space key={a.id} size={4}>
                <a href={a.url} target="_blank" rel="noreferrer">
                  {a.name}
                </a>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('notices.removeFile')}
                  onClick={() => setDraft({ ...draft, attachments: draft.attachments.filter((x) => x.id !== a.id) })}
                />
              </Space>
            ))}
            <Upload
              showUploadList={false}
              customRequest={({ file, onSuccess, onError: fail }) => {
                setUploading(true);
                upload('/attachments', file as File, { orgId, kind: 'file' })
                  .then((a) => {
                    setDraft((d) => ({ ...d, attachments: [...d.attachments, a] }));
                    onSuccess?.(a);
                  })
                  .catch((e) => {
                    message.error(errorText(e, i18n.language));
                    fail?.(e as Error);
                  })
                  .finally(() => setUploading(false));
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('notices.upload')}
              </Button>
            </Upload>
          </Space>
          {help('attachmentIds')}
          <Space wrap>
            <Typography.Text>{t('notices.dueOnLabel')}</Typography.Text>
            <DatePicker value={draft.dueOn ? dayjs(draft.dueOn) : null} onChange={(d) => setDraft({ ...draft, dueOn: d ? d.format('YYYY-MM-DD') : null })} />
          </Space>
        </Space>
      </Card>
      <Card title={t('notices.audience')}>
        <Typography.Paragraph type="secondary">{t('notices.audienceHint')}</Typography.Paragraph>
        <Checkbox.Group
          value={draft.targetOrgIds}
          onChange={(v) => setDraft({ ...draft, targetOrgIds: v as number[] })}
          options={(children.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
          data-testid="notice-targets"
        />
        {help('targetOrgIds.0')}
      </Card>
      <Card
        title={t('notices.quiz.title')}
        extra={<Switch checked={!!draft.quiz} onChange={(on) => setDraft({ ...draft, quiz: on ? emptyQuiz() : null })} data-testid="notice-quiz-switch" />}
      >
        {draft.quiz ? (
          <Space direction="vertical" size={10} style={{ width: '100%' }}>
            <QuizEditor value={draft.quiz} onChange={(quiz) => setDraft({ ...draft, quiz })} errors={errors} />
            <Space wrap>
              <Typography.Text>{t('notices.quiz.attempts')}</Typography.Text>
              <InputNumber
                min={1}
                max={10}
                value={draft.maxAttempts}
                placeholder={t('notices.quiz.unlimited')}
                onChange={(v) => setDraft({ ...draft, maxAttempts: v ?? null })}
              />
            </Space>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('notices.quiz.off')}</Typography.Text>
        )}
      </Card>
      <Space wrap>
        <Button onClick={saveDraft} loading={actions.create.isPending || actions.update.isPending} data-testid="notice-save">
          {t('notices.saveDraft')}
        </Button>
        <Popconfirm title={t('notices.sendConfirm')} onConfirm={send} okText={t('notices.send')}>
          <Button type="primary" icon={<SendOutlined />} loading={actions.send.isPending} data-testid="notice-send">
            {t('notices.send')}
          </Button>
        </Popconfirm>
        {idParam && (
          <Popconfirm title={t('notices.deleteConfirm')} onConfirm={() => actions.remove.mutateAsync(idParam).then(() => navigate('/notices'), onError)}>
            <Button danger>{t('notices.delete')}</Button>
          </Popconfirm>
        )}
      </Space>
    </Space>
  );
}
