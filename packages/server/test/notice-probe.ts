import type { Role } from '@zx/domain';
import type { TestApp } from './setup.ts';
import type { TestClient } from './client.ts';
import { createMember, createUser, type OrgRef } from './factories.ts';

/**
 * People for the notice tests (issue 11: every notice reaches exactly its audience): accounts
 * signed in on their own address (the login limit is per address), optionally linked to a member.
 */
let seq = 0;
export async function person(t: TestApp, role: Role, org: OrgRef, opts: { memberId?: number; name?: string; position?: string } = {}) {
  const memberId =
    opts.memberId ?? (role === 'member' || opts.name ? (await createMember(t.ctx, org, { name: opts.name ?? '团员', position: opts.position })).id : undefined);
  const user = await createUser(t.ctx, [{ role, org }], { memberId });
  const n = ++seq;
  const client = t.client(`10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`);
  const res = await client.login(user.username);
  if (res.status !== 200) throw new Error(`login as ${role} at ${org.name} failed: ${res.status}`);
  return { client, memberId: memberId ?? null, userId: user.id };
}

/** The notices an account sees in its inbox (GET /api/v1/inbox), as `kind` or `kind:title`. */
export async function inboxOf(c: TestClient): Promise<Array<{ kind: string; titleZh: string; link: string | null; body: string | null }>> {
  const res = await c.get('/api/v1/inbox?pageSize=100');
  if (res.status !== 200) throw new Error(`inbox answered ${res.status}`);
  return res.body.items;
}

export const kindsOf = async (c: TestClient) => (await inboxOf(c)).map((n) => n.kind);
