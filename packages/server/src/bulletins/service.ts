import {
  ACTIVITY_TYPES,
  chineseDate,
  draftParagraphs,
  formatDocNumber,
  isoToday,
  rankUnits,
  validateDocPrefix,
  validateScoreWeights,
  type BulletinBody,
  type BulletinHighlight,
  type FieldError,
  type ScoreWeights,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole, scopeRoot, type ResourceRow } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { dashboardService } from '../dashboard/service.ts';
import { bulletinRepository as repo } from './repository.ts';
import { bulletinPolicy } from './policy.ts';
import { bulletinPdf } from './pdf.ts';

const HIGHLIGHT_LIMIT = 30;
const LAGGING_LIMIT = 50;
const EXCERPT_CHARS = 120;

type Row = ResourceRow<'bulletin'>;
type ListRow = Awaited<ReturnType<typeof repo.list>>[0][number];

const numberOf = (r: { number_prefix: string | null; number_year: number | null; number_seq: number | null }) =>
  r.number_year && r.number_seq ? formatDocNumber(r.number_prefix, r.number_year, r.number_seq) : null;

function presentItem(r: ListRow, actor: Actor) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    orgId: r.org_id,
    orgName: r.org_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    title: r.title,
    number: numberOf(r),
    numberPrefix: r.number_prefix,
    numberYear: r.number_year,
    numberSeq: r.number_seq,
    status: r.status,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    /** Issued inside the actor's subtree and the actor holds bulletin.write: it may edit, number, publish. */
    canEdit: bulletinPolicy.edit(actor, r),
  };
}

function present(r: Row, actor: Actor) {
  return { ...presentItem(r, actor), body: r.body, weights: r.score_weights };
}

const plainText = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const excerpt = (s: string) => {
  const t = plainText(s);
  return [...t].length > EXCERPT_CHARS ? `${[...t].slice(0, EXCERPT_CHARS).join('')}……` : t;
};

/** A failed unique constraint (two numberings racing): the caller retries. */
const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
};

export interface GenerateInput {
  campaignId: number;
  orgId: number;
  periodFrom: string;
  periodTo: string;
  weights?: Partial<ScoreWeights>;
}
export interface EditInput {
  title?: string;
  addressee?: string;
  opening?: string;
  overviewText?: string;
  requirements?: string[];
  closing?: string;
  signature?: string;
  dateLine?: string;
  /** Activity ids of the highlights to keep in the document (the others stay listed, unticked). */
  highlightIds?: number[];
}

const readableOr404 = (ctx: AppContext, actor: Actor, id: number) => requireAccess(ctx.db, actor, 'bulletin.read', 'bulletin', id);

