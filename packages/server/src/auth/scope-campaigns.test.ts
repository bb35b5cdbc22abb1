import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { TestApp } from '../../test/setup.ts';
import { yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { fingerprint, setUpScopeWorld } from '../../test/auth-scope-fixtures.ts';

/**
 * The scope matrix (test/scope-matrix.ts) for the campaign engine's endpoints — campaigns, plans,
 * activities, attachments, bulletins and the inbox — and the plan flow the same roles run in their
 * own subtree. The foundation's probes are in scope-foundation.test.ts.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const userIn = new Map<number, number>();
let cityCampaignId = 0;

beforeAll(async () => {
  ({ t, tree, admin, secretary, cityCampaignId } = await setUpScopeWorld(memberIn, userIn));
});
afterAll(() => t?.close());

/** Endpoints that read or change something at an organization or a member of it. */
const probes: Record<string, ScopeProbe> = {
  'POST /bulletins (orgId)': (c, o) =>
    unchangedBulletin(o, () => c.post('/api/v1/bulletins', { campaignId: cityCampaignId, orgId: o.id, periodFrom: '2026-01-01', periodTo: '2026-12-31' })),
  'GET /bulletins?orgId': async (c, o) => {
    const id = await bulletinAt(o);
    const res = await c.get(`/api/v1/bulletins?orgId=${o.id}&pageSize=200`);
    return res.status === 200 && !res.body.items.some((x: { id: number }) => x.id === id) ? { status: 404 } : res;
  },
  'GET /bulletins/:id': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}`),
  'PUT /bulletins/:id': (c, o) => unchangedBulletin(o, (id) => c.put(`/api/v1/bulletins/${id}`, { title: '越权修改' })),
  'POST /bulletins/:id/number': (c, o) => unchangedBulletin(o, (id) => c.post(`/api/v1/bulletins/${id}/number`, {})),
  'POST /bulletins/:id/publish': (c, o) => unchangedBulletin(o, (id) => c.post(`/api/v1/bulletins/${id}/publish`)),
  'DELETE /bulletins/:id': (c, o) => unchangedBulletin(o, (id) => c.delete(`/api/v1/bulletins/${id}`)),
  'GET /bulletins/:id/docx': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}/docx`),
  'GET /bulletins/:id/pdf': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}/pdf`),
  'POST /campaigns (orgId)': (c, o) => c.post('/api/v1/campaigns', { templateId: 1, orgId: o.id, name: '活动', phases: yearPhases(2026) }),
  'GET /campaigns/:id/dashboard?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/dashboard?orgId=${o.id}`),
  'GET /campaigns/:id/dashboard/members?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/dashboard/members?orgId=${o.id}&figure=attended`),
  'GET /campaigns/:id/units?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/units?orgId=${o.id}&taskKey=plan`),
  'GET /campaigns/:id/lagging?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/lagging?orgId=${o.id}`),
  'GET /campaigns/:id/tasks?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/tasks?orgId=${o.id}`),
  'POST /campaigns/:id/tasks/:key/confirm (orgId)': async (c, o) => {
    const res = await c.post(`/api/v1/campaigns/${cityCampaignId}/tasks/cadre_commitments/confirm`, { orgId: o.id });
    const written = await t.ctx.db.selectFrom('task_confirmation').select('org_id').where('org_id', '=', o.id).execute();
    return written.length ? { status: 200 } : res;
  },
  'DELETE /campaigns/:id/tasks/:key/confirm?orgId': async (c, o) => {
    await t.ctx.db
      .insertInto('task_confirmation')
      .values({
        campaign_id: cityCampaignId,
        org_id: o.id,
        task_key: 'cadre_commitments',
        note: null,
        confirmed_at: new Date().toISOString(),
        confirmed_by: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const res = await c.delete(`/api/v1/campaigns/${cityCampaignId}/tasks/cadre_commitments/confirm?orgId=${o.id}`);
    const left = await t.ctx.db.selectFrom('task_confirmation').select('org_id').where('org_id', '=', o.id).execute();
    await t.ctx.db.deleteFrom('task_confirmation').where('org_id', '=', o.id).execute();
    return left.length ? res : { status: 200 };
  },
  'GET /campaigns/:id/plans?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/plans?orgId=${o.id}`),
  'GET /campaigns/:id/plans/:orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}`),
  'PUT /campaigns/:id/plans/:orgId': (c, o) => unchangedPlan(o, () => c.put(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}`, PLAN)),
  'POST /campaigns/:id/plans/:orgId/submit': (c, o) => unchangedPlan(o, () => c.post(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}/submit`, PLAN)),
  'POST /campaigns/:id/plans/:orgId/review': async (c, o) => {
    await submittedPlanAt(o);
    return unchangedPlan(o, () => c.post(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}/review`, { decision: 'return', comment: '越权退回' }));
  },
  'POST /attachments (orgId)': (c, o) =>
    c.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: 'note.txt', content: Buffer.from('会议记录'), type: 'text/plain' }, { orgId: String(o.id), kind: 'file' }),
    ),
  'GET /attachments/:id': async (c, o) => c.get(`/api/v1/attachments/${await attachmentAt(o)}`),
  'GET /attachments/:id/thumb': async (c, o) => c.get(`/api/v1/attachments/${await attachmentAt(o)}/thumb`),
  'GET /activities?orgId': (c, o) => c.get(`/api/v1/activities?orgId=${o.id}`),
  'GET /activities/calendar?orgId': (c, o) => c.get(`/api/v1/activities/calendar?orgId=${o.id}&month=2026-04`),
  'POST /activities (orgId)': (c, o) =>
    c.post('/api/v1/activities', {
      campaignId: cityCampaignId,
      orgId: o.id,
      type: 'publicity',
      title: '越权记录',
      heldOn: `${new Date().getUTCFullYear()}-03-10`,
      place: '礼堂',
      summary: '—',
    }),
  'GET /activities/:id': async (c, o) => c.get(`/api/v1/activities/${await activityAt(o)}`),
  'PATCH /activities/:id': async (c, o) => unchangedActivity(o, async (id) => c.patch(`/api/v1/activities/${id}`, { title: '越权修改' })),
  'DELETE /activities/:id': async (c, o) => unchangedActivity(o, async (id) => c.delete(`/api/v1/activities/${id}`)),
  'POST /activities/:id/notable': async (c, o) => unchangedActivity(o, async (id) => c.post(`/api/v1/activities/${id}/notable`, { notable: true })),
  'POST /inbox/:id/read (a notice to the organization)': async (c, o) => {
    const { notify } = await import('../inbox/service.ts');
    await notify(t.ctx.db, { org: o, kind: 'plan_returned', titleZh: '方案被退回', titleEn: 'Plan returned' });
    const n = await t.ctx.db.selectFrom('notification').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const res = await c.post(`/api/v1/inbox/${n.id}/read`);
    const written = await t.ctx.db.selectFrom('notification_read').select('user_id').where('notification_id', '=', n.id).execute();
    return written.length ? { status: 200 } : res;
  },
};

const PLAN = { theme: '越权方案', contentHtml: '<p>内容</p>', targets: [{ kind: 'star_tier', value: 5 }] };
const planOf = async (org: OrgRef) =>
  JSON.stringify({
    plans: await t.ctx.db.selectFrom('unit_plan').selectAll().where('org_id', '=', org.id).execute(),
    versions: await t.ctx.db
      .selectFrom('unit_plan_version as v')
      .innerJoin('unit_plan as p', 'p.id', 'v.plan_id')
      .selectAll('v')
      .where('p.org_id', '=', org.id)
      .execute(),
  });
/** Runs a plan write; a changed plan of `org` counts as allowed (200) whatever the answer. */
async function unchangedPlan(org: OrgRef, call: () => Promise<{ status: number }>) {
  const before = await planOf(org);
  const res = await call();
  return (await planOf(org)) === before ? res : { status: 200 };
}
/** A plan of `org` awaiting review, written by the test itself. */
async function submittedPlanAt(org: OrgRef) {
  if (await t.ctx.db.selectFrom('unit_plan').select('id').where('campaign_id', '=', cityCampaignId).where('org_id', '=', org.id).executeTakeFirst()) return;
  const at = new Date().toISOString();
  const { id } = await t.ctx.db
    .insertInto('unit_plan')
    .values({
      campaign_id: cityCampaignId,
      org_id: org.id,
      status: 'submitted',
      theme: '方案',
      content_html: '<p>内容</p>',
      targets: '[]',
      attachment_ids: '[]',
      version: 1,
      submitted_at: at,
      decided_at: null,
      created_at: at,
      updated_at: at,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('unit_plan_version')
    .values({
      plan_id: id,
      version: 1,
      theme: '方案',
      content_html: '<p>内容</p>',
      targets: '[]',
      attachment_ids: '[]',
      submitted_at: at,
      submitted_by: null,
      decision: null,
      review_comment: null,
      reviewed_at: null,
      reviewed_by: null,
    })
    .execute();
}

/** An activity recorded at `org` by the test itself (created_by null, so fingerprint() ignores it). */
const activities = new Map<number, number>();
async function activityAt(org: OrgRef): Promise<number> {
  if (!activities.has(org.id)) {
    const at = new Date().toISOString();
    const { id } = await t.ctx.db
      .insertInto('activity')
      .values({
        campaign_id: cityCampaignId,
        org_id: org.id,
        org_path: org.path,
        type: 'publicity',
        form: null,
        title: '宣传活动',
        held_on: `${at.slice(0, 4)}-03-10`,
        place: '礼堂',
        summary: '—',
        minutes: null,
        task_keys: '[]',
        photo_ids: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    activities.set(org.id, id);
  }
  return activities.get(org.id)!;
}

/** Runs a write on `org`'s test activity; answers 200 when the row changed (or vanished) whatever the status. */
async function unchangedActivity(org: OrgRef, write: (id: number) => Promise<{ status: number }>) {
  const id = await activityAt(org);
  const row = () =>
    t.ctx.db
      .selectFrom('activity')
      .select(['title', 'notable', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((r) => JSON.stringify(r ?? null));
  const before = await row();
  const res = await write(id);
  return (await row()) === before ? res : { status: 200 };
}

/** An attachment stored at `org` by the test itself (uploaded_by null, so fingerprint() ignores it). */
const attachments = new Map<number, number>();
async function attachmentAt(org: OrgRef): Promise<number> {
  if (!attachments.has(org.id)) {
    const { hash, size } = await t.ctx.files.put(Readable.from(Buffer.from(`file of ${org.name}`)), 1000);
    const { id } = await t.ctx.db
      .insertInto('attachment')
      .values({
        hash,
        name: 'a.txt',
        mime: 'text/plain; charset=utf-8',
        size,
        kind: 'photo',
        thumb_hash: hash,
        width: null,
        height: null,
        org_id: org.id,
        org_path: org.path,
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    attachments.set(org.id, id);
  }
  return attachments.get(org.id)!;
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint: () => fingerprint(t), memberIn, userIn });

describe('plans in the own subtree', () => {
  it('lets the secretary write and submit its own plan, and the committee above review it', async () => {
    expect((await secretary.put(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}`, PLAN)).status).toBe(200);
    expect((await secretary.post(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}/submit`)).body.status).toBe('submitted');
    expect((await secretary.get(`/api/v1/campaigns/${cityCampaignId}/plans`)).body.items.map((i: { orgId: number }) => i.orgId)).toEqual([tree.bA1a.id]);
    expect((await admin.get(`/api/v1/campaigns/${cityCampaignId}/plans?orgId=${tree.bA1a.id}`)).body.items[0]).toMatchObject({
      orgId: tree.bA1a.id,
      status: 'submitted',
      canReview: true,
    });
    expect((await admin.post(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}/review`, { decision: 'approve' })).body.status).toBe('approved');
  });
});

