import {
  honourSubject,
  isCadrePosition,
  isEligible,
  memberChecks,
  negativePeriodCoversYear,
  unitChecks,
  unitTypesOf,
  type HonourKind,
  type HonourSettings,
  type RoundRules,
  type RuleCheck,
  type TierCode,
} from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/paths.ts';
import { loadCampaign, tasksOf, METRIC } from '../campaigns/rollup.ts';

/**
 * Eligibility from the data (never typed in): members' evaluation grades, negative list and
 * volunteer hours; units' verified star tier, campaign task completion (the roll-up rows), dues
 * and founding date; earlier awards for "lower-level title first". Everything is read in a few
 * batched queries for a list of subjects, so a page of candidates costs the same as one.
 */

export interface RoundRef {
  id: number;
  org_id: number;
  org_path: string;
  year: number;
  reference_date: string;
  require_lower_title: number;
  campaign_id: number | null;
  settings: string;
  /** The round organization's depth in the tree (awards from deeper organizations are "lower level"). */
  depth: number;
}

export const rulesOf = (r: RoundRef): RoundRules => ({
  year: r.year,
  referenceDate: r.reference_date,
  requireLowerTitle: r.require_lower_title === 1,
  settings: JSON.parse(r.settings) as HonourSettings,
});

export interface SubjectCheck {
  subjectKey: string;
  kind: HonourKind;
  orgId: number;
  orgPath: string;
  orgName: string;
  memberId: number | null;
  name: string;
  position: string | null;
  eligible: boolean;
  checks: RuleCheck[];
}

const chunks = <T>(xs: T[], n = 500) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Subject keys that already hold `kind` from an organization deeper than the round's, in an earlier year. */
async function lowerTitles(ex: Executor, r: RoundRef, kind: HonourKind, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (r.require_lower_title !== 1 || !keys.length) return out;
  for (const part of chunks(keys)) {
    const rows = await ex
      .selectFrom('honour_award')
      .select('subject_key')
      .where('kind', '=', kind)
      .where('year', '<', r.year)
      .where('issuer_depth', '>', r.depth)
      .where('subject_key', 'in', part)
      .execute();
    for (const row of rows) out.add(row.subject_key);
  }
  return out;
}

type MemberRow = {
  id: number;
  name: string;
  org_id: number;
  org_path: string;
  org_name: string;
  birth_date: string;
  joined_on: string | null;
  status: string;
  position: string;
};

/** Rule checks of these members (any status) for a person honour. */
export async function checkMembers(ex: Executor, r: RoundRef, kind: HonourKind, members: MemberRow[]): Promise<SubjectCheck[]> {
  if (!members.length) return [];
  const rules = rulesOf(r);
  const ids = members.map((m) => m.id);
  const from = r.year - rules.settings.excellentWindow + 1;
  const excellent = new Map<number, number[]>();
  const hours = new Map<number, number>();
  const negative = new Set<number>();
  for (const part of chunks(ids)) {
    const grades = await ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .select(['p.member_id', 'e.year'])
      .where('p.member_id', 'in', part)
      .where('e.stage', '=', 'approved')
      .where('p.final_grade', '=', 'excellent')
      .where('e.year', '>=', from)
      .where('e.year', '<=', r.year)
      .execute();
    for (const g of grades) excellent.set(g.member_id, [...(excellent.get(g.member_id) ?? []), g.year]);
    const vh = await ex.selectFrom('volunteer_hours').select(['member_id', 'hours_tenths']).where('member_id', 'in', part).where('year', '=', r.year).execute();
    for (const v of vh) hours.set(v.member_id, Number(v.hours_tenths) / 10);
    const neg = await ex
      .selectFrom('member_negative_entry')
      .select(['member_id', 'starts_on', 'ends_on'])
      .where('member_id', 'in', part)
      .where('lifted_at', 'is', null)
      .execute();
    for (const n of neg) if (negativePeriodCoversYear(n.starts_on, n.ends_on, r.year)) negative.add(n.member_id);
  }
  const lower = await lowerTitles(
    ex,
    r,
    kind,
    ids.map((id) => `m:${id}`),
  );
  return members.map((m) => {
    const checks = memberChecks(
      kind,
      {
        birthDate: m.birth_date,
        joinedOn: m.joined_on,
        status: m.status,
        position: m.position,
        excellentYears: excellent.get(m.id) ?? [],
        volunteerHours: hours.get(m.id) ?? null,
        onNegativeList: negative.has(m.id),
        lowerTitle: lower.has(`m:${m.id}`),
      },
      rules,
    );
    return {
      subjectKey: `m:${m.id}`,
      kind,
      orgId: m.org_id,
      orgPath: m.org_path,
      orgName: m.org_name,
      memberId: m.id,
      name: m.name,
      position: m.position,
      eligible: isEligible(checks),
      checks,
    };
  });
}

