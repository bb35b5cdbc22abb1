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
import { CrownOutlined, ScheduleOutlined } from '@ant-design/icons';
import { BellOutlined, FlagFilled, HeartOutlined, HistoryOutlined, KeyOutlined, MailOutlined, SafetyOutlined, SoundOutlined } from '@ant-design/icons';

/** Sidebar sections, in order; an item without one (首页) stands above them. */
export const NAV_GROUPS = ['campaign', 'contest', 'cadres', 'mine', 'organization', 'system'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  key: string;
  path: string;
  /** i18n key */
  label: string;
  icon: ReactNode;
  /** shown when the active grant has this permission (any of a list); none = always */
  permission?: string | readonly string[];
  group?: NavGroup;
}

/** The sidebar: one entry per capability, shown when the active role's permissions allow it. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  // 活动开展
  { key: 'campaigns', path: '/campaigns', label: 'nav.campaigns', icon: <FlagOutlined />, permission: 'campaign.read', group: 'campaign' },
  { key: 'plans', path: '/plans', label: 'plans.nav', icon: <FormOutlined />, permission: 'plan.read', group: 'campaign' },
  { key: 'dashboard', path: '/dashboard', label: 'dashboard.nav', icon: <BarChartOutlined />, permission: 'campaign.read', group: 'campaign' },
  { key: 'tasks', path: '/tasks', label: 'tasks.nav', icon: <CheckSquareOutlined />, permission: 'campaign.read', group: 'campaign' },
  { key: 'activities', path: '/activities', label: 'activities.nav', icon: <CameraOutlined />, permission: 'activity.read', group: 'campaign' },
  { key: 'inspections', path: '/inspections', label: 'inspections.title', icon: <FileSearchOutlined />, permission: 'inspection.read', group: 'campaign' },
  { key: 'reports', path: '/reports', label: 'reports.nav', icon: <FileTextOutlined />, permission: 'report.read', group: 'campaign' },
  { key: 'publicity', path: '/publicity', label: 'publicity.nav', icon: <SoundOutlined />, permission: 'publicity.read', group: 'campaign' },
  { key: 'bulletins', path: '/bulletins', label: 'bulletins.nav', icon: <NotificationOutlined />, permission: 'bulletin.read', group: 'campaign' },
  { key: 'notices', path: '/notices', label: 'notices.nav', icon: <MailOutlined />, permission: 'notice.read', group: 'campaign' },
  { key: 'pledges', path: '/pledges', label: 'pledges.nav', icon: <FlagFilled />, permission: 'pledge.read', group: 'campaign' },
  // 争先评比
  { key: 'assessment', path: '/assessment', label: 'assessment.nav', icon: <StarOutlined />, permission: 'assessment.read', group: 'contest' },
  {
    key: 'evaluations',
    path: '/evaluations',
    label: 'evaluation.nav',
    icon: <ContactsOutlined />,
    permission: ['evaluation.read', 'evaluation.participate'],
    group: 'contest',
  },
  { key: 'exemplars', path: '/exemplars', label: 'exemplars.nav', icon: <TrophyOutlined />, permission: 'exemplar.read', group: 'contest' },
  { key: 'benchmarking', path: '/benchmarking', label: 'exemplars.bench.nav', icon: <AimOutlined />, permission: 'benchmark.read', group: 'contest' },
  { key: 'honours', path: '/honours', label: 'honours.nav', icon: <CrownOutlined />, permission: ['honour.read', 'honour.notice'], group: 'contest' },
  // issue 13 · service slice: 为青年服务
  { key: 'volunteer', path: '/volunteer', label: 'volunteer.nav', icon: <HeartOutlined />, permission: 'volunteer.log', group: 'mine' },
  {
    key: 'volunteer-verify',
    path: '/volunteer/verify',
    label: 'volunteer.verifyNav',
    icon: <SafetyOutlined />,
    permission: 'volunteer.verify',
    group: 'contest',
  },
  { key: 'honours-data', path: '/honours/data', label: 'honours.data.nav', icon: <ScheduleOutlined />, permission: 'honour.read', group: 'contest' },
  // 干部述职评议
  { key: 'commitments', path: '/commitments', label: 'commitments.board.nav', icon: <ReadOutlined />, permission: 'commitment.read', group: 'cadres' },
  { key: 'votes', path: '/votes', label: 'votes.nav', icon: <LikeOutlined />, permission: 'vote.manage', group: 'cadres' },
  // 我的
  { key: 'my-notices', path: '/my/notices', label: 'notices.mine.title', icon: <BellOutlined />, permission: 'notice.receive', group: 'mine' },
  { key: 'my-pledge', path: '/my/pledge', label: 'pledges.mine.title', icon: <FlagOutlined />, permission: 'pledge.write', group: 'mine' },
  { key: 'votes-mine', path: '/votes/mine', label: 'votes.mineNav', icon: <CheckCircleOutlined />, permission: 'vote.cast', group: 'mine' },
  {
    key: 'commitments-mine',
    path: '/commitments/mine',
    label: 'commitments.mine.nav',
    icon: <SolutionOutlined />,
    permission: 'commitment.write',
    group: 'mine',
  },
  { key: 'record', path: '/record', label: 'record.nav', icon: <HistoryOutlined />, permission: 'self.read', group: 'mine' },
  { key: 'profile', path: '/profile', label: 'nav.profile', icon: <IdcardOutlined />, permission: 'self.read', group: 'mine' },
  // 组织与团员
  { key: 'orgs', path: '/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, permission: 'org.read', group: 'organization' },
  { key: 'members', path: '/members', label: 'nav.members', icon: <TeamOutlined />, permission: 'member.read', group: 'organization' },
  { key: 'activation', path: '/activation', label: 'activation.nav', icon: <KeyOutlined />, permission: 'account.activate', group: 'organization' },
  { key: 'accounts', path: '/accounts', label: 'nav.accounts', icon: <UserSwitchOutlined />, permission: 'account.read', group: 'organization' },
  // 系统
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read', group: 'system' },
  { key: 'security', path: '/settings/security', label: 'nav.security', icon: <SafetyCertificateOutlined />, permission: 'settings.write', group: 'system' },
  { key: 'orgtypes', path: '/settings/org-types', label: 'nav.orgTypes', icon: <ClusterOutlined />, permission: 'orgtype.write', group: 'system' },
  { key: 'templates', path: '/settings/templates', label: 'templates.title', icon: <ProfileOutlined />, permission: 'template.write', group: 'system' },
];

/** The active role holds `permission` (any of a list; none = always). */
export const holds = (permissions: readonly string[], permission?: string | readonly string[]) =>
  !permission || (typeof permission === 'string' ? [permission] : permission).some((p) => permissions.includes(p));

export function visibleNav(permissions: string[]): NavItem[] {
  return NAV_ITEMS.filter((n) => holds(permissions, n.permission));
}

export function activeNavKey(pathname: string): string {
  // A campaign's dashboard and task list belong to their own sidebar entries.
  const campaignPage = /^\/campaigns\/\d+\/(dashboard|tasks)$/.exec(pathname);
  if (campaignPage) return campaignPage[1];
  // The inbox is reached from the header bell, not the sidebar.
  if (pathname === '/inbox') return 'inbox';
  let best = NAV_ITEMS[0];
  for (const n of NAV_ITEMS) {
    if (n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`)) && n.path.length > best.path.length) best = n;
  }
  return best.key;
}
