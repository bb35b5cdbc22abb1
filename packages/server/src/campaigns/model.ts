import type { CampaignTemplate, PhaseDates } from '@zx/domain';

/**
 * The campaign read model: one row parsed once (by campaigns/repository.ts, which every query
 * of a campaign row goes through). The definition is the template as it stood when the campaign
 * was launched; `dates` holds every phase's dates in the definition's order; `planTypes` are the
 * organization types that must register a plan (实施方案).
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
  /** The calendar year the campaign counts for (campaignYear). */
  year: number;
  manualPhaseKey: string | null;
  clonedFromId: number | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  planTypes: string[];
}

/** A campaign template (shared by the whole deployment), its definition parsed. */
export interface TemplateModel {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  definition: CampaignTemplate;
  updatedAt: string;
}

/** The calendar year a campaign counts for: the year its first phase starts. */
export const campaignYear = (dates: Array<{ startsOn: string }>) => Number((dates[0]?.startsOn ?? new Date().toISOString()).slice(0, 4));
