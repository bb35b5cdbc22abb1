import { useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { BarChartOutlined, CheckSquareOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/forms.ts';
import { useCan } from '../../app/session.ts';
import { useIsMobile } from '../../app/useIsMobile.ts';
import { CampaignFormModal } from './CampaignFormModal.tsx';
import { useCampaigns, type Campaign } from './api.ts';

const STATUS_COLOR: Record<Campaign['status'], string> = { upcoming: 'blue', running: 'green', finished: 'default' };

/** 主题实践活动: campaigns covering this organization or launched inside it, with their phases. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data, isPending } = useCampaigns();
  const [form, setForm] = useState<{ open: boolean; source: Campaign | null }>({ open: false, source: null });

  return (
    <>
      <div className="zx-page-toolbar">
        <h2 style={{ margin: 0, fontSize: 20 }}>{t('nav.campaigns')}</h2>
        {can('campaign.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, source: null })} data-testid="campaign-create-button">
            {t('campaign.create')}
          </Button>
        )}
      </div>
      {isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : !data?.length ? (
        <Card>
          <Empty description={t('campaign.none')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {data.map((c) => (
            <Col xs={24} key={c.id}>
              <CampaignCard campaign={c} onClone={() => setForm({ open: true, source: c })} />
            </Col>
          ))}
        </Row>
      )}
      <CampaignFormModal open={form.open} source={form.source} onClose={() => setForm({ open: false, source: null })} />
    </>
  );
}

function CampaignCard({ campaign: c, onClone }: { campaign: Campaign; onClone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const en = i18n.language === 'en-US';
  // Units a campaign covers follow it; the launching organization (or one above it) manages it.
  const manages = c.canManage;
  const current = c.phases.findIndex((p) => p.key === c.currentPhase);
  const switchPhase = useMutation({
    mutationFn: (key: string | null) => api.PATCH('/campaigns/{id}/schedule', { params: { path: { id: c.id } }, body: { manualPhaseKey: key } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['campaigns'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  return (
    <Card
      data-testid={`campaign-card-${c.id}`}
      title={
        <Space wrap>
          <span>{c.name}</span>
          <Tag color={STATUS_COLOR[c.status]}>{t(`campaign.status.${c.status}`)}</Tag>
        </Space>
      }
      extra={
        manages && !isMobile ? (
          <Button icon={<CopyOutlined />} onClick={onClone} data-testid={`campaign-clone-${c.id}`}>
            {t('campaign.clone')}
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">
          {t('campaign.launchedBy', { org: c.orgName ?? '' })}
          {c.slogan ? ` · ${c.slogan}` : ''}
        </Typography.Text>
        {c.currentPhase && c.daysLeft !== null && (
          <Typography.Text strong data-testid={`campaign-current-${c.id}`}>
            {t('campaign.currentPhase', { phase: en ? c.phases[current]?.nameEn : c.phases[current]?.nameZh, days: c.daysLeft })}
            {c.phaseMode === 'manual' && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                {t('campaign.manual')}
              </Tag>
            )}
          </Typography.Text>
        )}
        <Steps
          direction={isMobile ? 'vertical' : 'horizontal'}
          size="small"
          current={current < 0 ? (c.status === 'finished' ? c.phases.length : -1) : current}
          items={c.phases.map((p) => ({
            title: en ? p.nameEn : p.nameZh,
            description: p.startsOn ? `${p.startsOn} ~ ${p.endsOn}` : '',
          }))}
        />
        <Space wrap>
          <Link to={`/campaigns/${c.id}/dashboard`}>
            <Button icon={<BarChartOutlined />} data-testid={`campaign-dashboard-${c.id}`}>
              {t('dashboard.open')}
            </Button>
          </Link>
          <Link to={`/campaigns/${c.id}/tasks`}>
            <Button icon={<CheckSquareOutlined />} data-testid={`campaign-tasks-${c.id}`}>
              {t('tasks.title')}
            </Button>
          </Link>
        </Space>
        {manages && (
          <Space wrap>
            <Typography.Text type="secondary">{t('campaign.switchPhase')}</Typography.Text>
            <Select
              style={{ minWidth: 200 }}
              value={c.phaseMode === 'manual' ? c.currentPhase : '__dates'}
              loading={switchPhase.isPending}
              onChange={(v) => switchPhase.mutate(v === '__dates' ? null : v)}
              options={[{ value: '__dates', label: t('campaign.byDates') }, ...c.phases.map((p) => ({ value: p.key, label: en ? p.nameEn : p.nameZh }))]}
              data-testid={`campaign-phase-${c.id}`}
            />
            {isMobile && (
              <Button icon={<CopyOutlined />} onClick={onClone}>
                {t('campaign.clone')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
