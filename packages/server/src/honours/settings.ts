import { z } from 'zod';
import { DEFAULT_HONOUR_SETTINGS, HONOUR_KINDS, TIER_CODES, type HonourSettings } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../settings/store.ts';

/**
 * The honour rules' numbers for the whole deployment, set at the top of the tree; a round copies
 * them when it is created (quotas may be changed per round before the notice).
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

const KEY = 'honours';

export async function getHonourSettings(ex: Executor): Promise<HonourSettings> {
  const text = await readSetting(ex, KEY);
  if (text === undefined) return DEFAULT_HONOUR_SETTINGS;
  const parsed = honourSettingsSchema.partial().safeParse(JSON.parse(text));
  return parsed.success ? { ...DEFAULT_HONOUR_SETTINGS, ...parsed.data } : DEFAULT_HONOUR_SETTINGS;
}

export async function saveHonourSettings(ex: Executor, value: HonourSettings, userId: number): Promise<void> {
  await writeSetting(ex, KEY, value, userId);
}
