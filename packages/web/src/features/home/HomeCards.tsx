import { Button, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { BarChartOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { visibleNav } from '../../app/shell/nav.tsx';
import type { Home } from './api.ts';

/** The running campaign(s) covering the actor's organization and the phase each is in. */
export function CampaignCard({ campaigns, canOpen }: { campaigns: Home['campaigns']; canOpen: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  if (!campaigns.length)
    return (
      <Card size="small" data-testid="home-no-campaign">
        <Typography.Text type="secondary">{t('home.noCampaign')}</Typography.Text>
      </Card>
    );
  return (
    <Card size="small" data-testid="home-campaign-card" styles={{ body: { padding: 12 } }}>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {campaigns.map((c) => (
          <div key={c.id} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            <div style={{ flex: 1, minWidth: 200 }}>
              <Typography.Text strong style={{ display: 'block' }} data-testid="home-campaign-name">
                {c.name}
              </Typography.Text>
              {c.slogan ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {c.slogan}
                </Typography.Text>
              ) : null}
              <Space wrap size={4} style={{ marginTop: 4 }}>
                {c.phaseKey ? (
                  <Tag color="red" data-testid="home-campaign-phase">
                    {t('home.phase', { phase: en ? c.phaseNameEn : c.phaseNameZh })}
                  </Tag>
                ) : null}
                {c.daysLeft != null ? <Tag>{t('home.daysLeft', { n: c.daysLeft })}</Tag> : null}
              </Space>
            </div>
            {canOpen ? (
              <Link to={`/campaigns/${c.id}/dashboard`}>
                <Button icon={<BarChartOutlined />} data-testid="home-campaign-dashboard">
                  {t('dashboard.open')}
                </Button>
              </Link>
            ) : null}
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** A member's own record in four figures, and the way to the whole record. */
export function RecordCard({ record }: { record: NonNullable<Home['record']> }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('home.myRecord')}
      extra={
        <Link to="/record" data-testid="home-record-link">
          {t('home.viewRecord')} <RightOutlined />
        </Link>
      }
      data-testid="home-record"
    >
      <Row gutter={[8, 8]}>
        <Col span={12}>
          <Statistic title={t('home.recordActivities')} value={record.activities} />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('home.recordGrade')}
            value={record.latestGrade ? `${t(`evaluation.grade.${record.latestGrade.grade}`, { defaultValue: record.latestGrade.grade })}` : '—'}
            suffix={record.latestGrade ? <span style={{ fontSize: 12 }}>{record.latestGrade.year}</span> : null}
          />
        </Col>
        <Col span={12}>
          <Statistic title={t('home.recordHonours')} value={record.honours} />
        </Col>
        <Col span={12}>
          <Statistic title={t('home.recordHours')} value={record.volunteerHours ?? '—'} />
        </Col>
      </Row>
    </Card>
  );
}

/** A cadre's most used pages, a handful at most (the menu has the rest). */
const SHORTCUT_ORDER = ['dashboard', 'tasks', 'plans', 'activities', 'activation', 'members', 'reports', 'inspections', 'assessment'];
const SHORTCUT_MAX = 5;

export function Shortcuts({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const nav = visibleNav(permissions);
  const links = SHORTCUT_ORDER.map((k) => nav.find((n) => n.key === k))
    .filter((n) => !!n)
    .slice(0, SHORTCUT_MAX);
  if (!links.length) return null;
  return (
    <Card size="small" title={t('home.quickLinks')} data-testid="home-shortcuts">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: 8 }}>
        {links.map((n) => (
          <Link
            key={n.key}
            to={n.path}
            data-testid={`home-link-${n.key}`}
            style={{ textAlign: 'center', padding: '8px 4px', borderRadius: 8, background: '#fafafa' }}
          >
            <div style={{ fontSize: 20, color: '#c8161d' }}>{n.icon}</div>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.85)' }}>{t(n.label)}</div>
          </Link>
        ))}
      </div>
    </Card>
  );
}
