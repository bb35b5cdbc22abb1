import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spin } from 'antd';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth, RequirePermission } from './guards.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { NotFound } from './shell/NotFound.tsx';
import { RouteError } from './shell/RouteError.tsx';

const HomePage = lazy(() => import('../features/home/HomePage.tsx'));
const OrgTreePage = lazy(() => import('../features/orgs/OrgTreePage.tsx'));
const RosterPage = lazy(() => import('../features/members/RosterPage.tsx'));
const MemberDetailPage = lazy(() => import('../features/members/MemberDetailPage.tsx'));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const SecuritySettingsPage = lazy(() => import('../features/settings/SecuritySettingsPage.tsx'));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage.tsx'));
const OrgTypesPage = lazy(() => import('../features/settings/OrgTypesPage.tsx'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage.tsx'));

export interface RouteHandle {
  /** i18n key of the breadcrumb label. */
  crumb: string;
}

const page = (el: ReactNode, perm?: string) => {
  const inner = <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{el}</Suspense>;
  return perm ? <RequirePermission permission={perm}>{inner}</RequirePermission> : inner;
};

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    handle: { crumb: 'nav.home' } satisfies RouteHandle,
    children: [
      { index: true, element: page(<HomePage />) },
      { path: 'campaigns', element: page(<CampaignsPage />, 'campaign.read'), handle: { crumb: 'nav.campaigns' } },
      { path: 'orgs', element: page(<OrgTreePage />, 'org.read'), handle: { crumb: 'nav.orgs' } },
      {
        path: 'members',
        handle: { crumb: 'nav.members' },
        children: [
          { index: true, element: page(<RosterPage />, 'member.read') },
          { path: ':id', element: page(<MemberDetailPage />, 'member.read'), handle: { crumb: 'nav.memberDetail' } },
        ],
      },
      { path: 'accounts', element: page(<AccountsPage />, 'account.read'), handle: { crumb: 'nav.accounts' } },
      { path: 'audit', element: page(<AuditPage />, 'audit.read'), handle: { crumb: 'nav.audit' } },
      { path: 'settings/security', element: page(<SecuritySettingsPage />, 'settings.write'), handle: { crumb: 'nav.security' } },
      { path: 'settings/org-types', element: page(<OrgTypesPage />, 'orgtype.write'), handle: { crumb: 'nav.orgTypes' } },
      { path: 'profile', element: page(<ProfilePage />, 'self.read'), handle: { crumb: 'nav.profile' } },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