/** A numbered draft bulletin issued at `org`, written by the test itself (drafts are never visible below). */
const bulletins = new Map<number, number>();
async function bulletinAt(org: OrgRef): Promise<number> {
  if (!bulletins.has(org.id)) {
    const at = new Date().toISOString();
    const body = {
      issuer: org.name,
      addressee: '',
      opening: '',
      overviewText: '',
      requirements: [],
      closing: '',
      signature: org.name,
      dateLine: '',
      ranking: [],
      highlights: [],
      lagging: [],
      overview: {
        orgName: org.name,
        campaignName: '全市活动',
        currentPhaseNameZh: null,
        members: 0,
        participants: 0,
        participationRate: null,
        plans: { required: 0, submitted: 0, approved: 0, submissionRate: null, approvalRate: null },
        activities: { total: 0, byType: [] },
        tasks: [],
      },
    };
    const { id } = await t.ctx.db
      .insertInto('bulletin')
      .values({
        campaign_id: cityCampaignId,
        org_id: org.id,
        org_path: org.path,
        period_from: '2026-01-01',
        period_to: '2026-12-31',
        title: `${org.name}通报`,
        body: JSON.stringify(body),
        score_weights: '{"tasks":0.5,"plans":0.2,"participation":0.2,"activities":0.1,"activityTarget":2}',
        number_prefix: null,
        number_year: 2026,
        number_seq: 900 + org.id,
        status: 'draft',
        published_at: null,
        published_by: null,
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    bulletins.set(org.id, id);
  }
  return bulletins.get(org.id)!;
}

/** Runs a write on `org`'s test bulletin; answers 200 when any bulletin or notice changed, whatever the status. */
async function unchangedBulletin(org: OrgRef, write: (id: number) => Promise<{ status: number }>) {
  const id = await bulletinAt(org);
  const snapshot = async () =>
    JSON.stringify([
      await t.ctx.db.selectFrom('bulletin').select(['id', 'title', 'status', 'number_seq', 'updated_at']).orderBy('id').execute(),
      await t.ctx.db.selectFrom('notification').select('id').where('kind', '=', 'bulletin_published').execute(),
    ]);
  const before = await snapshot();
  const res = await write(id);
  return (await snapshot()) === before ? res : { status: 200 };
}
