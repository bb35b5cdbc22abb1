import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SheetView } from './SheetView.tsx';

/** One unit's self-assessment (the link in a notice, the queue and the representative's list). */
export default function AssessmentDetailPage() {
  const { t } = useTranslation();
  const { campaignId, orgId } = useParams();
  return (
    <>
      <div className="zx-page-toolbar">
        <Link to={`/assessment?campaignId=${campaignId}`}>
          <Button icon={<ArrowLeftOutlined />} data-testid="assessment-back">
            {t('assessment.backToList')}
          </Button>
        </Link>
      </div>
      <SheetView campaignId={Number(campaignId)} orgId={Number(orgId)} />
    </>
  );
}
