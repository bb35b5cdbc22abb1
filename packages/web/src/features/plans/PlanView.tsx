import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Input, Skeleton, Space, Tag, Typography, Upload, type ButtonProps } from 'antd';
import {
  CheckOutlined,
  DiffOutlined,
  PaperClipOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
  DeleteOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError, upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { usePlan, usePlanActions, type Plan, type PlanAttachment, type PlanDraft, type PlanListStatus, type PlanTarget } from './api.ts';
import { RichTextEditor } from './RichTextEditor.tsx';
import { TargetsEditor, TargetsView } from './targets.tsx';
import { ReviewModal } from './ReviewModal.tsx';
import { VersionCompare } from './VersionCompare.tsx';
import './plans.css';

export const STATUS_COLOR: Record<PlanListStatus, string> = { missing: 'default', draft: 'blue', submitted: 'gold', returned: 'red', approved: 'green' };
export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

interface Draft {
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachments: PlanAttachment[];
}
const draftOf = (p: Plan): Draft => ({ theme: p.theme, contentHtml: p.contentHtml, targets: p.targets, attachments: p.attachments });

/** One unit's theme, plan and targets: edited by the unit, reviewed by the level above, with its versions. */
export function PlanView({ campaignId, orgId }: { campaignId: number; orgId: number }) {
  const { t } = useTranslation();
  const { data: plan, isPending, error } = usePlan(campaignId, orgId);
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error || !plan) return <Alert type="error" showIcon message={errorText(error, 'zh-CN')} />;
  if (!plan.required)
    return (
      <Card>
        <Empty description={t('plans.notRequired')} data-testid="plan-not-required" />
      </Card>
    );
  return <PlanBody key={`${plan.campaignId}:${plan.org.id}`} plan={plan} />;
}

