import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  await db.schema
    .createTable('campaign_template')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    /** The phases, tasks, evidence and due rules as JSON (domain CampaignTemplate). */
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('template_id', ref, (c) => c.notNull().references('campaign_template.id'))
    /** The organization that launched it; the campaign covers its subtree. */
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slogan', 'text')
    /** The template as it was at launch: later template edits do not change a running campaign. */
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('phase_dates', 'text', (c) => c.notNull())
    /** null: the phase follows the dates; else the phase the owner switched to by hand. */
    .addColumn('manual_phase_key', 'text')
    .addColumn('cloned_from_id', ref, (c) => c.references('campaign.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_org_path_idx').on('campaign').column('org_path').execute();
}
