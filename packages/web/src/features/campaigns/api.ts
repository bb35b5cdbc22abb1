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

export const useCampaigns = () => useQuery({ queryKey: ['campaigns'], queryFn: () => api.get<Campaign[]>('/campaigns') });
export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: () => api.get<TemplateSummary[]>('/templates'), staleTime: 60_000 });
