import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { activitiesWorld, activityCounts, day, oathBody, photoAt, y } from '../../test/activity-fixtures.ts';

/** An activity's life: recorded with attendance and photos, edited, marked notable, deleted; then the lists and the calendar. */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let nurseSecretary: TestClient;
let inspector: TestClient;
let auditor: TestClient;
let campaignId: number;
let m: Record<string, number>;

async function stat(orgId: number, metric: string) {
  const r = await t.ctx.db
    .selectFrom('campaign_stat')
    .select(['own', 'subtree'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .where('metric', '=', metric)
    .executeTakeFirst();
  return r ? { own: Number(r.own), subtree: Number(r.subtree) } : { own: 0, subtree: 0 };
}

const counts = () => activityCounts(t);
const oath = (extra: Record<string, unknown> = {}) => oathBody(tree, campaignId, extra);

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, sibling, nurseSecretary, inspector, auditor, campaignId, m } = await activitiesWorld());
});
afterAll(() => t?.close());

describe('recording an activity', () => {
  let id: number;

  it('records a party-spirit education with attendance and photos, and rolls the figures up', async () => {
    const photo = await photoAt(secretary, tree.bA1a);
    const res = await secretary.post('/api/v1/activities', oath({ photoIds: [photo], attendeeIds: [m.wang, m.li] }));
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      campaignId,
      orgId: tree.bA1a.id,
      orgName: '高一(1)班团支部',
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词',
      heldOn: day('04-15'),
      attendeeCount: 2,
      notable: false,
      photoCount: 1,
      coverThumbUrl: `/api/v1/attachments/${photo}/thumb`,
      campaign: { id: campaignId },
      tasks: [{ key: 'party_education_oath', nameZh: '党性教育：重温入党/入团誓词' }],
      canEdit: true,
      canMarkNotable: false,
    });
    expect(res.body.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['李小红', '王小明']);
    expect(res.body.attendees[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      orgId: tree.bA1a.id,
      orgName: '高一(1)班团支部',
      active: true,
      source: 'hand',
      checkedInAt: null,
    });
    expect(res.body.photos).toEqual([expect.objectContaining({ id: photo, kind: 'photo', thumbUrl: `/api/v1/attachments/${photo}/thumb` })]);

    expect(await stat(tree.bA1a.id, 'activities')).toEqual({ own: 1, subtree: 1 });
    expect(await stat(tree.cA1.id, 'activities')).toEqual({ own: 0, subtree: 1 });
    expect(await stat(tree.city.id, 'activities:party_education')).toEqual({ own: 0, subtree: 1 });
    expect(await stat(tree.bA1a.id, 'participants')).toEqual({ own: 2, subtree: 2 });
    expect(await stat(tree.bA1a.id, 'task:party_education_oath')).toEqual({ own: 1, subtree: 1 });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'activity.create').execute();
    expect(audit).toEqual([{ action: 'activity.create', target_id: String(id) }]);
  });

  it('changes attendance on edit and moves participation with it', async () => {
    const res = await secretary.patch(`/api/v1/activities/${id}`, { attendeeIds: [m.wang, m.zhao, m.zhao], title: '重温入团誓词（补记）' });
    expect(res.status).toBe(200);
    expect(res.body.attendeeCount).toBe(2);
    expect(res.body.title).toBe('重温入团誓词（补记）');
    expect(res.body.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['王小明', '赵小刚']);
    expect(await stat(tree.bA1a.id, 'participants')).toEqual({ own: 2, subtree: 2 });
    const rows = await t.ctx.db.selectFrom('activity_attendance').select('member_id').where('activity_id', '=', id).execute();
    expect(rows.map((r) => r.member_id).sort()).toEqual([m.wang, m.zhao].sort());

    // An edit that leaves attendance alone does not re-check it; an invalid new list is refused whole.
    const bad = await secretary.patch(`/api/v1/activities/${id}`, { attendeeIds: [m.wang, m.left] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['attendeeIds.1:ATTENDEE_NOT_ELIGIBLE']);
    const foreign = await secretary.patch(`/api/v1/activities/${id}`, { attendeeIds: [m.wang, m.neighbour] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['attendeeIds.1:NOT_FOUND']);
    expect((await secretary.get(`/api/v1/activities/${id}`)).body.attendeeCount).toBe(2);

    // Changing the type away from party-spirit education drops the form; the evidence goes with it.
    const retyped = await secretary.patch(`/api/v1/activities/${id}`, { type: 'publicity' });
    expect(retyped.body).toMatchObject({ type: 'publicity', form: null });
    expect(await stat(tree.bA1a.id, 'task:party_education_oath')).toEqual({ own: 0, subtree: 0 });
    expect(await stat(tree.bA1a.id, 'activities:publicity')).toEqual({ own: 1, subtree: 1 });
    await secretary.patch(`/api/v1/activities/${id}`, { type: 'party_education', form: 'oath_renewal' });
    expect(await stat(tree.bA1a.id, 'task:party_education_oath')).toEqual({ own: 1, subtree: 1 });
  });

  it('lets only a unit above the activity mark it notable, and tells the unit', async () => {
    expect((await secretary.post(`/api/v1/activities/${id}/notable`, { notable: true })).status).toBe(403);
    expect((await secretary.patch(`/api/v1/activities/${id}`, { notable: true })).status).toBe(403);
    expect((await secretary.post('/api/v1/activities', oath({ notable: true }))).status).toBe(403);
    const res = await committee.post(`/api/v1/activities/${id}/notable`, { notable: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notable: true, canMarkNotable: true });
    const n = await t.ctx.db.selectFrom('notification').select(['kind', 'org_id', 'link']).where('kind', '=', 'activity_notable').execute();
    expect(n).toEqual([{ kind: 'activity_notable', org_id: tree.bA1a.id, link: `/activities/${id}` }]);
    expect((await district.post(`/api/v1/activities/${id}/notable`, { notable: false })).body.notable).toBe(false);
    expect((await district.post(`/api/v1/activities/${id}/notable`, { notable: true })).body.notable).toBe(true);
    // The committee's own activity is picked by the district, not by itself.
    const own = await committee.post('/api/v1/activities', { ...oath(), orgId: tree.cA1.id, taskKeys: [] });
    expect(own.status).toBe(201);
    expect(own.body.canMarkNotable).toBe(false);
    expect((await committee.post(`/api/v1/activities/${own.body.id}/notable`, { notable: true })).status).toBe(403);
    expect((await district.post(`/api/v1/activities/${own.body.id}/notable`, { notable: true })).status).toBe(200);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'activity.%notable').execute();
    expect(audits.length).toBe(4);
  });

  it('deletes an activity with its attendance and figures', async () => {
    const res = await secretary.post('/api/v1/activities', oath({ title: '待删除', heldOn: day('06-01'), attendeeIds: [m.li] }));
    expect(await stat(tree.bA1a.id, 'participants')).toEqual({ own: 3, subtree: 3 });
    expect((await sibling.delete(`/api/v1/activities/${res.body.id}`)).status).toBe(404);
    expect((await inspector.delete(`/api/v1/activities/${res.body.id}`)).status).toBe(403);
    expect((await secretary.delete(`/api/v1/activities/${res.body.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/activities/${res.body.id}`)).status).toBe(404);
    expect(await t.ctx.db.selectFrom('activity_attendance').select('member_id').where('activity_id', '=', res.body.id).execute()).toEqual([]);
    expect(await stat(tree.bA1a.id, 'participants')).toEqual({ own: 2, subtree: 2 });
    expect((await t.ctx.db.selectFrom('audit_log').select('target_id').where('action', '=', 'activity.delete').execute()).map((a) => a.target_id)).toContain(
      String(res.body.id),
    );
  });
});

