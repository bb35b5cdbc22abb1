import type { ReactNode } from 'react';
import { Alert, Card, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCadreYear } from './api.ts';
import { CommitmentsCard } from './CommitmentsCard.tsx';
import { yearChoices } from './dates.ts';
import { useCommitmentLabels } from './labels.ts';
import { PublicationHistory } from './PublicationHistory.tsx';
import { ReportCard } from './ReportCard.tsx';

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
      {data.versions.length > 0 && <PublicationHistory data={data} />}
    </Space>
  );
}
