import { commitmentYearOpen, isoToday, reportYearOpen } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { forbidden } from '../http/errors.ts';
import { commitmentRepository as repo } from './repository.ts';
import { commitmentPolicy } from './policy.ts';
import { commitmentRules } from './rules.ts';
import { ownMember, readable } from './cadre-year.ts';
import { presentCadre, presentItem } from './present.ts';

/** Reading: the 承诺公示 board of an organization, and one cadre's year. */
export const commitmentBoard = {
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
    const { rows, totals } = await repo.cadrePage(ctx.db, { orgId: org.id, orgPath: org.path, subtree: q.subtree, year: q.year }, q);
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
      totals,
      items: rows.map((r) => present(r, true)),
      former: former.map((r) => present(r, false)),
      total: totals.cadres,
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
        items: v.items,
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
};
