import { z } from 'zod';

/** The bounds of each commitment rule: checked on a request that changes them and on what the settings hold. */
export const commitmentRulesSchema = z.object({
  maxItems: z.number().int().min(1).max(100),
  itemMaxLength: z.number().int().min(20).max(2000),
  reportRecommendedLength: z.number().int().min(100).max(20000),
  reportMinLength: z.number().int().min(0).max(20000),
  reportMaxLength: z.number().int().min(500).max(50000),
  noteMaxLength: z.number().int().min(50).max(5000),
  evidenceMax: z.number().int().min(1).max(100),
  reminderMonth: z.number().int().min(1).max(12),
});
