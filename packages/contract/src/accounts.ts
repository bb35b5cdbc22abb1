import { z } from 'zod';
import { ROLE_CODES } from '@zx/domain/auth/roles';
import { page, timestamp } from './common.ts';

/** 账号: business accounts and their grants, as an organization or security admin manages them. */

export const role = z.enum(ROLE_CODES);

export const accountGrant = z.object({ id: z.number().int(), role, orgId: z.number().int(), orgName: z.string() });

export const account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  /** The account's untrusted clients are throttled (its trusted devices still log in). */
  locked: z.boolean(),
  lockedUntil: timestamp.nullable(),
  lastLoginAt: timestamp.nullable(),
  memberId: z.number().int().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: timestamp,
  /** Grants inside the viewer's subtree only. */
  grants: z.array(accountGrant),
  /** The viewer may edit, reset, unlock and change the grants of this account (accounts/policy.ts). */
  canManage: z.boolean(),
});

export const accountPage = page(account);

/** A new account and its one-time initial password. */
export const createdAccount = z.object({ id: z.number().int(), initialPassword: z.string() });
export const passwordReset = z.object({ initialPassword: z.string() });

export type AccountGrant = z.infer<typeof accountGrant>;
export type Account = z.infer<typeof account>;
export type AccountPage = z.infer<typeof accountPage>;
export type CreatedAccount = z.infer<typeof createdAccount>;
export type PasswordReset = z.infer<typeof passwordReset>;
