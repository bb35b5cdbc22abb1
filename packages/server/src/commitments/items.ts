import { commitmentYearOpen, isoToday, validateCommitmentItem, validatePublish, type CommitmentRules } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { commitmentRepository as repo, type VersionItem } from './repository.ts';
import { commitmentRules } from './rules.ts';
import { assertReportOpen, ensurePlan, frozen, itemForWrite, onBehalf, writable, yearClosed } from './cadre-year.ts';
import { presentItem } from './present.ts';
import { commitmentBoard } from './board.ts';

export interface ItemBody {
  text: string;
  category?: string | null;
  dueOn?: string | null;
}
function checkItem(body: ItemBody, year: number, rules: CommitmentRules) {
  const errors = validateCommitmentItem(body, year, rules);
  if (errors.length) throw validationFailed(errors);
}

/** Writing the commitments: drafts, revisions of published ones, and publishing a new frozen version. */
export const commitmentItems = {
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
      const snapshot: VersionItem[] = now.map((i) => ({
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
        items: snapshot,
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
    return commitmentBoard.get(ctx, actor, memberId, year);
  },
};
