import { Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session.ts';
import { activeNavKey, visibleNav } from './nav.tsx';

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = visibleNav(me.permissions).map((n) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`menu-${n.key}`} onClick={onNavigate}>
        {t(n.label)}
      </Link>
    ),
  }));
  return <Menu mode="inline" selectedKeys={[activeNavKey(pathname)]} items={items} style={{ borderInlineEnd: 'none' }} data-testid="side-menu" />;
}
