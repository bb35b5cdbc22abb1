import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import type { OrgRef, Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { activitiesWorld, activityCounts, day, oathBody, photoAt, selectedDemoSite, y } from '../../test/activity-fixtures.ts';

/** What recording an activity refuses: broken rules as field errors (422), ids out of reach (404); a symposium's minutes. */

let t: TestApp;
let tree: Tree;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let campaignId: number;
let districtBCampaignId: number;
let branchBCampaignId: number;
let m: Record<string, number>;

const demoSiteAt = (org: OrgRef) => selectedDemoSite(t, org);
const counts = () => activityCounts(t);
const oath = (extra: Record<string, unknown> = {}) => oathBody(tree, campaignId, extra);

beforeAll(async () => {
  ({ t, tree, committee, secretary, sibling, campaignId, districtBCampaignId, branchBCampaignId, m } = await activitiesWorld());
});
afterAll(() => t?.close());

describe('recording an activity', () => {
  it('reports every broken rule as a field error and writes nothing', async () => {
    const before = await counts();
    const res = await secretary.post(
      '/api/v1/activities',
      oath({
        form: null,
        heldOn: day('12-31') > isoToday() ? day('12-31') : `${y + 1}-01-01`,
        taskKeys: ['party_education_oath', 'no_such_task'],
        attendeeIds: [m.wang, m.left],
        minutes: '不该有',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'form:ACTIVITY_FORM_REQUIRED',
        'minutes:ACTIVITY_MINUTES_NOT_APPLICABLE',
        'taskKeys.1:ACTIVITY_TASK_UNKNOWN',
        'attendeeIds.1:ATTENDEE_NOT_ELIGIBLE',
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('heldOn:'))).toBe(true);
    expect(fields).not.toContain('attendeeIds.0:ATTENDEE_NOT_ELIGIBLE');
    expect(res.body.errors[0].messages).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/[a-z]/) });
    expect(await counts()).toEqual(before);
  });

  it("refuses, as a 422, a photo and an attendee the recorder may reach that are not the unit's", async () => {
    // The committee reaches both branches; an activity of 高一(1)班 still takes only its own photos and members.
    const neighbourPhoto = await photoAt(sibling, tree.bA1b);
    const before = await counts();
    const res = await committee.post('/api/v1/activities', oath({ photoIds: [neighbourPhoto], attendeeIds: [m.wang, m.neighbour], taskKeys: [] }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'attendeeIds.1:ATTENDEE_NOT_ELIGIBLE',
      'photoIds:ATTACHMENT_NOT_USABLE',
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses ids in the body outside the recorder's reach as 404 with a field error each, and writes nothing (issue 11)", async () => {
    const foreignPhoto = await photoAt(sibling, tree.bA1b);
    const nurseSite = await demoSiteAt(tree.bB1a);
    const before = await counts();
    const attendees = await secretary.post('/api/v1/activities', oath({ attendeeIds: [m.wang, m.neighbour, m.left, m.nurse] }));
    expect(attendees.status).toBe(404);
    expect(attendees.body.code).toBe('NOT_FOUND');
    expect(attendees.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'attendeeIds.1:NOT_FOUND',
      'attendeeIds.3:NOT_FOUND',
    ]);
    const photos = await secretary.post('/api/v1/activities', oath({ photoIds: [foreignPhoto] }));
    expect(photos.status).toBe(404);
    expect(photos.body.errors.map((e: { field: string }) => e.field)).toEqual(['photoIds.0']);
    const site = await secretary.post('/api/v1/activities', oath({ type: 'demo_site_visit', form: null, taskKeys: [], demoSiteId: nurseSite }));
    expect(site.status).toBe(404);
    expect(site.body.errors.map((e: { field: string }) => e.field)).toEqual(['demoSiteId']);
    const campaign = await secretary.post('/api/v1/activities', oath({ campaignId: districtBCampaignId }));
    expect(campaign.status).toBe(404);
    expect(campaign.body.errors.map((e: { field: string }) => e.field)).toEqual(['campaignId']);
    expect(await counts()).toEqual(before);
  });

  it('refuses a party-spirit education without its form, a date before the campaign, and a campaign that does not cover the unit', async () => {
    const before = await counts();
    const noForm = await secretary.post('/api/v1/activities', oath({ form: undefined }));
    expect(noForm.status).toBe(422);
    expect(noForm.body.errors.map((e: { field: string }) => e.field)).toEqual(['form']);
    const early = await secretary.post('/api/v1/activities', oath({ heldOn: `${y - 1}-12-31` }));
    expect(early.body.errors.map((e: { code: string }) => e.code)).toEqual(['ACTIVITY_DATE_OUTSIDE_CAMPAIGN']);
    // A campaign the recorder reaches (launched inside its subtree) that does not cover the unit.
    const elsewhere = await committee.post('/api/v1/activities', oath({ campaignId: branchBCampaignId }));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['campaignId:CAMPAIGN_NOT_COVERING']);
    const badType = await secretary.post('/api/v1/activities', oath({ type: 'karaoke' }));
    expect(badType.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('asks a symposium for its minutes and keeps them', async () => {
    const base = { campaignId, orgId: tree.bA1a.id, type: 'symposium', title: '青年座谈会', heldOn: day('05-04'), place: '会议室', summary: '座谈' };
    expect((await secretary.post('/api/v1/activities', base)).body.errors[0].field).toBe('minutes');
    const ok = await secretary.post('/api/v1/activities', { ...base, minutes: '王小明发言：……' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ minutes: '王小明发言：……', form: null });
    expect((await secretary.delete(`/api/v1/activities/${ok.body.id}`)).status).toBe(200);
  });
});
