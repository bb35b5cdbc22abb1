import { Card, Col, Descriptions, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels.ts';
import { useSession } from '../../app/session.ts';
import { visibleNav } from '../../app/shell/nav.tsx';
import { useOrgDetail } from '../orgs/api.ts';
import { RunningCampaignCard } from '../dashboard/RunningCampaignCard.tsx';

/** 首页: the active organization at a glance and links to what this role may do. */
export default function HomePage() {
  const me = useSession();
  const { t } = useTranslation();
  const labels = useLabels();
  const canReadOrg = me.permissions.includes('org.read');
  const { data: org, isPending } = useOrgDetail(canReadOrg ? me.grant.orgId : null);
  const links = visibleNav(me.permissions).filter((n) => n.key !== 'home');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card data-testid="home-org-card">
          <Typography.Text type="secondary">{t('home.welcome', { name: me.user.displayName || me.user.username })}</Typography.Text>
          <Typography.Title level={3} style={{ marginTop: 4 }} data-testid="home-org-name">
            {me.grant.orgName}
          </Typography.Title>
          <div style={{ marginBottom: 16 }}>
            {org && <Tag>{labels.orgType(org.typeCode)}</Tag>}
            <Tag color="red">{labels.role(me.grant.role)}</Tag>
          </div>
          {canReadOrg && isPending ? (
            <Skeleton active />
          ) : org ? (
            <>
              <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
                <Col xs={8} md={8}>
                  <Statistic title={t('org.subtreeMembers')} value={org.subtreeMemberCount} />
                </Col>
                <Col xs={8} md={8}>
                  <Statistic title={t('org.childCount')} value={org.childCount} />
                </Col>
                <Col xs={8} md={8}>
                  <Statistic title={t('org.directMembers')} value={org.directMemberCount} />
                </Col>
              </Row>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'resp', label: t('org.responsiblePerson'), children: org.responsiblePerson || t('home.notSet') },
                  { key: 'code', label: t('org.code'), children: org.code },
                  { key: 'founded', label: t('org.foundedOn'), children: org.foundedOn ?? '—' },
                  { key: 'phone', label: t('org.contactPhone'), children: org.contactPhoneMasked ?? '—' },
                ]}
              />
            </>
          ) : null}
        </Card>
        {me.permissions.includes('campaign.read') && <RunningCampaignCard />}
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('home.quickLinks')}>
          <Row gutter={[12, 12]}>
            {links.map((n) => (
              <Col span={12} key={n.key}>
                <Link to={n.path} data-testid={`home-link-${n.key}`}>
                  <Card size="small" hoverable styles={{ body: { textAlign: 'center', padding: 16 } }}>
                    <div style={{ fontSize: 22, color: '#c8161d' }}>{n.icon}</div>
                    <div style={{ marginTop: 6 }}>{t(n.label)}</div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