type UnitRow = { id: number; name: string; path: string; type_code: string; status: string; founded_on: string | null };

/** Rule checks of these units for a unit honour. */
export async function checkUnits(ex: Executor, r: RoundRef, kind: HonourKind, units: UnitRow[]): Promise<SubjectCheck[]> {
  if (!units.length) return [];
  const rules = rulesOf(r);
  const ids = units.map((u) => u.id);
  const tiers = new Map<number, TierCode | null>();
  const dues = new Map<number, { membersDue: number; membersInArrears: number }>();
  const done = new Map<number, Set<string>>();
  const campaign = r.campaign_id ? await loadCampaign(ex, r.campaign_id) : null;
  const tasks = campaign ? tasksOf(campaign.definition) : [];
  for (const part of chunks(ids)) {
    for (const t of await ex.selectFrom('unit_tier').select(['org_id', 'tier']).where('org_id', 'in', part).where('year', '=', r.year).execute())
      tiers.set(t.org_id, (t.tier as TierCode | null) ?? null);
    for (const d of await ex
      .selectFrom('dues_record')
      .select(['org_id', 'members_due', 'members_in_arrears'])
      .where('org_id', 'in', part)
      .where('year', '=', r.year)
      .execute()) {
      dues.set(d.org_id, { membersDue: Number(d.members_due), membersInArrears: Number(d.members_in_arrears) });
    }
    if (campaign && tasks.length) {
      const stats = await ex
        .selectFrom('campaign_stat')
        .select(['org_id', 'metric'])
        .where('campaign_id', '=', campaign.id)
        .where('org_id', 'in', part)
        .where(
          'metric',
          'in',
          tasks.map((t) => METRIC.taskDone(t.key)),
        )
        .where('own', '>', 0)
        .execute();
      for (const s of stats) done.set(s.org_id, (done.get(s.org_id) ?? new Set()).add(s.metric));
    }
  }
  const lower = await lowerTitles(
    ex,
    r,
    kind,
    ids.map((id) => `o:${id}`),
  );
  return units.map((u) => {
    const mine = tasks.filter((t) => t.orgTypes.includes(u.type_code));
    const checks = unitChecks(
      kind,
      {
        typeCode: u.type_code,
        status: u.status,
        foundedOn: u.founded_on,
        tier: tiers.get(u.id) ?? null,
        tasksDone: mine.filter((t) => done.get(u.id)?.has(METRIC.taskDone(t.key))).length,
        tasksRequired: mine.length,
        dues: dues.get(u.id) ?? null,
        lowerTitle: lower.has(`o:${u.id}`),
      },
      rules,
    );
    return {
      subjectKey: `o:${u.id}`,
      kind,
      orgId: u.id,
      orgPath: u.path,
      orgName: u.name,
      memberId: null,
      name: u.name,
      position: null,
      eligible: isEligible(checks),
      checks,
    };
  });
}

const memberColumns = [
  'm.id',
  'm.name',
  'm.org_id',
  'o.path as org_path',
  'o.name as org_name',
  'm.birth_date',
  'm.joined_on',
  'm.status',
  'm.position',
] as const;

export const memberSubject = (ex: Executor, memberId: number) =>
  ex.selectFrom('member as m').innerJoin('organization as o', 'o.id', 'm.org_id').select(memberColumns).where('m.id', '=', memberId).executeTakeFirst();

export const unitSubject = (ex: Executor, orgId: number) =>
  ex.selectFrom('organization').select(['id', 'name', 'path', 'type_code', 'status', 'founded_on']).where('id', '=', orgId).executeTakeFirst();