function PlanBody({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const actions = usePlanActions(plan.campaignId, plan.org.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [review, setReview] = useState<'approve' | 'return' | null>(null);
  const [comparing, setComparing] = useState(false);
  const [uploading, setUploading] = useState(false);
  // The plan as the server has it now (after a save, submit or review) replaces the form.
  useEffect(() => setDraft(draftOf(plan)), [plan.updatedAt, plan.status]); // eslint-disable-line react-hooks/exhaustive-deps

  const body = (): PlanDraft => ({
    theme: draft.theme,
    contentHtml: draft.contentHtml,
    targets: draft.targets,
    attachmentIds: draft.attachments.map((a) => a.id),
  });
  const onError = (e: unknown) => {
    const map: Record<string, string> = {};
    if (isApiError(e)) for (const fe of e.errors) map[fe.field] ??= e.fieldText(fe, i18n.language);
    setErrors(map);
    message.error(errorText(e, i18n.language));
  };
  const save = () =>
    actions.save.mutate(body(), {
      onSuccess: () => {
        setErrors({});
        message.success(t('plans.saved'));
      },
      onError,
    });
  const submit = () =>
    modal.confirm({
      title: t('plans.submit'),
      content: t('plans.submitConfirm'),
      okText: t('plans.submit'),
      okButtonProps: { 'data-testid': 'plan-submit-confirm' } as ButtonProps,
      onOk: () =>
        actions.submit.mutateAsync(body()).then(() => {
          setErrors({});
          message.success(t('plans.submittedMsg'));
        }, onError),
    });
  const decide = (comment: string) =>
    actions.review.mutate(
      { decision: review!, comment },
      {
        onSuccess: () => {
          message.success(review === 'approve' ? t('plans.approvedMsg') : t('plans.returnedMsg'));
          setReview(null);
        },
        onError: (e) => message.error(errorText(e, i18n.language)),
      },
    );

  const returned = plan.status === 'returned' && plan.lastReview?.decision === 'returned' ? plan.lastReview : null;
  const busy = actions.save.isPending || actions.submit.isPending;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-view">
      <Card size={isMobile ? 'small' : 'default'}>
        <Space direction="vertical" style={{ width: '100%' }} size={6}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {plan.org.name}
            </Typography.Title>
            <Tag color={STATUS_COLOR[plan.status]} data-testid="plan-status">
              {t(`plans.status.${plan.status}`)}
            </Tag>
            {plan.version > 0 && <Tag>{t('plans.version', { n: plan.version })}</Tag>}
            {plan.overdue && (
              <Tag color="red" data-testid="plan-overdue">
                {t('plans.overdue')}
              </Tag>
            )}
          </Space>
          <Descriptions
            size="small"
            column={isMobile ? 1 : 3}
            items={[
              { key: 'due', label: t('plans.deadline'), children: <span data-testid="plan-deadline">{plan.dueOn ?? '—'}</span> },
              { key: 'parent', label: t('plans.parent'), children: plan.org.parentName ?? '—' },
              { key: 'rp', label: t('plans.responsible'), children: plan.org.responsiblePerson ?? '—' },
            ]}
          />
        </Space>
      </Card>

      {returned && (
        <Alert
          type="error"
          showIcon
          data-testid="plan-return-comment"
          message={<Typography.Text strong>{t('plans.returnedTitle')}</Typography.Text>}
          description={
            <Space direction="vertical" size={2}>
              <Typography.Paragraph style={{ margin: 0, fontSize: 16, whiteSpace: 'pre-wrap' }}>{returned.comment}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('plans.returnedBy', { who: returned.reviewedBy ?? '', at: when(returned.reviewedAt), n: returned.version })}
              </Typography.Text>
            </Space>
          }
        />
      )}
      {plan.status === 'submitted' && <Alert type="warning" showIcon message={t('plans.awaiting')} data-testid="plan-awaiting" />}
      {plan.status === 'approved' && plan.lastReview && (
        <Alert
          type="success"
          showIcon
          data-testid="plan-approved"
          message={t('plans.approvedBy', { who: plan.lastReview.reviewedBy ?? '', at: when(plan.lastReview.reviewedAt) })}
          description={plan.lastReview.comment || undefined}
        />
      )}

      {plan.canReview && (
        <Card size="small">
          <div className="zx-plan-actions">
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setReview('approve')} data-testid="plan-approve">
              {t('plans.approve')}
            </Button>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReview('return')} data-testid="plan-return">
              {t('plans.return')}
            </Button>
          </div>
        </Card>
      )}

      {plan.canEdit ? (
        <Card size={isMobile ? 'small' : 'default'} title={t('plans.editTitle')}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Field label={t('plans.theme')} required error={errors.theme}>
              <Input
                value={draft.theme}
                onChange={(e) => setDraft({ ...draft, theme: e.target.value })}
                maxLength={60}
                showCount
                size="large"
                placeholder={t('plans.themePlaceholder')}
                status={errors.theme ? 'error' : undefined}
                data-testid="plan-theme"
              />
            </Field>
            <Field label={t('plans.content')} required error={errors.contentHtml}>
              <RichTextEditor
                value={draft.contentHtml}
                onChange={(html) => setDraft((d) => ({ ...d, contentHtml: html }))}
                placeholder={t('plans.contentPlaceholder')}
              />
            </Field>
            <Field label={t('plans.targets')} required error={errors.targets}>
              <TargetsEditor value={draft.targets} onChange={(targets) => setDraft({ ...draft, targets })} errors={errors} />
            </Field>
            <Field label={t('plans.attachments')} error={errors.attachmentIds}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {draft.attachments.map((a) => (
                  <Space key={a.id} style={{ width: '100%', justifyContent: 'space-between' }}>
                    <a href={a.url} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {a.name}
                    </a>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('plans.removeAttachment')}
                      onClick={() => setDraft({ ...draft, attachments: draft.attachments.filter((x) => x.id !== a.id) })}
                    />
                  </Space>
                ))}
                <Upload
                  showUploadList={false}
                  multiple
                  customRequest={({ file, onSuccess, onError: fail }) => {
                    setUploading(true);
                    upload('/attachments', file as File, { orgId: plan.org.id, kind: 'file' })
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
                  <Button icon={<UploadOutlined />} loading={uploading} data-testid="plan-upload">
                    {t('plans.upload')}
                  </Button>
                </Upload>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('plans.uploadHint')}
                </Typography.Text>
              </Space>
            </Field>
            <div className="zx-plan-actions">
              <Button icon={<SaveOutlined />} onClick={save} loading={actions.save.isPending} disabled={busy} data-testid="plan-save">
                {t('plans.saveDraft')}
              </Button>
              <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={actions.submit.isPending} disabled={busy} data-testid="plan-submit">
                {t('plans.submit')}
              </Button>
            </div>
          </Space>
        </Card>
      ) : (
        <Card size={isMobile ? 'small' : 'default'} title={t('plans.current')}>
          <PlanContent theme={plan.theme} html={plan.contentHtml} targets={plan.targets} attachments={plan.attachments} />
        </Card>
      )}

      <Card
        size={isMobile ? 'small' : 'default'}
        title={t('plans.history')}
        extra={
          plan.versions.length >= 2 && (
            <Button icon={<DiffOutlined />} onClick={() => setComparing(true)} data-testid="plan-compare">
              {t('plans.compare')}
            </Button>
          )
        }
      >
        {plan.versions.length === 0 ? (
          <Typography.Text type="secondary">{t('plans.noVersions')}</Typography.Text>
        ) : (
          <Collapse
            data-testid="plan-versions"
            items={plan.versions.map((v) => ({
              key: v.version,
              label: (
                <Space wrap size={4} data-testid={`plan-version-${v.version}`}>
                  <Typography.Text strong>{t('plans.version', { n: v.version })}</Typography.Text>
                  <Typography.Text type="secondary">
                    {when(v.submittedAt)} {v.submittedBy ?? ''}
                  </Typography.Text>
                  <Tag color={v.decision === 'approved' ? 'green' : v.decision === 'returned' ? 'red' : 'gold'}>
                    {t(`plans.status.${v.decision ?? 'submitted'}`)}
                  </Tag>
                </Space>
              ),
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {v.reviewComment && (
                    <Alert
                      type={v.decision === 'returned' ? 'error' : 'success'}
                      message={`${v.reviewedBy ?? ''} ${when(v.reviewedAt)}`}
                      description={v.reviewComment}
                    />
                  )}
                  <PlanContent theme={v.theme} html={v.contentHtml} targets={v.targets} attachments={v.attachments} />
                </Space>
              ),
            }))}
          />
        )}
      </Card>

      <ReviewModal decision={review} unitName={plan.org.name} pending={actions.review.isPending} onOk={decide} onCancel={() => setReview(null)} />
      {comparing && <VersionCompare versions={plan.versions} open={comparing} onClose={() => setComparing(false)} />}
    </Space>
  );
}