export const bulletinService = {
  async list(ctx: AppContext, actor: Actor, q: { campaignId?: number; orgId?: number; status?: 'draft' | 'published'; page: number; pageSize: number }) {
    const root = scopeRoot(actor, 'bulletin.read');
    // An organization to filter by is one in the actor's scope (else 404, like any foreign id).
    const org = q.orgId ? await requireAccess(ctx.db, actor, 'bulletin.read', 'org', q.orgId) : null;
    const [rows, total] = await repo.list(ctx.db, { root, readsDrafts: bulletinPolicy.readsDrafts(actor) }, { ...q, orgPath: org?.path });
    return { items: rows.map((r) => presentItem(r, actor)), total: Number(total.n), page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    return present(await readableOr404(ctx, actor, id), actor);
  },

  /**
   * Drafts a bulletin from the figures as they stand: overview, ranking of the child units by
   * completion score, notable activities of the period, lagging units with their responsible
   * persons, and prefilled paragraphs. Figures are frozen in the draft; editing never recomputes.
   */
  async generate(ctx: AppContext, actor: Actor, input: GenerateInput, today = isoToday()) {
    requireRole(actor, 'bulletin.write');
    const errors: FieldError[] = [];
    if (input.periodFrom > input.periodTo)
      errors.push({ field: 'periodTo', code: 'PERIOD_ORDER', message: { zh: '截止日期不能早于开始日期', en: 'The period cannot end before it starts' } });
    const w = validateScoreWeights(input.weights);
    if (!w.ok) errors.push(...w.errors);
    if (errors.length || !w.ok) throw validationFailed(errors);
    const weights = w.value;

    const org = await requireAccess(ctx.db, actor, 'bulletin.write', 'org', input.orgId);
    const figures = await dashboardService.figures(ctx, actor, input.campaignId, org.id, today, 'bulletin.write');
    const lagging = await dashboardService.laggingUnits(ctx, actor, input.campaignId, org.id, LAGGING_LIMIT, today, 'bulletin.write');
    const activities = await repo.notableActivities(ctx.db, input.campaignId, org.path, input.periodFrom, input.periodTo, HIGHLIGHT_LIMIT);

    const campaign = figures.campaign;
    const phase = campaign.phases.find((p) => p.key === campaign.currentPhase);
    const overview: BulletinBody['overview'] = {
      orgName: org.name,
      campaignName: campaign.name,
      currentPhaseNameZh: phase?.nameZh ?? null,
      members: figures.members,
      participants: figures.participants,
      participationRate: figures.participationRate,
      plans: figures.plans,
      activities: { total: figures.activities.total, byType: figures.activities.byType },
      tasks: figures.tasks.map((t) => ({ key: t.key, nameZh: t.nameZh, nameEn: t.nameEn, required: t.required, done: t.done, rate: t.rate })),
      reach: {
        aware: figures.awareness.aware,
        awarenessRate: figures.awareness.rate,
        pledged: figures.pledges.pledged,
        pledgeRate: figures.pledges.rate,
        branches: figures.coverage.branches,
        branchesWithActivity: figures.coverage.branchesWithActivity,
        branchCoverageRate: figures.coverage.branchRate,
        memberCoverageRate: figures.coverage.memberRate,
        media: figures.media.total,
        postsPublished: figures.media.postsPublished,
      },
    };
    const ranking = rankUnits(figures.children, weights).map((r) => ({
      rank: r.rank,
      orgId: r.unit.id,
      name: r.unit.name,
      responsiblePerson: r.unit.responsiblePerson,
      score: r.score,
      tasksDone: r.unit.tasksDone,
      tasksRequired: r.unit.tasksRequired,
      plansApproved: r.unit.plansApproved,
      plansRequired: r.unit.plansRequired,
      participationRate: r.unit.participationRate,
      activities: r.unit.activities,
      awarenessRate: r.unit.awarenessRate,
    }));
    const highlights: BulletinHighlight[] = activities.map((a) => ({
      activityId: a.id,
      orgId: a.org_id,
      orgName: a.org_name,
      title: a.title,
      heldOn: a.held_on,
      typeNameZh: ACTIVITY_TYPES.find((t) => t.code === a.type)?.nameZh ?? a.type,
      excerpt: excerpt(a.summary),
      included: true,
    }));
    const paragraphs = draftParagraphs({
      campaignName: campaign.name,
      issuer: org.name,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      asOf: today,
      overview,
      laggingCount: lagging.length,
    });
    const body: BulletinBody = { issuer: org.name, ...paragraphs, overview, ranking, highlights, lagging, signature: org.name, dateLine: chineseDate(today) };
    const title = `关于${campaign.name}进展情况的通报`.slice(0, 200);

    return ctx.db.transaction().execute(async (trx) => {
      const at = nowIso();
      const { id } = await repo.insert(trx, {
        campaign_id: input.campaignId,
        org_id: org.id,
        org_path: org.path,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        title,
        body,
        score_weights: weights,
        number_prefix: null,
        number_year: null,
        number_seq: null,
        status: 'draft',
        published_at: null,
        published_by: null,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: 'bulletin.create',
        targetType: 'bulletin',
        targetId: id,
        summary: {
          campaignId: input.campaignId,
          orgId: org.id,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          weights,
          ranked: ranking.length,
          highlights: highlights.length,
          lagging: lagging.length,
        },
      });
      return id;
    });
  },

  async update(ctx: AppContext, actor: Actor, id: number, input: EditInput) {
    await ctx.db.transaction().execute(async (trx) => {
      const b = await requireAccess(trx, actor, 'bulletin.write', 'bulletin', id);
      if (b.status !== 'draft') throw conflict('BULLETIN_PUBLISHED', '通报已发布，不能再修改', 'The bulletin is published and can no longer be changed');
      const body = b.body;
      if (input.highlightIds) {
        const known = new Set(body.highlights.map((h) => h.activityId));
        const unknown = input.highlightIds.filter((x) => !known.has(x));
        if (unknown.length)
          throw validationFailed([
            {
              field: 'highlightIds',
              code: 'HIGHLIGHT_UNKNOWN',
              message: { zh: '所选亮点不在本期通报的活动中', en: 'A chosen highlight is not one of this bulletin’s activities' },
            },
          ]);
        const keep = new Set(input.highlightIds);
        body.highlights = body.highlights.map((h) => ({ ...h, included: keep.has(h.activityId) }));
      }
      for (const k of ['addressee', 'opening', 'overviewText', 'closing', 'signature', 'dateLine'] as const) {
        if (input[k] !== undefined) body[k] = input[k]!;
      }
      if (input.requirements) body.requirements = input.requirements;
      const changed = Object.keys(input).filter((k) => input[k as keyof EditInput] !== undefined);
      await repo.update(trx, id, { title: input.title ?? b.title, body, updated_at: nowIso() });
      await audit(trx, actor, {
        action: 'bulletin.update',
        targetType: 'bulletin',
        targetId: id,
        summary: { fields: changed, ...(input.title ? { title: input.title } : {}) },
      });
    });
    return bulletinService.get(ctx, actor, id);
  },

  /**
   * 编号: the next number of the issuing organization for this year (〔YYYY〕N号). A numbered
   * draft keeps its number (only the prefix can change); a published bulletin is final.
   */
  async number(ctx: AppContext, actor: Actor, id: number, input: { prefix?: string | null }, year = Number(isoToday().slice(0, 4))) {
    requireRole(actor, 'bulletin.write');
    const prefixErrors = validateDocPrefix(input.prefix);
    if (prefixErrors.length) throw validationFailed(prefixErrors);
    const prefix = input.prefix?.trim() || null;
    for (let attempt = 1; ; attempt++) {
      try {
        await ctx.db.transaction().execute(async (trx) => {
          const b = await requireAccess(trx, actor, 'bulletin.write', 'bulletin', id);
          if (b.status !== 'draft') throw conflict('BULLETIN_PUBLISHED', '通报已发布，不能再修改', 'The bulletin is published and can no longer be changed');
          const at = nowIso();
          if (b.number_seq) {
            await repo.update(trx, id, { number_prefix: prefix, updated_at: at });
          } else {
            await repo.assignNumber(trx, id, b.org_id, year, prefix, at);
          }
          const after = await requireAccess(trx, actor, 'bulletin.write', 'bulletin', id);
          await audit(trx, actor, {
            action: 'bulletin.number',
            targetType: 'bulletin',
            targetId: id,
            summary: { number: numberOf(after!), before: numberOf(b) },
          });
        });
        break;
      } catch (e) {
        if (attempt < 8 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
    return bulletinService.get(ctx, actor, id);
  },

  /** Publishes a numbered draft and tells the whole subtree with one broadcast notice. */
  async publish(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    await ctx.db.transaction().execute(async (trx) => {
      const b = await requireAccess(trx, actor, 'bulletin.write', 'bulletin', id);
      if (b.status !== 'draft') throw conflict('BULLETIN_PUBLISHED', '通报已发布', 'The bulletin is already published');
      const number = numberOf(b);
      if (!number) throw conflict('BULLETIN_NOT_NUMBERED', '请先为通报编号再发布', 'Give the bulletin a number before publishing it');
      const body = b.body;
      // 成文日期 is the day it is issued.
      body.dateLine = chineseDate(today);
      const at = nowIso();
      await repo.update(trx, id, { status: 'published', published_at: at, published_by: actor.userId, body, updated_at: at });
      const org = await requireAccess(trx, actor, 'bulletin.write', 'org', b.org_id);
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'bulletin_published',
        titleZh: `${org.name}通报：${b.title}（${number}）`,
        titleEn: `Bulletin ${number} from ${org.name}`,
        body: null,
        link: `/bulletins/${id}`,
      });
      await audit(trx, actor, { action: 'bulletin.publish', targetType: 'bulletin', targetId: id, summary: { number, orgId: org.id } });
    });
    return bulletinService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const b = await requireAccess(trx, actor, 'bulletin.write', 'bulletin', id);
      if (b.status !== 'draft') throw conflict('BULLETIN_PUBLISHED', '已发布的通报不能删除', 'A published bulletin cannot be deleted');
      await repo.delete(trx, id);
      await audit(trx, actor, { action: 'bulletin.delete', targetType: 'bulletin', targetId: id, summary: { title: b.title, number: numberOf(b) } });
    });
  },

  /** The document in the requested format; every download is audited. */
  async download(ctx: AppContext, actor: Actor, id: number, format: 'docx' | 'pdf') {
    const b = present(await readableOr404(ctx, actor, id), actor);
    const input = { title: b.title, number: b.number, body: b.body, weights: b.weights };
    const content = format === 'docx' ? await (await import('./docx.ts')).bulletinDocx(input) : await bulletinPdf(input); // docx loads on first use
    await audit(ctx.db, actor, { action: 'bulletin.download', targetType: 'bulletin', targetId: id, summary: { format, number: b.number, status: b.status } });
    return { content, filename: `${b.number ? `${b.number} ` : ''}${b.title}.${format}` };
  },
};
