import { z } from 'zod';
import { HONOUR_KINDS, TIER_CODES } from '@zx/domain';

/**
 * The honour rules' numbers for the whole deployment, set at the top of the tree; a round copies
 * them when it is created (quotas may be changed per round before the notice). The repository
 * reads the stored setting with this schema; the routes take it as the body that changes it.
 */
export const honourSettingsSchema = z.object({
  maxAge: z.number().int(),
  minMembershipYears: z.number().int(),
  excellentWindow: z.number().int(),
  minExcellent: z.number().int(),
  minVolunteerHours: z.number(),
  minTier: z.enum(TIER_CODES),
  minTaskCompletionPercent: z.number(),
  maxArrearsPercent: z.number(),
  minUnitAgeMonths: z.number().int(),
  quotaPercent: z.object(Object.fromEntries(HONOUR_KINDS.map((k) => [k, z.number()])) as Record<(typeof HONOUR_KINDS)[number], z.ZodNumber>),
  noticeDays: z.number().int(),
  objectionMinChars: z.number().int(),
  committeeTypes: z.array(z.string().max(40)).max(20),
  branchTypes: z.array(z.string().max(40)).max(20),
});
