import { sql } from 'kysely';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, SHUANG_ZHENG_XIAN_TEMPLATE, type PhaseDates } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { rng } from './generator.ts';

/**
 * Synthetic campaign facts for the demo city and the benchmark: activities with attendance over
 * the branches and plans, written in bulk and then brought into the roll-up rows by the app's
 * own `refreshUnits` — the same code path every real write takes.
 */

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** The template's four phases over the calendar year of `today`, so the campaign is running. */
export function yearPhases(today: string): PhaseDates[] {
  const y = today.slice(0, 4);
  const spans = [
    ['01-01', '03-31'],
    ['04-01', '06-30'],
    ['07-01', '09-30'],
    ['10-01', '12-31'],
  ];
  return SHUANG_ZHENG_XIAN_TEMPLATE.phases.map((p, i) => ({ key: p.key, startsOn: `${y}-${spans[i][0]}`, endsOn: `${y}-${spans[i][1]}` }));
}

/** How often each activity type is recorded, and the phase it belongs to (null: any time). */
const TYPE_MIX: Record<string, { weight: number; phase: string | null }> = {
  mobilization_meeting: { weight: 10, phase: 'mobilization' },
  publicity: { weight: 15, phase: null },
  party_education: { weight: 25, phase: 'implementation' },
  symposium: { weight: 10, phase: null },
  touring_report: { weight: 5, phase: 'deepening' },
  demo_site_visit: { weight: 10, phase: 'deepening' },
  photo_exhibition: { weight: 5, phase: 'summary' },
  outcome_seminar: { weight: 5, phase: 'summary' },
  summary_meeting: { weight: 8, phase: 'summary' },
  other: { weight: 7, phase: null },
};

export interface ActivityLoad {
  attendance: number;
  insertSeconds: number;
  /** Organizations that got activities (to refresh). */
  orgs: number[];
  /** Branches with members (activities were spread over these). */
  branches: number[];
  /** Active member ids per organization, as read for the attendance. */
  byOrg: Map<number, number[]>;
}

