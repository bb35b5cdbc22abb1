import { reportSummary, validateReportSubmission, type CommitmentOutcome, type CommitmentRules, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, notFoundIn, outOfScope, requireAll } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';
import { attachmentsUsable } from '../attachments/service.ts';
import { notify } from '../inbox/service.ts';
import { commitmentRepository as repo } from './repository.ts';
import { commitmentRules } from './rules.ts';
import { onBehalf, readable, reportablePlan, writable, type CadreYear, type PlanRow } from './cadre-year.ts';
import { presentReport } from './present.ts';

const REPORT = { zh: '述职报告', en: 'Year-end report' };
const FILE = { zh: '附件', en: 'Attachment' };

export interface ReportBody {
  content: string;
  items: { commitmentId: number; status?: CommitmentOutcome | null; note?: string | null; activityIds?: number[]; attachmentIds?: number[] }[];
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
      activity_ids: [...new Set(it.activityIds ?? [])],
      attachment_ids: [...new Set(it.attachmentIds ?? [])],
    })),
  );
  return report.id;
}

/** The cadre's report as the actor may read it: submitted for every reader, the draft for its writers; else 404. */
async function readableReport(ex: Executor, actor: Actor, memberId: number, year: number) {
  const cy = await readable(ex, actor, memberId, year);
  const report = cy.plan ? await repo.report(ex, cy.plan.id) : undefined;
  if (!report || (report.status !== 'submitted' && !cy.write)) throw notFound(REPORT);
  return { cy, report };
}

/** The year-end report: reading it (with a read receipt), the draft, the submission, and the files it holds. */
export const commitmentReports = {
  /** The report: submitted for every reader, the draft for its writers. Records a read receipt. */
  async report(ctx: AppContext, actor: Actor, memberId: number, year: number) {
    const { cy, report } = await readableReport(ctx.db, actor, memberId, year);
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
    return commitmentReports.report(ctx, actor, memberId, year);
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
                activityIds: i.activity_ids,
                attachmentIds: i.attachment_ids,
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
          evidenceCount: i.activity_ids.length + i.attachment_ids.length,
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
    return commitmentReports.report(ctx, actor, memberId, year);
  },

  /**
   * A file given as evidence in a report the actor may read — only one the report legitimately
   * holds: listed in one of its items AND stored under the cadre's organization or a unit below it
   * (a report can take in nothing else; an id stored some other way, e.g. before issue 11, is 404).
   */
  async reportFile(ctx: AppContext, actor: Actor, memberId: number, year: number, attachmentId: number) {
    const { cy, report } = await readableReport(ctx.db, actor, memberId, year);
    const used = (await repo.reportItems(ctx.db, report.id)).some((i) => i.attachment_ids.includes(attachmentId));
    const file = used ? await repo.fileIn(ctx.db, cy.org.path, attachmentId) : undefined;
    if (!file) throw notFound(FILE);
    return file;
  },
};
