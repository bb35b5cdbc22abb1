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
import { loadCampaign, tasksOf, METRIC } from '../campaigns/rollup.ts';
import { eligibilityRepository as repo, type MemberSubjectRow, type UnitSubjectRow } from './eligibility-repository.ts';

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
  settings: HonourSettings;
  /** The round organization's depth in the tree (awards from deeper organizations are "lower level"). */
  depth: number;
}

export const rulesOf = (r: RoundRef): RoundRules => ({
  year: r.year,
  referenceDate: r.reference_date,
  requireLowerTitle: r.require_lower_title === 1,
  settings: r.settings,
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

/** Subject keys that already hold `kind` from an organization deeper than the round's, in an earlier year. */
async function lowerTitles(ex: Executor, r: RoundRef, kind: HonourKind, keys: string[]): Promise<Set<string>> {
  if (r.require_lower_title !== 1 || !keys.length) return new Set();
  return new Set(await repo.lowerTitleKeys(ex, { kind, year: r.year, depth: r.depth }, keys));
}

type MemberRow = MemberSubjectRow;

/** Rule checks of these members (any status) for a person honour. */
export async function checkMembers(ex: Executor, r: RoundRef, kind: HonourKind, members: MemberRow[]): Promise<SubjectCheck[]> {
  if (!members.length) return [];
  const rules = rulesOf(r);
  const ids = members.map((m) => m.id);
  const from = r.year - rules.settings.excellentWindow + 1;
  const excellent = new Map<number, number[]>();
  const hours = new Map<number, number>();
  const negative = new Set<number>();
  const facts = await repo.memberFacts(ex, ids, { from, year: r.year });
  for (const g of facts.grades) excellent.set(g.member_id, [...(excellent.get(g.member_id) ?? []), g.year]);
  for (const v of facts.hours) hours.set(v.member_id, Number(v.hours_tenths) / 10);
  for (const n of facts.negative) if (negativePeriodCoversYear(n.starts_on, n.ends_on, r.year)) negative.add(n.member_id);
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

type UnitRow = UnitSubjectRow;

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
  const facts = await repo.unitFacts(ex, ids, {
    year: r.year,
    campaignId: campaign?.id ?? null,
    taskMetrics: tasks.map((t) => METRIC.taskDone(t.key)),
  });
  for (const t of facts.tiers) tiers.set(t.org_id, (t.tier as TierCode | null) ?? null);
  for (const d of facts.dues) dues.set(d.org_id, { membersDue: Number(d.members_due), membersInArrears: Number(d.members_in_arrears) });
  for (const s of facts.done) done.set(s.org_id, (done.get(s.org_id) ?? new Set()).add(s.metric));
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

/** Checks of one subject (a member for a person honour, an organization for a unit honour). */
export async function checkSubject(
  ex: Executor,
  r: RoundRef,
  kind: HonourKind,
  subject: { memberId?: number | null; orgId?: number | null },
): Promise<SubjectCheck | null> {
  if (honourSubject(kind) === 'person') {
    const m = subject.memberId ? await repo.memberSubject(ex, subject.memberId) : undefined;
    return m ? (await checkMembers(ex, r, kind, [m]))[0] : null;
  }
  const u = subject.orgId ? await repo.unitSubject(ex, subject.orgId) : undefined;
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
  opts: { eligibleOnly: boolean; q?: string; limit: number },
): Promise<{ items: SubjectCheck[]; truncated: boolean }> {
  const s = rulesOf(r).settings;
  if (honourSubject(kind) === 'person') {
    const rows = await repo.members(ex, {
      rootPath,
      cadresOnly: kind === 'excellent_cadre',
      q: opts.q,
      prefilter: opts.eligibleOnly
        ? {
            bornOnOrAfter: yearsBefore(r.reference_date, s.maxAge),
            joinedOnOrBefore: yearsBefore(r.reference_date, s.minMembershipYears),
            year: r.year,
            minHoursTenths: Math.ceil(s.minVolunteerHours * 10),
          }
        : undefined,
      limit: opts.eligibleOnly ? 5000 : opts.limit + 1,
    });
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
  const rows = await repo.units(ex, { rootPath, types, q: opts.q });
  const checked = (await checkUnits(ex, r, kind, rows)).filter((c) => !opts.eligibleOnly || c.eligible);
  return { items: checked.slice(0, opts.limit), truncated: checked.length > opts.limit };
}

/** The quota base of `kind` in the round's subtree: active members, cadres, branches or committees. */
export async function quotaBase(ex: Executor, r: RoundRef, kind: HonourKind): Promise<number> {
  const s = rulesOf(r).settings;
  if (kind === 'excellent_member') return repo.subtreeMemberCount(ex, r.org_id);
  if (kind === 'excellent_cadre') return repo.activeCadresUnder(ex, r.org_path);
  const types = unitTypesOf(kind, s);
  if (!types.length) return 0;
  return repo.activeUnitsUnder(ex, r.org_path, types);
}
