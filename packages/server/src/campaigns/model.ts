import { planRequiredTypes, type CampaignTemplate, type PhaseDates } from '@zx/domain';
import type { CampaignTable } from '../db/schema.ts';

/** A stored campaign row (its definition and dates are JSON text), with its organization's name when joined. */
export type CampaignRow = Omit<CampaignTable, 'id'> & { id: number; org_name?: string | null };

/**
 * The campaign read model: one row parsed once. The definition is the template as it stood when
 * the campaign was launched; `dates` holds every phase's dates in the definition's order;
 * `planTypes` are the organization types that must register a plan (实施方案).
 */
export interface CampaignModel {
  id: number;
  templateId: number;
  orgId: number;
  orgPath: string;
  /** The launching organization's name, when the query joined it. */
  orgName: string | null;
  name: string;
  slogan: string | null;
  definition: CampaignTemplate;
  dates: PhaseDates[];
  manualPhaseKey: string | null;
  clonedFromId: number | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  planTypes: string[];
}

export function campaignModel(row: CampaignRow): CampaignModel {
  const definition = JSON.parse(row.definition) as CampaignTemplate;
  return {
    id: row.id,
    templateId: row.template_id,
    orgId: row.org_id,
    orgPath: row.org_path,
    orgName: row.org_name ?? null,
    name: row.name,
    slogan: row.slogan,
    definition,
    dates: JSON.parse(row.phase_dates) as PhaseDates[],
    manualPhaseKey: row.manual_phase_key,
    clonedFromId: row.cloned_from_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    planTypes: planRequiredTypes(definition),
  };
}
