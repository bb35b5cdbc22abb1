import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  CameraOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  AuditOutlined,
  ClusterOutlined,
  FlagOutlined,
  FormOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  NotificationOutlined,
  ProfileOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  SolutionOutlined,
  ReadOutlined,
  TrophyOutlined,
  AimOutlined,
} from '@ant-design/icons';
import { ContactsOutlined } from '@ant-design/icons';
import { CheckCircleOutlined, LikeOutlined } from '@ant-design/icons';

export interface NavItem {
  key: string;
  path: string;
  /** i18n key */
  label: string;
  icon: ReactNode;
  /** shown when the active grant has this permission; none = always */
  permission?: string;
}

/** The sidebar: one entry per capability, shown when the active role's permissions allow it. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { key: 'campaigns', path: '/campaigns', label: 'nav.campaigns', icon: <FlagOutlined />, permission: 'campaign.read' },
  { key: 'plans', path: '/plans', label: 'plans.nav', icon: <FormOutlined />, permission: 'campaign.read' },
  { key: 'dashboard', path: '/dashboard', label: 'dashboard.nav', icon: <BarChartOutlined />, permission: 'campaign.read' },
  { key: 'tasks', path: '/tasks', label: 'tasks.nav', icon: <CheckSquareOutlined />, permission: 'campaign.read' },
  { key: 'activities', path: '/activities', label: 'activities.nav', icon: <CameraOutlined />, permission: 'campaign.read' },
  { key: 'assessment', path: '/assessment', label: 'assessment.nav', icon: <StarOutlined />, permission: 'campaign.read' },
  { key: 'exemplars', path: '/exemplars', label: 'exemplars.nav', icon: <TrophyOutlined />, permission: 'campaign.read' },
  { key: 'benchmarking', path: '/benchmarking', label: 'exemplars.bench.nav', icon: <AimOutlined />, permission: 'org.read' },
  { key: 'inspections', path: '/inspections', label: 'inspections.title', icon: <FileSearchOutlined />, permission: 'campaign.read' },
  { key: 'reports', path: '/reports', label: 'reports.nav', icon: <FileTextOutlined />, permission: 'campaign.read' },
  { key: 'bulletins', path: '/bulletins', label: 'bulletins.nav', icon: <NotificationOutlined />, permission: 'campaign.read' },
  { key: 'commitments-mine', path: '/commitments/mine', label: 'commitments.mine.nav', icon: <SolutionOutlined />, permission: 'commitment.write' },
  { key: 'commitments', path: '/commitments', label: 'commitments.board.nav', icon: <ReadOutlined />, permission: 'campaign.read' },
  { key: 'evaluations', path: '/evaluations', label: 'evaluation.nav', icon: <ContactsOutlined />, permission: 'campaign.read' },
  { key: 'votes-mine', path: '/votes/mine', label: 'votes.mineNav', icon: <CheckCircleOutlined />, permission: 'self.read' },
  { key: 'votes', path: '/votes', label: 'votes.nav', icon: <LikeOutlined />, permission: 'vote.manage' },
  { key: 'orgs', path: '/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, permission: 'org.read' },
  { key: 'members', path: '/members', label: 'nav.members', icon: <TeamOutlined />, permission: 'member.read' },
  { key: 'accounts', path: '/accounts', label: 'nav.accounts', icon: <UserSwitchOutlined />, permission: 'account.read' },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'security', path: '/settings/security', label: 'nav.security', icon: <SafetyCertificateOutlined />, permission: 'settings.write' },
  { key: 'orgtypes', path: '/settings/org-types', label: 'nav.orgTypes', icon: <ClusterOutlined />, permission: 'orgtype.write' },
  { key: 'templates', path: '/settings/templates', label: 'templates.title', icon: <ProfileOutlined />, permission: 'template.write' },
  { key: 'profile', path: '/profile', label: 'nav.profile', icon: <IdcardOutlined />, permission: 'self.read' },
];

export function visibleNav(permissions: string[]): NavItem[] {
  return NAV_ITEMS.filter((n) => !n.permission || permissions.includes(n.permission));
}

export function activeNavKey(pathname: string): string {
  // A campaign's dashboard and task list belong to their own sidebar entries.
  const campaignPage = /^\/campaigns\/\d+\/(dashboard|tasks)$/.exec(pathname);
  if (campaignPage) return campaignPage[1];
  // The inbox is reached from the header bell, not the sidebar.
  if (pathname === '/inbox') return 'inbox';
  let best = NAV_ITEMS[0];
  for (const n of NAV_ITEMS) {
    if (n.path !== '/' && (pathname === n.path || pathname.startsWith(n.path + '/')) && n.path.length > best.path.length) best = n;
  }
  return best.key;
}
