import { z } from 'zod';
import { ACTIONS } from '@zx/domain/auth/roles';
import { role } from './accounts.ts';

/** 认证: the signed-in user, the grant it acts through, and what that grant allows. */

export const grant = z.object({ id: z.number().int(), role, orgId: z.number().int(), orgName: z.string(), orgPath: z.string() });

export const me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    memberId: z.number().int().nullable(),
    mustChangePassword: z.boolean(),
  }),
  grant,
  grants: z.array(grant),
  permissions: z.array(z.enum(ACTIONS)),
  csrfToken: z.string(),
});

export const csrf = z.object({ csrfToken: z.string() });
export const loggedOutEverywhere = z.object({ ok: z.literal(true), sessions: z.number().int() });

export type Grant = z.infer<typeof grant>;
export type Me = z.infer<typeof me>;
