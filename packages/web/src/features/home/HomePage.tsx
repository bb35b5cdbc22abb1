import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../app/labels.ts';
import { useSession } from '../../app/session.ts';
import { useHome } from './api.ts';
import { CampaignCard, RecordCard, Shortcuts } from './HomeCards.tsx';
import { TodoList } from './TodoList.tsx';

/**
 * 首页 as a to-do list (docs/home.md): who and where I am, the running campaign and its phase,
 * what is due or waiting for me now (nearest deadline first); a member's own record; a cadre's
 * few most used pages. The menu holds everything else.
 */
export default function HomePage() {
  const me = useSession();
  const { t } = useTranslation();
  const labels = useLabels();
  const { data, isPending } = useHome(me.grant.id);
  const isCadre = me.grant.role !== 'member';

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small" data-testid="home-org-card" styles={{ body: { padding: 12 } }}>
            <Typography.Text type="secondary">{t('home.welcome', { name: me.user.displayName || me.user.username })}</Typography.Text>
            <Typography.Title level={4} style={{ margin: '2px 0 6px' }} data-testid="home-org-name">
              {me.grant.orgName}
            </Typography.Title>
            <Tag color="red">{labels.role(me.grant.role)}</Tag>
          </Card>
          {data ? <CampaignCard campaigns={data.campaigns} canOpen={me.permissions.includes('campaign.read')} /> : null}
          <TodoList todos={data?.todos} total={data?.total ?? 0} loading={isPending} />
        </Space>
      </Col>
      <Col xs={24} xl={8}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {data?.record ? <RecordCard record={data.record} /> : null}
          {isCadre ? <Shortcuts permissions={me.permissions} /> : null}
        </Space>
      </Col>
    </Row>
  );
}
