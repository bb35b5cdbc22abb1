import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../api/types.ts';
import { jobPercent } from './useJob.ts';

/**
 * A job's progress bar. Both the preview and the commit count rows; when a sheet does not declare
 * its size (files written by some tools) the total is unknown and the bar only shows activity.
 */
export function JobProgress({ job, label }: { job: Job | undefined; label: string }) {
  const { t } = useTranslation();
  const failed = job?.status === 'failed';
  const known = !!job?.total;
  const percent = jobPercent(job);
  const running = job?.status === 'running';
  return (
    <div
      data-testid="import-progress"
      data-status={job?.status ?? 'queued'}
      data-percent={percent}
      data-rows={job?.progress ?? 0}
      style={{ padding: '16px 0' }}
    >
      <Typography.Text>{label}</Typography.Text>
      <Progress
        percent={running && !known ? 100 : percent}
        showInfo={known || !running}
        status={failed ? 'exception' : job?.status === 'succeeded' ? 'success' : 'active'}
      />
      <Typography.Text type="secondary" data-testid="import-progress-text">
        {running && job.progress > 0
          ? known
            ? t('import.progressRows', { progress: job.progress.toLocaleString(), total: job.total!.toLocaleString() })
            : t('import.progressRowsOpen', { progress: job.progress.toLocaleString() })
          : t(`import.status.${job?.status ?? 'queued'}`)}
      </Typography.Text>
    </div>
  );
}
