import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import { honourCounts, setUpHonourWorld, y } from '../../test/honour-world.ts';

/**
 * The records the honour rules read, as a branch fills them in: volunteer hours (志愿服务时长) and
 * dues (团费收缴). The rounds are in honours-rounds.test.ts, the notice and the final list in
 * honours-notice.test.ts.
 */
let t: TestApp;
let tree: Tree;
let committee: SignedInClient; // org admin at 红星中学团委: recommends
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部
let memberAccount: SignedInClient; // member-role account of a member at 高一(1)班团支部
let good: number; // eligible member at bA1a
let good2: number; // eligible member at bA1b
let noHours: number; // at bA1a, no volunteer hours
const counts = () => honourCounts(t);

beforeAll(async () => {
  ({ t, tree, committee, secretary, memberAccount, good, good2, noHours } = await setUpHonourWorld());
});
afterAll(() => t?.close());

describe('volunteer hours (志愿服务时长)', () => {
  it('lets the branch secretary fill a year for the branch in one list, audited', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year: y, entries: [{ memberId: noHours, hours: 12.5 }] });
    expect(res.status).toBe(200);
    const list = await secretary.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`);
    expect(list.body.items.find((i: { memberId: number }) => i.memberId === noHours).hours).toBe(12.5);
    expect(list.body.items.find((i: { memberId: number }) => i.memberId === good).hours).toBe(30);
    expect((await counts()).audit).toBe(before.audit + 1);
  });
  it('refuses bad hours field by field and writes nothing', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', {
      orgId: tree.bA1a.id,
      year: y,
      entries: [
        { memberId: good, hours: 40 },
        { memberId: noHours, hours: 3.3 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'entries.1.hours',
        code: 'VOLUNTEER_HOURS_STEP',
        messages: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }),
      }),
    ]);
    expect(await counts()).toEqual(before);
    const hours = await t.ctx.db
      .selectFrom('volunteer_year_hours')
      .select('hours_tenths')
      .where('member_id', '=', good)
      .where('year', '=', y)
      .executeTakeFirstOrThrow();
    expect(Number(hours.hours_tenths)).toBe(300);
  });
  it('answers 404 for a member of another branch, naming the entry, and changes nothing', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', {
      orgId: tree.bA1a.id,
      year: y,
      entries: [
        { memberId: good, hours: 50 },
        { memberId: good2, hours: 50 },
      ],
    });
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'entries.1.memberId', code: 'NOT_FOUND' })]);
    // In the committee's scope, but not a member of the branch it names: not found as well.
    const outside = await committee.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year: y, entries: [{ memberId: good2, hours: 50 }] });
    expect(outside.status).toBe(404);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'entries.0.memberId', code: 'NOT_FOUND' })]);
    expect(await counts()).toEqual(before);
  });
});

describe('dues (团费收缴)', () => {
  it('lets the branch secretary record their branch, and refuses arrears above the members due', async () => {
    const ok = await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1a.id, year: y, membersDue: 20, membersInArrears: 1 });
    expect(ok.status).toBe(200);
    const before = await counts();
    const bad = await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1a.id, year: y, membersDue: 5, membersInArrears: 6 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['membersInArrears']);
    expect(await counts()).toEqual(before);
    const list = await committee.get(`/api/v1/honours/dues?orgId=${tree.cA1.id}&year=${y}`);
    expect(list.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1a.id)).toMatchObject({ membersDue: 20, membersInArrears: 1 });
  });
  it('refuses a sibling branch (404)', async () => {
    expect((await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1b.id, year: y, membersDue: 5, membersInArrears: 0 })).status).toBe(404);
  });
  it('keeps the dues and hours pages from the security and audit admins (三员分立: org.read is not business data) and from plain members', async () => {
    for (const role of ['security_admin', 'audit_admin'] as const) {
      const admin = await t.loginAs(role, tree.city);
      expect((await admin.get(`/api/v1/honours/dues?orgId=${tree.cA1.id}&year=${y}`)).status, role).toBe(403);
      expect((await admin.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`)).status, role).toBe(403);
    }
    expect((await memberAccount.get(`/api/v1/honours/dues?orgId=${tree.bA1a.id}&year=${y}`)).status).toBe(403);
    expect((await memberAccount.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`)).status).toBe(403);
  });
});
