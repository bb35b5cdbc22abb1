import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKIN, isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

/**
 * QR check-in: the rotating token (the clock is the app's `clock`, moved by the test), the window,
 * who may check in, idempotence, and the merge with the attendance picked by hand — the
 * participants figure counts each member once, whoever put them on the list.
 */

let t: TestApp;
let tree: Tree;
let secretary: TestClient;
let committee: TestClient;
let campaignId: number;
/** The app's clock: a moment 1 s into a 30-second slot, moved by the tests. */
let clock = Math.floor(Date.now() / CHECKIN.slotMs) * CHECKIN.slotMs + 1000;
const m: Record<string, number> = {};
const as: Record<string, SignedInClient> = {};
let activityId: number;
let committeeActivityId: number;

const today = isoToday();
const tokenOf = (path: string | null) => decodeURIComponent(/[?&]t=([^&]+)/.exec(path ?? '')?.[1] ?? '');
const state = async (id = activityId) => (await secretary.get(`/api/v1/activities/${id}/check-in`)).body;
const checkIn = (who: string, token: string, id = activityId) => as[who].post(`/api/v1/activities/${id}/check-ins`, { token });
const n = async (table: 'activity_attendance' | 'audit_log') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
async function participants(orgId: number) {
  const r = await t.ctx.db
    .selectFrom('campaign_stat')
    .select('own')
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .where('metric', '=', 'participants')
    .executeTakeFirst();
  return Number(r?.own ?? 0);
}
const activityBody = (orgId: number, extra: Record<string, unknown> = {}) => ({
  campaignId,
  orgId,
  type: 'party_education',
  form: 'oath_renewal',
  title: '重温入团誓词',
  heldOn: today,
  place: '学校礼堂',
  summary: '全体团员面向团旗重温入团誓词。',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp({ clock: () => clock });
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  for (const [key, org, name] of [
    ['wang', tree.bA1a, '王小明'],
    ['li', tree.bA1a, '李小红'],
    ['zhao', tree.bA1a, '赵小刚'],
    ['left', tree.bA1a, '钱已离'],
    ['neighbour', tree.bA1b, '孙邻班'],
    ['teacher', tree.gA1x, '周老师'],
  ] as const) {
    m[key] = (await createMember(t.ctx, org, { name })).id;
    as[key] = await t.loginAs('member', org, { memberId: m[key] });
  }
  await t.ctx.db.updateTable('member').set({ status: 'left' }).where('id', '=', m.left).execute();
  const y = Number(today.slice(0, 4));
  campaignId = (await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: `${y}年双争先`, phases: yearPhases(y) })).body.id;
  const a = await secretary.post('/api/v1/activities', activityBody(tree.bA1a.id, { attendeeIds: [m.li] }));
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  activityId = a.body.id;
  committeeActivityId = (await committee.post('/api/v1/activities', activityBody(tree.cA1.id, { title: '团课' }))).body.id;
});
afterAll(() => t?.close());

describe('opening check-in and the rotating code', () => {
  it('shows no code until the secretary opens check-in, then a code that changes every 30 seconds', async () => {
    expect(await state()).toMatchObject({ open: false, path: null, inWindow: true, checkedIn: 0, attendeeCount: 1 });
    const opened = await secretary.post(`/api/v1/activities/${activityId}/check-in/open`, {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ open: true, marginHours: CHECKIN.defaultMarginHours });
    expect(opened.body.path).toMatch(new RegExp(`^/checkin/${activityId}\\?t=`));
    const first = tokenOf(opened.body.path);
    expect(tokenOf((await state()).path)).toBe(first);
    clock += CHECKIN.slotMs;
    const next = await state();
    expect(tokenOf(next.path)).not.toBe(first);
    expect(Date.parse(next.rotatesAt)).toBe(Math.floor(clock / CHECKIN.slotMs + 1) * CHECKIN.slotMs);
  });

  it('accepts the code of the previous slot and refuses an older one as expired', async () => {
    const old = tokenOf((await state()).path);
    clock += CHECKIN.slotMs;
    const res = await checkIn('wang', old);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ alreadyCheckedIn: false, source: 'qr' });
    clock += CHECKIN.slotMs;
    const before = await n('activity_attendance');
    const late = await checkIn('zhao', old);
    expect([late.status, late.body.code]).toEqual([422, 'CHECKIN_TOKEN_EXPIRED']);
    expect(await n('activity_attendance')).toBe(before);
  });

  it('refuses a forged, altered or other activity’s code with CHECKIN_TOKEN_INVALID', async () => {
    const good = tokenOf((await state()).path);
    const [slot, mac] = good.split('.');
    const other = tokenOf((await secretary.post(`/api/v1/activities/${activityId}/check-in/open`, {})).body.path);
    const fresh = tokenOf((await state()).path);
    expect(fresh).toBe(other);
    const committeeToken = tokenOf((await committee.post(`/api/v1/activities/${committeeActivityId}/check-in/open`, {})).body.path);
    for (const token of [
      'forged',
      `${slot}.${'A'.repeat(22)}`,
      `${(Number.parseInt(slot, 36) + 5).toString(36)}.${mac}`,
      good, // signed for the opening before the re-opening
      committeeToken,
    ]) {
      const res = await checkIn('zhao', token);
      expect([res.status, res.body.code], token).toEqual([422, 'CHECKIN_TOKEN_INVALID']);
      expect(res.body.messages).toEqual({ zh: '签到二维码无效', en: 'This check-in code is not valid' });
    }
    expect((await checkIn('zhao', fresh)).status).toBe(200);
  });
});

