import { useState } from 'react';
import { Card, Empty, List, Progress, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { useCampaigns } from '../campaigns/api.ts';
import { useMemberReach } from '../notices/api.ts';
import { useUnitPledges } from './api.ts';

/** The unit's own members in a campaign: their pledges (亮明身份), and who is not yet aware or has not pledged — for the unit's cadres. */
export default function BranchPledgesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { data: campaigns } = useCampaigns();
  const campaignId = Number(params.get('campaignId')) || campaigns?.find((c) => c.status === 'running')?.id || campaigns?.[0]?.id || null;
  const [state, setState] = useState<'all' | 'missing'>('all');
  const pledges = useUnitPledges(campaignId, me.grant.orgId);
  const reach = useMemberReach(campaignId, me.grant.orgId);
  const shown = (reach.data?.items ?? []).filter((m) => state === 'all' || !m.aware || !m.pledged);
  const total = reach.data?.total ?? 0;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 1000 }} data-testid="branch-pledges">
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('pledges.nav')}</h2>
        <Select
          value={campaignId}
          onChange={(id) => setParams({ campaignId: String(id) })}
          options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ minWidth: isMobile ? '100%' : 280 }}
          popupMatchSelectWidth={false}
        />
      </div>
      <Typography.Text type="secondary">{t('pledges.unitHint', { org: me.grant.orgName })}</Typography.Text>
      {reach.data && (
        <Card>
          <Space size={isMobile ? 16 : 48} wrap style={{ width: '100%' }}>
            <div style={{ minWidth: 200 }}>
              <Typography.Text>{t('pledges.awareRate')}</Typography.Text>
              <Progress percent={total ? Math.round((reach.data.aware * 100) / total) : 0} format={() => `${reach.data.aware}/${total}`} />
            </div>
            <div style={{ minWidth: 200 }}>
              <Typography.Text>{t('pledges.pledgeRate')}</Typography.Text>
              <Progress percent={total ? Math.round((reach.data.pledged * 100) / total) : 0} format={() => `${reach.data.pledged}/${total}`} />
            </div>
          </Space>
        </Card>
      )}
      <Card
        title={t('pledges.members')}
        extra={
          <Segmented
            value={state}
            onChange={(v) => setState(v as 'all' | 'missing')}
            options={[
              { value: 'all', label: t('pledges.all') },
              { value: 'missing', label: t('pledges.notYet') },
            ]}
          />
        }
      >
        {reach.isPending ? (
          <Skeleton active />
        ) : !shown.length ? (
          <Empty description={t('pledges.none')} />
        ) : (
          <List
            dataSource={shown}
            renderItem={(m) => {
              const p = pledges.data?.items.find((x) => x.memberId === m.memberId);
              return (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap size={6}>
                        <span>{m.name}</span>
                        {m.aware ? <Tag color="green">{t('pledges.aware')}</Tag> : <Tag color="red">{t('pledges.notAware')}</Tag>}
                        {m.pledged ? <Tag color="green">{t('pledges.pledged')}</Tag> : <Tag color="red">{t('pledges.notPledged')}</Tag>}
                      </Space>
                    }
                    description={p ? <span style={{ whiteSpace: 'pre-wrap' }}>{`${p.post}：${p.pledge}`}</span> : null}
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </Space>
  );
}
