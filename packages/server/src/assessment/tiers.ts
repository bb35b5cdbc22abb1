import { BUILTIN_RUBRIC, tierChange, titleProblems, TITLE_CODES, TITLE_NAMES, type RubricSettings, type TierCode, type TitleCode } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { refreshUnitsInAllCampaigns } from '../campaigns/rollup.ts';
import { notify } from '../inbox/service.ts';
import { rubricByKey } from './rubrics.ts';
import { assessmentPolicy, awardAboveOnly, selfAward } from './policy.ts';
import { tierRepository as repo } from './tier-repository.ts';

export type TierChange = ReturnType<typeof tierChange>;

const mayAward = (actor: Actor, orgPath: string) => assessmentPolicy.award(actor, { path: orgPath });

/** The rules a unit's titles follow in a year: those of the rubric its verified tier came from, else the built-in rubric's. */
async function settingsFor(ex: Executor, orgId: number, year: number): Promise<RubricSettings> {
  const rubric = await repo.rubricOfYear(ex, orgId, year);
  if (rubric) return rubric.settings;
  return (await rubricByKey(ex, BUILTIN_RUBRIC.key)).settings;
}

async function titleOptions(ex: Executor, actor: Actor, org: { id: number; path: string }, year: number) {
  const tier = await repo.tierOfYear(ex, org.id, year);
  const held = (await repo.titlesOfYear(ex, org.id, year)).map((title) => ({ title }));
  const last = (await repo.titlesOfYear(ex, org.id, year - 1)).map((title) => ({ title }));
  const settings = await settingsFor(ex, org.id, year);
  const lastYear = last.map((r) => r.title as TitleCode);
  return TITLE_CODES.map((title) => {
    const problems = titleProblems(settings, title, (tier?.tier as TierCode | null) ?? null, lastYear);
    const has = held.some((h) => h.title === title);
    return {
      title,
      nameZh: TITLE_NAMES[title].zh,
      nameEn: TITLE_NAMES[title].en,
      held: has,
      problems,
      canAward: !has && !problems.length && mayAward(actor, org.path),
    };
  });
}

