import { Button, Card, Skeleton, Space, Tag, Typography } from 'antd';
import { EyeOutlined, FormOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCadreReport, type CadreYear } from './api.ts';
import { fmtTime } from './dates.ts';
import { ReportReader } from './ReportReader.tsx';

/** The year-end report: its status, the way to write it for the cadre, and the report itself once there is one. */
export function ReportCard({ data }: { data: CadreYear }) {
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
