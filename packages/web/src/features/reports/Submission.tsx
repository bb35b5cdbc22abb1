import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Modal, Skeleton, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useReview, useSaveSubmission, useSubmission, type BoardRow, type ReportAttachment, type Submission } from './api.ts';
import { BoardStatusTag, fmt } from './ReportTags.tsx';

function Attachments({ list, onRemove }: { list: ReportAttachment[]; onRemove?: (id: number) => void }) {
  if (!list.length) return null;
  return (
    <div data-testid="report-attachments">
      {list.map((a) => (
        <div key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 4, minHeight: 32 }}>
          <a href={a.url} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
            <PaperClipOutlined /> {a.name}
          </a>
          {onRemove && <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => onRemove(a.id)} aria-label="remove" />}
        </div>
      ))}
    </div>
  );
}

/**
 * The unit's own report: a textarea and files, saved as a draft or submitted. It stays editable
 * (a re-submission) until the requesting side has reviewed it.
 */
export function SubmissionForm({ requestId, requestOrgName, submission: s }: { requestId: number; requestOrgName: string; submission: Submission }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const can = useCan();
  const [content, setContent] = useState(s.content);
  const [files, setFiles] = useState<ReportAttachment[]>(s.attachments);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = useSaveSubmission(requestId, s.orgId);
  useEffect(() => {
    setContent(s.content);
    setFiles(s.attachments);
  }, [s.content, s.attachments]);

  const locked = !!s.reviewedAt || !can('report.submit');
  const run = (submit: boolean) => {
    setError(null);
    if (submit && !content.trim() && !files.length) {
      setError(t('reports.emptyReport'));
      return;
    }
    save.mutate(
      { content, attachmentIds: files.map((f) => f.id), submit },
      {
        onSuccess: () => message.success(submit ? t('reports.submittedOk') : t('reports.saved')),
        onError: (e) => setError(errorText(e, i18n.language)),
      },
    );
  };

  return (
    <Card
      title={
        <Space size={8} wrap>
          <span>{t('reports.mySubmission')}</span>
          <span style={{ fontWeight: 400 }}>{s.orgName}</span>
        </Space>
      }
      extra={!isMobile && <SubmissionStatus s={s} />}
      data-testid="report-submission"
    >
      {isMobile && (
        <div style={{ marginBottom: 8 }}>
          <SubmissionStatus s={s} />
        </div>
      )}
      {s.reviewComment && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('reports.reviewerSays', { org: requestOrgName })}
          description={
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="report-review-comment">
              {s.reviewComment}
            </span>
          }
        />
      )}
      {locked ? (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="report-content">
            {s.content || t('reports.noContent')}
          </Typography.Paragraph>
          <Attachments list={s.attachments} />
          {s.reviewedAt && <Typography.Text type="secondary">{t('reports.lockedReviewed')}</Typography.Text>}
        </>
      ) : (
        <>
          <Input.TextArea
            value={content}
            onChange={(e) => setContent(e.target.value)}
            autoSize={{ minRows: isMobile ? 8 : 10, maxRows: 24 }}
            maxLength={20000}
            showCount
            placeholder={t('reports.contentPlaceholder')}
            style={{ fontSize: 16 }}
            data-testid="report-content-input"
          />
          <div style={{ marginTop: 16 }}>
            <Attachments list={files} onRemove={(id) => setFiles((l) => l.filter((f) => f.id !== id))} />
            <Upload
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                setUploading(true);
                upload('/attachments', file as File, { orgId: s.orgId, kind: 'file' })
                  .then((a) => {
                    setFiles((l) => [...l, a]);
                    onSuccess?.(a);
                  })
                  .catch((e) => {
                    message.error(errorText(e, i18n.language));
                    onError?.(e);
                  })
                  .finally(() => setUploading(false));
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} size={isMobile ? 'large' : 'middle'} data-testid="report-upload">
                {t('reports.upload')}
              </Button>
            </Upload>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
              {t('reports.uploadHint')}
            </Typography.Text>
          </div>
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="report-error" />}
          <div style={{ display: 'flex', gap: 8, marginTop: 16, flexDirection: isMobile ? 'column-reverse' : 'row', justifyContent: 'flex-end' }}>
            {s.status === 'pending' && (
              <Button
                icon={<SaveOutlined />}
                size={isMobile ? 'large' : 'middle'}
                block={isMobile}
                loading={save.isPending && !save.variables?.submit}
                onClick={() => run(false)}
                data-testid="report-save-draft"
              >
                {t('reports.saveDraft')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<SendOutlined />}
              size={isMobile ? 'large' : 'middle'}
              block={isMobile}
              loading={save.isPending && !!save.variables?.submit}
              onClick={() => run(true)}
              data-testid="report-submit"
            >
              {s.status === 'submitted' ? t('reports.resubmit') : t('reports.submit')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}

function SubmissionStatus({ s }: { s: Submission }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap data-testid="report-submission-status">
      <BoardStatusTag status={s.boardStatus} />
      {s.submittedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.submittedOn', { at: fmt(s.submittedAt) })}
        </Typography.Text>
      )}
      {s.status === 'pending' && s.content && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reports.draftSaved')}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The requesting side reads one unit's report and writes its review comment (the unit is notified). */
export function SubmissionModal({ requestId, row, canReview, onClose }: { requestId: number; row: BoardRow | null; canReview: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { data, isLoading } = useSubmission(requestId, row?.orgId ?? null);
  const review = useReview(requestId);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setComment('');
    setError(null);
  }, [row?.orgId]);

  const send = () => {
    if (!comment.trim()) {
      setError(t('reports.reviewRequired'));
      return;
    }
    review.mutate(
      { orgId: row!.orgId, comment: comment.trim() },
      {
        onSuccess: () => {
          message.success(t('reports.reviewSent'));
          onClose();
        },
        onError: (e) => setError(errorText(e, i18n.language)),
      },
    );
  };
  const canWrite = canReview && data?.status === 'submitted' && !data.reviewedAt;

  return (
    <Modal
      open={!!row}
      title={row ? t('reports.reviewTitle', { org: row.orgName }) : ''}
      onCancel={onClose}
      width={isMobile ? '100%' : 720}
      wrapProps={{ 'data-testid': 'report-review-modal' }}
      footer={
        canWrite
          ? [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="send" type="primary" loading={review.isPending} onClick={send} data-testid="report-review-send">
                {t('reports.sendReview')}
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]
      }
      destroyOnHidden
    >
      {isLoading || !data ? (
        <Skeleton active />
      ) : (
        <>
          <Space size={4} wrap style={{ marginBottom: 8 }}>
            <BoardStatusTag status={data.boardStatus} />
            {data.submittedAt && <Typography.Text type="secondary">{t('reports.submittedOn', { at: fmt(data.submittedAt) })}</Typography.Text>}
          </Space>
          {data.content ? (
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', maxHeight: 360, overflow: 'auto', background: '#fafafa', padding: 12, borderRadius: 6 }}
              data-testid="report-review-content"
            >
              {data.content}
            </Typography.Paragraph>
          ) : (
            <Empty description={t('reports.noContent')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          <Attachments list={data.attachments} />
          {data.reviewComment && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              message={t('reports.reviewComment')}
              description={<span style={{ whiteSpace: 'pre-wrap' }}>{data.reviewComment}</span>}
            />
          )}
          {canWrite && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('reports.reviewComment')}</Typography.Text>
              <Input.TextArea
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={2000}
                placeholder={t('reports.reviewPlaceholder')}
                style={{ marginTop: 4 }}
                data-testid="report-review-input"
              />
            </div>
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        </>
      )}
    </Modal>
  );
}