describe('lists and the calendar', () => {
  beforeAll(async () => {
    expect(
      (
        await nurseSecretary.post('/api/v1/activities', {
          campaignId,
          orgId: tree.bB1a.id,
          type: 'publicity',
          title: '护理宣传日',
          heldOn: day('04-20'),
          place: '门诊大厅',
          summary: '宣传',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await sibling.post('/api/v1/activities', {
          campaignId,
          orgId: tree.bA1b.id,
          type: 'demo_site_visit',
          title: '参观示范点',
          heldOn: day('03-05'),
          place: '示范点',
          summary: '参观',
        })
      ).status,
    ).toBe(201);
  });

  it('shows higher units their subtree, newest first, and a unit only its own', async () => {
    const titles = async (c: TestClient, qs = '') =>
      (await c.get(`/api/v1/activities?campaignId=${campaignId}${qs}`)).body.items.map((a: { title: string }) => a.title);
    expect(await titles(secretary)).toEqual(['重温入团誓词（补记）']);
    // Same day: the later record first.
    expect(await titles(committee)).toEqual(['重温入团誓词', '重温入团誓词（补记）', '参观示范点']);
    expect(await titles(district)).toEqual(await titles(committee));
    expect(await titles(city)).toEqual(['护理宣传日', '重温入团誓词', '重温入团誓词（补记）', '参观示范点']);
    expect(await titles(city, `&orgId=${tree.cA1.id}&subtree=0`)).toEqual(['重温入团誓词']);
    expect(await titles(city, '&type=publicity')).toEqual(['护理宣传日']);
    expect(await titles(city, '&notable=1')).toEqual(['重温入团誓词', '重温入团誓词（补记）']);
    expect(await titles(city, `&from=${day('04-16')}&to=${day('04-30')}`)).toEqual(['护理宣传日']);
    expect(await titles(city, `&q=${encodeURIComponent('示范')}`)).toEqual(['参观示范点']);
    const page = await city.get(`/api/v1/activities?pageSize=2&page=2`);
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect((await sibling.get(`/api/v1/activities?orgId=${tree.bA1a.id}`)).status).toBe(404);
    expect((await auditor.get('/api/v1/activities')).status).toBe(403);
    expect((await inspector.get('/api/v1/activities')).body.total).toBe(3);
  });

  it('gives a month of activities for the calendar, within the scope', async () => {
    const april = await committee.get(`/api/v1/activities/calendar?campaignId=${campaignId}&month=${y}-04`);
    expect(april.status).toBe(200);
    expect(april.body).toEqual([
      {
        id: expect.any(Number),
        title: '重温入团誓词（补记）',
        type: 'party_education',
        form: 'oath_renewal',
        heldOn: day('04-15'),
        orgName: '高一(1)班团支部',
        notable: true,
      },
      {
        id: expect.any(Number),
        title: '重温入团誓词',
        type: 'party_education',
        form: 'oath_renewal',
        heldOn: day('04-15'),
        orgName: '红星中学团委',
        notable: true,
      },
    ]);
    expect((await city.get(`/api/v1/activities/calendar?month=${y}-04`)).body.map((a: { title: string }) => a.title)).toContain('护理宣传日');
    expect((await committee.get(`/api/v1/activities/calendar?month=${y}-13`)).status).toBe(422);
    expect((await sibling.get(`/api/v1/activities/calendar?month=${y}-04&orgId=${tree.bA1a.id}`)).status).toBe(404);
  });

  it("hides another unit's activity behind 404 for every verb", async () => {
    const [a] = (await secretary.get('/api/v1/activities')).body.items;
    const before = await counts();
    expect((await sibling.get(`/api/v1/activities/${a.id}`)).status).toBe(404);
    expect((await sibling.patch(`/api/v1/activities/${a.id}`, { title: 'x' })).status).toBe(404);
    expect((await sibling.post(`/api/v1/activities/${a.id}/notable`, { notable: false })).status).toBe(404);
    expect((await nurseSecretary.delete(`/api/v1/activities/${a.id}`)).status).toBe(404);
    expect((await secretary.post('/api/v1/activities', oath({ orgId: tree.bA1b.id }))).status).toBe(404);
    expect((await inspector.get(`/api/v1/activities/${a.id}`)).body.canEdit).toBe(false);
    expect((await inspector.post('/api/v1/activities', oath())).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