describe('who checks in', () => {
  it('is idempotent: a second scan answers "already checked in" and writes nothing', async () => {
    const token = tokenOf((await state()).path);
    const before = [await n('activity_attendance'), await n('audit_log')];
    const again = await checkIn('wang', token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, source: 'qr' });
    expect([await n('activity_attendance'), await n('audit_log')]).toEqual(before);
    expect((await as.wang.get(`/api/v1/activities/${activityId}/check-in/mine`)).body).toMatchObject({ checkedIn: true, open: true, title: '重温入团誓词' });
  });

  it('refuses a member of a sibling branch (not their activity: 404) and one who has left (403 CHECKIN_MEMBER_INACTIVE)', async () => {
    const token = tokenOf((await state()).path);
    const before = await n('activity_attendance');
    const sibling = await checkIn('neighbour', token);
    expect([sibling.status, sibling.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await as.neighbour.get(`/api/v1/activities/${activityId}/check-in/mine`)).status).toBe(404);
    const left = await checkIn('left', token);
    expect([left.status, left.body.code]).toEqual([403, 'CHECKIN_MEMBER_INACTIVE']);
    expect(await n('activity_attendance')).toBe(before);
    // The secretary's own account checks in only as a member (the role lacks the action).
    expect((await secretary.post(`/api/v1/activities/${activityId}/check-ins`, { token })).status).toBe(403);
  });

  it("lets members anywhere in the activity's subtree check in to a committee's activity", async () => {
    const token = tokenOf((await state(committeeActivityId)).path ?? (await committee.get(`/api/v1/activities/${committeeActivityId}/check-in`)).body.path);
    for (const who of ['teacher', 'neighbour']) {
      const res = await checkIn(who, token, committeeActivityId);
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect(await participants(tree.gA1x.id)).toBe(1);
  });

  it('refuses outside the window (the day ± margin, China time) and after the secretary closes check-in', async () => {
    const saved = clock;
    const token = tokenOf((await state()).path);
    clock += 2 * 86_400_000;
    expect((await state()).inWindow).toBe(false);
    expect((await state()).path).toBeNull();
    const late = await secretary.post(`/api/v1/activities/${activityId}/check-in/open`, {});
    expect([late.status, late.body.code]).toEqual([422, 'CHECKIN_OUTSIDE_WINDOW']);
    clock = saved;
    const closed = await secretary.post(`/api/v1/activities/${activityId}/check-in/close`, {});
    expect(closed.body).toMatchObject({ open: false, path: null });
    const res = await checkIn('li', token);
    expect([res.status, res.body.code]).toEqual([409, 'CHECKIN_CLOSED']);
    const bad = await secretary.post(`/api/v1/activities/${activityId}/check-in/open`, { marginHours: 99 });
    expect(bad.status).toBe(422);
    expect((await secretary.post(`/api/v1/activities/${activityId}/check-in/open`, { marginHours: 0 })).status).toBe(200);
  });
});

describe('one attendance list', () => {
  it('merges check-ins with the hand-picked attendance; participants count each member once', async () => {
    const token = tokenOf((await state()).path);
    const li = await checkIn('li', token);
    expect(li.body).toMatchObject({ alreadyCheckedIn: true, source: 'hand' });
    const detail = (await secretary.get(`/api/v1/activities/${activityId}`)).body;
    const bySource = Object.fromEntries(detail.attendees.map((a: { id: number; source: string }) => [a.id, a.source]));
    expect(bySource).toEqual({ [m.li]: 'hand', [m.wang]: 'qr', [m.zhao]: 'qr' });
    expect(detail.attendeeCount).toBe(3);
    expect(await participants(tree.bA1a.id)).toBe(3);
    const s = await state();
    expect([s.checkedIn, s.attendeeCount]).toEqual([2, 3]);
    expect(s.recent.map((r: { name: string }) => r.name).sort()).toEqual(['王小明', '赵小刚'].sort());
  });

  it('keeps QR check-ins when the secretary edits the hand-picked list; removing one is its own audited request', async () => {
    const edited = await secretary.patch(`/api/v1/activities/${activityId}`, { attendeeIds: [] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.attendees.map((a: { id: number }) => a.id).sort()).toEqual([m.wang, m.zhao].sort());
    expect(edited.body.attendeeCount).toBe(2);
    expect(await participants(tree.bA1a.id)).toBe(2);
    const audits = await n('audit_log');
    const removed = await secretary.delete(`/api/v1/activities/${activityId}/check-ins/${m.wang}`);
    expect(removed.status).toBe(200);
    expect(await n('audit_log')).toBe(audits + 1);
    expect(await participants(tree.bA1a.id)).toBe(1);
    expect((await secretary.delete(`/api/v1/activities/${activityId}/check-ins/${m.wang}`)).body.code).toBe('CHECKIN_NOT_ATTENDING');
    // A member of another branch is not the secretary's to remove.
    expect((await secretary.delete(`/api/v1/activities/${activityId}/check-ins/${m.neighbour}`)).status).toBe(404);
    // Deleting the activity takes its check-in session too.
    expect((await secretary.delete(`/api/v1/activities/${activityId}`)).status).toBe(200);
    expect(await t.ctx.db.selectFrom('activity_checkin').selectAll().where('activity_id', '=', activityId).execute()).toEqual([]);
  });
});
