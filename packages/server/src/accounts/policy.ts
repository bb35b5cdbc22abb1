import { grantableRoles, type Role } from '@zx/domain';
import type { Actor } from '../auth/actor.ts';
import { can, covers } from '../access/index.ts';

interface GrantRow {
  role: string;
  org_path: string;
}

/**
 * Who may change an account. Business accounts are managed by the security admin and by
 * organization admins for their subtree; the three system accounts (三员) are changed only from
 * the server's command line (`npm run admin`), never through the API.
 */
export const accountPolicy = {
  /**
   * Edit, reset, unlock, grant or revoke: every grant the account holds lies in the actor's
   * subtree and is a role the actor may hand out (a district admin cannot reset the password of
   * a city admin who also holds a grant in the district), and it is not the actor's own account.
   */
  manage: (actor: Actor, account: { id: number }, grants: readonly GrantRow[]) =>
    can(actor, 'account.write') &&
    account.id !== actor.userId &&
    grants.every((g) => covers(actor, g.org_path) && grantableRoles(actor.grant.role).includes(g.role as Role)),

  /** Hand out `role` at an organization in scope. */
  grant: (actor: Actor, role: Role) => can(actor, 'account.write') && grantableRoles(actor.grant.role).includes(role),

  /** Grants the actor sees on an account it lists: those in its subtree only. */
  visibleGrant: (actor: Actor, g: GrantRow) => covers(actor, g.org_path),
};
