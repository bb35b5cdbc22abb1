import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import { photoAt } from '../../test/activity-fixtures.ts';
import type { TestClient } from '../../test/client.ts';
import { eligibilityRepository } from '../honours/eligibility-repository.ts';
import { serviceTodos } from './todos.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * 为青年服务: a member logs service with a photo, the branch verifies or rejects it with a reason,
 * a rejected entry is corrected and resubmitted, a verified one is locked — and the honour rules
 * read only verified hours. Beside each use, its abuse.
 */

let t: TestApp;
let tree: Tree;
let secretary: SignedInClient;
let committee: TestClient;
let wang: SignedInClient;
let neighbour: SignedInClient;
const m: Record<string, number> = {};
const today = isoToday();
const year = Number(today.slice(0, 4));
const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const entry = (extra: Record<string, unknown> = {}) => ({ servedOn: today, hours: 2.5, description: '社区敬老院陪伴老人', ...extra });
const count = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('volunteer_service')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const verifiedHours = async (memberId: number) => {
  // In tenths of an hour, as the honour rules read them.
  const f = await eligibilityRepository.memberFacts(t.ctx.db, [memberId], { from: year - 2, year });
  return f.hours.find((h) => h.member_id === memberId)?.hours_tenths ?? 0;
};

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  committee = await t.loginAs('org_admin', tree.cA1);
  m.wang = (await createMember(t.ctx, tree.bA1a, { name: '王小明' })).id;
  m.secretary = (await createMember(t.ctx, tree.bA1a, { name: '书记本人', position: 'secretary' })).id;
  m.neighbour = (await createMember(t.ctx, tree.bA1b, { name: '孙邻班' })).id;
  secretary = await t.loginAs('branch_secretary', tree.bA1a, { memberId: m.secretary });
  wang = await t.loginAs('member', tree.bA1a, { memberId: m.wang });
  neighbour = await t.loginAs('member', tree.bA1b, { memberId: m.neighbour });
});
afterAll(() => t?.close());

