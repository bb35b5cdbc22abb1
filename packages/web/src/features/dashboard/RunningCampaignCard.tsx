import { Button, Card, Space, Tag, Typography } from 'antd';
import { BarChartOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRunningCampaign } from './running.tsx';

/** Home page: the running campaign, its phase and the way into its dashboard and task list. */
export function RunningCampaignCard() {
  const { t, i18n } = useTranslation();
  const { campaign: c } = useRunningCampaign();
  if (!c) return null;
  const en = i18n.language === 'en-US';
  const phase = c.phases.find((p) => p.key === c.currentPhase);
  return (
    <Card title={t('dashboard.running')} style={{ marginTop: 16 }} data-testid="home-campaign-card">
      <Space orientation="vertical" size="small" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong data-testid="home-campaign-name">
            {c.name}
          </Typography.Text>
          <Tag color={c.status === 'running' ? 'green' : 'default'}>{t(`campaign.status.${c.status}`)}</Tag>
        </Space>
        {phase && c.daysLeft !== null && (
          <Typography.Text type="secondary">{t('campaign.currentPhase', { phase: en ? phase.nameEn : phase.nameZh, days: c.daysLeft })}</Typography.Text>
        )}
        <Space wrap>
          <Link to={`/campaigns/${c.id}/dashboard`}>
            <Button type="primary" icon={<BarChartOutlined />} data-testid="home-campaign-dashboard">
              {t('dashboard.open')}
            </Button>
          </Link>
          <Link to={`/campaigns/${c.id}/tasks`}>
            <Button icon={<CheckSquareOutlined />} data-testid="home-campaign-tasks">
              {t('tasks.title')}
            </Button>
          </Link>
        </Space>
      </Space>
    </Card>
  );
}