export const tierService = {
  /** A unit's tiers and titles by year, and which titles it may receive in `year`. */
  async history(ctx: AppContext, actor: Actor, orgId: number, year: number) {
    const org = await requireAccess(ctx.db, actor, 'assessment.read', 'org', orgId);
    const [tiers, titles] = await Promise.all([repo.tierHistory(ctx.db, org.id), repo.titleHistory(ctx.db, org.id)]);
    return {
      org: { id: org.id, name: org.name, typeCode: org.type_code, foundedOn: org.founded_on },
      tiers: tiers.map((t, i) => ({
        year: t.year,
        tier: (t.tier as TierCode | null) ?? null,
        score: t.score == null ? null : Number(t.score),
        campaignId: t.campaign_id,
        campaignName: t.campaign_name ?? null,
        decidedAt: t.decided_at,
        change: tierChange(tiers[i + 1]?.year === t.year - 1 ? ((tiers[i + 1].tier as TierCode | null) ?? null) : null, (t.tier as TierCode | null) ?? null),
      })),
      titles: titles.map((t) => ({
        id: t.id,
        year: t.year,
        title: t.title as TitleCode,
        nameZh: TITLE_NAMES[t.title as TitleCode]?.zh ?? t.title,
        nameEn: TITLE_NAMES[t.title as TitleCode]?.en ?? t.title,
        note: t.note,
        awardedBy: t.awarded_by_name,
        awarderOrgName: t.awarder_name,
        awardedAt: t.awarded_at,
        canRevoke: mayAward(actor, org.path),
      })),
      year,
      titleOptions: await titleOptions(ctx.db, actor, org, year),
    };
  },

  /**
   * 晋档升级: every unit of the subtree with a tier this year or last year, and how it moved.
   * Counts cover the whole subtree; rows are paged (and filtered by change).
   */
  async upgradeReport(ctx: AppContext, actor: Actor, q: { orgId?: number; year: number; change?: TierChange; page: number; pageSize: number }) {
    const root = await requireAccess(ctx.db, actor, 'assessment.read', 'org', q.orgId ?? actor.grant.orgId);
    const rows = await repo.tiersBelow(ctx.db, root.path, [q.year, q.year - 1]);
    const units = new Map<
      number,
      {
        orgId: number;
        name: string;
        typeCode: string;
        parentName: string | null;
        last: TierCode | null;
        now: TierCode | null;
        lastScore: number | null;
        nowScore: number | null;
      }
    >();
    for (const r of rows) {
      const u = units.get(r.org_id) ?? {
        orgId: r.org_id,
        name: r.name,
        typeCode: r.type_code,
        parentName: r.parent_name ?? null,
        last: null,
        now: null,
        lastScore: null,
        nowScore: null,
      };
      if (r.year === q.year) {
        u.now = (r.tier as TierCode | null) ?? null;
        u.nowScore = r.score == null ? null : Number(r.score);
      } else {
        u.last = (r.tier as TierCode | null) ?? null;
        u.lastScore = r.score == null ? null : Number(r.score);
      }
      units.set(r.org_id, u);
    }
    const all = [...units.values()].map((u) => ({ ...u, change: tierChange(u.last, u.now) }));
    const counts = { up: 0, down: 0, same: 0, new: 0, none: 0 } as Record<TierChange, number>;
    const byTier: Record<string, { last: number; now: number }> = {};
    for (const u of all) {
      counts[u.change] += 1;
      if (u.last) (byTier[u.last] ??= { last: 0, now: 0 }).last += 1;
      if (u.now) (byTier[u.now] ??= { last: 0, now: 0 }).now += 1;
    }
    const filtered = q.change ? all.filter((u) => u.change === q.change) : all;
    return {
      org: { id: root.id, name: root.name },
      year: q.year,
      counts,
      byTier,
      total: filtered.length,
      page: q.page,
      pageSize: q.pageSize,
      items: filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    };
  },

  /** Titles awarded in a subtree (default: the actor's organization) for a year. */
  async titles(ctx: AppContext, actor: Actor, q: { orgId?: number; year: number; title?: TitleCode; page: number; pageSize: number }) {
    const root = await requireAccess(ctx.db, actor, 'assessment.read', 'org', q.orgId ?? actor.grant.orgId);
    const { rows, total } = await repo.titles(ctx.db, {
      rootPath: root.path,
      year: q.year,
      title: q.title,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        orgName: r.org_name,
        year: r.year,
        title: r.title as TitleCode,
        nameZh: TITLE_NAMES[r.title as TitleCode]?.zh ?? r.title,
        nameEn: TITLE_NAMES[r.title as TitleCode]?.en ?? r.title,
        note: r.note,
        awardedBy: r.awarded_by_name,
        awarderOrgName: r.awarder_name,
        awardedAt: r.awarded_at,
        canRevoke: mayAward(actor, r.org_path),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  /** The level above awards a title of the ladder, if the unit's tier and last year's title allow it. */
  async award(ctx: AppContext, actor: Actor, input: { orgId: number; year: number; title: TitleCode; note?: string | null }) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'assessment.verify', 'org', input.orgId);
      if (!assessmentPolicy.award(actor, org)) throw selfAward();
      const options = await titleOptions(trx, actor, org, input.year);
      const option = options.find((o) => o.title === input.title)!;
      if (option.held) throw conflict('TITLE_HELD', '该单位本年度已获此称号', 'The unit already holds this title for the year');
      if (option.problems.length) {
        throw validationFailed(option.problems.map((p) => ({ field: 'title', code: p.code, message: { zh: p.zh, en: p.en } })));
      }
      const tier = await repo.tierOfYear(trx, org.id, input.year);
      const { id } = await repo.insertTitle(trx, {
        org_id: org.id,
        year: input.year,
        title: input.title,
        campaign_id: tier?.campaign_id ?? null,
        note: input.note?.trim() || null,
        awarded_by: actor.userId,
        awarded_by_name: actor.displayName,
        awarder_org_id: actor.grant.orgId,
        awarded_at: nowIso(),
      });
      await audit(trx, actor, {
        action: 'title.award',
        targetType: 'unit_title',
        targetId: id,
        summary: { orgId: org.id, year: input.year, title: input.title },
      });
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'title_awarded',
        link: '/assessment?tab=titles',
        titleZh: `${actor.grant.orgName}授予本单位 ${input.year} 年度“${TITLE_NAMES[input.title].zh}”称号`,
        titleEn: `${actor.grant.orgName} awarded the ${input.year} "${TITLE_NAMES[input.title].en}" title`,
      });
      if (input.title === 'red_flag') await refreshUnitsInAllCampaigns(trx, [org.id]);
      return { id };
    });
  },

  /** Withdraws a title (audited); the Red Flag ratio follows. */
  async revoke(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const t = await requireAccess(trx, actor, 'assessment.verify', 'title', id);
      if (!mayAward(actor, t.org_path)) throw awardAboveOnly();
      await repo.deleteTitle(trx, id);
      await audit(trx, actor, { action: 'title.revoke', targetType: 'unit_title', targetId: id, summary: { orgId: t.org_id, year: t.year, title: t.title } });
      if (t.title === 'red_flag') await refreshUnitsInAllCampaigns(trx, [t.org_id]);
    });
  },
};
