import { expect } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from './setup.ts';
import { createTree, type OrgRef, type Tree } from './factories.ts';
import type { TestClient } from './client.ts';
import { cadreAt, daysAgo, votersAt } from './vote-fixtures.ts';

/**
 * The world of the votes API tests (src/votes/votes-*.test.ts), set up once per test file: three
 * cadres at the branch 高一(1)班团支部 (bA1a), six representatives who rate them and a member who
 * is not one, each signed in on their own client.
 */
export interface VoteWorld {
  t: TestApp;
  tree: Tree;
  /** Org admin at cA1, the level above the branch bA1a. */
  committee: SignedInClient;
  /** Branch secretary at bA1a. */
  secretary: TestClient;
  reps: { memberId: number; client: TestClient }[];
  /** A member of bA1a who is not a representative. */
  outsider: TestClient;
  /** In post since an unknown date. */
  secretaryCadre: number;
  /** In post for 400 days. */
  deputyCadre: number;
  /** In post for 30 days: exempt from the rating. */
  newCadre: number;
}

export async function setUpVoteWorld(): Promise<VoteWorld> {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const secretaryCadre = await cadreAt(t, tree.bA1a, '张书记', 'secretary', null);
  const deputyCadre = await cadreAt(t, tree.bA1a, '李副书记', 'deputy_secretary', daysAgo(400));
  const newCadre = await cadreAt(t, tree.bA1a, '王委员', 'organization_member', daysAgo(30));
  const reps = await votersAt(t, tree.bA1a, 6);
  const o = (await votersAt(t, tree.bA1a, 1, 100))[0];
  const outsider = o.client;
  expect((await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) })).status).toBe(200);
  return { t, tree, committee, secretary, reps, outsider, secretaryCadre, deputyCadre, newCadre };
}

export const answersFor = (ballot: { subjects: { id: number }[] }, key: string) => ({ answers: Object.fromEntries(ballot.subjects.map((s) => [s.id, key])) });

/** A draft rating session of `org`'s cadres, created by its `secretary`. */
export async function ratingSessionAt(secretary: TestClient, org: OrgRef, body: Record<string, unknown> = {}) {
  const res = await secretary.post('/api/v1/votes/sessions', { orgId: org.id, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; subjects: { id: number; memberId: number; exempt: boolean; label: string }[] };
}
