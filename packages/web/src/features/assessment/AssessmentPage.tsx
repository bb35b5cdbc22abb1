import { useState } from 'react';
import { Card, Empty, List, Select, Skeleton, Space, Tabs, Typography, Button, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { useSheet, useToConfirm } from './api.ts';
import { SheetView } from './SheetView.tsx';
import { Queue } from './Queue.tsx';
import { TitlesList, UpgradeReport } from './TiersPanel.tsx';
import { RubricEditor } from './RubricEditor.tsx';

const ORDER = { running: 0, upcoming: 1, finished: 2 } as const;

/**
 * 考评定级 (达标争先、对标定级): the own unit's self-assessment, the representative's confirmations,
 * the verification queue of the units below, 晋档升级 and titles, and the rubric.
 */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useSession();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { data: campaigns, isPending } = useCampaigns();
  const sorted = [...(campaigns ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const campaignId = Number(params.get('campaignId')) || sorted[0]?.id || null;
  const campaign = sorted.find((c) => c.id === campaignId);
  const [year, setYear] = useState(() => Number(campaign?.phases[0]?.startsOn?.slice(0, 4)) || new Date().getFullYear());
  const member = me.grant.role === 'member';
  const own = useSheet(member ? null : campaignId, member ? null : me.grant.orgId);
  const toConfirm = useToConfirm();
  const tab = params.get('tab');

  const header = (
    <div className="zx-page-toolbar">
      <h2 style={{ margin: 0, fontSize: 20 }}>{t('assessment.nav')}</h2>
      {sorted.length > 0 && !member && (
        <Select
          value={campaignId}
          onChange={(id) => setParams({ campaignId: String(id) })}
          style={{ minWidth: isMobile ? '100%' : 320 }}
          popupMatchSelectWidth={false}
          options={sorted.map((c) => ({ value: c.id, label: `${c.name}${c.status === 'running' ? '' : `（${t(`campaign.status.${c.status}`)}）`}` }))}
          data-testid="assessment-campaign"
        />
      )}
    </div>
  );

  const confirmList = (
    <Card size={isMobile ? 'small' : 'default'} title={t('assessment.toConfirmTitle')} data-testid="confirm-list">
      <List
        loading={toConfirm.isPending}
        dataSource={toConfirm.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('assessment.nothingToConfirm')} /> }}
        renderItem={(r) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={`confirm-row-${r.orgId}`}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{r.orgName}</Typography.Text>
              <Typography.Text type="secondary">{r.campaignName}</Typography.Text>
              <Space wrap>
                <Tag>
                  {t('assessment.selfTotal')} {r.selfTotal}
                </Tag>
                <Typography.Text type="secondary">{t('assessment.signedBy', { who: r.secretaryName ?? '' })}</Typography.Text>
              </Space>
              <Link to={`/assessment/${r.campaignId}/${r.orgId}`}>
                <Button type="primary" size="large" block data-testid={`confirm-open-${r.orgId}`}>
                  {t('assessment.reviewAndConfirm')}
                </Button>
              </Link>
            </Space>
          </Card>
        )}
      />
    </Card>
  );

  if (member)
    return (
      <>
        {header}
        {confirmList}
      </>
    );
  if (isPending)
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
          <Empty description={t('assessment.noCampaign')} />
        </Card>
      </>
    );

  const items = [
    ...(own.data?.required || (own.data && own.data.status !== 'missing')
      ? [
          {
            key: 'own',
            label: <span data-testid="assessment-tab-own">{t('assessment.ownTab')}</span>,
            children: <SheetView campaignId={campaignId} orgId={me.grant.orgId} />,
          },
        ]
      : []),
    ...((toConfirm.data?.items.length ?? 0) > 0
      ? [
          {
            key: 'confirm',
            label: (
              <span data-testid="assessment-tab-confirm">
                {t('assessment.confirmTab')} <Tag>{toConfirm.data!.items.length}</Tag>
              </span>
            ),
            children: confirmList,
          },
        ]
      : []),
    ...(can('assessment.verify')
      ? [{ key: 'verify', label: <span data-testid="assessment-tab-verify">{t('assessment.verifyTab')}</span>, children: <Queue campaignId={campaignId} /> }]
      : []),
    {
      key: 'tiers',
      label: <span data-testid="assessment-tab-tiers">{t('assessment.tiersTab')}</span>,
      children: <UpgradeReport year={year} setYear={setYear} />,
    },
    { key: 'titles', label: <span data-testid="assessment-tab-titles">{t('assessment.titlesTab')}</span>, children: <TitlesList year={year} /> },
    { key: 'rubric', label: <span data-testid="assessment-tab-rubric">{t('assessment.rubricTab')}</span>, children: <RubricEditor /> },
  ];
  const active = items.some((i) => i.key === tab) ? tab! : can('assessment.verify') && !own.data?.required ? 'verify' : items[0].key;
  return (
    <>
      {header}
      <Tabs
        activeKey={active}
        onChange={(k) =>
          setParams((p) => {
            p.set('tab', k);
            if (campaignId) p.set('campaignId', String(campaignId));
            return p;
          })
        }
        items={items}
        destroyOnHidden
      />
    </>
  );
}
