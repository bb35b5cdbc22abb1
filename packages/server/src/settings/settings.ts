import { z } from 'zod';
import { DEFAULT_PASSWORD_POLICY } from '@zx/domain';

/** Security settings: every number is configurable by the security admin, with these defaults. */
export const securitySettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordRefuseCommon: z.boolean(),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  sessionIdleMinutes: z.number().int().min(5).max(480),
  sessionAbsoluteHours: z.number().int().min(1).max(72),
  loginRatePerMinute: z.number().int().min(5).max(600),
  auditRetentionDays: z.number().int().min(180).max(3650),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  passwordMinLength: DEFAULT_PASSWORD_POLICY.minLength,
  passwordMinClasses: DEFAULT_PASSWORD_POLICY.minClasses,
  passwordRefuseCommon: DEFAULT_PASSWORD_POLICY.refuseCommon,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  loginRatePerMinute: 30,
  auditRetentionDays: 180,
};

/** The key of the security settings' document in the `setting` table. */
export const SECURITY_SETTINGS_KEY = 'security';

export const passwordPolicyOf = (s: SecuritySettings) => ({
  minLength: s.passwordMinLength,
  minClasses: s.passwordMinClasses,
  refuseCommon: s.passwordRefuseCommon,
});
