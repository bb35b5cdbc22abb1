import shell from './zh-CN/shell.ts';
import common from './zh-CN/common.ts';
import auth from './zh-CN/auth.ts';
import home from './zh-CN/home.ts';
import orgs from './zh-CN/orgs.ts';
import members from './zh-CN/members.ts';
import imports from './zh-CN/imports.ts';
import accounts from './zh-CN/accounts.ts';
import audit from './zh-CN/audit.ts';
import campaigns from './zh-CN/campaigns.ts';
import settings from './zh-CN/settings.ts';
import dashboard from './zh-CN/dashboard.ts';
import tasks from './zh-CN/tasks.ts';
import inbox from './zh-CN/inbox.ts';
import plans from './zh-CN/plans.ts';
import profile from './zh-CN/profile.ts';
import inspections from './zh-CN/inspections.ts';
import templates from './zh-CN/templates.ts';
import reports from './zh-CN/reports.ts';
import activities from './zh-CN/activities.ts';
import service from './zh-CN/service.ts';
import exemplars from './zh-CN/exemplars.ts';
import bulletins from './zh-CN/bulletins.ts';
import commitments from './zh-CN/commitments.ts';
import votes from './zh-CN/votes.ts';
import assessment from './zh-CN/assessment.ts';
import evaluation from './zh-CN/evaluation.ts';
import honours from './zh-CN/honours.ts';
import publicity from './zh-CN/publicity.ts';
import activation from './zh-CN/activation.ts';
import notices from './zh-CN/notices.ts';
import pledges from './zh-CN/pledges.ts';

/**
 * 简体中文 (default). Every UI string lives in zh-CN/<feature>.ts and in en-US/<feature>.ts with the
 * same keys; this object, assembled from them, is the i18next resource (`t('plans.nav')` etc.).
 */
export const zhCN = {
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

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Resources = Widen<typeof zhCN>;