/** Checks of one subject (a member for a person honour, an organization for a unit honour). */
export async function checkSubject(
  ex: Executor,
  r: RoundRef,
  kind: HonourKind,
  subject: { memberId?: number | null; orgId?: number | null },
): Promise<SubjectCheck | null> {
  if (honourSubject(kind) === 'person') {
    const m = subject.memberId ? await memberSubject(ex, subject.memberId) : undefined;
    return m ? (await checkMembers(ex, r, kind, [m]))[0] : null;
  }
  const u = subject.orgId ? await unitSubject(ex, subject.orgId) : undefined;
  return u ? (await checkUnits(ex, r, kind, [u]))[0] : null;
}

/** Shifts an ISO date back `years` years (29 February becomes 28 February). */
const yearsBefore = (iso: string, years: number) => {
  const y = Number(iso.slice(0, 4)) - years;
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
};

/**
 * The subjects of `kind` under `rootPath` with their checks: eligible ones only (the hard rules
 * that SQL can test narrow the members first), or all of them, filtered by name, at most `limit`.
 */
export async function listSubjects(
  ex: Executor,
  r: RoundRef,
  kind: HonourKind,
  rootPath: string,
  opts: { eligibleOnly: boolean; q?: string; limit: number; like: 'like' | 'ilike' },
): Promise<{ items: SubjectCheck[]; truncated: boolean }> {
  const s = rulesOf(r).settings;
  if (honourSubject(kind) === 'person') {
    let q = ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(memberColumns)
      .where(pathInSubtree('o.path', rootPath))
      .where('m.status', '=', 'active');
    if (kind === 'excellent_cadre') q = q.where('m.position', '!=', 'none');
    if (opts.q) q = q.where('m.name', opts.like, `%${opts.q}%`);
    if (opts.eligibleOnly) {
      q = q
        .where('m.birth_date', '>=', yearsBefore(r.reference_date, s.maxAge))
        .where('m.joined_on', 'is not', null)
        .where('m.joined_on', '<=', yearsBefore(r.reference_date, s.minMembershipYears))
        .where('m.id', 'in', (eb) =>
          eb
            .selectFrom('volunteer_hours')
            .select('member_id')
            .where('year', '=', r.year)
            .where('hours_tenths', '>=', Math.ceil(s.minVolunteerHours * 10)),
        );
    }
    const rows = await q
      .orderBy('o.path')
      .orderBy('m.id')
      .limit(opts.eligibleOnly ? 5000 : opts.limit + 1)
      .execute();
    const checked = (
      await checkMembers(
        ex,
        r,
        kind,
        rows.filter((m) => kind !== 'excellent_cadre' || isCadrePosition(m.position)),
      )
    ).filter((c) => !opts.eligibleOnly || c.eligible);
    return { items: checked.slice(0, opts.limit), truncated: checked.length > opts.limit };
  }
  const types = unitTypesOf(kind, s);
  if (!types.length) return { items: [], truncated: false };
  let q = ex
    .selectFrom('organization')
    .select(['id', 'name', 'path', 'type_code', 'status', 'founded_on'])
    .where(pathInSubtree('path', rootPath))
    .where('type_code', 'in', types)
    .where('status', '=', 'active');
  if (opts.q) q = q.where('name', opts.like, `%${opts.q}%`);
  const rows = await q.orderBy('path').limit(5000).execute();
  const checked = (await checkUnits(ex, r, kind, rows)).filter((c) => !opts.eligibleOnly || c.eligible);
  return { items: checked.slice(0, opts.limit), truncated: checked.length > opts.limit };
}

/** The quota base of `kind` in the round's subtree: active members, cadres, branches or committees. */
export async function quotaBase(ex: Executor, r: RoundRef, kind: HonourKind): Promise<number> {
  const s = rulesOf(r).settings;
  if (kind === 'excellent_member') {
    const row = await ex.selectFrom('organization').select('subtree_member_count').where('id', '=', r.org_id).executeTakeFirst();
    return Number(row?.subtree_member_count ?? 0);
  }
  if (kind === 'excellent_cadre') {
    const row = await ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(pathInSubtree('o.path', r.org_path))
      .where('m.status', '=', 'active')
      .where('m.position', '!=', 'none')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const types = unitTypesOf(kind, s);
  if (!types.length) return 0;
  const row = await ex
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(pathInSubtree('path', r.org_path))
    .where('type_code', 'in', types)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
