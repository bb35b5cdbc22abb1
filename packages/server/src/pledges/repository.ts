import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** Members' pledges (亮明身份·岗位承诺), and the member rows they are counted on. */
export const pledgeRepository = {
  async upsert(ex: Executor, v: { campaignId: number; memberId: number; post: string; pledge: string; at: string }): Promise<'created' | 'updated'> {
    const r = await ex
      .updateTable('member_pledge')
      .set({ post: v.post, pledge: v.pledge, updated_at: v.at })
      .where('campaign_id', '=', v.campaignId)
      .where('member_id', '=', v.memberId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return 'updated';
    await ex
      .insertInto('member_pledge')
      .values({ campaign_id: v.campaignId, member_id: v.memberId, post: v.post, pledge: v.pledge, created_at: v.at, updated_at: v.at })
      .execute();
    return 'created';
  },

  byMember: (ex: Executor, memberId: number) => ex.selectFrom('member_pledge').selectAll().where('member_id', '=', memberId).execute(),

  /** The pledges of the active members of one unit (its own roster), by name. */
  ofUnit: (ex: Executor, campaignId: number, orgId: number) =>
    ex
      .selectFrom('member_pledge as p')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .select(['m.id as member_id', 'm.name', 'p.post', 'p.pledge', 'p.updated_at'])
      .where('p.campaign_id', '=', campaignId)
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .orderBy('m.name')
      .orderBy('m.id')
      .execute(),

  activeMembersOf: (ex: Executor, orgId: number) =>
    ex.selectFrom('member').select(['id', 'name']).where('org_id', '=', orgId).where('status', '=', 'active').orderBy('name').orderBy('id').execute(),

  /** Roll-up fact: the unit's own active members with a pledge in the campaign. */
  async membersPledged(ex: Executor, campaignId: number, orgId: number): Promise<number> {
    const row = await ex
      .selectFrom('member_pledge as p')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .select(sql<number>`count(*)`.as('n'))
      .where('p.campaign_id', '=', campaignId)
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  member: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_id', 'm.status', 'o.path as org_path', 'o.name as org_name'])
      .where('m.id', '=', memberId)
      .executeTakeFirst(),

  orgName: async (ex: Executor, id: number) => (await ex.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '',
};
