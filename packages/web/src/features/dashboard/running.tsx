import { Button, Card, Empty, Skeleton } from 'antd';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types.ts';
import { useSession } from '../../app/session.ts';
import { useCampaigns, type Campaign } from '../campaigns/api.ts';

/**
 * The campaign a person means by "the dashboard" or "my tasks": a running one that covers the
 * active organization (launched at it or above), else any running one, else the newest.
 */
export function pickRunning(campaigns: Campaign[] | undefined, me: Me): Campaign | null {
  if (!campaigns?.length) return null;
  const onPath = new Set((me.grant.orgPath ?? '').split('/').filter(Boolean).map(Number));
  const covering = campaigns.filter((c) => onPath.has(c.orgId));
  return covering.find((c) => c.status === 'running') ?? campaigns.find((c) => c.status === 'running') ?? covering[0] ?? campaigns[0];
}

export function useRunningCampaign() {
  const me = useSession();
  const q = useCampaigns();
  return { campaign: pickRunning(q.data, me), isPending: q.isPending };
}

/** /dashboard and /tasks (sidebar entries): open the running campaign's page. */
export default function RunningCampaignRedirect({ to }: { to: 'dashboard' | 'tasks' }) {
  const { t } = useTranslation();
  const { campaign, isPending } = useRunningCampaign();
  if (isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (campaign) return <Navigate to={`/campaigns/${campaign.id}/${to}`} replace />;
  return (
    <Card data-testid="no-running-campaign">
      <Empty description={t('dashboard.noCampaign')}>
        <Link to="/campaigns">
          <Button>{t('nav.campaigns')}</Button>
        </Link>
      </Empty>
    </Card>
  );
}
