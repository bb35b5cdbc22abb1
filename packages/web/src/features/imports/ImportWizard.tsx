import { useState } from 'react';
import { Alert, App, Button, Col, Modal, Result, Row, Space, Statistic, Steps, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, download, upload } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import type { CommitResult, PreviewResult } from '../../api/types.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { IssuesTable } from './IssuesTable.tsx';
import { JobProgress } from './JobProgress.tsx';
import { isCommitted, jobErrorText, jobSettled, useJob, type JobStage } from './useJob.ts';

export type ImportKind = 'orgs' | 'members';

interface Props {
  kind: ImportKind;
  open: boolean;
  onClose: () => void;
  /** Extra multipart fields: `{ parentId }` for organizations, `{ orgId }` for members. */
  fields: Record<string, string | number>;
  /** Name of the organization the rows go into, shown to the user. */
  targetName?: string;
}

/**
 * Excel import in three steps: template + upload → preview job (validation, issues) →
 * commit ('all' or 'valid_only') → done. Both jobs report progress, shown as a bar.
 */
export function ImportWizard(props: Props) {
  return props.open ? <WizardBody {...props} /> : null;
}

function WizardBody({ kind, onClose, fields, targetName }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const [jobId, setJobId] = useState<number | null>(null);
  const [stage, setStage] = useState<JobStage>('preview');
  const { data: job } = useJob(jobId, stage);
  const lang = i18n.language;

  const start = useMutation({
    mutationFn: (file: File) => upload(kind === 'orgs' ? '/orgs/import' : '/members/import', file, fields),
    onSuccess: (j) => {
      qc.setQueryData(['jobs', j.id], j);
      setStage('preview');
      setJobId(j.id);
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const commit = useMutation({
    mutationFn: (mode: 'all' | 'valid_only') => api.POST('/jobs/{id}/commit', { params: { path: { id: jobId! } }, body: { mode } }),
    onSuccess: (j) => {
      if (j && typeof j === 'object' && 'status' in j) qc.setQueryData(['jobs', jobId], j);
      setStage('commit');
    },
    onError: (e) => message.error(errorText(e, lang)),
  });

  const settled = jobSettled(job, stage);
  const failed = settled && job?.status === 'failed';
  const preview = job?.result?.phase === 'preview' ? (job.result as PreviewResult) : null;
  const committed = stage === 'commit' && settled && isCommitted(job) ? (job!.result as CommitResult) : null;
  const current = jobId === null ? 0 : stage === 'preview' ? 1 : 2;

  const finish = () => {
    // Imported rows change rosters and the member counts shown on organizations.
    if (committed) void Promise.all([qc.invalidateQueries({ queryKey: ['orgs'] }), qc.invalidateQueries({ queryKey: ['members'] })]);
    onClose();
  };

  const confirmValidOnly = (p: PreviewResult) =>
    modal.confirm({
      title: t('import.validOnlyConfirmTitle'),
      content: t('import.validOnlyConfirm', { skipped: p.invalidRows, valid: p.validRows }),
      okText: t('import.commitValidOnly'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync('valid_only'),
    });

  const templateBtn = (
    <Button
      icon={<DownloadOutlined />}
      data-testid="import-template"
      onClick={() =>
        download(kind === 'orgs' ? '/orgs/import-template' : '/members/import-template', `${kind}-template.xlsx`).catch((e) =>
          message.error(errorText(e, lang)),
        )
      }
    >
      {t('import.downloadTemplate')}
    </Button>
  );

  return (
    <Modal
      open
      title={kind === 'orgs' ? t('import.titleOrgs') : t('import.titleMembers')}
      onCancel={finish}
      footer={null}
      width={isMobile ? '100%' : 820}
      mask={{ closable: false }}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'import-wizard' }}
    >
      <Steps
        size="small"
        responsive={false}
        titlePlacement={isMobile ? 'vertical' : 'horizontal'}
        current={current}
        style={{ marginBottom: 20 }}
        items={[{ title: t('import.stepUpload') }, { title: t('import.stepCheck') }, { title: t('import.stepCommit') }]}
      />
      {targetName && <Typography.Paragraph type="secondary">{t('import.target', { name: targetName })}</Typography.Paragraph>}

      {jobId === null && (
        <Space orientation="vertical" style={{ width: '100%', display: 'flex' }} size="middle">
          <Alert type="info" showIcon title={t(kind === 'orgs' ? 'import.hintOrgs' : 'import.hintMembers')} action={templateBtn} />
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={start.isPending}
              beforeUpload={(file) => {
                if (!/\.xlsx$/i.test(file.name)) {
                  message.error(t('import.onlyXlsx'));
                  return Upload.LIST_IGNORE;
                }
                start.mutate(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{start.isPending ? t('import.uploading') : t('import.dragHere')}</p>
              <p className="ant-upload-hint">{t('import.dragHint')}</p>
            </Upload.Dragger>
          </div>
        </Space>
      )}

      {jobId !== null && !settled && <JobProgress job={job} label={stage === 'preview' ? t('import.checking') : t('import.committing')} />}

      {failed && job && (
        <Result
          status="error"
          title={t('import.failed')}
          subTitle={jobErrorText(job, lang)}
          extra={
            <Button
              onClick={() => {
                setJobId(null);
                setStage('preview');
              }}
            >
              {t('import.again')}
            </Button>
          }
        />
      )}

      {stage === 'preview' && settled && !failed && preview && (
        <Space orientation="vertical" style={{ width: '100%', display: 'flex' }} size="middle" data-testid="import-preview">
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title={t('import.totalRows')} value={preview.totalRows} />
            </Col>
            <Col span={8}>
              <Statistic title={t('import.validRows')} value={preview.validRows} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('import.invalidRows')}
                value={preview.invalidRows}
                styles={{ content: { color: preview.invalidRows ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
          {preview.invalidRows > 0 || preview.issueCount > 0 ? <IssuesTable jobId={jobId!} /> : <Alert type="success" showIcon title={t('import.allValid')} />}
          <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button
              onClick={() => {
                setJobId(null);
              }}
              data-testid="import-restart"
            >
              {t('import.again')}
            </Button>
            <Button
              disabled={preview.validRows === 0 || preview.invalidRows === 0}
              loading={commit.isPending && commit.variables === 'valid_only'}
              onClick={() => confirmValidOnly(preview)}
              data-testid="import-commit-valid"
            >
              {t('import.commitValidOnly')}
            </Button>
            <Button
              type="primary"
              disabled={preview.invalidRows > 0 || preview.validRows === 0}
              loading={commit.isPending && commit.variables === 'all'}
              onClick={() => commit.mutate('all')}
              data-testid="import-commit-all"
            >
              {t('import.commitAll')}
            </Button>
          </Space>
        </Space>
      )}

      {committed && (
        <Result
          status="success"
          title={t('import.done')}
          subTitle={t('import.doneDetail', { imported: committed.imported, skipped: committed.skipped })}
          extra={
            <Button type="primary" onClick={finish} data-testid="import-finish">
              {t('common.done')}
            </Button>
          }
          data-testid="import-done"
        />
      )}
    </Modal>
  );
}
