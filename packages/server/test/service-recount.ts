import { expect } from 'vitest';
import { isoToday } from '@zx/domain';
import type { TestApp } from './setup.ts';
import type { TestClient } from './client.ts';
import { memberAccount, type OrgRef } from './factories.ts';

/**
 * The service slice's random edits for dashboard/recount.test.ts, kept apart from the walk: a
 * member checks in by QR code to an activity of their branch held today (participants change by
 * what they did), or logs volunteer service that the city verifies. Each signs in afresh as the
 * member, whose member grant follows their transfers.
 */
export function serviceEdits(t: TestApp, city: TestClient) {
  const todays = new Map<number, number>();

  async function todayActivity(campaignId: number, org: OrgRef): Promise<{ id: number; created: boolean }> {
    const known = todays.get(org.id);
    if (known && (await t.ctx.db.selectFrom('activity').select('id').where('id', '=', known).executeTakeFirst())) return { id: known, created: false };
    const res = await city.post('/api/v1/activities', {
      campaignId,
      orgId: org.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '扫码签到的活动',
      heldOn: isoToday(),
      place: '团员活动室',
      summary: '扫码签到',
      taskKeys: [],
      photoIds: [],
      attendeeIds: [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const open = await city.post(`/api/v1/activities/${res.body.id}/check-in/open`, {});
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    todays.set(org.id, res.body.id);
    return { id: res.body.id, created: true };
  }

  // One account per member (the schema says so); its member grant follows the member's transfers.
  const accounts = new Map<number, { id: number; username: string }>();
  let logins = 0;
  const asMember = async (member: { id: number }, org: OrgRef) => {
    let u = accounts.get(member.id);
    if (!u) accounts.set(member.id, (u = await memberAccount(t.ctx, member.id, org)));
    await t.ctx.db.updateTable('role_grant').set({ org_id: org.id }).where('user_id', '=', u.id).execute();
    // From an address of each sign-in's own: the login throttle counts per address.
    logins++;
    const c = t.client(`10.14.${Math.floor(logins / 250)}.${(logins % 250) + 1}`);
    expect((await c.login(u.username)).status).toBe(200);
    return c;
  };

  return {
    /** Checks the member in to today's activity of their branch; returns the activity when it was created for this. */
    async checkIn(campaignId: number, member: { id: number }, org: OrgRef): Promise<number | null> {
      const a = await todayActivity(campaignId, org);
      const path = (await city.get(`/api/v1/activities/${a.id}/check-in`)).body.path as string;
      const token = decodeURIComponent(/[?&]t=([^&]+)/.exec(path)![1]);
      const res = await (await asMember(member, org)).post(`/api/v1/activities/${a.id}/check-ins`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return a.created ? a.id : null;
    },

    /** The member logs an hour of service and the city verifies it (no dashboard figure may move). */
    async volunteer(member: { id: number }, org: OrgRef) {
      const logged = await (await asMember(member, org)).post('/api/v1/volunteer/entries', { servedOn: isoToday(), hours: 1.5, description: '社区服务' });
      expect(logged.status, JSON.stringify(logged.body)).toBe(201);
      const verified = await city.post(`/api/v1/volunteer/entries/${logged.body.id}/review`, { decision: 'verify' });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    },
  };
}
