import { useQuery } from '@tanstack/react-query';
import type { Campaign, CampaignPhase, Template } from '@zx/contract/campaigns';
import { api } from '../../api/client.ts';

export type { Campaign, CampaignPhase };
/** A template as the launch form lists it. */
export type TemplateSummary = Template;

/** Campaigns covering or inside the scope; `enabled` false for roles without campaign.read (the API would refuse them). */
export const useCampaigns = (enabled = true) => useQuery({ queryKey: ['campaigns'], queryFn: () => api.GET('/campaigns'), enabled });
/** Templates, for those who launch campaigns or edit templates; `enabled` false otherwise (and while no form is open). */
export const useTemplates = (enabled = true) => useQuery({ queryKey: ['templates'], queryFn: () => api.GET('/templates'), staleTime: 60_000, enabled });
