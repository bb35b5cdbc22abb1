import type { TestApp } from './setup.ts';
import type { TestClient } from './client.ts';
import { createMember, createUser, type OrgRef } from './factories.ts';

/** Members of `org` who each have a member-role account, signed in on their own client (own IP: login rate limits are per IP). */
export async function votersAt(t: TestApp, org: OrgRef, n: number, ipBase = 0): Promise<{ memberId: number; client: TestClient }[]> {
  const out: { memberId: number; client: TestClient }[] = [];
  for (let i = 0; i < n; i += 10) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, async (_, k) => {
          const j = i + k + ipBase;
          const m = await createMember(t.ctx, org, { name: `代表${j}` });
          const u = await createUser(t.ctx, [{ role: 'member', org }], { memberId: m.id });
          const client = t.client(`10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255}`);
          const res = await client.login(u.username);
          if (res.status !== 200) throw new Error(`voter login failed: ${res.status}`);
          return { memberId: m.id, client };
        }),
      )),
    );
  }
  return out;
}

/** A cadre of `org` whose time in post started on `since` (null = unknown). */
export async function cadreAt(t: TestApp, org: OrgRef, name: string, position: string, since: string | null) {
  const m = await createMember(t.ctx, org, { name, position });
  await t.ctx.db.updateTable('member').set({ position_since: since }).where('id', '=', m.id).execute();
  return m.id;
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function boxOf(t: TestApp, sessionId: number) {
  return t.ctx.db.selectFrom('vote_ballot').selectAll().where('session_id', '=', sessionId).execute();
}

export async function rollOf(t: TestApp, sessionId: number) {
  return t.ctx.db.selectFrom('vote_roll').selectAll().where('session_id', '=', sessionId).execute();
}
