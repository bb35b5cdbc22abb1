import { Card, Empty, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { usePlan } from './api.ts';
import { PlanView } from './PlanView.tsx';
import { ReviewBoard } from './ReviewBoard.tsx';

/** The running campaign first, then upcoming ones, then the newest finished one. */
const ORDER = { running: 0, upcoming: 1, finished: 2 } as const;

/** 方案与目标: the own unit's theme, plan and targets, and — for reviewers — the plans of the units below. */
export default function PlansPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useSession();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { data: campaigns, isPending } = useCampaigns();
  const sorted = [...(campaigns ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const campaignId = Number(params.get('campaignId')) || sorted[0]?.id || null;
  const own = usePlan(campaignId, me.grant.orgId);
  const reviewer = can('plan.review');
  const ownRequired = own.data?.required ?? false;

  const header = (
    <div className="zx-page-toolbar">
      <h2 style={{ margin: 0, fontSize: 20 }}>{t('plans.nav')}</h2>
      {sorted.length > 0 && (
        <Space wrap style={isMobile ? { width: '100%' } : undefined}>
          {!isMobile && <Typography.Text type="secondary">{t('plans.campaign')}</Typography.Text>}
          <Select
            value={campaignId}
            onChange={(id) => setParams({ campaignId: String(id) })}
            options={sorted.map((c) => ({ value: c.id, label: `${c.name}${c.status === 'running' ? '' : `（${t(`campaign.status.${c.status}`)}）`}` }))}
            style={{ minWidth: isMobile ? '100%' : 320 }}
            popupMatchSelectWidth={false}
            data-testid="plan-campaign"
          />
        </Space>
      )}
    </div>
  );

  if (isPending || (campaignId && own.isPending))
    return (
      <>
        {header}
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  if (!campaignId)
    return (
      <>
        {header}
        <Card>
          <Empty description={t('plans.noCampaign')} />
        </Card>
      </>
    );

  const mine = <PlanView campaignId={campaignId} orgId={me.grant.orgId} />;
  const board = <ReviewBoard campaignId={campaignId} />;
  return (
    <>
      {header}
      {reviewer && ownRequired ? (
        <Tabs
          items={[
            { key: 'review', label: <span data-testid="plan-tab-review">{t('plans.reviewTab')}</span>, children: board },
            { key: 'own', label: <span data-testid="plan-tab-own">{t('plans.ownTab')}</span>, children: mine },
          ]}
        />
      ) : reviewer ? (
        board
      ) : (
        mine
      )}
    </>
  );
}
