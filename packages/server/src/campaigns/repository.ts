import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CampaignTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';
import { pathInSubtree } from '../access/paths.ts';

export const campaignRepository = {
  templates: (ex: Executor) => ex.selectFrom('campaign_template').selectAll().orderBy('id').execute(),

  template: (ex: Executor, id: number) => ex.selectFrom('campaign_template').selectAll().where('id', '=', id).executeTakeFirst(),

  updateTemplate: (ex: Executor, id: number, row: { name_zh: string; name_en: string; definition: string; updated_at: string; updated_by: number }) =>
    ex.updateTable('campaign_template').set(row).where('id', '=', id).execute(),

  /**
   * Campaigns an actor sees: those launched above or at its organization (they cover it) and
   * those launched inside its subtree.
   */
  visible(ex: Executor, scopePath: string) {
    return ex
      .selectFrom('campaign as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .where((eb) => eb.or([pathInSubtree('c.org_path', scopePath), eb(sql<string>`substr(${scopePath}, 1, length(c.org_path))`, '=', eb.ref('c.org_path'))]));
  },

  /** A campaign the actor may manage: launched at an organization inside its subtree. */
  managed: (ex: Executor, scopePath: string, id: number) =>
    ex.selectFrom('campaign').selectAll().where('id', '=', id).where(pathInSubtree('org_path', scopePath)).executeTakeFirst(),

  insert: (ex: Executor, row: Insertable<CampaignTable>) => ex.insertInto('campaign').values(row).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Partial<Insertable<CampaignTable>>) => ex.updateTable('campaign').set(patch).where('id', '=', id).execute(),
};