describe('a member logs service and the branch verifies it', () => {
  let id: number;
  it('logs hours with a proof photo (EXIF stripped by the photo path); the entry waits for the branch', async () => {
    const photoId = await photoAt(wang, tree.bA1a);
    const res = await wang.post('/api/v1/volunteer/entries', entry({ photoId }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ memberId: m.wang, hours: 2.5, status: 'pending', source: 'member', canEdit: true, canReview: false });
    expect(res.body.photo).toMatchObject({ id: photoId, kind: 'photo' });
    id = res.body.id;
    const mine = (await wang.get(`/api/v1/volunteer/entries/mine?year=${year}`)).body;
    expect(mine).toMatchObject({ verifiedHours: 0, pendingHours: 2.5 });
    expect(await verifiedHours(m.wang)).toBe(0);
  });

  it('refuses bad hours, dates and descriptions with field codes, writing nothing', async () => {
    const before = await count();
    for (const [body, field, code] of [
      [entry({ hours: 1.25 }), 'hours', 'VOLUNTEER_HOURS_STEP'],
      [entry({ servedOn: tomorrow }), 'servedOn', 'VOLUNTEER_DATE_FUTURE'],
    ] as const) {
      const res = await wang.post('/api/v1/volunteer/entries', body);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    for (const body of [entry({ hours: 0 }), entry({ hours: 25 }), entry({ description: '  ' })])
      expect((await wang.post('/api/v1/volunteer/entries', body)).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('refuses a foreign photo, an activity of another branch and logging for someone else (404), writing nothing', async () => {
    const before = await count();
    const theirs = await photoAt(neighbour, tree.bA1b);
    expect((await wang.post('/api/v1/volunteer/entries', entry({ photoId: theirs }))).status).toBe(404);
    expect((await wang.post('/api/v1/volunteer/entries', entry({ memberId: m.neighbour }))).status).toBe(404);
    expect((await secretary.post('/api/v1/volunteer/entries', entry({ memberId: m.neighbour }))).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('never lets the member verify their own entry', async () => {
    const res = await wang.post(`/api/v1/volunteer/entries/${id}/review`, { decision: 'verify' });
    expect(res.status).toBe(403);
    expect((await neighbour.get(`/api/v1/volunteer/entries/mine?year=${year}`)).body.items).toEqual([]);
  });

  it('rejects with a reason; the member sees it, corrects it and resubmits; the branch verifies; then it is locked', async () => {
    const noReason = await secretary.post(`/api/v1/volunteer/entries/${id}/review`, { decision: 'reject' });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([422, 'reason']);
    const rejected = await secretary.post(`/api/v1/volunteer/entries/${id}/review`, { decision: 'reject', reason: '请补充服务证明' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '请补充服务证明' });
    const todos = await serviceTodos(t.ctx.db, { ...actorOf(wang, 'member'), memberId: m.wang });
    expect(todos.map((x) => x.kind)).toContain('volunteer_rejected');
    const fixed = await wang.patch(`/api/v1/volunteer/entries/${id}`, { hours: 3 });
    expect(fixed.body).toMatchObject({ status: 'pending', hours: 3 });
    const secTodos = await serviceTodos(t.ctx.db, actorOf(secretary, 'branch_secretary', tree.bA1a));
    expect(secTodos.find((x) => x.kind === 'volunteer_verify')?.titleZh).toBe('1 条志愿服务记录待审核');
    const queue = (await secretary.get(`/api/v1/volunteer/entries?orgId=${tree.bA1a.id}&status=pending`)).body;
    expect(queue.items.map((e: { id: number; canReview: boolean }) => [e.id, e.canReview])).toEqual([[id, true]]);
    const verified = await secretary.post(`/api/v1/volunteer/entries/${id}/review`, { decision: 'verify' });
    expect(verified.body).toMatchObject({ status: 'verified', canEdit: false });
    expect(await verifiedHours(m.wang)).toBe(30);
    const locked = await wang.patch(`/api/v1/volunteer/entries/${id}`, { hours: 10 });
    expect([locked.status, locked.body.code]).toEqual([409, 'VOLUNTEER_ENTRY_LOCKED']);
    expect((await wang.delete(`/api/v1/volunteer/entries/${id}`)).body.code).toBe('VOLUNTEER_ENTRY_LOCKED');
    expect((await secretary.post(`/api/v1/volunteer/entries/${id}/review`, { decision: 'reject', reason: 'x' })).body.code).toBe('VOLUNTEER_ENTRY_NOT_PENDING');
    expect((await wang.get(`/api/v1/volunteer/entries/mine?year=${year}`)).body).toMatchObject({ verifiedHours: 3, pendingHours: 0 });
  });

  it('a secretary logs for a member they manage, but someone else verifies it; nor do they verify their own', async () => {
    const forWang = await secretary.post('/api/v1/volunteer/entries', entry({ memberId: m.wang, hours: 4 }));
    expect(forWang.body).toMatchObject({ source: 'secretary', canReview: false });
    const own = await secretary.post('/api/v1/volunteer/entries', entry({ hours: 1 }));
    expect(own.body).toMatchObject({ memberId: m.secretary, source: 'member' });
    for (const e of [forWang.body.id, own.body.id]) {
      const res = await secretary.post(`/api/v1/volunteer/entries/${e}/review`, { decision: 'verify' });
      expect([res.status, res.body.code]).toEqual([403, 'VOLUNTEER_OWN_ENTRY']);
    }
    // A member of another branch cannot touch it; the committee above verifies it.
    expect((await neighbour.patch(`/api/v1/volunteer/entries/${forWang.body.id}`, { hours: 8 })).status).toBe(404);
    expect((await committee.post(`/api/v1/volunteer/entries/${forWang.body.id}/review`, { decision: 'verify' })).body.status).toBe('verified');
    expect(await verifiedHours(m.wang)).toBe(70);
  });

  it('the honours data page shows verified hours only, and the branch’s yearly entry (补录) adds to them', async () => {
    await wang.post('/api/v1/volunteer/entries', entry({ hours: 5 })); // pending: not counted
    const hours = (await secretary.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${year}`)).body;
    expect(hours.items.find((i: { memberId: number }) => i.memberId === m.wang).hours).toBe(7);
    const entered = await committee.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year, entries: [{ memberId: m.wang, hours: 10 }] });
    expect(entered.status).toBe(200);
    expect(await verifiedHours(m.wang)).toBe(170);
  });
});

function actorOf(c: SignedInClient, role: Actor['grant']['role'], org = tree.bA1a): Actor {
  return {
    userId: c.user.id,
    username: c.user.username,
    displayName: '',
    memberId: null,
    sessionId: 'x',
    ip: null,
    grant: { id: 0, role, orgId: org.id, orgPath: org.path, orgName: org.name },
  };
}
