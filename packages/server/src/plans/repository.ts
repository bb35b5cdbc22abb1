import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PlanListStatus, PlanTarget } from '@zx/domain';
import type { Dialect, Executor } from '../db/database.ts';
import type { UnitPlanTable, UnitPlanVersionTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** What a plan (or a submitted version) holds as JSON, typed: its targets and its files. */
interface PlanContent {
  targets: PlanTarget[];
  attachmentIds: number[];
}
type WithContent<T> = Omit<T, 'targets' | 'attachment_ids'> & PlanContent;

/** A unit's plan, its targets and attachment ids parsed. */
export type PlanRecord = WithContent<Selectable<UnitPlanTable>>;

const parsed = <T extends { targets: string; attachment_ids: string }>({ targets, attachment_ids, ...rest }: T): WithContent<T> => ({
  ...rest,
  targets: JSON.parse(targets) as PlanTarget[],
  attachmentIds: JSON.parse(attachment_ids) as number[],
});

const stored = <T extends PlanContent>({ targets, attachmentIds, ...rest }: T) => ({
  ...rest,
  targets: JSON.stringify(targets),
  attachment_ids: JSON.stringify(attachmentIds),
});

/** A patch with its JSON columns serialized (only those it names). */
const storedPatch = <T extends Partial<PlanContent>>({ targets, attachmentIds, ...rest }: T) => ({
  ...rest,
  ...(targets !== undefined ? { targets: JSON.stringify(targets) } : {}),
  ...(attachmentIds !== undefined ? { attachment_ids: JSON.stringify(attachmentIds) } : {}),
});

export interface UnitFilter {
  campaignId: number;
  /** Subtree to list: the intersection of the actor's scope, the campaign and the chosen org. */
  rootPath: string;
  types: string[];
  status?: PlanListStatus;
  q?: string;
  /** Names match ignoring case: ilike on PostgreSQL, like on SQLite (which ignores ASCII case already). */
  dialect: Dialect;
}

/** Every query names the subtree it reads (rootPath) or a unit already checked to be in scope. */
export const planRepository = {
  /** Active units of the plan types in a subtree, each with its plan (or none). */
  units(ex: Executor, f: UnitFilter) {
    let q = ex
      .selectFrom('organization as o')
      .leftJoin('unit_plan as p', (j) => j.onRef('p.org_id', '=', 'o.id').on('p.campaign_id', '=', f.campaignId))
      .where(pathInSubtree('o.path', f.rootPath))
      .where('o.status', '=', 'active')
      .where('o.type_code', 'in', f.types.length ? f.types : ['\u0000']);
    if (f.q) {
      const term = `%${f.q.replace(/[%_\\]/g, '')}%`;
      const like = f.dialect === 'postgres' ? 'ilike' : 'like';
      q = q.where((eb) =>
        eb.or([eb('o.name', like, term), eb('o.pinyin_initials', 'like', `${f.q!.toLowerCase().replace(/[%_\\]/g, '')}%`), eb('o.code', like, term)]),
      );
    }
    return q;
  },

  async page(ex: Executor, f: UnitFilter, page: number, pageSize: number) {
    let q = planRepository.units(ex, f);
    if (f.status === 'missing') q = q.where('p.id', 'is', null);
    else if (f.status) q = q.where('p.status', '=', f.status);
    const [rows, total] = await Promise.all([
      q
        .leftJoin('organization as par', 'par.id', 'o.parent_id')
        .select(['o.id', 'o.name', 'o.type_code', 'o.path', 'o.parent_id', 'o.responsible_person', 'par.name as parent_name'])
        .select(['p.status', 'p.theme', 'p.version', 'p.submitted_at', 'p.decided_at', 'p.updated_at'])
        .orderBy('o.depth')
        .orderBy('o.code')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  /** Units per plan status ('missing' for units without a plan), for the tabs. */
  async counts(ex: Executor, f: UnitFilter) {
    const status = sql<string>`coalesce(p.status, 'missing')`;
    const rows = await planRepository
      .units(ex, f)
      .select([status.as('status'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(status)
      .execute();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  },

  async plan(ex: Executor, campaignId: number, orgId: number): Promise<PlanRecord | undefined> {
    const row = await ex.selectFrom('unit_plan').selectAll().where('campaign_id', '=', campaignId).where('org_id', '=', orgId).executeTakeFirst();
    return row && parsed(row);
  },

  /** A plan's submitted versions, newest first, with who submitted and reviewed them. */
  async versions(ex: Executor, planId: number) {
    const rows = await ex
      .selectFrom('unit_plan_version as v')
      .leftJoin('user_account as su', 'su.id', 'v.submitted_by')
      .leftJoin('user_account as ru', 'ru.id', 'v.reviewed_by')
      .selectAll('v')
      .select(['su.display_name as submitted_by_name', 'ru.display_name as reviewed_by_name'])
      .where('v.plan_id', '=', planId)
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map(parsed);
  },

  insert: (ex: Executor, row: WithContent<Insertable<UnitPlanTable>>) =>
    ex.insertInto('unit_plan').values(stored(row)).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Omit<Updateable<UnitPlanTable>, 'targets' | 'attachment_ids'> & Partial<PlanContent>) =>
    ex.updateTable('unit_plan').set(storedPatch(patch)).where('id', '=', id).execute(),

  insertVersion: (ex: Executor, row: WithContent<Insertable<UnitPlanVersionTable>>) => ex.insertInto('unit_plan_version').values(stored(row)).execute(),

  updateVersion: (ex: Executor, planId: number, version: number, patch: Updateable<UnitPlanVersionTable>) =>
    ex.updateTable('unit_plan_version').set(patch).where('plan_id', '=', planId).where('version', '=', version).execute(),

  parentOf: (ex: Executor, parentId: number | null) =>
    parentId == null ? Promise.resolve(undefined) : ex.selectFrom('organization').select(['id', 'path', 'name']).where('id', '=', parentId).executeTakeFirst(),

  /** Active units of these types in the campaign's subtree that still owe their plan: none yet, a draft or a returned one (jobs/reminders.ts). */
  unitsOwingPlan: (ex: Executor, campaign: { id: number; orgPath: string }, orgTypes: string[]) =>
    ex
      .selectFrom('organization as o')
      .leftJoin('unit_plan as p', (j) => j.onRef('p.org_id', '=', 'o.id').on('p.campaign_id', '=', campaign.id))
      .select(['o.id', 'o.path'])
      .where(pathInSubtree('o.path', campaign.orgPath))
      .where('o.status', '=', 'active')
      .where('o.type_code', 'in', orgTypes)
      .where(sql<boolean>`coalesce(p.status, 'draft') in ('draft', 'returned')`)
      .execute(),
};
