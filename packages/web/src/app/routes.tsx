import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spin } from 'antd';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RequireAuth, RequirePermission } from './guards.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { NotFound } from './shell/NotFound.tsx';
import { RouteError } from './shell/RouteError.tsx';
import type { RouteHandle } from './shell/routeHandle.ts';

const HomePage = lazy(() => import('../features/home/HomePage.tsx'));
const MyRecordPage = lazy(() => import('../features/home/MyRecordPage.tsx'));
const ActivatePage = lazy(() => import('../features/activation/ActivatePage.tsx'));
const ActivationPage = lazy(() => import('../features/activation/ActivationPage.tsx'));
const OrgTreePage = lazy(() => import('../features/orgs/OrgTreePage.tsx'));
const RosterPage = lazy(() => import('../features/members/RosterPage.tsx'));
const MemberDetailPage = lazy(() => import('../features/members/MemberDetailPage.tsx'));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const SecuritySettingsPage = lazy(() => import('../features/settings/SecuritySettingsPage.tsx'));
const ProfilePage = lazy(() => import('../features/profile/ProfilePage.tsx'));
const OrgTypesPage = lazy(() => import('../features/settings/OrgTypesPage.tsx'));
const CampaignsPage = lazy(() => import('../features/campaigns/CampaignsPage.tsx'));
const PlansPage = lazy(() => import('../features/plans/PlansPage.tsx'));
const PlanDetailPage = lazy(() => import('../features/plans/PlanDetailPage.tsx'));
const InspectionsPage = lazy(() => import('../features/inspections/InspectionsPage.tsx'));
const InspectionDetailPage = lazy(() => import('../features/inspections/InspectionDetailPage.tsx'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage.tsx'));
const ReportDetailPage = lazy(() => import('../features/reports/ReportDetailPage.tsx'));
const TemplatesPage = lazy(() => import('../features/templates/TemplatesPage.tsx'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage.tsx'));
const RunningCampaignRedirect = lazy(() => import('../features/dashboard/running.tsx'));
const TasksPage = lazy(() => import('../features/tasks/TasksPage.tsx'));
const InboxPage = lazy(() => import('../features/inbox/InboxPage.tsx'));
const BulletinsPage = lazy(() => import('../features/bulletins/BulletinsPage.tsx'));
const BulletinPage = lazy(() => import('../features/bulletins/BulletinPage.tsx'));
const ActivitiesPage = lazy(() => import('../features/activities/ActivitiesPage.tsx'));
const ActivityFormPage = lazy(() => import('../features/activities/ActivityFormPage.tsx'));
const ActivityDetailPage = lazy(() => import('../features/activities/ActivityDetailPage.tsx'));
const CheckinScreenPage = lazy(() => import('../features/service/CheckinScreenPage.tsx'));
const CheckinLandingPage = lazy(() => import('../features/service/CheckinLandingPage.tsx'));
const VolunteerPage = lazy(() => import('../features/service/VolunteerPage.tsx'));
const VolunteerVerifyPage = lazy(() => import('../features/service/VolunteerVerifyPage.tsx'));
const ExemplarsPage = lazy(() => import('../features/exemplars/ExemplarsPage.tsx'));
const ExemplarPage = lazy(() => import('../features/exemplars/ExemplarPage.tsx'));
const HonoursPage = lazy(() => import('../features/honours/HonoursPage.tsx'));
const HonourRoundPage = lazy(() => import('../features/honours/RoundPage.tsx'));
const HonourDataPage = lazy(() => import('../features/honours/HonourDataPage.tsx'));
const BenchmarkingPage = lazy(() => import('../features/benchmarking/BenchmarkingPage.tsx'));
const AssessmentPage = lazy(() => import('../features/assessment/AssessmentPage.tsx'));
const AssessmentDetailPage = lazy(() => import('../features/assessment/AssessmentDetailPage.tsx'));
const CommitmentsBoardPage = lazy(() => import('../features/commitments/CommitmentsBoardPage.tsx'));
const MyCommitmentsPage = lazy(() => import('../features/commitments/MyCommitmentsPage.tsx'));
const CadreCommitmentsPage = lazy(() => import('../features/commitments/CadrePage.tsx'));
const CadreReportEditorPage = lazy(() => import('../features/commitments/ReportEditorPage.tsx'));
const VotesPage = lazy(() => import('../features/votes/VotesPage.tsx'));
const VoteSessionPage = lazy(() => import('../features/votes/SessionPage.tsx'));
const MyVotesPage = lazy(() => import('../features/votes/MyVotesPage.tsx'));
const BallotPage = lazy(() => import('../features/votes/BallotPage.tsx'));
const NoticesPage = lazy(() => import('../features/notices/NoticesPage.tsx'));
const NoticeComposerPage = lazy(() => import('../features/notices/NoticeComposerPage.tsx'));
const NoticeReceiptsPage = lazy(() => import('../features/notices/NoticeReceiptsPage.tsx'));
const MyNoticesPage = lazy(() => import('../features/notices/MyNoticesPage.tsx'));
const NoticeReaderPage = lazy(() => import('../features/notices/NoticeReaderPage.tsx'));
const MyPledgePage = lazy(() => import('../features/pledges/MyPledgePage.tsx'));
const BranchPledgesPage = lazy(() => import('../features/pledges/BranchPledgesPage.tsx'));
const EvaluationsPage = lazy(() => import('../features/evaluation/EvaluationsPage.tsx'));
const EvaluationPage = lazy(() => import('../features/evaluation/EvaluationPage.tsx'));
const PublicityPage = lazy(() => import('../features/publicity/PublicityPage.tsx'));
const PostPage = lazy(() => import('../features/publicity/PostPage.tsx'));
const PortalPage = lazy(() => import('../features/publicity/PortalPage.tsx'));
const PortalPostPage = lazy(() => import('../features/publicity/PortalPostPage.tsx'));

const page = (el: ReactNode, perm?: string | readonly string[]) => {
  const inner = <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{el}</Suspense>;
  return perm ? <RequirePermission permission={perm}>{inner}</RequirePermission> : inner;
};

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The public portal: no login, outside the shell.
  { path: '/p/:campaignId', element: page(<PortalPage />) },
  { path: '/p/:campaignId/posts/:postId', element: page(<PortalPostPage />) },
  { path: '/activate', element: page(<ActivatePage />) },
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
      {
        path: 'plans',
        handle: { crumb: 'plans.nav' },
        children: [
          { index: true, element: page(<PlansPage />, 'plan.read') },
          { path: ':campaignId/:orgId', element: page(<PlanDetailPage />, 'plan.read'), handle: { crumb: 'plans.detail' } },
        ],
      },
      {
        path: 'assessment',
        handle: { crumb: 'assessment.nav' },
        children: [
          { index: true, element: page(<AssessmentPage />, 'assessment.read') },
          { path: ':campaignId/:orgId', element: page(<AssessmentDetailPage />), handle: { crumb: 'assessment.detail' } },
        ],
      },
      {
        path: 'publicity',
        handle: { crumb: 'publicity.nav' },
        children: [
          { index: true, element: page(<PublicityPage />, 'publicity.read') },
          { path: 'posts/new', element: page(<PostPage />, 'publicity.write'), handle: { crumb: 'publicity.newPost' } },
          { path: 'posts/:id', element: page(<PostPage />, 'publicity.read'), handle: { crumb: 'publicity.postDetail' } },
        ],
      },
      {
        path: 'activities',
        handle: { crumb: 'activities.nav' },
        children: [
          { index: true, element: page(<ActivitiesPage />, 'activity.read') },
          { path: 'new', element: page(<ActivityFormPage />, 'activity.write'), handle: { crumb: 'activities.new' } },
          { path: ':id', element: page(<ActivityDetailPage />, 'activity.read'), handle: { crumb: 'activities.detail' } },
          { path: ':id/edit', element: page(<ActivityFormPage />, 'activity.write'), handle: { crumb: 'activities.edit' } },
          { path: ':id/check-in', element: page(<CheckinScreenPage />, 'activity.write'), handle: { crumb: 'checkin.title' } },
        ],
      },
      { path: 'checkin/:id', element: page(<CheckinLandingPage />, 'activity.checkin'), handle: { crumb: 'checkin.landingTitle' } },
      {
        path: 'volunteer',
        handle: { crumb: 'volunteer.nav' },
        children: [
          { index: true, element: page(<VolunteerPage />, 'volunteer.log') },
          { path: 'verify', element: page(<VolunteerVerifyPage />, 'volunteer.verify'), handle: { crumb: 'volunteer.verifyNav' } },
        ],
      },
      {
        path: 'exemplars',
        handle: { crumb: 'exemplars.nav' },
        children: [
          { index: true, element: page(<ExemplarsPage />, 'exemplar.read') },
          { path: ':id', element: page(<ExemplarPage />, 'exemplar.read'), handle: { crumb: 'exemplars.detail' } },
        ],
      },
      { path: 'benchmarking', element: page(<BenchmarkingPage />, 'benchmark.read'), handle: { crumb: 'exemplars.bench.nav' } },
      {
        path: 'honours',
        handle: { crumb: 'honours.nav' },
        children: [
          { index: true, element: page(<HonoursPage />, ['honour.read', 'honour.notice']) },
          { path: 'data', element: page(<HonourDataPage />, 'honour.read'), handle: { crumb: 'honours.data.nav' } },
          { path: ':id', element: page(<HonourRoundPage />, ['honour.read', 'honour.notice']), handle: { crumb: 'honours.detail' } },
        ],
      },
      {
        path: 'inspections',
        handle: { crumb: 'inspections.title' },
        children: [
          { index: true, element: page(<InspectionsPage />, 'inspection.read') },
          { path: ':id', element: page(<InspectionDetailPage />, 'inspection.read'), handle: { crumb: 'inspections.detail' } },
        ],
      },
      {
        path: 'reports',
        handle: { crumb: 'reports.nav' },
        children: [
          { index: true, element: page(<ReportsPage />, 'report.read') },
          { path: ':id', element: page(<ReportDetailPage />, 'report.read'), handle: { crumb: 'reports.detail' } },
        ],
      },
      { path: 'campaigns/:id/dashboard', element: page(<DashboardPage />, 'campaign.read'), handle: { crumb: 'dashboard.title' } },
      { path: 'campaigns/:id/tasks', element: page(<TasksPage />, 'campaign.read'), handle: { crumb: 'tasks.title' } },
      { path: 'dashboard', element: page(<RunningCampaignRedirect to="dashboard" />, 'campaign.read'), handle: { crumb: 'dashboard.title' } },
      { path: 'tasks', element: page(<RunningCampaignRedirect to="tasks" />, 'campaign.read'), handle: { crumb: 'tasks.title' } },
      { path: 'inbox', element: page(<InboxPage />), handle: { crumb: 'inbox.title' } },
      {
        path: 'bulletins',
        handle: { crumb: 'bulletins.nav' },
        children: [
          { index: true, element: page(<BulletinsPage />, 'bulletin.read') },
          { path: ':id', element: page(<BulletinPage />, 'bulletin.read'), handle: { crumb: 'bulletins.detail' } },
        ],
      },
      {
        path: 'commitments',
        handle: { crumb: 'commitments.board.nav' },
        children: [
          { index: true, element: page(<CommitmentsBoardPage />, 'commitment.read') },
          { path: 'mine', element: page(<MyCommitmentsPage />, 'commitment.write'), handle: { crumb: 'commitments.mine.nav' } },
          { path: 'cadre/:memberId/:year', element: page(<CadreCommitmentsPage />, 'commitment.read'), handle: { crumb: 'commitments.cadreCrumb' } },
          { path: 'cadre/:memberId/:year/report', element: page(<CadreReportEditorPage />, 'commitment.write'), handle: { crumb: 'commitments.report.crumb' } },
        ],
      },
      {
        path: 'votes',
        handle: { crumb: 'votes.nav' },
        children: [
          { index: true, element: page(<VotesPage />, 'vote.manage') },
          { path: 'sessions/:id', element: page(<VoteSessionPage />, 'vote.manage'), handle: { crumb: 'votes.detail' } },
        ],
      },
      { path: 'votes/mine', element: page(<MyVotesPage />, 'vote.cast'), handle: { crumb: 'votes.mineNav' } },
      { path: 'votes/ballot/:id', element: page(<BallotPage />, 'vote.cast'), handle: { crumb: 'votes.mineNav' } },
      {
        path: 'notices',
        handle: { crumb: 'notices.nav' },
        children: [
          { index: true, element: page(<NoticesPage />, 'notice.read') },
          { path: 'new', element: page(<NoticeComposerPage />, 'notice.write'), handle: { crumb: 'notices.new' } },
          { path: ':id/edit', element: page(<NoticeComposerPage />, 'notice.write'), handle: { crumb: 'notices.edit' } },
          { path: ':id', element: page(<NoticeReceiptsPage />, 'notice.read'), handle: { crumb: 'notices.receipts' } },
        ],
      },
      {
        path: 'my/notices',
        handle: { crumb: 'notices.mine.title' },
        children: [
          { index: true, element: page(<MyNoticesPage />, 'notice.receive') },
          { path: ':id', element: page(<NoticeReaderPage />, 'notice.receive'), handle: { crumb: 'notices.mine.reader' } },
        ],
      },
      { path: 'my/pledge', element: page(<MyPledgePage />, 'pledge.write'), handle: { crumb: 'pledges.mine.title' } },
      { path: 'pledges', element: page(<BranchPledgesPage />, 'pledge.read'), handle: { crumb: 'pledges.nav' } },
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
      { path: 'settings/templates', element: page(<TemplatesPage />, 'template.write'), handle: { crumb: 'templates.title' } },
      { path: 'profile', element: page(<ProfilePage />, 'self.read'), handle: { crumb: 'nav.profile' } },
      { path: 'record', element: page(<MyRecordPage />, 'self.read'), handle: { crumb: 'record.nav' } },
      { path: 'activation', element: page(<ActivationPage />, 'account.activate'), handle: { crumb: 'activation.nav' } },
      {
        path: 'evaluations',
        handle: { crumb: 'evaluation.nav' },
        children: [
          { index: true, element: page(<EvaluationsPage />, ['evaluation.read', 'evaluation.participate']) },
          { path: ':id', element: page(<EvaluationPage />, ['evaluation.read', 'evaluation.participate']), handle: { crumb: 'evaluation.roundCrumb' } },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
