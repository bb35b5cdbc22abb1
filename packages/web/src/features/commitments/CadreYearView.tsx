import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Collapse, Empty, Form, Input, Modal, Popconfirm, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, FormOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { applyFieldErrors, errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCadreReport, useCadreYear, useCommitmentWrites, type CadreYear, type CommitmentItem, type ItemInput } from './api.ts';
import { useCommitmentLabels } from './labels.ts';
import { ReportReader } from './ReportReader.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
/** A stored UTC time on the reader's clock, e.g. 2026-11-26 07:12. */
export const fmtTime = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Years a cadre works with: the last (its report), this one, the next (commitments made in December). */
export const yearChoices = (today = new Date()) => {
  const y = today.getFullYear();
  return [y - 1, y, y + 1];
};

/**
 * A cadre's year: the commitments (published ones frozen; drafts, revisions and publishing for
 * the cadre or an admin on their behalf), the publication history, and the year-end report.
 */
export function CadreYearView({ memberId, year, onYear, notFound }: { memberId: number; year: number; onYear: (y: number) => void; notFound?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const { data, isPending, error } = useCadreYear(memberId, year);
  const L = useCommitmentLabels();

  const yearSwitch = (
    <Segmented
      value={year}
      onChange={(v) => onYear(Number(v))}
      options={yearChoices().map((y) => ({ value: y, label: t('commitments.yearN', { year: y }) }))}
      size={isMobile ? 'large' : 'middle'}
      data-testid="commitments-year"
    />
  );
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (notFound && error instanceof ApiError && error.status === 404) return <>{notFound}</>;
  if (error || !data) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {yearSwitch}
        <Alert type="error" showIcon message={errorText(error, i18n.language)} data-testid="commitments-error" />
      </Space>
    );
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="commitments-cadre">
      <div className="zx-page-toolbar">
        <Space wrap size={8} style={{ minWidth: 0 }}>
          <h2 style={{ margin: 0, fontSize: 20 }} data-testid="commitments-cadre-name">
            {data.cadre.name}
          </h2>
          <Tag color="red">{L.position(data.cadre.position)}</Tag>
          <Typography.Text type="secondary">{data.cadre.orgName}</Typography.Text>
          {!data.cadre.active && <Tag>{t('commitments.formerCadre')}</Tag>}
        </Space>
        {yearSwitch}
      </div>
      <CommitmentsCard data={data} />
      <ReportCard data={data} />
      {data.versions.length > 0 && (
        <Card title={t('commitments.history')} size="small" data-testid="commitments-history">
          <Collapse
            ghost
            items={data.versions.map((v) => ({
              key: v.version,
              label: (
                <Space wrap size={4}>
                  <span>{t('commitments.versionN', { n: v.version })}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(v.publishedAt)} · {v.publishedByName}
                    {v.onBehalf ? ` · ${t('commitments.onBehalf')}` : ''}
                  </Typography.Text>
                </Space>
              ),
              children: (
                <div>
                  {v.note && <Typography.Paragraph type="secondary">{v.note}</Typography.Paragraph>}
                  <ol style={{ paddingLeft: 20, margin: 0 }}>
                    {v.items.map((i) => (
                      <li key={i.id} style={{ marginBottom: 4, overflowWrap: 'anywhere' }}>
                        {i.text}
                        {i.change && (
                          <Tag style={{ marginLeft: 6 }} color={i.change === 'added' ? 'blue' : 'orange'}>
                            {t(`commitments.change.${i.change}`)}
                          </Tag>
                        )}
                      </li>
                    ))}
                  </ol>
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}

function CommitmentsCard({ data }: { data: CadreYear }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const L = useCommitmentLabels();
  const w = useCommitmentWrites(data.cadre.memberId, data.year);
  const [editing, setEditing] = useState<{ mode: 'add' | 'edit' | 'revise'; item?: CommitmentItem } | null>(null);
  const [note, setNote] = useState('');
  const revisionOf = new Map(data.revisions.map((r) => [r.revisesId!, r]));
  const drafts = data.items.filter((i) => i.state === 'draft').length + data.revisions.length;
  const size = isMobile ? 'large' : 'middle';

  return (
    <Card
      title={
        <Space wrap size={8}>
          <span>{t('commitments.myList', { year: data.year })}</span>
          {data.plan && data.plan.version > 0 ? (
            <Tag color="green" data-testid="commitments-version-tag">
              {t('commitments.publishedVersion', { n: data.plan.version, at: fmtTime(data.plan.lastPublishedAt) })}
            </Tag>
          ) : (
            <Tag data-testid="commitments-version-tag">{t('commitments.notPublished')}</Tag>
          )}
        </Space>
      }
      data-testid="commitments-list"
    >
      {data.items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.can.write ? t('commitments.emptyWriter') : t('commitments.emptyReader')} />
      )}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {data.items.map((item, idx) => {
          const rev = revisionOf.get(item.id);
          return (
            <div key={item.id} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }} data-testid={`commitment-item-${item.id}`}>
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <Typography.Text strong style={{ minWidth: 20 }}>
                  {idx + 1}.
                </Typography.Text>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontSize: 15, overflowWrap: 'anywhere' }} data-testid={`commitment-text-${item.id}`}>
                    {item.text}
                  </div>
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    {item.state === 'draft' ? <Tag color="orange">{t('commitments.draft')}</Tag> : <Tag color="green">{t('commitments.published')}</Tag>}
                    {item.category && <Tag>{L.category(item.category)}</Tag>}
                    {item.dueOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('commitments.dueOn', { date: item.dueOn })}
                      </Typography.Text>
                    )}
                  </Space>
                  {rev && (
                    <Alert
                      style={{ marginTop: 8 }}
                      type="warning"
                      showIcon
                      message={t('commitments.revisionPending')}
                      description={<span style={{ overflowWrap: 'anywhere' }}>{rev.text}</span>}
                      data-testid={`commitment-revision-${item.id}`}
                    />
                  )}
                </div>
              </div>
              {data.can.write && (
                <Space wrap style={{ marginTop: 8 }}>
                  {item.state === 'draft' ? (
                    <>
                      <Button size={size} icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', item })} data-testid={`commitment-edit-${item.id}`}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('commitments.deleteConfirm')}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => w.remove.mutate(item.id, { onError: (e) => message.error(errorText(e, i18n.language)) })}
                      >
                        <Button size={size} danger icon={<DeleteOutlined />} data-testid={`commitment-delete-${item.id}`}>
                          {t('commitments.delete')}
                        </Button>
                      </Popconfirm>
                    </>
                  ) : (
                    <Button
                      size={size}
                      icon={<FormOutlined />}
                      onClick={() => setEditing({ mode: 'revise', item: rev ? { ...rev, id: item.id } : item })}
                      data-testid={`commitment-revise-${item.id}`}
                    >
                      {rev ? t('commitments.editRevision') : t('commitments.revise')}
                    </Button>
                  )}
                </Space>
              )}
            </div>
          );
        })}
      </Space>
      {data.can.write && (
        <div style={{ display: 'flex', gap: 8, marginTop: 16, flexDirection: isMobile ? 'column' : 'row', justifyContent: 'flex-end' }}>
          <Button size={size} block={isMobile} icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })} data-testid="commitment-add">
            {t('commitments.add')}
          </Button>
          <Popconfirm
            title={t('commitments.publishConfirmTitle')}
            description={
              <div style={{ maxWidth: 300 }}>
                <Typography.Paragraph style={{ marginBottom: 8 }}>{t('commitments.publishConfirm')}</Typography.Paragraph>
                <Input.TextArea
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  placeholder={t('commitments.publishNote')}
                  autoSize={{ minRows: 2 }}
                  data-testid="commitments-publish-note"
                />
              </div>
            }
            okText={t('commitments.publish')}
            cancelText={t('common.cancel')}
            disabled={drafts === 0}
            okButtonProps={{ 'data-testid': 'commitments-publish-confirm' } as never}
            onConfirm={() =>
              w.publish.mutate(note.trim() || null, {
                onSuccess: () => {
                  setNote('');
                  message.success(t('commitments.publishedOk'));
                },
                onError: (e) => message.error(errorText(e, i18n.language)),
              })
            }
          >
            <Button
              type="primary"
              size={size}
              block={isMobile}
              icon={<SendOutlined />}
              disabled={drafts === 0}
              loading={w.publish.isPending}
              data-testid="commitments-publish"
            >
              {t('commitments.publishN', { n: drafts })}
            </Button>
          </Popconfirm>
        </div>
      )}
      {data.can.write && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
          {t('commitments.frozenHint')}
        </Typography.Text>
      )}
      {editing && <ItemModal data={data} editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function ItemModal({ data, editing, onClose }: { data: CadreYear; editing: { mode: 'add' | 'edit' | 'revise'; item?: CommitmentItem }; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const L = useCommitmentLabels();
  const [form] = Form.useForm<ItemInput>();
  const [error, setError] = useState<string | null>(null);
  const w = useCommitmentWrites(data.cadre.memberId, data.year);
  const m = editing.mode === 'add' ? w.add : editing.mode === 'edit' ? w.update : w.revise;
  const submit = (v: ItemInput) => {
    setError(null);
    const body = { text: v.text, category: v.category || null, dueOn: v.dueOn || null };
    const run =
      editing.mode === 'add'
        ? w.add.mutateAsync(body)
        : editing.mode === 'edit'
          ? w.update.mutateAsync({ id: editing.item!.id, ...body })
          : w.revise.mutateAsync({ id: editing.item!.id, ...body });
    run.then(onClose).catch((e) => {
      const rest = applyFieldErrors(form, e, i18n.language);
      if (rest.length || !e?.errors?.length) setError(errorText(e, i18n.language));
    });
  };
  return (
    <Modal
      open
      title={t(`commitments.modal.${editing.mode}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={m.isPending}
      okButtonProps={{ size: isMobile ? 'large' : 'middle', 'data-testid': 'commitment-form-save' } as never}
      cancelButtonProps={{ size: isMobile ? 'large' : 'middle' }}
      width={isMobile ? '100%' : 560}
      style={isMobile ? { top: 8, maxWidth: '100vw', paddingInline: 8 } : undefined}
      destroyOnHidden
    >
      {editing.mode === 'revise' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('commitments.reviseHint')} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ text: editing.item?.text ?? '', category: editing.item?.category ?? null, dueOn: editing.item?.dueOn ?? '' }}
      >
        <Form.Item name="text" label={t('commitments.text')} rules={[{ required: true, whitespace: true, message: t('commitments.textRequired') }]}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={data.rules.itemMaxLength}
            showCount
            style={{ fontSize: 16 }}
            placeholder={t('commitments.textPlaceholder')}
            data-testid="commitment-form-text"
          />
        </Form.Item>
        <Form.Item name="category" label={t('commitments.category')}>
          <Select
            allowClear
            options={L.categoryOptions}
            size={isMobile ? 'large' : 'middle'}
            placeholder={t('commitments.categoryPlaceholder')}
            data-testid="commitment-form-category"
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t('commitments.due')} extra={t('commitments.dueHint', { year: data.year })}>
          <Input type="date" min={`${data.year}-01-01`} max={`${data.year}-12-31`} size={isMobile ? 'large' : 'middle'} data-testid="commitment-form-due" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="commitment-form-error" />}
    </Modal>
  );
}

function ReportCard({ data }: { data: CadreYear }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const r = data.report;
  const report = useCadreReport(data.cadre.memberId, data.year, !!r);
  const editorPath = `/commitments/cadre/${data.cadre.memberId}/${data.year}/report`;
  return (
    <Card
      title={
        <Space wrap size={8}>
          <span>{t('commitments.report.title', { year: data.year })}</span>
          {r?.status === 'submitted' ? (
            <Tag color="green" data-testid="commitments-report-status">
              {t('commitments.report.submittedAt', { at: fmtTime(r.submittedAt) })}
            </Tag>
          ) : r ? (
            <Tag color="orange" data-testid="commitments-report-status">
              {t('commitments.report.draft')}
            </Tag>
          ) : (
            <Tag data-testid="commitments-report-status">{t('commitments.report.none')}</Tag>
          )}
          {r?.status === 'submitted' && data.can.writer && (
            <Tag icon={<EyeOutlined />} data-testid="report-read-count">
              {t('commitments.report.readCount', { n: r.readCount })}
            </Tag>
          )}
        </Space>
      }
      data-testid="commitments-report"
    >
      {data.can.report && (
        <Button
          type="primary"
          size={isMobile ? 'large' : 'middle'}
          block={isMobile}
          icon={<FormOutlined />}
          onClick={() => navigate(editorPath)}
          style={{ marginBottom: 12 }}
          data-testid="commitments-report-write"
        >
          {r ? t('commitments.report.continue') : t('commitments.report.write')}
        </Button>
      )}
      {!data.can.report && !r && (
        <Typography.Text type="secondary">
          {(data.plan?.version ?? 0) > 0 ? t('commitments.report.notYet') : t('commitments.report.needPublished')}
        </Typography.Text>
      )}
      {r && report.data && <ReportReader report={report.data} />}
      {r && report.isPending && <Skeleton active />}
      {r?.status === 'draft' && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('commitments.report.draftHint')} <Link to={editorPath}>{t('commitments.report.continue')}</Link>
        </Typography.Text>
      )}
    </Card>
  );
}
