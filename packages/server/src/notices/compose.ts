import { isoToday, validateQuiz, type FieldError, type Quiz } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireAll, scopeRoot } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { noticeRepository as repo, type NoticeContent, type NoticeModel } from './repository.ts';
import { noticePolicy, noticeSent } from './policy.ts';

/** The cadres' side of notices: write a draft, change it, send it (audience frozen), list them. */

export interface NoticeInput {
  title: string;
  body: string;
  attachmentIds: number[];
  targetOrgIds: number[] | null;
  quiz: Quiz | null;
  maxAttempts: number | null;
  dueOn: string | null;
}

const NOTICE = { zh: '通知', en: 'Notice' };
const lastDay = (c: { dates: Array<{ endsOn: string }> }) => c.dates.reduce((m, d) => (d.endsOn > m ? d.endsOn : m), '');

/** Checks what the sender wrote against the sending unit: quiz rules, targets strictly below it, its own files. */
async function checkedContent(trx: Executor, actor: Actor, org: { id: number; path: string }, input: NoticeInput): Promise<NoticeContent> {
  const errors: FieldError[] = [];
  if (input.quiz) {
    const v = validateQuiz(input.quiz);
    if (!v.ok) errors.push(...v.errors);
  }
  const targets = input.targetOrgIds?.length ? [...new Set(input.targetOrgIds)] : null;
  if (targets) {
    const rows = await requireAll(trx, actor, 'notice.write', 'org', targets, 'targetOrgIds');
    rows.forEach((o, i) => {
      if (o.path === org.path || !isInSubtree(org.path, o.path))
        errors.push({
          field: `targetOrgIds.${i}`,
          code: 'TARGET_NOT_BELOW_SENDER',
          message: { zh: '只能选择发送单位下属的组织', en: 'Choose organizations below the sending unit' },
        });
    });
  }
  if (errors.length) throw validationFailed(errors);
  await attachmentsUsable(trx, actor, input.attachmentIds, org);
  return { ...input, targetOrgIds: targets, attachmentIds: [...new Set(input.attachmentIds)] };
}

async function present(ex: Executor, actor: Actor, n: NoticeModel) {
  const orgs = await repo.organizations(ex, [n.orgId, ...(n.targetOrgIds ?? [])]);
  const name = (id: number) => orgs.find((o) => o.id === id)?.name ?? '';
  return {
    id: n.id,
    campaignId: n.campaignId,
    orgId: n.orgId,
    orgName: name(n.orgId),
    title: n.title,
    body: n.body,
    attachments: await presentAttachments(ex, n.attachmentIds),
    targetOrgs: n.targetOrgIds ? n.targetOrgIds.map((id) => ({ id, name: name(id) })) : null,
    quiz: n.quiz,
    maxAttempts: n.maxAttempts,
    dueOn: n.dueOn,
    status: n.status,
    sentAt: n.sentAt,
    recipientCount: n.recipientCount,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    canEdit: n.status === 'draft' && noticePolicy.write(actor, n),
  };
}

async function writable(trx: Executor, actor: Actor, id: number) {
  const n = await requireAccess(trx, actor, 'notice.write', 'notice', id);
  if (!noticePolicy.write(actor, n)) throw forbidden();
  if (n.status !== 'draft') throw noticeSent();
  return n;
}

export const composeService = {
  async list(ctx: AppContext, actor: Actor, f: { campaignId?: number; orgId?: number }) {
    const root = f.orgId ? (await requireAccess(ctx.db, actor, 'notice.read', 'org', f.orgId)).path : scopeRoot(actor, 'notice.read');
    const rows = await repo.list(ctx.db, root, { campaignId: f.campaignId });
    return rows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      orgId: r.org_id,
      orgName: r.org_name,
      title: r.title,
      status: r.status,
      hasQuiz: r.has_quiz === 1,
      dueOn: r.due_on,
      sentAt: r.sent_at,
      recipientCount: Number(r.recipient_count),
      readCount: Number(r.read_count ?? 0),
      awareCount: Number(r.aware_count ?? 0),
    }));
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    return present(ctx.db, actor, await requireAccess(ctx.db, actor, 'notice.read', 'notice', id));
  },

  /** A draft at a unit in scope, in a campaign covering that unit. */
  async create(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: NoticeInput) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'notice.write', 'org', orgId);
      const c = await requireAccess(trx, actor, 'notice.write', 'campaign', campaignId);
      if (!isInSubtree(c.orgPath, org.path))
        throw validationFailed([
          {
            field: 'orgId',
            code: 'ORG_OUTSIDE_CAMPAIGN',
            message: { zh: '该组织不在此主题实践活动范围内', en: "This organization is outside the campaign's organizations" },
          },
        ]);
      const content = await checkedContent(trx, actor, org, input);
      const id = await repo.insert(trx, { ...content, campaignId, orgId, orgPath: org.path, at: nowIso(), by: actor.userId });
      await audit(trx, actor, { action: 'notice.create', targetType: 'notice', targetId: id, summary: { campaignId, orgId, quiz: !!content.quiz } });
      return present(trx, actor, (await repo.byId(trx, id))!);
    });
  },

  async update(ctx: AppContext, actor: Actor, id: number, input: NoticeInput) {
    return ctx.db.transaction().execute(async (trx) => {
      const n = await writable(trx, actor, id);
      const content = await checkedContent(trx, actor, { id: n.orgId, path: n.orgPath }, input);
      if (!(await repo.updateDraft(trx, id, content, nowIso()))) throw noticeSent();
      await audit(trx, actor, { action: 'notice.update', targetType: 'notice', targetId: id });
      return present(trx, actor, (await repo.byId(trx, id))!);
    });
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      await writable(trx, actor, id);
      if (!(await repo.deleteDraft(trx, id))) throw noticeSent();
      await audit(trx, actor, { action: 'notice.delete', targetType: 'notice', targetId: id });
    });
  },

  /**
   * Sends a draft: the active members of the sending unit's subtree (or of the chosen units
   * below it) become its recipients, once — a member who joins or transfers in later is not
   * addressed by it (docs/notices.md).
   */
  async send(ctx: AppContext, actor: Actor, id: number) {
    return ctx.db.transaction().execute(async (trx) => {
      const n = await writable(trx, actor, id);
      const c = await requireAccess(trx, actor, 'notice.write', 'campaign', n.campaignId).catch(() => null);
      if (!c) throw notFound(NOTICE);
      if (lastDay(c) < isoToday()) throw conflict('CAMPAIGN_ENDED', '主题实践活动已结束，不能再发送通知', 'The campaign has ended: no more notices');
      const roots = n.targetOrgIds ? (await repo.organizations(trx, n.targetOrgIds)).map((o) => o.path) : [n.orgPath];
      const members = roots.length ? await repo.audience(trx, roots) : [];
      const at = nowIso();
      if (!(await repo.markSent(trx, id, members.length, at, actor.userId))) throw noticeSent();
      await repo.insertRecipients(trx, id, members);
      await audit(trx, actor, { action: 'notice.send', targetType: 'notice', targetId: id, summary: { recipients: members.length } });
      return present(trx, actor, (await repo.byId(trx, id))!);
    });
  },
};
