import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../api/types.ts';
import { jobPercent } from './useJob.ts';

/**
 * A job's progress bar. During a preview the server counts bytes of the file read, during a
 * commit rows written: rows are named only in the commit stage.
 */
export function JobProgress({ job, label, rows }: { job: Job | undefined; label: string; rows: boolean }) {
  const { t } = useTranslation();
  const failed = job?.status === 'failed';
  const percent = jobPercent(job);
  const running = job && job.status === 'running' && job.total;
  return (
    <div data-testid="import-progress" data-status={job?.status ?? 'queued'} data-percent={percent} style={{ padding: '16px 0' }}>
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status={failed ? 'exception' : job?.status === 'succeeded' ? 'success' : 'active'} />
      <Typography.Text type="secondary" data-testid="import-progress-text">
        {running
          ? rows
            ? t('import.progressRows', { progress: job.progress, total: job.total })
            : t('import.progressPercent', { percent })
          : t(`import.status.${job?.status ?? 'queued'}`)}
      </Typography.Text>
    </div>
  );
}
