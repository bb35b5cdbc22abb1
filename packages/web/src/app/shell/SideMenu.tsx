import { Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session.ts';
import { activeNavKey, NAV_GROUPS, visibleNav, type NavItem } from './nav.tsx';

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useSession();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const visible = visibleNav(me.permissions);
  const entry = (n: NavItem) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`menu-${n.key}`} onClick={onNavigate}>
        {t(n.label)}
      </Link>
    ),
  });
  // Sections with a heading; a role sees only the sections it has entries in.
  const items = [
    ...visible.filter((n) => !n.group).map(entry),
    ...NAV_GROUPS.flatMap((g) => {
      const children = visible.filter((n) => n.group === g).map(entry);
      return children.length ? [{ type: 'group' as const, key: `group-${g}`, label: t(`nav.groups.${g}`), children }] : [];
    }),
  ];
  return <Menu mode="inline" selectedKeys={[activeNavKey(pathname)]} items={items} style={{ borderInlineEnd: 'none' }} data-testid="side-menu" />;
}
