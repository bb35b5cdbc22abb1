import { sql } from 'kysely';
import { roleActions } from '@zx/domain';
import type { Actor } from '../../auth/actor.ts';
import { pathsUpTo } from '../paths.ts';

/**
 * Notices an actor sees (table alias `n`): personal ones for its member or its account, and
 * those addressed to its grant organization — or, for subtree notices, to an organization above
 * it — whose action its active role holds (inbox/audiences.ts declares the action per kind).
 */
export function noticeAudience(actor: Actor) {
  const actions = roleActions(actor.grant.role);
  const roleHolds = actions.length ? sql`n.action in (${sql.join(actions)})` : sql`1 = 0`;
  return sql<boolean>`(
    (n.audience = 'member' and n.member_id = ${actor.memberId ?? -1})
    or (n.audience = 'user' and n.user_id = ${actor.userId})
    or (n.audience = 'org' and n.org_id = ${actor.grant.orgId} and ${roleHolds})
    or (n.audience = 'subtree' and n.org_path in (${sql.join(pathsUpTo(actor.grant.orgPath))}) and ${roleHolds})
  )`;
}
