import { sql, type Selectable } from 'kysely';
import { planRequiredTypes, type CampaignTemplate, type PhaseDates } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { CampaignTable, CampaignTemplateTable } from '../db/schema.ts';
import { pathsUpTo } from '../access/paths.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { campaignYear, type CampaignModel, type TemplateModel } from './model.ts';

/** A stored campaign row (its definition and dates are JSON text), with its organization's name when joined. */
export type CampaignRow = Selectable<CampaignTable> & { org_name?: string | null };

/** Reads a stored campaign row into the model (the access module's campaign kinds read theirs through it too). */
export function campaignFromRow(row: CampaignRow): CampaignModel {
  const definition = JSON.parse(row.definition) as CampaignTemplate;
  const dates = JSON.parse(row.phase_dates) as PhaseDates[];
  return {
    id: row.id,
    templateId: row.template_id,
    orgId: row.org_id,
    orgPath: row.org_path,
    orgName: row.org_name ?? null,
    name: row.name,
    slogan: row.slogan,
    definition,
    dates,
    year: campaignYear(dates),
    manualPhaseKey: row.manual_phase_key,
    clonedFromId: row.cloned_from_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    planTypes: planRequiredTypes(definition),
  };
}

export function templateFromRow(row: Selectable<CampaignTemplateTable>): TemplateModel {
  return {
    id: row.id,
    key: row.key,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    builtin: row.builtin === 1,
    definition: JSON.parse(row.definition) as CampaignTemplate,
    updatedAt: row.updated_at,
  };
}

/** A campaign to launch: the template's definition as it stands, and the checked phase dates. */
export interface NewCampaign {
  templateId: number;
  orgId: number;
  orgPath: string;
  name: string;
  slogan: string | null;
  definition: CampaignTemplate;
  dates: PhaseDates[];
  clonedFromId: number | null;
  createdAt: string;
  createdBy: number | null;
}

export const campaignRepository = {
  templates: async (ex: Executor): Promise<TemplateModel[]> =>
    (await ex.selectFrom('campaign_template').selectAll().orderBy('id').execute()).map(templateFromRow),

  /** Rewrites a template's names and definition. */
  updateTemplate: (ex: Executor, id: number, t: { definition: CampaignTemplate; updatedAt: string; updatedBy: number }) =>
    ex
      .updateTable('campaign_template')
      .set({
        name_zh: t.definition.nameZh,
        name_en: t.definition.nameEn,
        definition: JSON.stringify(t.definition),
        updated_at: t.updatedAt,
        updated_by: t.updatedBy,
      })
      .where('id', '=', id)
      .execute(),

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
    return rows.map(campaignFromRow);
  },

  /** One campaign by id, whatever the scope: for code that has checked access already, or acts for the system (reminders, the roll-up). */
  async byId(ex: Executor, id: number): Promise<CampaignModel | undefined> {
    const row = await ex.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? campaignFromRow(row) : undefined;
  },

  /** The campaigns launched at the organization at `path` or above it (they cover it), newest first; whatever the scope. */
  async covering(ex: Executor, path: string): Promise<CampaignModel[]> {
    return (await ex.selectFrom('campaign').selectAll().where('org_path', 'in', pathsUpTo(path)).orderBy('id', 'desc').execute()).map(campaignFromRow);
  },

  /** Every campaign, for the system's scheduled work (reminders); a deployment holds a few per year. */
  async all(ex: Executor): Promise<CampaignModel[]> {
    return (await ex.selectFrom('campaign').selectAll().orderBy('id').execute()).map(campaignFromRow);
  },

  /** The first campaign launched (the demo loader's). */
  async oldest(ex: Executor): Promise<CampaignModel | undefined> {
    const row = await ex.selectFrom('campaign').selectAll().orderBy('id').limit(1).executeTakeFirst();
    return row ? campaignFromRow(row) : undefined;
  },

  insert: (ex: Executor, c: NewCampaign) =>
    ex
      .insertInto('campaign')
      .values({
        template_id: c.templateId,
        org_id: c.orgId,
        org_path: c.orgPath,
        name: c.name,
        slogan: c.slogan,
        definition: JSON.stringify(c.definition),
        phase_dates: JSON.stringify(c.dates),
        manual_phase_key: null,
        cloned_from_id: c.clonedFromId,
        created_at: c.createdAt,
        created_by: c.createdBy,
        updated_at: c.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** New phase dates and/or a manual phase (null: the dates decide again); what is undefined stays. */
  updateSchedule: (ex: Executor, id: number, s: { dates?: PhaseDates[] | null; manualPhaseKey?: string | null; updatedAt: string }) =>
    ex
      .updateTable('campaign')
      .set({
        ...(s.dates ? { phase_dates: JSON.stringify(s.dates) } : {}),
        ...(s.manualPhaseKey !== undefined ? { manual_phase_key: s.manualPhaseKey } : {}),
        updated_at: s.updatedAt,
      })
      .where('id', '=', id)
      .execute(),
};
