import { useState } from 'react';
import { Outlet } from 'react-router';
import { Button, Drawer, Layout, Tag, Typography } from 'antd';
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ChangePasswordModal } from '../../features/auth/ChangePasswordModal.tsx';
import { InboxBell } from '../../features/inbox/InboxBell.tsx';
import { useLabels } from '../labels.ts';
import { useSession } from '../session.ts';
import { useIsMobile } from '../useIsMobile.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { GrantSwitcher } from './GrantSwitcher.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SideMenu } from './SideMenu.tsx';
import { UserMenu } from './UserMenu.tsx';

const { Header, Sider, Content } = Layout;

function Brand({ short }: { short?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, flex: short ? 'none' : undefined }} data-testid="brand">
      <span
        aria-hidden
        style={{
          background: '#c8161d',
          color: '#fff',
          borderRadius: 6,
          width: 28,
          height: 28,
          lineHeight: '28px',
          textAlign: 'center',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        {t('shell.brandMark')}
      </span>
      <Typography.Text strong className="zx-header-title" style={{ fontSize: 16 }}>
        {short ? t('shell.productShort') : t('shell.productName')}
      </Typography.Text>
    </div>
  );
}

export function AppLayout() {
  const me = useSession();
  const isMobile = useIsMobile();
  const labels = useLabels();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const headerStyle = {
    display: 'flex',
    alignItems: 'center',
    gap: 8,
    paddingInline: isMobile ? 8 : 16,
    borderBottom: '1px solid #f0f0f0',
    position: 'sticky' as const,
    top: 0,
    zIndex: 20,
    height: 56,
    lineHeight: '56px',
  };

  // An account that must change its password first sees only that: the server refuses every other
  // request until it is done (PASSWORD_CHANGE_REQUIRED), so nothing else is loaded.
  if (me.user.mustChangePassword) {
    return (
      <Layout style={{ minHeight: '100%' }} data-testid="forced-password-change">
        <Header style={headerStyle}>
          <Brand short={isMobile} />
          <div style={{ flex: 1, minWidth: 0 }} />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Header>
        <Content />
        <ChangePasswordModal open forced onClose={() => {}} />
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header style={headerStyle}>
        {isMobile ? (
          <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} data-testid="mobile-menu-button" aria-label="menu" />
        ) : (
          <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} aria-label="collapse" />
        )}
        <Brand short={isMobile} />
        <div style={{ flex: 1, minWidth: 0 }} />
        <InboxBell />
        <GrantSwitcher maxWidth={isMobile ? 140 : undefined} />
        <LanguageSwitch compact={isMobile} />
        <UserMenu compact={isMobile} />
      </Header>
      <Layout>
        {!isMobile && (
          <Sider width={220} collapsible collapsed={collapsed} trigger={null} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <SideMenu />
          </Sider>
        )}
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Breadcrumbs />
          <Outlet />
        </Content>
      </Layout>
      {isMobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={272}
          title={<Brand short />}
          styles={{ body: { padding: 0 } }}
          data-testid="mobile-menu-drawer"
        >
          <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
            <Typography.Text strong style={{ display: 'block' }}>
              {me.grant.orgName}
            </Typography.Text>
            <Tag color="red" style={{ marginTop: 4 }}>
              {labels.role(me.grant.role)}
            </Tag>
          </div>
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
