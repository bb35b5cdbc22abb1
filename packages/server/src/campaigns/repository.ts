import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CampaignTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { campaignModel, type CampaignModel } from './model.ts';

export const campaignRepository = {
  templates: (ex: Executor) => ex.selectFrom('campaign_template').selectAll().orderBy('id').execute(),

  updateTemplate: (ex: Executor, id: number, row: { name_zh: string; name_en: string; definition: string; updated_at: string; updated_by: number }) =>
    ex.updateTable('campaign_template').set(row).where('id', '=', id).execute(),

  /**
   * Campaigns seen from the subtree at `scopePath` (a root from scopeRoot): those launched above
   * or at its organization (they cover it) and those launched inside it. One campaign by id is
   * the access module's `campaign` kind.
   */
  visible(ex: Executor, scopePath: string) {
    return ex
      .selectFrom('campaign as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .where((eb) => eb.or([pathInSubtree('c.org_path', scopePath), eb(sql<string>`substr(${scopePath}, 1, length(c.org_path))`, '=', eb.ref('c.org_path'))]));
  },

  /** The latest campaigns seen from `scopePath` (see visible), newest first, with their organization's name. */
  async listVisible(ex: Executor, scopePath: string, limit: number): Promise<CampaignModel[]> {
    const rows = await campaignRepository
      .visible(ex, scopePath)
      .selectAll('c')
      .select('o.name as org_name')
      .orderBy('c.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(campaignModel);
  },

  /** One campaign by id, whatever the scope: for code that has checked access already, or acts for the system (reminders). */
  async byId(ex: Executor, id: number): Promise<CampaignModel | undefined> {
    const row = await ex.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? campaignModel(row) : undefined;
  },

  /** Every campaign, for the system's scheduled work (reminders); a deployment holds a few per year. */
  async all(ex: Executor): Promise<CampaignModel[]> {
    return (await ex.selectFrom('campaign').selectAll().orderBy('id').execute()).map(campaignModel);
  },

  insert: (ex: Executor, row: Insertable<CampaignTable>) => ex.insertInto('campaign').values(row).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Partial<Insertable<CampaignTable>>) => ex.updateTable('campaign').set(patch).where('id', '=', id).execute(),
};
