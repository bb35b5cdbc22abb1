import { isoToday, type FieldError, type NewReportRequest } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot, type ResourceRow } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { orgRepository } from '../orgs/repository.ts';
import { notify, notifyMany } from '../inbox/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { lateFrom, reportRepository as repo, type BoardStatus, type StoredTargetFilter, type SubmissionRecord } from './repository.ts';
import { reportPolicy } from './policy.ts';

const REPORT = { zh: '书面汇报', en: 'Written report' };
const SUBMISSION = { zh: '汇报单位', en: 'Reporting unit' };

type RequestRow = ResourceRow<'reportRequest'>;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const isLate = (submittedAt: string | null, dueOn: string) => !!submittedAt && submittedAt >= lateFrom(dueOn);

export function boardStatus(s: { status: string; submitted_at: string | null }, dueOn: string, today: string): BoardStatus {
  if (s.status === 'submitted') return isLate(s.submitted_at, dueOn) ? 'late' : 'submitted';
  return today > dueOn ? 'missing' : 'pending';
}

function presentRequest(r: RequestRow, today: string) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name ?? null,
    taskKey: r.task_key,
    title: r.title,
    guidance: r.guidance,
    dueOn: r.due_on,
    daysLeft: daysBetween(today, r.due_on),
    filter: r.targetFilter,
    createdAt: r.created_at,
  };
}

async function presentSubmission(ex: Executor, s: SubmissionRecord, dueOn: string, today: string, orgName: string) {
  return {
    orgId: s.org_id,
    orgName,
    status: s.status,
    boardStatus: boardStatus(s, dueOn, today),
    late: isLate(s.submitted_at, dueOn),
    content: s.content ?? '',
    attachments: await presentAttachments(ex, s.attachmentIds),
    submittedAt: s.submitted_at,
    reviewComment: s.review_comment,
    reviewedAt: s.reviewed_at,
  };
}

/** The request as its requesting side sees it (the board, the export): else a 404, as for a request the actor cannot reach. */
async function requestOfRequester(ex: Executor, actor: Actor, acting: 'report.read' | 'report.request', id: number) {
  const r = await requireAccess(ex, actor, acting, 'reportRequest', id);
  if (!reportPolicy.requester(actor, r)) throw notFound(REPORT);
  return r;
}

/**
 * A target's submission the actor may act for: the request is in reach, the unit is in the
 * actor's scope and was asked. Anything else, including a request the unit was not asked, is a 404.
 */
async function targetSubmission(ex: Executor, actor: Actor, acting: 'report.read' | 'report.submit', id: number, orgId: number) {
  const r = await requireAccess(ex, actor, acting, 'reportRequest', id);
  const org = await requireAccess(ex, actor, acting, 'org', orgId);
  const s = await repo.submission(ex, id, org.id);
  if (!s) throw notFound(SUBMISSION);
  return { r, s, org };
}

async function validateRequest(ex: Executor, input: NewReportRequest, org: { path: string }, today: string): Promise<{ taskKey: string | null }> {
  const errors: FieldError[] = [];
  if (input.dueOn < today)
    errors.push({ field: 'dueOn', code: 'DUE_IN_PAST', message: { zh: '截止日期不能早于今天', en: 'The deadline cannot be in the past' } });
  if (input.filter.types?.length) {
    const known = new Set((await orgRepository.types(ex)).map((t) => t.code));
    const unknown = input.filter.types.filter((t) => !known.has(t));
    if (unknown.length)
      errors.push({
        field: 'filter.types',
        code: 'ORG_TYPE_UNKNOWN',
        message: { zh: `组织类型不存在：${unknown.join('、')}`, en: `Unknown organization types: ${unknown.join(', ')}` },
      });
  }
  let taskKey: string | null = null;
  if (input.campaignId) {
    const c = await campaignRepository.byId(ex, input.campaignId);
    if (!c || !isInSubtree(c.orgPath, org.path)) {
      errors.push({
        field: 'campaignId',
        code: 'CAMPAIGN_NOT_COVERING',
        message: { zh: '该主题实践活动不覆盖本组织', en: 'The campaign does not cover this organization' },
      });
    } else if (input.taskKey) {
      const task = c.definition.phases.flatMap((p) => p.tasks).find((t) => t.key === input.taskKey);
      if (task?.evidence.kind !== 'report_submitted') {
        errors.push({
          field: 'taskKey',
          code: 'TASK_NOT_REPORT',
          message: { zh: '该任务不以书面汇报为完成依据', en: 'This task is not completed by a written report' },
        });
      } else taskKey = task.key;
    }
  } else if (input.taskKey) {
    errors.push({ field: 'taskKey', code: 'TASK_NEEDS_CAMPAIGN', message: { zh: '关联任务前请先选择主题实践活动', en: 'Choose a campaign before a task' } });
  }
  if (errors.length) throw validationFailed(errors);
  return { taskKey };
}

