import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Radio, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PaperClipOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { countChars } from '@zx/domain/assessment/commitment';
import { isApiError, upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCan } from '../../app/session.ts';
import { useCadreReport, useCadreYear, useEvidenceActivities, useReportWrites, type CommitmentOutcome, type ReportFile, type ReportInput } from './api.ts';
import { useCommitmentLabels } from './labels.ts';

interface ItemState {
  commitmentId: number;
  status: CommitmentOutcome | null;
  note: string;
  activityIds: number[];
  files: ReportFile[];
}

/**
 * 述职报告: the text (about 2,000 characters, counted as the reader counts) and, for each
 * published commitment, its status, a note and evidence (the organization's activities, files).
 */
export default function ReportEditorPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const L = useCommitmentLabels();
  const memberId = Number(useParams().memberId);
  const year = Number(useParams().year);
  const cadre = useCadreYear(memberId, year);
  const existing = useCadreReport(memberId, year, !!cadre.data?.report);
  const readsActivities = useCan()('activity.read');
  const activities = useEvidenceActivities(cadre.data?.cadre.orgId ?? 0, readsActivities);
  const w = useReportWrites(memberId, year);
  const [content, setContent] = useState('');
  const [items, setItems] = useState<ItemState[]>([]);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);

  const published = useMemo(() => cadre.data?.items.filter((i) => i.state === 'published') ?? [], [cadre.data]);
  useEffect(() => {
    if (!cadre.data || (cadre.data.report && !existing.data)) return;
    const r = existing.data;
    setContent(r?.content ?? '');
    setItems(
      published.map((c) => {
        const x = r?.items.find((i) => i.commitmentId === c.id);
        return {
          commitmentId: c.id,
          status: x?.status ?? null,
          note: x?.note ?? '',
          activityIds: x?.activities.map((a) => a.id) ?? [],
          files: x?.attachments ?? [],
        };
      }),
    );
  }, [cadre.data, existing.data, published]);

  if (cadre.isPending || (cadre.data?.report && existing.isPending))
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (cadre.error || !cadre.data) return <Alert type="error" showIcon message={errorText(cadre.error, i18n.language)} />;
  const data = cadre.data;
  const back = `/commitments/cadre/${memberId}/${year}`;
  if (!data.can.report) {
    return (
      <Alert
        type="info"
        showIcon
        message={data.report?.status === 'submitted' ? t('commitments.report.alreadySubmitted') : t('commitments.report.cannotWrite')}
        action={<Link to={back}>{t('commitments.back')}</Link>}
      />
    );
  }
  const rules = data.rules;
  const chars = countChars(content);
  const set = (i: number, patch: Partial<ItemState>) => {
    setItems((l) => l.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    // A corrected field drops its error (the others stay until the next save).
    const fixed = [...Object.keys(patch)].map((k) => `items.${i}.${k === 'files' ? 'attachmentIds' : k}`);
    if (fixed.some((f) => errors.has(f))) setErrors((m) => new Map([...m].filter(([f]) => !fixed.includes(f))));
  };
  const body = (): ReportInput => ({
    content,
    items: items.map((i) => ({
      commitmentId: i.commitmentId,
      status: i.status,
      note: i.note.trim() || null,
      activityIds: i.activityIds,
      attachmentIds: i.files.map((f) => f.id),
    })),
  });
  const run = (submit: boolean) => {
    setError(null);
    setErrors(new Map());
    (submit ? w.submit : w.save).mutate(body(), {
      onSuccess: () => {
        message.success(submit ? t('commitments.report.submittedOk') : t('commitments.report.saved'));
        if (submit) navigate(back);
      },
      onError: (e) => {
        if (isApiError(e) && e.errors.length) {
          setErrors(new Map(e.errors.map((x) => [x.field, e.fieldText(x, i18n.language)])));
          setError(e.text(i18n.language));
        } else setError(errorText(e, i18n.language));
      },
    });
  };
  const size = isMobile ? 'large' : 'middle';
  const activityOptions = (activities.data?.items ?? []).map((a) => ({
    value: a.id,
    label: `${a.heldOn} ${a.title}${a.orgName !== data.cadre.orgName ? `（${a.orgName}）` : ''}`,
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="report-editor">
      <div className="zx-page-toolbar">
        <Space wrap size={8}>
          <Link to={back}>
            <Button icon={<ArrowLeftOutlined />} size={size}>
              {t('commitments.back')}
            </Button>
          </Link>
          <h2 style={{ margin: 0, fontSize: 20 }}>{t('commitments.report.editorTitle', { name: data.cadre.name, year })}</h2>
        </Space>
      </div>
      <Card title={t('commitments.report.textTitle')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('commitments.report.textHint', { n: rules.reportRecommendedLength })}
        </Typography.Paragraph>
        <Input.TextArea
          value={content}
          onChange={(e) => setContent(e.target.value)}
          autoSize={{ minRows: isMobile ? 10 : 14, maxRows: 30 }}
          maxLength={rules.reportMaxLength}
          status={errors.has('content') ? 'error' : undefined}
          style={{ fontSize: 16 }}
          placeholder={t('commitments.report.textPlaceholder')}
          data-testid="report-editor-content"
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginTop: 4 }}>
          <Typography.Text type={chars < rules.reportMinLength ? 'warning' : 'secondary'} style={{ fontSize: 13 }} data-testid="report-editor-count">
            {t('commitments.report.count', { n: chars, recommended: rules.reportRecommendedLength, min: rules.reportMinLength })}
          </Typography.Text>
          {errors.has('content') && (
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              {errors.get('content')}
            </Typography.Text>
          )}
        </div>
      </Card>
      {published.map((c, i) => {
        const it = items[i];
        if (!it) return null;
        const statusError = errors.get(`items.${i}.status`);
        const noteError = errors.get(`items.${i}.note`);
        const evidenceError = errors.get(`items.${i}.activityIds`) ?? errors.get(`items.${i}.attachmentIds`);
        return (
          <Card
            key={c.id}
            size="small"
            title={
              <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                {i + 1}. {c.text}
              </span>
            }
            extra={!isMobile && c.category ? <Tag>{L.category(c.category)}</Tag> : null}
            data-testid={`report-item-${c.id}`}
          >
            <Radio.Group
              value={it.status}
              onChange={(e) => set(i, { status: e.target.value })}
              optionType="button"
              buttonStyle="solid"
              size={size}
              style={{ display: 'flex', width: '100%' }}
            >
              {L.outcomeOptions.map((o) => (
                <Radio.Button key={o.value} value={o.value} style={{ flex: 1, textAlign: 'center' }}>
                  <span data-testid={`report-status-${c.id}-${o.value}`}>{o.label}</span>
                </Radio.Button>
              ))}
            </Radio.Group>
            {statusError && (
              <Typography.Text type="danger" style={{ display: 'block', fontSize: 13, marginTop: 4 }} data-testid={`report-status-error-${c.id}`}>
                {statusError}
              </Typography.Text>
            )}
            <Input.TextArea
              value={it.note}
              onChange={(e) => set(i, { note: e.target.value })}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={rules.noteMaxLength}
              status={noteError ? 'error' : undefined}
              placeholder={it.status && it.status !== 'done' ? t('commitments.report.noteWhy') : t('commitments.report.notePlaceholder')}
              style={{ marginTop: 8, fontSize: 16 }}
              data-testid={`report-note-${c.id}`}
            />
            {noteError && (
              <Typography.Text type="danger" style={{ fontSize: 13 }}>
                {noteError}
              </Typography.Text>
            )}
            {readsActivities && (
              <Select
                mode="multiple"
                value={it.activityIds}
                onChange={(v) => set(i, { activityIds: v })}
                options={activityOptions}
                loading={activities.isPending}
                optionFilterProp="label"
                placeholder={t('commitments.report.pickActivities')}
                size={size}
                style={{ width: '100%', marginTop: 8 }}
                data-testid={`report-activities-${c.id}`}
              />
            )}
            <div style={{ marginTop: 8 }}>
              {it.files.map((f) => (
                <div key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 4, minHeight: 32 }}>
                  <a href={f.url} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
                    <PaperClipOutlined /> {f.name}
                  </a>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => set(i, { files: it.files.filter((x) => x.id !== f.id) })}
                    aria-label={t('commitments.delete')}
                  />
                </div>
              ))}
              <Upload
                showUploadList={false}
                customRequest={({ file, onSuccess, onError }) => {
                  setUploading(c.id);
                  upload('/attachments', file as File, {
                    orgId: data.cadre.orgId,
                    kind: (file as File).type?.startsWith('image/') ? 'photo' : 'file',
                  })
                    .then((a) => {
                      setItems((l) => l.map((x) => (x.commitmentId === c.id ? { ...x, files: [...x.files, a] } : x)));
                      onSuccess?.(a);
                    })
                    .catch((e) => {
                      message.error(errorText(e, i18n.language));
                      onError?.(e);
                    })
                    .finally(() => setUploading(null));
                }}
              >
                <Button icon={<UploadOutlined />} size={size} loading={uploading === c.id} data-testid={`report-upload-${c.id}`}>
                  {t('commitments.report.upload')}
                </Button>
              </Upload>
            </div>
            {evidenceError && (
              <Typography.Text type="danger" style={{ display: 'block', fontSize: 13 }}>
                {evidenceError}
              </Typography.Text>
            )}
          </Card>
        );
      })}
      {error && <Alert type="error" showIcon message={error} data-testid="report-editor-error" />}
      <div style={{ display: 'flex', gap: 8, flexDirection: isMobile ? 'column-reverse' : 'row', justifyContent: 'flex-end', paddingBottom: 24 }}>
        <Button icon={<SaveOutlined />} size={size} block={isMobile} loading={w.save.isPending} onClick={() => run(false)} data-testid="report-save">
          {t('commitments.report.saveDraft')}
        </Button>
        <Popconfirm
          title={t('commitments.report.submitConfirmTitle')}
          description={<div style={{ maxWidth: 280 }}>{t('commitments.report.submitConfirm')}</div>}
          okText={t('commitments.report.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => run(true)}
          okButtonProps={{ 'data-testid': 'report-submit-confirm' } as never}
        >
          <Button type="primary" icon={<SendOutlined />} size={size} block={isMobile} loading={w.submit.isPending} data-testid="report-submit">
            {t('commitments.report.submit')}
          </Button>
        </Popconfirm>
      </div>
    </Space>
  );
}
