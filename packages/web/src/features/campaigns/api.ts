import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface CampaignPhase {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  taskCount: number;
  startsOn?: string;
  endsOn?: string;
}

export interface Campaign {
  id: number;
  name: string;
  slogan: string | null;
  orgId: number;
  orgName: string | null;
  templateId: number;
  phases: CampaignPhase[];
  currentPhase: string | null;
  phaseMode: 'dates' | 'manual';
  daysLeft: number | null;
  status: 'upcoming' | 'running' | 'finished';
  clonedFromId: number | null;
  createdAt: string;
  canManage: boolean;
}

export interface TemplateSummary {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  definition: { phases: { key: string; nameZh: string; nameEn: string; tasks: unknown[] }[] };
}

/** Campaigns covering or inside the scope; `enabled` false for roles without campaign.read (the API would refuse them). */
export const useCampaigns = (enabled = true) => useQuery({ queryKey: ['campaigns'], queryFn: () => api.get<Campaign[]>('/campaigns'), enabled });
/** Templates, for those who launch campaigns or edit templates; `enabled` false otherwise (and while no form is open). */
export const useTemplates = (enabled = true) =>
  useQuery({ queryKey: ['templates'], queryFn: () => api.get<TemplateSummary[]>('/templates'), staleTime: 60_000, enabled });
