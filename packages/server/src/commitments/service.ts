import { z } from 'zod';
import {
  COMMITMENT_CATEGORIES,
  DEFAULT_COMMITMENT_RULES,
  POSITIONS,
  commitmentYearOpen,
  isCadrePosition,
  isoToday,
  reportSummary,
  reportYearOpen,
  validateCommitmentItem,
  validatePublish,
  validateReportSubmission,
  type CadreReportView,
  type CommitmentOutcome,
  type CommitmentRules,
  type FieldError,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, notFoundIn, outOfScope, requireAccess, requireAll } from '../access/index.ts';
import { pathInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { notify } from '../inbox/service.ts';
import { commitmentRepository as repo } from './repository.ts';
import { commitmentPolicy, notYours, type OwnMember } from './policy.ts';

const CADRE = { zh: '团干部的承诺', en: "Cadre's commitments" };
const REPORT = { zh: '述职报告', en: 'Year-end report' };
const FILE = { zh: '附件', en: 'Attachment' };
const SETTING_KEY = 'commitments';

// ---------------------------------------------------------------------------------------------
// Rules (settings with defaults)

export const commitmentRulesSchema = z.object({
  maxItems: z.number().int().min(1).max(100),
  itemMaxLength: z.number().int().min(20).max(2000),
  reportRecommendedLength: z.number().int().min(100).max(20000),
  reportMinLength: z.number().int().min(0).max(20000),
  reportMaxLength: z.number().int().min(500).max(50000),
  noteMaxLength: z.number().int().min(50).max(5000),
  evidenceMax: z.number().int().min(1).max(100),
  reminderMonth: z.number().int().min(1).max(12),
});

export async function commitmentRules(ex: Executor): Promise<CommitmentRules> {
  const text = await readSetting(ex, SETTING_KEY);
  if (text === undefined) return DEFAULT_COMMITMENT_RULES;
  return { ...DEFAULT_COMMITMENT_RULES, ...commitmentRulesSchema.partial().parse(JSON.parse(text)) };
}

// ---------------------------------------------------------------------------------------------
// Who may read and write

type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.plan>>>;
type MemberRow = NonNullable<Awaited<ReturnType<typeof repo.member>>>;

/** A cadre's year: the member, their plan if any, and the organization the commitments belong to. */
interface CadreYear {
  member: MemberRow;
  year: number;
  plan: PlanRow | null;
  org: { id: number; path: string; name: string };
}

async function cadreYear(ex: Executor, memberId: number, year: number): Promise<CadreYear | null> {
  const member = await repo.member(ex, memberId);
  if (!member) return null;
  const plan = (await repo.plan(ex, memberId, year)) ?? null;
  // Without a plan, only a serving cadre has a page: commitments start with a position.
  if (!plan && (member.status !== 'active' || !isCadrePosition(member.position))) return null;
  const org = plan ? { id: plan.org_id, path: plan.org_path, name: plan.org_name } : { id: member.org_id, path: member.org_path, name: member.org_name };
  return { member, year, plan, org };
}

/** The actor's own member (where it belongs, whether it is active), or null. */
async function ownMember(ex: Executor, actor: Actor): Promise<(MemberRow & OwnMember) | null> {
  return actor.memberId ? ((await repo.member(ex, actor.memberId)) ?? null) : null;
}

/**
 * A cadre's year the actor may read: the cadre is within reach (the `cadre` kind: 403 / 404) and
 * the organization the year's commitments belong to is one the actor reads (policy.ts), else 404.
 */
async function readable(ex: Executor, actor: Actor, memberId: number, year: number): Promise<CadreYear & { write: boolean }> {
  await requireAccess(ex, actor, 'commitment.read', 'cadre', memberId);
  const cy = await cadreYear(ex, memberId, year);
  if (!cy || !commitmentPolicy.read(actor, cy.org, await ownMember(ex, actor))) throw notFound(CADRE);
  return { ...cy, write: commitmentPolicy.write(actor, { memberId: cy.member.id }, cy.org) };
}

/**
 * Write access: 403 without the action, 404 for a cadre out of reach (the member role reaches only
 * its own member), 403 COMMITMENT_NOT_YOURS for someone else's commitments in scope.
 */
async function writable(ex: Executor, actor: Actor, memberId: number, year: number): Promise<CadreYear> {
  await requireAccess(ex, actor, 'commitment.write', 'cadre', memberId);
  const cy = await cadreYear(ex, memberId, year);
  if (!cy) throw notFound(CADRE);
  if (!commitmentPolicy.write(actor, { memberId: cy.member.id }, cy.org)) throw notYours();
  return cy;
}

const onBehalf = (actor: Actor, cy: CadreYear) => actor.memberId !== cy.member.id;

function yearClosed(field: string, year: number, what: 'commitments' | 'report') {
  return validationFailed([
    {
      field,
      code: what === 'commitments' ? 'COMMITMENT_YEAR_CLOSED' : 'REPORT_YEAR_CLOSED',
      message:
        what === 'commitments'
          ? { zh: `${year} 年的承诺已不能再修改（可为今年或明年作出承诺）`, en: `Commitments for ${year} can no longer be changed (this year or next only)` }
          : { zh: `${year} 年的述职报告已不能再填写（可填写今年或去年的）`, en: `The report for ${year} can no longer be written (this year or last only)` },
    },
  ]);
}

const reportSubmitted = () =>
  conflict('REPORT_ALREADY_SUBMITTED', '述职报告已提交，不能再修改', 'The year-end report was submitted and can no longer be changed');

async function ensurePlan(trx: Executor, actor: Actor, cy: CadreYear): Promise<PlanRow> {
  if (cy.plan) return cy.plan;
  const at = nowIso();
  await repo.insertPlan(trx, { member_id: cy.member.id, org_id: cy.org.id, year: cy.year, created_at: at, created_by: actor.userId, updated_at: at });
  return (await repo.plan(trx, cy.member.id, cy.year))!;
}

/** Refuses changes to the commitments once the year's report is submitted (it reports on them). */
async function assertReportOpen(trx: Executor, plan: PlanRow | null) {
  if (!plan) return;
  const r = await repo.report(trx, plan.id);
  if (r?.status === 'submitted') throw reportSubmitted();
}

// ---------------------------------------------------------------------------------------------
// Presenters

type ItemRow = Awaited<ReturnType<typeof repo.items>>[number];
const presentItem = (i: ItemRow) => ({
  id: i.id,
  seq: i.seq,
  text: i.text,
  category: i.category,
  dueOn: i.due_on,
  state: i.state,
  revisesId: i.revises_id,
  version: i.version,
  updatedAt: i.updated_at,
});
const presentCadre = (cy: CadreYear) => ({
  memberId: cy.member.id,
  name: cy.member.name,
  position: cy.member.position,
  active: cy.member.status === 'active',
  orgId: cy.org.id,
  orgName: cy.org.name,
});

const fileUrl = (memberId: number, year: number, id: number, thumb = false) =>
  `/api/v1/commitments/cadres/${memberId}/${year}/report/files/${id}${thumb ? '?thumb=1' : ''}`;

async function presentReport(ex: Executor, cy: CadreYear, report: NonNullable<Awaited<ReturnType<typeof repo.report>>>): Promise<CadreReportView> {
  const published = await repo.items(ex, cy.plan!.id, ['published']);
  const byItem = new Map((await repo.reportItems(ex, report.id)).map((r) => [r.item_id, r]));
  // Only evidence the report can legitimately hold — activities and files of the cadre's
  // organization or a unit below it — is shown, whatever ids were stored.
  const activityIds = [...new Set([...byItem.values()].flatMap((r) => JSON.parse(r.activity_ids) as number[]))];
  const held = await repo.activitiesIn(ex, cy.org.path, activityIds);
  const activities = new Map(
    (
      await repo.activities(
        ex,
        activityIds.filter((id) => held.has(id)),
      )
    ).map((a) => [a.id, a]),
  );
  const fileIds = [...new Set([...byItem.values()].flatMap((r) => JSON.parse(r.attachment_ids) as number[]))];
  const files = await repo.filesIn(ex, cy.org.path, fileIds);
  const items: CadreReportView['items'] = [];
  for (const c of published) {
    const r = byItem.get(c.id);
    const aIds = r ? (JSON.parse(r.activity_ids) as number[]) : [];
    const itemFiles = r
      ? await presentAttachments(
          ex,
          (JSON.parse(r.attachment_ids) as number[]).filter((id) => files.has(id)),
        )
      : [];
    items.push({
      commitmentId: c.id,
      text: c.text,
      category: c.category,
      dueOn: c.due_on,
      status: (r?.status ?? null) as CommitmentOutcome | null,
      note: r?.note ?? null,
      activities: aIds.flatMap((id) => {
        const a = activities.get(id);
        return a ? [{ id: a.id, title: a.title, heldOn: a.held_on, type: a.type }] : [];
      }),
      attachments: itemFiles.map((f) => ({
        id: f.id,
        name: f.name,
        mime: f.mime,
        size: f.size,
        kind: f.kind as 'file' | 'photo',
        url: fileUrl(cy.member.id, cy.year, f.id),
        thumbUrl: f.thumbUrl ? fileUrl(cy.member.id, cy.year, f.id, true) : null,
      })),
    });
  }
  return {
    id: report.id,
    memberId: cy.member.id,
    cadreName: cy.member.name,
    position: cy.member.position,
    orgId: cy.org.id,
    orgName: cy.org.name,
    year: cy.year,
    status: report.status,
    content: report.content,
    submittedAt: report.submitted_at,
    readCount: await repo.readCount(ex, report.id),
    summary: reportSummary(items),
    items,
  };
}

/**
 * A cadre's SUBMITTED year-end report, or null. No access check: the caller (e.g. a rating
 * session showing the report to its voters) has decided the reader may see it.
 */
export async function cadreReportOf(ex: Executor, memberId: number, year: number): Promise<CadreReportView | null> {
  const cy = await cadreYear(ex, memberId, year);
  if (!cy?.plan) return null;
  const report = await repo.report(ex, cy.plan.id);
  return report?.status === 'submitted' ? presentReport(ex, cy, report) : null;
}

/** The report status of each cadre's year (one query): 'none', 'draft' or 'submitted'. */
export async function cadreReportStatus(ex: Executor, memberIds: number[], year: number): Promise<Map<number, 'none' | 'draft' | 'submitted'>> {
  const out = new Map<number, 'none' | 'draft' | 'submitted'>(memberIds.map((id) => [id, 'none']));
  if (!memberIds.length) return out;
  const rows = await ex
    .selectFrom('commitment_plan as p')
    .innerJoin('cadre_report as r', 'r.plan_id', 'p.id')
    .select(['p.member_id', 'r.status'])
    .where('p.member_id', 'in', memberIds)
    .where('p.year', '=', year)
    .execute();
  for (const r of rows) out.set(r.member_id, r.status);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inputs

export interface ItemBody {
  text: string;
  category?: string | null;
  dueOn?: string | null;
}
export interface ReportBody {
  content: string;
  items: { commitmentId: number; status?: CommitmentOutcome | null; note?: string | null; activityIds?: number[]; attachmentIds?: number[] }[];
}

function checkItem(body: ItemBody, year: number, rules: CommitmentRules) {
  const errors = validateCommitmentItem(body, year, rules);
  if (errors.length) throw validationFailed(errors);
}

/** Saves the report's draft (the caller checked the writer and that it is not submitted). */
async function saveReport(trx: Executor, actor: Actor, cy: CadreYear, plan: PlanRow, body: ReportBody, rules: CommitmentRules) {
  // Every id of the body within the actor's reach first (404 on its position, nothing written):
  // the commitments, activities the actor may read, files the actor may read itself.
  const reachable = new Set(
    (
      await accessibleRows(
        trx,
        actor,
        'commitment.write',
        'commitmentItem',
        body.items.map((it) => it.commitmentId),
      )
    ).map((r) => r.id),
  );
  const refused = body.items.flatMap((it, i) => (reachable.has(it.commitmentId) ? [] : [outOfScope(`items.${i}.commitmentId`, 'commitmentItem')]));
  if (refused.length) throw notFoundIn('commitmentItem', refused);
  for (const [i, it] of body.items.entries()) {
    if (it.activityIds?.length) await requireAll(trx, actor, null, 'activity', it.activityIds, `items.${i}.activityIds`);
    if (it.attachmentIds?.length) await requireAll(trx, actor, null, 'attachment', it.attachmentIds, `items.${i}.attachmentIds`);
  }
  const published = await repo.items(trx, plan.id, ['published']);
  const ids = new Set(published.map((p) => p.id));
  const errors: FieldError[] = [];
  if ([...body.content].length > rules.reportMaxLength) {
    errors.push({
      field: 'content',
      code: 'REPORT_TOO_LONG',
      message: { zh: `述职报告不能超过 ${rules.reportMaxLength} 字`, en: `At most ${rules.reportMaxLength} characters` },
    });
  }
  const seen = new Set<number>();
  for (const [i, it] of body.items.entries()) {
    if (!ids.has(it.commitmentId) || seen.has(it.commitmentId)) {
      errors.push({
        field: `items.${i}.commitmentId`,
        code: 'COMMITMENT_UNKNOWN',
        message: { zh: '不是本人已公开的承诺', en: 'Not one of the published commitments' },
      });
      continue;
    }
    seen.add(it.commitmentId);
    if ((it.note ?? '').length > rules.noteMaxLength) {
      errors.push({
        field: `items.${i}.note`,
        code: 'FIELD_TOO_BIG',
        message: { zh: `说明不能超过 ${rules.noteMaxLength} 字`, en: `At most ${rules.noteMaxLength} characters` },
      });
    }
    const activityIds = [...new Set(it.activityIds ?? [])];
    const attachmentIds = [...new Set(it.attachmentIds ?? [])];
    if (activityIds.length + attachmentIds.length > rules.evidenceMax) {
      errors.push({
        field: `items.${i}.activityIds`,
        code: 'EVIDENCE_TOO_MANY',
        message: { zh: `每项承诺最多关联 ${rules.evidenceMax} 项佐证`, en: `At most ${rules.evidenceMax} pieces of evidence per commitment` },
      });
    }
    const usable = await repo.activitiesIn(trx, cy.org.path, activityIds);
    if (activityIds.some((a) => !usable.has(a))) {
      errors.push({
        field: `items.${i}.activityIds`,
        code: 'ACTIVITY_NOT_USABLE',
        message: { zh: '佐证活动须是本组织（含下级）记录的活动', en: 'Evidence activities must be activities of the organization or its units' },
      });
    }
    if (attachmentIds.length) {
      // Readable by the actor (checked above), and stored under the cadre's organization or a unit below it (422).
      try {
        await attachmentsUsable(trx, actor, attachmentIds, cy.org, { field: `items.${i}.attachmentIds` });
      } catch (e) {
        if (e instanceof AppError && e.status === 422 && e.fieldErrors.length) errors.push(...e.fieldErrors);
        else throw e;
      }
    }
  }
  if (errors.length) throw validationFailed(errors);
  const at = nowIso();
  let report = await repo.report(trx, plan.id);
  if (!report) {
    await repo.insertReport(trx, { plan_id: plan.id, status: 'draft', content: body.content, created_at: at, updated_at: at, updated_by: actor.userId });
    report = (await repo.report(trx, plan.id))!;
  } else {
    await repo.updateReport(trx, report.id, { content: body.content, updated_at: at, updated_by: actor.userId });
  }
  await repo.replaceReportItems(
    trx,
    report.id,
    body.items.map((it) => ({
      report_id: report.id,
      item_id: it.commitmentId,
      status: it.status ?? null,
      note: it.note?.trim() || null,
      activity_ids: JSON.stringify([...new Set(it.activityIds ?? [])]),
      attachment_ids: JSON.stringify([...new Set(it.attachmentIds ?? [])]),
    })),
  );
  return report.id;
}

/** The item, its plan, and write access to them (404 out of reach, as for a missing item; 403 for someone else's in scope). */
async function itemForWrite(trx: Executor, actor: Actor, id: number) {
  const item = await requireAccess(trx, actor, 'commitment.write', 'commitmentItem', id);
  const plan = (await repo.planById(trx, item.plan_id))!;
  const cy = await writable(trx, actor, plan.member_id, plan.year);
  return { item, plan, cy };
}

// ---------------------------------------------------------------------------------------------

export const commitmentService = {
  rules: (ctx: AppContext) => commitmentRules(ctx.db),

  /** Rules are set for the whole deployment, at the top of the tree. */
  async saveRules(ctx: AppContext, actor: Actor, value: CommitmentRules) {
    if (!commitmentPolicy.editRules(actor)) throw forbidden();
    if (value.reportMinLength > value.reportMaxLength) {
      throw validationFailed([
        { field: 'reportMinLength', code: 'RULE_MIN_ABOVE_MAX', message: { zh: '最少字数不能大于最多字数', en: 'The minimum cannot exceed the maximum' } },
      ]);
    }
    await ctx.db.transaction().execute(async (trx) => {
      const before = await commitmentRules(trx);
      await writeSetting(trx, SETTING_KEY, value, actor.userId);
      await audit(trx, actor, { action: 'commitment.rules', targetType: 'setting', targetId: SETTING_KEY, summary: { before, after: value } });
    });
    return commitmentRules(ctx.db);
  },

  /** 承诺公示: an organization's cadres with their commitments' and report's state. */
  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; year: number; subtree: boolean; page: number; pageSize: number }) {
    // The actor's scope, and — for an active member, whatever the role — their own organization
    // and the ones above it (the commitmentOrg kind). Default: the grant's organization, or the member's.
    const me = await ownMember(ctx.db, actor);
    const target = q.orgId ?? (commitmentPolicy.readsScope(actor) ? actor.grant.orgId : me?.org_id);
    if (!target) throw forbidden();
    const o = await requireAccess(ctx.db, actor, 'commitment.read', 'commitmentOrg', target);
    const org = { id: o.id, path: o.path, name: o.name };
    // A whole subtree's cadres only where the actor's scope covers it; members read single organizations.
    if (q.subtree && !commitmentPolicy.listSubtree(actor, org)) throw forbidden();
    const base = repo.cadres(ctx.db, { orgId: org.id, orgPath: org.path, subtree: q.subtree, year: q.year });
    const [rows, totals] = await Promise.all([
      base
        .select(repo.cadreColumns)
        .orderBy('o.path')
        .orderBy(repo.positionOrder)
        .orderBy('m.name')
        .orderBy('m.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base
        .select((eb) => [
          eb.fn.countAll().as('cadres'),
          eb.fn.count('p.id').filterWhere('p.version', '>', 0).as('published'),
          eb.fn.count('r.id').filterWhere('r.status', '=', 'submitted').as('submitted'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    const former = q.subtree || q.page > 1 ? [] : await repo.formerCadres(ctx.db, org.id, q.year);
    const all = [...rows, ...former];
    const counts = await repo.publishedCounts(
      ctx.db,
      all.flatMap((r) => (r.plan_id ? [r.plan_id] : [])),
    );
    const reads = await repo.readCounts(
      ctx.db,
      all.flatMap((r) => (r.report_id && r.report_status === 'submitted' ? [r.report_id] : [])),
    );
    const present = (r: (typeof all)[number], current: boolean) => {
      const write = commitmentPolicy.write(actor, { memberId: r.member_id }, { path: r.org_path });
      const status = r.report_status === 'submitted' ? 'submitted' : r.report_status === 'draft' && write ? 'draft' : 'none';
      return {
        memberId: r.member_id,
        name: r.name,
        position: r.position,
        orgId: r.org_id,
        orgName: r.org_name,
        current,
        version: r.version ?? 0,
        publishedCount: r.plan_id ? (counts.get(r.plan_id) ?? 0) : 0,
        lastPublishedAt: r.last_published_at,
        reportStatus: status as 'none' | 'draft' | 'submitted',
        submittedAt: status === 'submitted' ? r.submitted_at : null,
        readCount: r.report_id && status === 'submitted' ? (reads.get(r.report_id) ?? 0) : 0,
        canWrite: write,
      };
    };
    return {
      org: { id: org.id, name: org.name },
      year: q.year,
      totals: { cadres: Number(totals.cadres), published: Number(totals.published), submitted: Number(totals.submitted) },
      items: rows.map((r) => present(r, true)),
      former: former.map((r) => present(r, false)),
      total: Number(totals.cadres),
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  /** A cadre's year: commitments (drafts only for writers), publication history, report state. */
  async get(ctx: AppContext, actor: Actor, memberId: number, year: number) {
    const cy = await readable(ctx.db, actor, memberId, year);
    const rules = await commitmentRules(ctx.db);
    const items = cy.plan ? await repo.items(ctx.db, cy.plan.id, cy.write ? ['published', 'draft'] : ['published']) : [];
    const versions = cy.plan ? await repo.versions(ctx.db, cy.plan.id) : [];
    const report = cy.plan ? await repo.report(ctx.db, cy.plan.id) : undefined;
    const visibleReport = report && (report.status === 'submitted' || cy.write) ? report : undefined;
    const today = isoToday();
    return {
      cadre: presentCadre(cy),
      year,
      plan: cy.plan ? { version: cy.plan.version, firstPublishedAt: cy.plan.first_published_at, lastPublishedAt: cy.plan.last_published_at } : null,
      // A draft that revises a published item is shown with it, not as an item of its own.
      items: items.filter((i) => !(i.state === 'draft' && i.revises_id)).map(presentItem),
      revisions: items.filter((i) => i.state === 'draft' && i.revises_id).map(presentItem),
      versions: versions.map((v) => ({
        version: v.version,
        publishedAt: v.published_at,
        publishedByName: v.published_by_name,
        onBehalf: v.on_behalf === 1,
        note: v.note,
        items: JSON.parse(v.items),
      })),
      report: visibleReport
        ? {
            id: visibleReport.id,
            status: visibleReport.status,
            submittedAt: visibleReport.submitted_at,
            updatedAt: visibleReport.updated_at,
            readCount: await repo.readCount(ctx.db, visibleReport.id),
          }
        : null,
      can: {
        /** The cadre or an admin on their behalf (read receipts, drafts). */
        writer: cy.write,
        write: cy.write && commitmentYearOpen(year, today) && report?.status !== 'submitted',
        report: cy.write && reportYearOpen(year, today) && (cy.plan?.version ?? 0) > 0 && report?.status !== 'submitted',
      },
      rules,
    };
  },

  async addItem(ctx: AppContext, actor: Actor, memberId: number, year: number, body: ItemBody) {
    return ctx.db.transaction().execute(async (trx) => {
      const cy = await writable(trx, actor, memberId, year);
      if (!commitmentYearOpen(year, isoToday())) throw yearClosed('year', year, 'commitments');
      await assertReportOpen(trx, cy.plan);
      const rules = await commitmentRules(trx);
      checkItem(body, year, rules);
      const plan = await ensurePlan(trx, actor, cy);
      const current = await repo.items(trx, plan.id, ['published', 'draft']);
      if (current.filter((i) => !(i.state === 'draft' && i.revises_id)).length + 1 > rules.maxItems) {
        throw validationFailed([
          {
            field: 'text',
            code: 'COMMITMENT_TOO_MANY',
            message: { zh: `每年最多 ${rules.maxItems} 项承诺`, en: `At most ${rules.maxItems} commitments a year` },
          },
        ]);
      }
      const at = nowIso();
      const { id } = await repo.insertItem(trx, {
        plan_id: plan.id,
        seq: await repo.nextSeq(trx, plan.id),
        text: body.text.trim(),
        category: body.category || null,
        due_on: body.dueOn || null,
        state: 'draft',
        revises_id: null,
        version: null,
        created_at: at,
        updated_at: at,
      });
      await repo.updatePlan(trx, plan.id, { updated_at: at });
      await audit(trx, actor, {
        action: 'commitment.item_add',
        targetType: 'commitment_item',
        targetId: id,
        summary: { memberId, year, orgId: cy.org.id, onBehalf: onBehalf(actor, cy) },
      });
      return presentItem((await repo.item(trx, id))!);
    });
  },

  async updateItem(ctx: AppContext, actor: Actor, id: number, body: Partial<ItemBody>) {
    return ctx.db.transaction().execute(async (trx) => {
      const { item, plan, cy } = await itemForWrite(trx, actor, id);
      if (item.state !== 'draft') throw frozen();
      if (!commitmentYearOpen(plan.year, isoToday())) throw yearClosed('year', plan.year, 'commitments');
      await assertReportOpen(trx, plan);
      const next = {
        text: body.text ?? item.text,
        category: body.category !== undefined ? body.category : item.category,
        dueOn: body.dueOn !== undefined ? body.dueOn : item.due_on,
      };
      checkItem(next, plan.year, await commitmentRules(trx));
      await repo.updateItem(trx, id, { text: next.text.trim(), category: next.category || null, due_on: next.dueOn || null, updated_at: nowIso() });
      await audit(trx, actor, {
        action: 'commitment.item_update',
        targetType: 'commitment_item',
        targetId: id,
        summary: { memberId: plan.member_id, year: plan.year, changed: Object.keys(body), onBehalf: onBehalf(actor, cy) },
      });
      return presentItem((await repo.item(trx, id))!);
    });
  },

  async removeItem(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const { item, plan, cy } = await itemForWrite(trx, actor, id);
      if (item.state !== 'draft') throw frozen();
      await assertReportOpen(trx, plan);
      await repo.deleteItem(trx, id);
      await audit(trx, actor, {
        action: 'commitment.item_delete',
        targetType: 'commitment_item',
        targetId: id,
        summary: { memberId: plan.member_id, year: plan.year, text: item.text.slice(0, 60), onBehalf: onBehalf(actor, cy) },
      });
    });
  },

  /** A change to a published commitment: a draft that replaces it when published (one per item). */
  async revise(ctx: AppContext, actor: Actor, id: number, body: ItemBody) {
    return ctx.db.transaction().execute(async (trx) => {
      const { item, plan, cy } = await itemForWrite(trx, actor, id);
      if (item.state !== 'published') {
        throw conflict('COMMITMENT_NOT_PUBLISHED', '只能修订已公开的承诺；草稿可直接修改', 'Only a published commitment is revised; edit a draft directly');
      }
      if (!commitmentYearOpen(plan.year, isoToday())) throw yearClosed('year', plan.year, 'commitments');
      await assertReportOpen(trx, plan);
      checkItem(body, plan.year, await commitmentRules(trx));
      const at = nowIso();
      const pending = (await repo.items(trx, plan.id, ['draft'])).find((d) => d.revises_id === id);
      let revisionId: number;
      if (pending) {
        await repo.updateItem(trx, pending.id, { text: body.text.trim(), category: body.category || null, due_on: body.dueOn || null, updated_at: at });
        revisionId = pending.id;
      } else {
        revisionId = (
          await repo.insertItem(trx, {
            plan_id: plan.id,
            seq: item.seq,
            text: body.text.trim(),
            category: body.category || null,
            due_on: body.dueOn || null,
            state: 'draft',
            revises_id: id,
            version: null,
            created_at: at,
            updated_at: at,
          })
        ).id;
      }
      await audit(trx, actor, {
        action: 'commitment.item_revise',
        targetType: 'commitment_item',
        targetId: id,
        summary: { memberId: plan.member_id, year: plan.year, revisionId, onBehalf: onBehalf(actor, cy) },
      });
      return presentItem((await repo.item(trx, revisionId))!);
    });
  },

  /** Publishes every draft: a new version, frozen; revisions supersede what they revise. */
  async publish(ctx: AppContext, actor: Actor, memberId: number, year: number, note: string | null) {
    await ctx.db.transaction().execute(async (trx) => {
      const cy = await writable(trx, actor, memberId, year);
      if (!commitmentYearOpen(year, isoToday())) throw yearClosed('year', year, 'commitments');
      const plan = cy.plan;
      await assertReportOpen(trx, plan);
      const drafts = plan ? await repo.items(trx, plan.id, ['draft']) : [];
      const published = plan ? await repo.items(trx, plan.id, ['published']) : [];
      const added = drafts.filter((d) => !d.revises_id);
      const revisions = drafts.filter((d) => d.revises_id);
      const errors = validatePublish(added.length, revisions.length, published.length, await commitmentRules(trx));
      if (errors.length) throw validationFailed(errors);
      const version = plan!.version + 1;
      const at = nowIso();
      for (const r of revisions) {
        await repo.updateItem(trx, r.revises_id!, { state: 'superseded', updated_at: at });
        await repo.updateItem(trx, r.id, { state: 'published', version, updated_at: at });
        await repo.moveReportItem(trx, r.revises_id!, r.id);
      }
      for (const a of added) await repo.updateItem(trx, a.id, { state: 'published', version, updated_at: at });
      const now = await repo.items(trx, plan!.id, ['published']);
      const revisedIds = new Set(revisions.map((r) => r.id));
      const addedIds = new Set(added.map((a) => a.id));
      const snapshot = now.map((i) => ({
        id: i.id,
        seq: i.seq,
        text: i.text,
        category: i.category,
        dueOn: i.due_on,
        change: addedIds.has(i.id) ? 'added' : revisedIds.has(i.id) ? 'revised' : null,
      }));
      await repo.insertVersion(trx, {
        plan_id: plan!.id,
        version,
        items: JSON.stringify(snapshot),
        note: note?.trim() || null,
        on_behalf: onBehalf(actor, cy) ? 1 : 0,
        published_at: at,
        published_by: actor.userId,
        published_by_name: actor.displayName,
      });
      await repo.updatePlan(trx, plan!.id, { version, first_published_at: plan!.first_published_at ?? at, last_published_at: at, updated_at: at });
      await audit(trx, actor, {
        action: 'commitment.publish',
        targetType: 'commitment_plan',
        targetId: plan!.id,
        summary: { memberId, year, orgId: cy.org.id, version, added: added.length, revised: revisions.length, onBehalf: onBehalf(actor, cy) },
      });
      await notify(trx, {
        org: cy.org,
        kind: 'commitments_published',
        link: `/commitments/cadre/${memberId}/${year}`,
        titleZh: `${cy.member.name}公开了 ${year} 年度工作承诺${version > 1 ? `（第 ${version} 版）` : ''}`,
        titleEn: `${cy.member.name} published the work commitments for ${year}${version > 1 ? ` (version ${version})` : ''}`,
      });
    });
    return commitmentService.get(ctx, actor, memberId, year);
  },

  /** The report: submitted for every reader, the draft for its writers. Records a read receipt. */
  async report(ctx: AppContext, actor: Actor, memberId: number, year: number) {
    const cy = await readable(ctx.db, actor, memberId, year);
    const report = cy.plan ? await repo.report(ctx.db, cy.plan.id) : undefined;
    if (!report || (report.status !== 'submitted' && !cy.write)) throw notFound(REPORT);
    if (report.status === 'submitted' && !cy.write && actor.memberId !== memberId) await repo.markRead(ctx.db, report.id, actor.userId, nowIso());
    return presentReport(ctx.db, cy, report);
  },

  async saveReport(ctx: AppContext, actor: Actor, memberId: number, year: number, body: ReportBody) {
    await ctx.db.transaction().execute(async (trx) => {
      const cy = await writable(trx, actor, memberId, year);
      const plan = await reportablePlan(trx, cy, year);
      const id = await saveReport(trx, actor, cy, plan, body, await commitmentRules(trx));
      await audit(trx, actor, {
        action: 'commitment.report_save',
        targetType: 'cadre_report',
        targetId: id,
        summary: { memberId, year, chars: [...body.content].length, onBehalf: onBehalf(actor, cy) },
      });
    });
    return commitmentService.report(ctx, actor, memberId, year);
  },

  /** Submits the report (saving `body` first when given): every commitment needs a status. */
  async submitReport(ctx: AppContext, actor: Actor, memberId: number, year: number, body: Partial<ReportBody> | undefined) {
    await ctx.db.transaction().execute(async (trx) => {
      const cy = await writable(trx, actor, memberId, year);
      const plan = await reportablePlan(trx, cy, year);
      const rules = await commitmentRules(trx);
      if (body && (body.content !== undefined || body.items !== undefined)) {
        // What the body leaves out stays as saved.
        const saved = await repo.report(trx, plan.id);
        const savedItems = saved ? await repo.reportItems(trx, saved.id) : [];
        await saveReport(
          trx,
          actor,
          cy,
          plan,
          {
            content: body.content ?? saved?.content ?? '',
            items:
              body.items ??
              savedItems.map((i) => ({
                commitmentId: i.item_id,
                status: i.status as CommitmentOutcome | null,
                note: i.note,
                activityIds: JSON.parse(i.activity_ids) as number[],
                attachmentIds: JSON.parse(i.attachment_ids) as number[],
              })),
          },
          rules,
        );
      }
      const report = await repo.report(trx, plan.id);
      const published = await repo.items(trx, plan.id, ['published']);
      const items = report ? await repo.reportItems(trx, report.id) : [];
      const errors = validateReportSubmission(
        report?.content ?? '',
        items.map((i) => ({
          commitmentId: i.item_id,
          status: i.status as CommitmentOutcome | null,
          note: i.note,
          evidenceCount: (JSON.parse(i.activity_ids) as number[]).length + (JSON.parse(i.attachment_ids) as number[]).length,
        })),
        published.map((p) => p.id),
        rules,
      );
      if (errors.length || !report) throw validationFailed(errors);
      const at = nowIso();
      await repo.updateReport(trx, report.id, { status: 'submitted', submitted_at: at, submitted_by: actor.userId, updated_at: at, updated_by: actor.userId });
      await audit(trx, actor, {
        action: 'commitment.report_submit',
        targetType: 'cadre_report',
        targetId: report.id,
        summary: { memberId, year, orgId: cy.org.id, ...reportSummary(items), onBehalf: onBehalf(actor, cy) },
      });
      await notify(trx, {
        org: cy.org,
        kind: 'cadre_report_submitted',
        link: `/commitments/cadre/${memberId}/${year}`,
        titleZh: `${cy.member.name}提交了 ${year} 年度述职报告，请阅读`,
        titleEn: `${cy.member.name} submitted the year-end report for ${year}`,
      });
    });
    return commitmentService.report(ctx, actor, memberId, year);
  },

  /**
   * A file given as evidence in a report the actor may read — only one the report legitimately
   * holds: listed in one of its items AND stored under the cadre's organization or a unit below it
   * (a report can take in nothing else; an id stored some other way, e.g. before issue 11, is 404).
   */
  async reportFile(ctx: AppContext, actor: Actor, memberId: number, year: number, attachmentId: number) {
    const cy = await readable(ctx.db, actor, memberId, year);
    const report = cy.plan ? await repo.report(ctx.db, cy.plan.id) : undefined;
    if (!report || (report.status !== 'submitted' && !cy.write)) throw notFound(REPORT);
    const used = (await repo.reportItems(ctx.db, report.id)).some((i) => (JSON.parse(i.attachment_ids) as number[]).includes(attachmentId));
    const file = used
      ? await ctx.db
          .selectFrom('attachment')
          .select(['name', 'mime', 'hash', 'thumb_hash'])
          .where('id', '=', attachmentId)
          .where(pathInSubtree('org_path', cy.org.path))
          .executeTakeFirst()
      : undefined;
    if (!file) throw notFound(FILE);
    return file;
  },
};

const frozen = () => conflict('COMMITMENT_FROZEN', '已公开的承诺不能修改或删除，请提交修订', 'A published commitment is frozen; submit a revision instead');

async function reportablePlan(trx: Executor, cy: CadreYear, year: number): Promise<PlanRow> {
  if (!reportYearOpen(year, isoToday())) throw yearClosed('year', year, 'report');
  if (!cy.plan || cy.plan.version === 0) {
    throw conflict('COMMITMENTS_NOT_PUBLISHED', '请先公开承诺，再填写述职报告', 'Publish the commitments before writing the report');
  }
  await assertReportOpen(trx, cy.plan);
  return cy.plan;
}

/** Position names for messages and lists. */
export const positionName = (code: string) => POSITIONS.find((p) => p.code === code) ?? { nameZh: code, nameEn: code };
export const categoryCodes = COMMITMENT_CATEGORIES.map((c) => c.code) as [string, ...string[]];
