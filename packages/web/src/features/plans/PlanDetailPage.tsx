import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PlanView } from './PlanView.tsx';

/** One unit's plan (the link in a plan notice): the reviewer's view, or the unit's own editor. */
export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { campaignId, orgId } = useParams();
  return (
    <>
      <div className="zx-page-toolbar">
        <Link to={`/plans?campaignId=${campaignId}`}>
          <Button icon={<ArrowLeftOutlined />} data-testid="plan-back">
            {t('plans.backToList')}
          </Button>
        </Link>
      </div>
      <PlanView campaignId={Number(campaignId)} orgId={Number(orgId)} />
    </>
  );
}
