import { isoToday, PLEDGE_POST_MAX, PLEDGE_TEXT_MAX } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound } from '../http/errors.ts';
import { notAMember } from '../notices/policy.ts';
import { pledgeRepository as repo } from './repository.ts';

export { PLEDGE_POST_MAX, PLEDGE_TEXT_MAX };

/** A campaign runs from its first phase's first day to its last phase's last day. */
export const isRunning = (c: CampaignModel, today = isoToday()) =>
  c.dates.length > 0 && c.dates[0].startsOn <= today && today <= c.dates.reduce((m, d) => (d.endsOn > m ? d.endsOn : m), '');

async function myMember(ctx: AppContext, actor: Actor) {
  if (actor.memberId == null) throw notAMember();
  const m = await repo.member(ctx.db, actor.memberId);
  if (!m || m.status !== 'active') throw notFound({ zh: '团员', en: 'Member' });
  return m;
}

/**
 * 亮明身份·岗位承诺: a member states their post and pledge in each campaign covering their
 * organization and edits it while the campaign runs. Only the member themself writes it; the
 * members of their branch and its cadres read it (docs/pledges.md).
 */
export const pledgeService = {
  async mine(ctx: AppContext, actor: Actor) {
    if (actor.memberId == null) return [];
    const m = await myMember(ctx, actor);
    const pledges = await repo.byMember(ctx.db, m.id);
    return (await campaignRepository.covering(ctx.db, m.org_path)).map((c) => {
      const p = pledges.find((x) => x.campaign_id === c.id);
      return {
        campaignId: c.id,
        campaignName: c.name,
        running: isRunning(c),
        pledge: p ? { post: p.post, pledge: p.pledge, updatedAt: p.updated_at } : null,
      };
    });
  },

  async save(ctx: AppContext, actor: Actor, campaignId: number, input: { post: string; pledge: string }) {
    const m = await myMember(ctx, actor);
    return ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'pledge.write', 'memberCampaign', campaignId);
      if (!isRunning(c))
        throw conflict(
          'CAMPAIGN_NOT_RUNNING',
          '主题实践活动未在进行中，承诺不能填写或修改',
          'The campaign is not running: the pledge cannot be written or changed',
        );
      const at = nowIso();
      const outcome = await repo.upsert(trx, { campaignId, memberId: m.id, post: input.post, pledge: input.pledge, at });
      await refreshUnits(trx, campaignId, [m.org_id]);
      await audit(trx, actor, {
        action: `pledge.${outcome === 'created' ? 'create' : 'update'}`,
        targetType: 'member',
        targetId: m.id,
        summary: { campaignId },
      });
      return { campaignId, campaignName: c.name, running: true, pledge: { post: input.post, pledge: input.pledge, updatedAt: at } };
    });
  },

  /** 亮明身份 is public within the branch: a member reads the pledges of their own unit's members. */
  async myBranch(ctx: AppContext, actor: Actor, campaignId: number) {
    const m = await myMember(ctx, actor);
    await requireAccess(ctx.db, actor, 'pledge.write', 'memberCampaign', campaignId);
    return unitPledges(ctx, campaignId, m.org_id, m.org_name);
  },

  /** A unit's members' pledges for the cadres of a unit in scope. */
  async ofUnit(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    await requireAccess(ctx.db, actor, 'pledge.read', 'campaign', campaignId);
    const org = await requireAccess(ctx.db, actor, 'pledge.read', 'org', orgId);
    return unitPledges(ctx, campaignId, org.id, org.name);
  },
};

async function unitPledges(ctx: AppContext, campaignId: number, orgId: number, orgName: string) {
  const rows = await repo.ofUnit(ctx.db, campaignId, orgId);
  const members = (await repo.activeMembersOf(ctx.db, orgId)).length;
  return {
    campaignId,
    orgId,
    orgName,
    members,
    items: rows.map((r) => ({ memberId: r.member_id, name: r.name, post: r.post, pledge: r.pledge, updatedAt: r.updated_at })),
  };
}
