import type { Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { permissionsOf } from '../access/index.ts';
import { grantsOf } from './service.ts';
import type { Actor } from './actor.ts';

/** The session's "me" answer (login, /auth/me, switching role, and a member's first login by activation). */
export async function me(ctx: AppContext, actor: Actor, csrfToken: string, mustChangePassword: boolean) {
  const grants = await grantsOf(ctx, actor.userId);
  return {
    user: { id: actor.userId, username: actor.username, displayName: actor.displayName, memberId: actor.memberId, mustChangePassword },
    grant: actor.grant,
    grants: grants.map((g) => ({ id: g.id, role: g.role as Role, orgId: g.org_id, orgName: g.org_name, orgPath: g.org_path })),
    permissions: permissionsOf(actor),
    csrfToken,
  };
}