/** `count` activities with 0–15 attendees each over the branches, in batches (one transaction each). */
export async function loadActivities(
  ctx: AppContext,
  branchIds: number[],
  campaignId: number,
  userId: number | null,
  phases: PhaseDates[],
  today: string,
  opts: { count: number; seed: number; onProgress?: (done: number, attendance: number, seconds: number) => void },
): Promise<ActivityLoad> {
  const rand = rng(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const t0 = Date.now();

  const byOrg = new Map<number, number[]>();
  for (const m of await ctx.db.selectFrom('member').select(['id', 'org_id']).where('status', '=', 'active').orderBy('id').execute()) {
    let list = byOrg.get(m.org_id);
    if (!list) byOrg.set(m.org_id, (list = []));
    list.push(m.id);
  }
  const branches = branchIds.filter((id) => byOrg.has(id));
  const types = ACTIVITY_TYPES.map((t) => ({ ...t, ...(TYPE_MIX[t.code] ?? { weight: 5, phase: null }) }));
  const totalWeight = types.reduce((n, t) => n + t.weight, 0);
  const pickType = () => {
    let r = rand() * totalWeight;
    for (const t of types) if ((r -= t.weight) < 0) return t;
    return types[types.length - 1];
  };
  const first = dayNo(phases[0].startsOn);
  const last = Math.min(dayNo(today), dayNo(phases[phases.length - 1].endsOn));
  const dateFor = (phaseKey: string | null) => {
    const p = phaseKey ? phases.find((x) => x.key === phaseKey) : null;
    let lo = p ? Math.max(first, dayNo(p.startsOn)) : first;
    let hi = p ? Math.min(last, dayNo(p.endsOn)) : last;
    if (hi < lo) [lo, hi] = [first, last]; // the phase has not begun: any day so far
    return isoOf(lo + Math.floor(rand() * (hi - lo + 1)));
  };

  const startId =
    Number(
      (
        await ctx.db
          .selectFrom('activity')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    ) + 1;
  const paths = new Map(
    (
      await ctx.db
        .selectFrom('organization')
        .select(['id', 'path'])
        .where('id', 'in', branches.length ? branches : [0])
        .execute()
    ).map((o) => [o.id, o.path]),
  );
  const at = nowIso();
  const BATCH = 2000;
  let attendance = 0;
  const orgsWithActivities = new Set<number>();
  for (let done = 0; done < opts.count && branches.length; done += BATCH) {
    const n = Math.min(BATCH, opts.count - done);
    const rows: Array<Record<string, unknown>> = [];
    const att: { activity_id: number; member_id: number }[] = [];
    for (let i = 0; i < n; i++) {
      const id = startId + done + i;
      const orgId = pick(branches);
      const members = byOrg.get(orgId)!;
      const t = pickType();
      const k = Math.min(members.length, Math.floor(rand() * 16));
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(pick(members));
      for (const m of chosen) att.push({ activity_id: id, member_id: m });
      orgsWithActivities.add(orgId);
      rows.push({
        id,
        campaign_id: campaignId,
        org_id: orgId,
        org_path: paths.get(orgId)!,
        type: t.code,
        form: t.code === 'party_education' ? pick(PARTY_EDUCATION_FORMS).code : null,
        title: `${t.nameZh}（第${(i % 9) + 1}次）`,
        held_on: dateFor(t.phase),
        place: '团员活动室',
        summary: `${t.nameZh}：组织团员学习讨论，交流体会，形成工作清单。`,
        minutes: t.code === 'symposium' ? '座谈记录：与会团员逐一发言，提出意见建议。' : null,
        task_keys: '[]',
        photo_ids: '[]',
        notable: rand() < 0.02 ? 1 : 0,
        attendee_count: chosen.size,
        created_at: at,
        created_by: userId,
        updated_at: at,
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('activity')
          .values(rows.slice(i, i + 500) as never)
          .execute();
      for (let i = 0; i < att.length; i += 2000)
        await trx
          .insertInto('activity_attendance')
          .values(att.slice(i, i + 2000))
          .execute();
    });
    attendance += att.length;
    opts.onProgress?.(done + n, attendance, (Date.now() - t0) / 1000);
  }
  if (ctx.dialect === 'postgres') await sql`select setval(pg_get_serial_sequence('activity', 'id'), (select max(id) from activity))`.execute(ctx.db);
  return { attendance, insertSeconds: (Date.now() - t0) / 1000, orgs: [...orgsWithActivities].sort((a, b) => a - b), branches, byOrg };
}

/** Plans (version 1) in `status` for about `share` of the branches. Returns the organizations. */
export async function loadPlans(
  ctx: AppContext,
  campaignId: number,
  branches: number[],
  userId: number | null,
  opts: { seed: number; share: number; status: 'approved' | 'submitted' },
): Promise<number[]> {
  const rand = rng(opts.seed + 1);
  const existing = new Set((await ctx.db.selectFrom('unit_plan').select('org_id').where('campaign_id', '=', campaignId).execute()).map((p) => p.org_id));
  const chosen = branches.filter((id) => rand() < opts.share && !existing.has(id));
  const startId =
    Number(
      (
        await ctx.db
          .selectFrom('unit_plan')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    ) + 1;
  const at = nowIso();
  const approved = opts.status === 'approved';
  const targets = JSON.stringify([
    { kind: 'star_tier', value: 4, unit: '★', label: null, goalTag: null },
    { kind: 'excellent_member_ratio', value: 20, unit: '%', label: null, goalTag: null },
  ]);
  for (let i = 0; i < chosen.length; i += 2000) {
    const part = chosen.slice(i, i + 2000);
    await ctx.db.transaction().execute(async (trx) => {
      const plans = part.map((orgId, j) => ({
        id: startId + i + j,
        campaign_id: campaignId,
        org_id: orgId,
        status: opts.status,
        theme: '青春建功“双争先”',
        content_html: '<p>实施方案：围绕主题开展学习、实践和宣传。</p>',
        targets,
        attachment_ids: '[]',
        version: 1,
        submitted_at: at,
        decided_at: approved ? at : null,
        created_at: at,
        updated_at: at,
        updated_by: userId,
      }));
      for (let k = 0; k < plans.length; k += 500)
        await trx
          .insertInto('unit_plan')
          .values(plans.slice(k, k + 500))
          .execute();
      const versions = plans.map((p) => ({
        plan_id: p.id,
        version: 1,
        theme: p.theme,
        content_html: p.content_html,
        targets,
        attachment_ids: '[]',
        submitted_at: at,
        submitted_by: userId,
        decision: approved ? ('approved' as const) : null,
        review_comment: null,
        reviewed_at: approved ? at : null,
        reviewed_by: approved ? userId : null,
      }));
      for (let k = 0; k < versions.length; k += 500)
        await trx
          .insertInto('unit_plan_version')
          .values(versions.slice(k, k + 500))
          .execute();
    });
  }
  if (ctx.dialect === 'postgres') await sql`select setval(pg_get_serial_sequence('unit_plan', 'id'), (select max(id) from unit_plan))`.execute(ctx.db);
  return chosen;
}

/** refreshUnits over `orgIds`, `chunk` organizations per transaction. Returns seconds taken. */
export async function refreshAll(
  ctx: AppContext,
  campaignId: number,
  orgIds: number[],
  chunk = 200,
  onProgress?: (done: number, seconds: number) => void,
): Promise<number> {
  const t0 = Date.now();
  for (let i = 0; i < orgIds.length; i += chunk) {
    const part = orgIds.slice(i, i + chunk);
    await ctx.db.transaction().execute((trx) => refreshUnits(trx, campaignId, part));
    onProgress?.(i + part.length, (Date.now() - t0) / 1000);
  }
  return (Date.now() - t0) / 1000;
}