export const reportService = {
  /**
   * Asks every active unit strictly below `orgId` that matches the filter for a written report:
   * one pending submission and one inbox notice per unit, written in batches, one transaction.
   */
  async create(ctx: AppContext, actor: Actor, input: NewReportRequest, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'report.request', 'org', input.orgId);
      const { taskKey } = await validateRequest(trx, input, org, today);
      const targets = await repo.targets(trx, org, input.filter);
      if (!targets.length) {
        throw new AppError(422, 'REPORT_NO_TARGETS', { zh: '没有符合条件的下级组织', en: 'No organization below matches the filter' }, [
          {
            field: 'filter',
            code: 'REPORT_NO_TARGETS',
            message: { zh: '没有符合条件的下级组织，请调整组织类型或层级', en: 'No organization below matches; change the types or the depth' },
          },
        ]);
      }
      const filter: StoredTargetFilter = {
        ...(input.filter.types?.length ? { types: input.filter.types } : {}),
        ...(input.filter.depth ? { depth: input.filter.depth } : {}),
      };
      const { id } = await repo.insertRequest(trx, {
        campaign_id: input.campaignId ?? null,
        task_key: taskKey,
        org_id: org.id,
        org_path: org.path,
        title: input.title,
        guidance: input.guidance,
        due_on: input.dueOn,
        targetFilter: filter,
        created_at: nowIso(),
        created_by: actor.userId,
      });
      await repo.insertSubmissions(
        trx,
        targets.map((t) => ({ request_id: id, org_id: t.id, org_path: t.path, status: 'pending', content: null })),
      );
      await notifyMany(
        trx,
        targets.map((t) => ({
          org: t,
          kind: 'report_requested',
          link: `/reports/${id}`,
          titleZh: `${org.name}请您于${input.dueOn}前提交书面汇报：${input.title}`,
          titleEn: `${org.name} asks for a written report by ${input.dueOn}: ${input.title}`,
        })),
      );
      await audit(trx, actor, {
        action: 'report.request',
        targetType: 'report_request',
        targetId: id,
        summary: { orgId: org.id, title: input.title, dueOn: input.dueOn, filter, campaignId: input.campaignId ?? null, taskKey, targets: targets.length },
      });
      return { id, targets: targets.length };
    });
  },

  async list(ctx: AppContext, actor: Actor, q: { box: 'sent' | 'received'; campaignId?: number; page: number; pageSize: number }, today = isoToday()) {
    const root = scopeRoot(actor, 'report.read');
    const window = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
    if (q.box === 'sent') {
      const { rows, total } = await repo.sentPage(ctx.db, root, q.campaignId, window);
      const progress = await repo.progress(
        ctx.db,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => ({
        ...presentRequest({ ...r, campaign_name: null }, today),
        targets: progress.get(r.id)?.total ?? 0,
        submittedCount: progress.get(r.id)?.submitted ?? 0,
      }));
      return { items, total, page: q.page, pageSize: q.pageSize };
    }
    const { rows, total } = await repo.receivedPage(ctx.db, actor.grant.orgId, q.campaignId, window);
    const items = rows.map((r) => ({
      ...presentRequest({ ...r, campaign_name: null }, today),
      submission: {
        status: r.status,
        boardStatus: boardStatus(r, r.due_on, today),
        submittedAt: r.submitted_at,
        late: isLate(r.submitted_at, r.due_on),
        reviewComment: r.review_comment,
        reviewedAt: r.reviewed_at,
      },
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  /**
   * The requesting side (request made in the actor's subtree) gets the board; a unit that was
   * asked (`orgId`, default the actor's own organization, in the actor's scope) gets the request
   * and its own submission only; anyone else a 404.
   */
  async get(ctx: AppContext, actor: Actor, id: number, q: { orgId?: number; status?: BoardStatus; page: number; pageSize: number }, today = isoToday()) {
    const r = await requireAccess(ctx.db, actor, 'report.read', 'reportRequest', id);
    const request = presentRequest(r, today);
    if (reportPolicy.requester(actor, r) && !q.orgId) {
      const [counts, { rows, total }] = await Promise.all([
        repo.counts(ctx.db, id, r.due_on, today),
        repo.boardPage(ctx.db, id, r.due_on, today, q.status, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      ]);
      return {
        side: 'requester' as const,
        request,
        canReview: reportPolicy.review(actor, r),
        board: {
          counts,
          rows: {
            items: rows.map((s) => ({
              orgId: s.org_id,
              orgName: s.name,
              typeCode: s.type_code,
              parentName: s.parent_name ?? null,
              responsiblePerson: s.responsible_person,
              status: boardStatus(s, r.due_on, today),
              submittedAt: s.submitted_at,
              late: isLate(s.submitted_at, r.due_on),
              reviewComment: s.review_comment,
              reviewedAt: s.reviewed_at,
            })),
            total,
            page: q.page,
            pageSize: q.pageSize,
          },
        },
      };
    }
    // Not the requesting side and not a unit that was asked: the request does not exist for the actor.
    const { s, org } = await targetSubmission(ctx.db, actor, 'report.read', id, q.orgId ?? actor.grant.orgId).catch((e: unknown) => {
      throw e instanceof AppError && e.status === 404 ? notFound(REPORT) : e;
    });
    return { side: 'target' as const, request, submission: await presentSubmission(ctx.db, s, r.due_on, today, org.name) };
  },

  /** One unit's submission with its text and files: for the requesting side or the unit itself. */
  async submission(ctx: AppContext, actor: Actor, id: number, orgId: number, today = isoToday()) {
    const r = await requireAccess(ctx.db, actor, 'report.read', 'reportRequest', id);
    if (reportPolicy.requester(actor, r)) {
      const s = await repo.submission(ctx.db, id, orgId);
      const org = s && (await repo.orgName(ctx.db, orgId));
      if (!s || !org) throw notFound(SUBMISSION);
      return presentSubmission(ctx.db, s, r.due_on, today, org.name);
    }
    const t = await targetSubmission(ctx.db, actor, 'report.read', id, orgId);
    return presentSubmission(ctx.db, t.s, t.r.due_on, today, t.org.name);
  },

  /**
   * Saves a unit's report. A draft keeps it pending; `submit` makes it submitted now (content or
   * a file required). Until the requesting side has reviewed it the unit may submit again (the
   * new text replaces the old and the submission time moves, so a re-submission after the
   * deadline is late); once reviewed it is closed (409 REPORT_REVIEWED). A submitted report
   * cannot go back to draft.
   */
  async save(
    ctx: AppContext,
    actor: Actor,
    id: number,
    orgId: number,
    input: { content: string; attachmentIds: number[]; submit: boolean },
    today = isoToday(),
  ) {
    await ctx.db.transaction().execute(async (trx) => {
      const { r, s, org } = await targetSubmission(trx, actor, 'report.submit', id, orgId);
      if (!reportPolicy.submit(actor, org)) throw forbidden();
      if (s.reviewed_at) throw conflict('REPORT_REVIEWED', '上级已批阅，不能再修改', 'The report has been reviewed and can no longer be changed');
      if (s.status === 'submitted' && !input.submit)
        throw conflict(
          'REPORT_ALREADY_SUBMITTED',
          '已提交的汇报不能改回草稿，请直接重新提交',
          'A submitted report cannot go back to draft; submit it again instead',
        );
      const content = input.content.trim();
      if (input.submit && !content && !input.attachmentIds.length) {
        throw validationFailed([
          { field: 'content', code: 'REPORT_EMPTY', message: { zh: '请填写汇报内容或上传附件', en: 'Write the report or attach a file' } },
        ]);
      }
      if (input.attachmentIds.length) await attachmentsUsable(trx, actor, input.attachmentIds, org);
      const at = nowIso();
      await repo.updateSubmission(trx, s.id, {
        content,
        attachmentIds: [...new Set(input.attachmentIds)],
        ...(input.submit ? { status: 'submitted' as const, submitted_at: at, submitted_by: actor.userId } : {}),
      });
      if (input.submit && r.campaign_id) await refreshUnits(trx, r.campaign_id, [org.id]);
      await audit(trx, actor, {
        action: input.submit ? 'report.submit' : 'report.save_draft',
        targetType: 'report_submission',
        targetId: s.id,
        summary: {
          requestId: id,
          orgId: org.id,
          chars: content.length,
          attachments: input.attachmentIds.length,
          late: input.submit ? at >= lateFrom(r.due_on) : undefined,
          resubmit: s.status === 'submitted' || undefined,
        },
      });
    });
    return reportService.submission(ctx, actor, id, orgId, today);
  },

  /** The requesting side comments on a submitted report; the unit gets a notice. */
  async review(ctx: AppContext, actor: Actor, id: number, orgId: number, comment: string, today = isoToday()) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await requestOfRequester(trx, actor, 'report.request', id);
      if (!reportPolicy.review(actor, r)) throw forbidden();
      const s = await repo.submission(trx, id, orgId);
      if (!s) throw notFound(SUBMISSION);
      if (s.status !== 'submitted') throw conflict('REPORT_NOT_SUBMITTED', '该单位尚未提交汇报', 'This unit has not submitted its report yet');
      await repo.updateSubmission(trx, s.id, { review_comment: comment, reviewed_at: nowIso(), reviewed_by: actor.userId });
      await notify(trx, {
        org: { id: s.org_id, path: s.org_path },
        kind: 'report_reviewed',
        link: `/reports/${id}`,
        titleZh: `${r.org_name}已批阅您的书面汇报：${r.title}`,
        titleEn: `${r.org_name} reviewed your written report: ${r.title}`,
        body: comment,
      });
      await audit(trx, actor, { action: 'report.review', targetType: 'report_submission', targetId: s.id, summary: { requestId: id, orgId, comment } });
    });
    return reportService.submission(ctx, actor, id, orgId, today);
  },

  /** Every board row of a request, for the .xlsx export (requesting side only). */
  async exportRows(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    const r = await requestOfRequester(ctx.db, actor, 'report.read', id);
    const rows = await repo.exportRows(ctx.db, id, r.due_on, today);
    await audit(ctx.db, actor, { action: 'report.export', targetType: 'report_request', targetId: id, summary: { rows: rows.length } });
    return { request: r, rows: rows.map((s) => ({ ...s, boardStatus: boardStatus(s, r.due_on, today) })) };
  },
};
