import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { NOTICE_AUDIENCE, type NotificationKind } from './audiences.ts';
import { notify, type NewNotification } from './service.ts';

/**
 * Every notice kind, sent the way its area sends it, against the people of one branch: its
 * plain member (role member), that member's neighbour, the branch secretary, and the committee
 * above. A plain member reads only what is theirs (a personal notice to them) or every member's
 * business (a public notice they may object to, a commitment published to them, the evaluation
 * they take part in). The areas' own tests (campaigns/notices.test.ts, assessment/notices.test.ts,
 * evaluation/trust.test.ts, commitments/trust.test.ts, votes/notices.test.ts,
 * exemplars/notices.test.ts, benchmarking/notices.test.ts, honours/notices.test.ts) follow each
 * kind through the real flow that sends it.
 */
let t: TestApp;
let tree: Tree;
let plain: { client: TestClient; memberId: number; userId: number };
let neighbour: { client: TestClient; memberId: number };
let secretary: TestClient;
let committee: TestClient;

const sees = async (c: TestClient, title: string) =>
  (await c.get('/api/v1/inbox?pageSize=100')).body.items.some((i: { titleZh: string }) => i.titleZh === title);

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const person = async (name: string) => {
    const m = await createMember(t.ctx, tree.bA1a, { name });
    const u = await createUser(t.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: m.id });
    const client = t.client();
    expect((await client.login(u.username)).status).toBe(200);
    return { client, memberId: m.id, userId: u.id };
  };
  plain = await person('钱多多');
  neighbour = await person('孙少少');
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  committee = await t.loginAs('org_admin', tree.cA1);
});
afterAll(() => t?.close());

describe('every notice kind reaches its audience and a plain member only what is theirs', () => {
  for (const kind of Object.keys(NOTICE_AUDIENCE) as NotificationKind[]) {
    const audience = NOTICE_AUDIENCE[kind];
    it(kind, async () => {
      const title = `${kind} 通知`;
      const content = { kind, titleZh: title, titleEn: kind, link: '/' };
      const place = { orgId: tree.bA1a.id, orgPath: tree.bA1a.path };
      const n = (
        audience.to === 'member'
          ? { ...content, member: { id: plain.memberId, ...place } }
          : audience.to === 'user'
            ? { ...content, user: { id: plain.userId, ...place } }
            : { ...content, org: tree.bA1a }
      ) as NewNotification;
      expect(await notify(t.ctx.db, n)).toBe(true);

      if (audience.to === 'member' || audience.to === 'user') {
        // Personal: the person it names, nobody else of the branch or above.
        expect(await sees(plain.client, title)).toBe(true);
        for (const other of [neighbour.client, secretary, committee]) expect(await sees(other, title)).toBe(false);
        return;
      }
      const everyMembersBusiness = roleAllows('member', audience.action);
      expect(await sees(plain.client, title), `a plain member ${everyMembersBusiness ? 'sees' : 'does not see'} ${kind}`).toBe(everyMembersBusiness);
      expect(await sees(neighbour.client, title)).toBe(everyMembersBusiness);
      expect(await sees(secretary, title), 'the branch secretary').toBe(roleAllows('branch_secretary', audience.action));
      // Addressed to the branch: the committee above sees a subtree broadcast from above only, never the branch's own.
      expect(await sees(committee, title), 'the committee above').toBe(false);
    });
  }

  it('gives a plain member only the kinds that are every member’s business', () => {
    const theirs = Object.entries(NOTICE_AUDIENCE)
      .filter(([, a]) => a.to !== 'member' && a.to !== 'user' && roleAllows('member', a.action))
      .map(([k]) => k)
      .sort();
    expect(theirs).toEqual([
      'cadre_report_submitted',
      'commitments_published',
      'evaluation_opened',
      'evaluation_step',
      'honour_final_published',
      'honour_notice_published',
    ]);
  });
});
