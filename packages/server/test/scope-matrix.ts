import { describe, expect, it } from 'vitest';
import type { TestClient } from './client.ts';
import type { OrgRef, Tree } from './factories.ts';

/** A request at an organization of the tree; `member` and `user` are ids the caller set up there, if any. */
export type ScopeProbe = (c: TestClient, org: OrgRef, member: number, user: number) => Promise<{ status: number }>;

/**
 * The scope matrix: an organization admin at 红星中学团委 (tree.cA1) and a branch secretary at
 * 高一(1)班团支部 (tree.bA1a) are refused by every probe on a sibling, a sibling's child, the
 * parent and an unrelated organization (403 or 404), and `fingerprint` — a snapshot of what a
 * refused request must leave untouched — is the same afterwards.
 */
export function describeScopeMatrix(opts: {
  tree: () => Tree;
  admin: () => TestClient;
  secretary: () => TestClient;
  probes: Record<string, ScopeProbe>;
  fingerprint: () => Promise<string>;
  memberIn?: Map<number, number>;
  userIn?: Map<number, number>;
}) {
  describe.each([
    {
      who: 'organization admin at 红星中学团委',
      client: opts.admin,
      targets: () => {
        const t = opts.tree();
        return { sibling: t.cA2, "sibling's child": t.bA2a, parent: t.dA, unrelated: t.bB1a };
      },
    },
    {
      who: 'branch secretary at 高一(1)班团支部',
      client: opts.secretary,
      targets: () => {
        const t = opts.tree();
        return { sibling: t.bA1b, "sibling's child": t.gA1x, parent: t.cA1, unrelated: t.bB1a };
      },
    },
  ])('$who', ({ client, targets }) => {
    for (const [endpoint, probe] of Object.entries(opts.probes)) {
      it(`is refused by ${endpoint} on a sibling, a sibling's child, the parent and an unrelated organization`, async () => {
        for (const [relation, org] of Object.entries(targets())) {
          const before = await opts.fingerprint();
          const res = await probe(client(), org, opts.memberIn?.get(org.id) ?? 0, opts.userIn?.get(org.id) ?? 0);
          expect([403, 404], `${endpoint} on the ${relation} answered ${res.status}`).toContain(res.status);
          expect(await opts.fingerprint(), `${endpoint} on the ${relation} changed data`).toBe(before);
        }
      });
    }
  });
}