function Field({ label, required, error, children }: { label: string; required?: boolean; error?: string; children: ReactNode }) {
  return (
    <div>
      <div style={{ marginBottom: 6, fontWeight: 500 }}>
        {required && <span style={{ color: '#c8161d' }}>* </span>}
        {label}
      </div>
      {children}
      {error && (
        <Typography.Text type="danger" data-testid="plan-field-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/** A plan's content, read only. The HTML was sanitized by the server before it was stored. */
export function PlanContent({ theme, html, targets, attachments }: { theme: string; html: string; targets: PlanTarget[]; attachments: PlanAttachment[] }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <div>
        <Typography.Text type="secondary">{t('plans.theme')}</Typography.Text>
        <Typography.Title level={5} style={{ margin: '2px 0 0' }} data-testid="plan-theme-view">
          {theme || t('plans.emptyField')}
        </Typography.Title>
      </div>
      <div>
        <Typography.Text type="secondary">{t('plans.content')}</Typography.Text>
        {html ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the server stores plan HTML only after sanitize-html (plans/sanitize.ts)
          <div className="zx-plan-html" data-testid="plan-content-view" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <div>{t('plans.emptyField')}</div>
        )}
      </div>
      <div>
        <Typography.Text type="secondary">{t('plans.targets')}</Typography.Text>
        <TargetsView targets={targets} />
      </div>
      {attachments.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('plans.attachments')}</Typography.Text>
          {attachments.map((a) => (
            <div key={a.id}>
              <a href={a.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {a.name}
              </a>
            </div>
          ))}
        </div>
      )}
    </Space>
  );
}
