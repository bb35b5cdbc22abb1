import { generatePassword, isoToday, ROLES, type Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { hashPassword } from '../auth/passwords.ts';
import { auditAnonymous } from '../audit/service.ts';
import { installSystemAccounts, operator } from '../accounts/system.ts';
import { generateCity, type CitySummary } from './generator.ts';
import { loadActivities, loadPlans, refreshAll, yearPhases } from './campaign-activity.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { loadDemoCommitments } from './commitments.ts';
import { loadDemoAssessments } from './assessment.ts';
import { loadDemoEvaluations } from './evaluation.ts';
import { loadDemoExemplars } from './exemplars.ts';
import { loadDemoHonours } from './honours.ts';
import { loadDemoPublicity } from './publicity.ts';

/**
 * This year's 双争先 campaign at the city with a few thousand activities and plans in every
 * state, so the dashboard, tasks and bulletins have something true to show on first start.
 */
async function launchDemoCampaign(ctx: AppContext, city: CitySummary, userId: number | null) {
  const today = isoToday();
  const phases = yearPhases(today);
  const template = (await campaignRepository.templates(ctx.db)).find((t) => t.builtin);
  if (!template) throw new Error('no built-in campaign template (db/reference-data.ts installs it)');
  const { id } = await campaignRepository.insert(ctx.db, {
    templateId: template.id,
    orgId: city.rootId,
    orgPath: `/${city.rootId}/`,
    name: `${today.slice(0, 4)}年“双争先”主题实践活动`,
    slogan: '争创先进集体，争当先进个人',
    definition: template.definition,
    dates: phases,
    clonedFromId: null,
    createdAt: nowIso(),
    createdBy: userId,
  });
  const activities = await loadActivities(ctx, city.branchIds, id, userId, phases, today, { count: 3000, seed: 2026 });
  const approved = await loadPlans(ctx, id, activities.branches, userId, { seed: 2026, share: 0.45, status: 'approved' });
  const submitted = await loadPlans(ctx, id, activities.branches, userId, { seed: 2027, share: 0.15, status: 'submitted' });
  await refreshAll(ctx, id, [...new Set([...activities.orgs, ...approved, ...submitted])]);
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  roleZh: string;
  orgName: string;
  /** One of the three system accounts (三员): installed with the city, its password must be changed at first login. */
  system?: boolean;
}

/**
 * On the first start of an empty database: a fictional city (~1,100 organizations, 20,000
 * members), the three system accounts and one demo account per business role, each with a
 * freshly generated password printed once.
 */
export async function loadDemoDataIfEmpty(ctx: AppContext, opts = { orgs: 1100, members: 20_000, seed: 2026 }): Promise<DemoAccount[] | null> {
  const any = await ctx.db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const city = await generateCity(ctx.db, ctx.dialect, ctx.cipher, opts);
  const orgName = async (id: number) => (await ctx.db.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  const branchId = city.branchIds[0];
  const member = await ctx.db
    .selectFrom('member')
    .select(['id', 'name'])
    .where('org_id', '=', branchId)
    .where('position', '=', 'none')
    .orderBy('id')
    .executeTakeFirst();
  const plan: { username: string; role: Role; orgId: number; memberId?: number }[] = [
    { username: 'city.admin', role: 'org_admin', orgId: city.rootId },
    { username: 'district.admin', role: 'org_admin', orgId: city.districtIds[0] },
    { username: 'inspector', role: 'inspector', orgId: city.rootId },
    { username: 'branch.secretary', role: 'branch_secretary', orgId: branchId },
    ...(member ? [{ username: 'member', role: 'member' as Role, orgId: branchId, memberId: member.id }] : []),
  ];
  // The three system accounts are not demo accounts: they are installed as on any first start
  // (accounts/system.ts), at the demo city, each to change its password at first login.
  const system = (await installSystemAccounts(ctx, operator('[install]'))) ?? [];
  const accounts: DemoAccount[] = system.map((a) => ({ ...a, system: true }));
  const at = nowIso();
  let cityAdminId: number | null = null;
  for (const p of plan) {
    const password = generatePassword();
    const hash = await hashPassword(password);
    await ctx.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('user_account')
        .values({
          username: p.username,
          display_name: `演示-${ROLES.find((r) => r.code === p.role)!.nameZh}`,
          phone_enc: null,
          phone_hash: null,
          phone_masked: null,
          password_hash: hash,
          member_id: p.memberId ?? null,
          status: 'active',
          must_change_password: 0,
          password_changed_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('role_grant').values({ user_id: id, role: p.role, org_id: p.orgId, created_at: at, created_by: null }).execute();
      if (p.username === 'city.admin') cityAdminId = id;
    });
    accounts.push({ username: p.username, password, role: p.role, roleZh: ROLES.find((r) => r.code === p.role)!.nameZh, orgName: await orgName(p.orgId) });
  }
  await launchDemoCampaign(ctx, city, cityAdminId);
  await loadDemoCommitments(ctx, city.branchIds, cityAdminId);
  await loadDemoAssessments(ctx, city.branchIds, cityAdminId);
  await loadDemoEvaluations(ctx, city.branchIds, cityAdminId);
  await loadDemoExemplars(ctx, city.branchIds, cityAdminId);
  await loadDemoHonours(ctx, city.branchIds, cityAdminId);
  await loadDemoPublicity(ctx, city.branchIds, cityAdminId);
  await auditAnonymous(ctx.db, {
    action: 'system.demo_data',
    ip: null,
    summary: { orgs: opts.orgs, members: opts.members, accounts: [...system.map((a) => a.username), ...plan.map((p) => p.username)] },
  });
  return accounts;
}
