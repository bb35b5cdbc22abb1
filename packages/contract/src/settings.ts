import { z } from 'zod';

/** 设置: the deployment-wide security settings. */

export const securitySettings = z.object({
  passwordMinLength: z.number().int(),
  passwordMinClasses: z.number().int(),
  passwordRefuseCommon: z.boolean(),
  lockoutThreshold: z.number().int(),
  lockoutMinutes: z.number().int(),
  sessionIdleMinutes: z.number().int(),
  sessionAbsoluteHours: z.number().int(),
  loginRatePerMinute: z.number().int(),
  auditRetentionDays: z.number().int(),
});

export type SecuritySettings = z.infer<typeof securitySettings>;
