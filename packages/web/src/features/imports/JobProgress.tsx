import { Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../api/types.ts';
import { jobPercent } from './useJob.ts';

export function JobProgress({ job, label }: { job: Job | undefined; label: string }) {
  const { t } = useTranslation();
  const failed = job?.status === 'failed';
  return (
    <div data-testid="import-progress" data-status={job?.status ?? 'queued'} style={{ padding: '16px 0' }}>
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={jobPercent(job)} status={failed ? 'exception' : job?.status === 'succeeded' ? 'success' : 'active'} />
      <Typography.Text type="secondary" data-testid="import-progress-text">
        {job?.total ? t('import.progressRows', { progress: job.progress, total: job.total }) : t(`import.status.${job?.status ?? 'queued'}`)}
      </Typography.Text>
    </div>
  );
}
