import type { Resources } from './zh-CN.ts';
import shell from './en-US/shell.ts';
import common from './en-US/common.ts';
import auth from './en-US/auth.ts';
import home from './en-US/home.ts';
import orgs from './en-US/orgs.ts';
import members from './en-US/members.ts';
import imports from './en-US/imports.ts';
import accounts from './en-US/accounts.ts';
import audit from './en-US/audit.ts';
import campaigns from './en-US/campaigns.ts';
import settings from './en-US/settings.ts';
import dashboard from './en-US/dashboard.ts';
import tasks from './en-US/tasks.ts';
import inbox from './en-US/inbox.ts';
import plans from './en-US/plans.ts';
import profile from './en-US/profile.ts';
import inspections from './en-US/inspections.ts';
import templates from './en-US/templates.ts';
import reports from './en-US/reports.ts';
import activities from './en-US/activities.ts';
import service from './en-US/service.ts';
import exemplars from './en-US/exemplars.ts';
import bulletins from './en-US/bulletins.ts';
import commitments from './en-US/commitments.ts';
import votes from './en-US/votes.ts';
import assessment from './en-US/assessment.ts';
import evaluation from './en-US/evaluation.ts';
import honours from './en-US/honours.ts';
import publicity from './en-US/publicity.ts';
import activation from './en-US/activation.ts';
import notices from './en-US/notices.ts';
import pledges from './en-US/pledges.ts';

/**
 * English, assembled from en-US/<feature>.ts. Same keys as zh-CN: each file `satisfies` its slice of
 * `Resources` (a missing or an extra key is a compile error) and this annotation catches a missing namespace.
 */
export const enUS: Resources = {
  ...shell,
  ...common,
  ...auth,
  ...home,
  ...orgs,
  ...members,
  ...imports,
  ...accounts,
  ...audit,
  ...campaigns,
  ...settings,
  ...dashboard,
  ...tasks,
  ...inbox,
  ...plans,
  ...profile,
  ...inspections,
  ...templates,
  ...reports,
  ...activities,
  ...service,
  ...exemplars,
  ...bulletins,
  ...commitments,
  ...votes,
  ...assessment,
  ...evaluation,
  ...honours,
  ...publicity,
  ...activation,
  ...notices,
  ...pledges,
};
