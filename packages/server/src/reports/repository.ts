import { sql, type Insertable, type Selectable } from 'kysely';
import type { ReportTargetFilter } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { ReportRequestTable, ReportSubmissionTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/**
 * Board status of a submission, disjoint: `submitted` on time, `late` submitted after the
 * deadline, `missing` not submitted and past the deadline, `pending` not submitted and not yet due.
 */
export type BoardStatus = 'submitted' | 'late' | 'missing' | 'pending';

/**
 * The deadline is a day on the platform's calendar (China Standard Time): a submission is late
 * from 00:00 CST the day after `due_on`, i.e. 16:00 UTC on `due_on`. Timestamps are ISO UTC
 * strings, so the comparison is a string comparison on both databases.
 */
export const lateFrom = (dueOn: string) => `${dueOn}T16:00:00.000Z`;

export type TargetFilter = ReportTargetFilter;

/** The filter a request was made with, as stored: only what narrows the targets. */
export interface StoredTargetFilter {
  types?: string[];
  depth?: number;
}

/** Reads a stored request row (with whatever it was joined to) into a record: its target filter parsed. */
export const requestFromRow = <R extends { target_filter: string }>({
  target_filter,
  ...rest
}: R): Omit<R, 'target_filter'> & { targetFilter: StoredTargetFilter } => ({
  ...rest,
  targetFilter: JSON.parse(target_filter) as StoredTargetFilter,
});

/** A unit's submission, its attachment ids parsed. */
export type SubmissionRecord = Omit<Selectable<ReportSubmissionTable>, 'attachment_ids'> & { attachmentIds: number[] };

/** Requests made by organizations in the subtree of `scopePath` (a root from scopeRoot). One request by id is the access module's `reportRequest` kind. */
function sent(ex: Executor, scopePath: string, campaignId?: number) {
  let q = ex.selectFrom('report_request as r').innerJoin('organization as o', 'o.id', 'r.org_id').where(pathInSubtree('r.org_path', scopePath));
  if (campaignId) q = q.where('r.campaign_id', '=', campaignId);
  return q;
}

/** Requests addressed to one organization, with its submission. */
function received(ex: Executor, orgId: number, campaignId?: number) {
  let q = ex
    .selectFrom('report_submission as s')
    .innerJoin('report_request as r', 'r.id', 's.request_id')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .where('s.org_id', '=', orgId);
  if (campaignId) q = q.where('r.campaign_id', '=', campaignId);
  return q;
}

/** Board rows of one request, optionally one status. */
function boardRows(ex: Executor, requestId: number, dueOn: string, today: string, status?: BoardStatus) {
  let q = ex
    .selectFrom('report_submission as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .leftJoin('organization as p', 'p.id', 'o.parent_id')
    .where('s.request_id', '=', requestId);
  const late = lateFrom(dueOn);
  if (status === 'submitted') q = q.where('s.status', '=', 'submitted').where('s.submitted_at', '<', late);
  if (status === 'late') q = q.where('s.status', '=', 'submitted').where('s.submitted_at', '>=', late);
  // Unsubmitted units are all 'missing' once the deadline has passed and all 'pending' before.
  if (status === 'missing' || status === 'pending')
    q = (status === 'missing') === today > dueOn ? q.where('s.status', '=', 'pending') : q.where(sql<boolean>`1 = 0`);
  return q;
}

/** A page of a list: where it starts and how long it is. */
export interface PageWindow {
  limit: number;
  offset: number;
}

export const reportRepository = {
  /** Active organizations strictly below `org` that match the filter: the units a request asks. */
  targets(ex: Executor, org: { path: string; depth: number }, f: TargetFilter) {
    let q = ex
      .selectFrom('organization')
      .select(['id', 'path'])
      .where(pathInSubtree('path', org.path))
      .where('path', '!=', org.path)
      .where('status', '=', 'active');
    if (f.types?.length) q = q.where('type_code', 'in', f.types);
    if (f.depth) q = q.where('depth', '<=', org.depth + f.depth);
    return q.orderBy('path').execute();
  },

  insertRequest: (ex: Executor, { targetFilter, ...row }: Omit<Insertable<ReportRequestTable>, 'target_filter'> & { targetFilter: StoredTargetFilter }) =>
    ex
      .insertInto('report_request')
      .values({ ...row, target_filter: JSON.stringify(targetFilter) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** The pending submissions of a new request (no files yet), 500 rows a statement. */
  async insertSubmissions(ex: Executor, rows: Omit<Insertable<ReportSubmissionTable>, 'attachment_ids'>[]) {
    for (let i = 0; i < rows.length; i += 500)
      await ex
        .insertInto('report_submission')
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, attachment_ids: '[]' })))
        .execute();
  },

  /** Per request: how many units were asked and how many have submitted. */
  progress: async (ex: Executor, requestIds: number[]) => {
    if (!requestIds.length) return new Map<number, { total: number; submitted: number }>();
    const rows = await ex
      .selectFrom('report_submission')
      .select((eb) => ['request_id', eb.fn.countAll().as('total'), eb.fn.sum(sql<number>`case when status = 'submitted' then 1 else 0 end`).as('submitted')])
      .where('request_id', 'in', requestIds)
      .groupBy('request_id')
      .execute();
    return new Map(rows.map((r) => [r.request_id, { total: Number(r.total), submitted: Number(r.submitted ?? 0) }]));
  },

  /** Board figures of one request on `today`. */
  async counts(ex: Executor, requestId: number, dueOn: string, today: string): Promise<Record<BoardStatus, number> & { total: number }> {
    const late = lateFrom(dueOn);
    const rows = await ex
      .selectFrom('report_submission')
      .select((eb) => [
        eb.fn.countAll().as('total'),
        eb.fn.sum(sql<number>`case when status = 'submitted' and submitted_at < ${late} then 1 else 0 end`).as('submitted'),
        eb.fn.sum(sql<number>`case when status = 'submitted' and submitted_at >= ${late} then 1 else 0 end`).as('late'),
        eb.fn.sum(sql<number>`case when status = 'pending' then 1 else 0 end`).as('open'),
      ])
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    const open = Number(rows.open ?? 0);
    const overdue = today > dueOn;
    return {
      total: Number(rows.total),
      submitted: Number(rows.submitted ?? 0),
      late: Number(rows.late ?? 0),
      missing: overdue ? open : 0,
      pending: overdue ? 0 : open,
    };
  },

  async submission(ex: Executor, requestId: number, orgId: number): Promise<SubmissionRecord | undefined> {
    const row = await ex.selectFrom('report_submission').selectAll().where('request_id', '=', requestId).where('org_id', '=', orgId).executeTakeFirst();
    if (!row) return undefined;
    const { attachment_ids, ...rest } = row;
    return { ...rest, attachmentIds: JSON.parse(attachment_ids) as number[] };
  },

  updateSubmission: (
    ex: Executor,
    id: number,
    { attachmentIds, ...patch }: Omit<Partial<Insertable<ReportSubmissionTable>>, 'attachment_ids'> & { attachmentIds?: number[] },
  ) =>
    ex
      .updateTable('report_submission')
      .set({ ...patch, ...(attachmentIds !== undefined ? { attachment_ids: JSON.stringify(attachmentIds) } : {}) })
      .where('id', '=', id)
      .execute(),

  /** One page of the requests sent by the subtree of `scopePath`, newest first, and their count. */
  async sentPage(ex: Executor, scopePath: string, campaignId: number | undefined, page: PageWindow) {
    const base = sent(ex, scopePath, campaignId);
    const [rows, total] = await Promise.all([
      base
        .selectAll('r')
        .select(['o.name as org_name'])
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(requestFromRow), total: Number(total.n) };
  },

  /** One page of the requests addressed to an organization with its submission (open ones first, nearest deadline first; then the rest, newest first), and their count. */
  async receivedPage(ex: Executor, orgId: number, campaignId: number | undefined, page: PageWindow) {
    const base = received(ex, orgId, campaignId);
    const [rows, total] = await Promise.all([
      base
        .selectAll('r')
        .select(['o.name as org_name', 's.status', 's.submitted_at', 's.review_comment', 's.reviewed_at'])
        .orderBy('s.status', 'asc')
        .orderBy('r.due_on', 'asc')
        .orderBy('r.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(requestFromRow), total: Number(total.n) };
  },

  /** One page of a request's board in tree order, optionally one status, and the count. */
  async boardPage(ex: Executor, requestId: number, dueOn: string, today: string, status: BoardStatus | undefined, page: PageWindow) {
    const base = boardRows(ex, requestId, dueOn, today, status);
    const [rows, total] = await Promise.all([
      base
        .select([
          's.org_id',
          's.status',
          's.submitted_at',
          's.review_comment',
          's.reviewed_at',
          'o.name',
          'o.type_code',
          'o.responsible_person',
          'p.name as parent_name',
        ])
        .orderBy('o.path')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  /** Every board row of a request in tree order (the .xlsx export). */
  exportRows: (ex: Executor, requestId: number, dueOn: string, today: string) =>
    boardRows(ex, requestId, dueOn, today)
      .select(['s.status', 's.submitted_at', 's.review_comment', 'o.name', 'o.responsible_person', 'p.name as parent_name'])
      .orderBy('o.path')
      .execute(),

  orgName: (ex: Executor, id: number) => ex.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirst(),

  /** Pending submissions whose deadline falls in [from, to] and that were not reminded yet (the reminder pass). */
  dueSoon: (ex: Executor, from: string, to: string) =>
    ex
      .selectFrom('report_submission as s')
      .innerJoin('report_request as r', 'r.id', 's.request_id')
      .select(['s.id', 's.org_id', 's.org_path', 'r.id as request_id', 'r.title', 'r.due_on'])
      .where('r.due_on', '>=', from)
      .where('r.due_on', '<=', to)
      .where('s.status', '=', 'pending')
      .where('s.reminded_at', 'is', null)
      .orderBy('s.id')
      .execute(),

  markReminded: async (ex: Executor, ids: number[], at: string) => {
    for (let i = 0; i < ids.length; i += 500)
      await ex
        .updateTable('report_submission')
        .set({ reminded_at: at })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
  },
};
