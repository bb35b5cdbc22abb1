import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import { createOrg, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { addDays, reportsWorld, requestReport, today } from '../../test/report-fixtures.ts';

/** Asking for a written report: who is asked, what is refused, and a request to thousands of units. */

let t: TestApp;
let tree: Tree;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let campaignId: number;
let otherCampaignId: number;
let committeeCampaignId: number;

async function counts() {
  const n = async (table: 'report_request' | 'report_submission' | 'notification') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { requests: await n('report_request'), submissions: await n('report_submission'), notifications: await n('notification') };
}

const request = (c: TestClient, body: Record<string, unknown>) => requestReport(tree, c, body);

beforeAll(async () => {
  ({ t, tree, district, committee, secretary, campaignId, otherCampaignId, committeeCampaignId } = await reportsWorld());
});
afterAll(() => t?.close());

describe('requesting a written report', () => {
  it('asks every active branch of a district by type, notifies each and audits', async () => {
    const closed = await createOrg(t.ctx, tree.cA2, 'branch', '已撤销团支部');
    await t.ctx.db.updateTable('organization').set({ status: 'inactive' }).where('id', '=', closed.id).execute();
    const res = await request(district, { filter: { types: ['branch'] } });
    expect(res.status).toBe(201);
    expect(res.body.side).toBe('requester');
    expect(res.body.board.counts).toEqual({ total: 4, submitted: 0, late: 0, missing: 0, pending: 4 });
    const asked = res.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort();
    expect(asked).toEqual([tree.bA1a.id, tree.bA1b.id, tree.gA1x.id, tree.bA2a.id].sort());
    const notes = await t.ctx.db.selectFrom('notification').select(['org_id', 'kind', 'link']).where('link', '=', `/reports/${res.body.request.id}`).execute();
    expect(notes.map((n) => n.org_id).sort()).toEqual(asked);
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(['report_requested']));
    const inbox = await secretary.get('/api/v1/inbox');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'report_requested', link: `/reports/${res.body.request.id}` });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'report_request')
      .where('target_id', '=', String(res.body.request.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.request']);
    expect(JSON.parse(audit[0].summary!)).toMatchObject({ targets: 4 });
  });

  it('asks by depth: 1 = the direct children, 2 = two levels', async () => {
    const one = await request(district, { filter: { depth: 1 } });
    expect(one.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort()).toEqual([tree.cA1.id, tree.cA2.id].sort());
    const two = await request(committee, { orgId: tree.cA1.id, filter: { depth: 1, types: ['branch', 'general_branch'] } });
    expect(two.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort()).toEqual([tree.bA1a.id, tree.bA1b.id, tree.gA1.id].sort());
    const all = await request(committee, { orgId: tree.cA1.id, filter: { depth: 2, types: ['branch'] } });
    expect(all.body.board.counts.total).toBe(3);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await counts();
    // A campaign the district reaches (launched below it) that does not cover the requesting organization.
    const bad = await request(district, { dueOn: addDays(today, -1), filter: { types: ['nope'] }, campaignId: committeeCampaignId });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'campaignId:CAMPAIGN_NOT_COVERING',
      'dueOn:DUE_IN_PAST',
      'filter.types:ORG_TYPE_UNKNOWN',
    ]);
    expect(bad.body.errors[0].messages).toHaveProperty('zh');
    // A campaign out of the district's reach is a 404 naming the field, before any other rule.
    const foreign = await request(district, { dueOn: addDays(today, -1), campaignId: otherCampaignId });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['campaignId:NOT_FOUND']);
    const task = await request(district, { campaignId, taskKey: 'plan' });
    expect(task.body.errors.map((e: { code: string }) => e.code)).toEqual(['TASK_NOT_REPORT']);
    expect((await request(district, { taskKey: 'summary_report' })).body.errors[0].code).toBe('TASK_NEEDS_CAMPAIGN');
    const none = await request(district, { filter: { types: ['city'] } });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('REPORT_NO_TARGETS');
    expect(none.body.errors[0].field).toBe('filter');
    const leaf = await request(secretary, { orgId: tree.bA1a.id });
    expect(leaf.status).toBe(403);
    expect((await request(district, { title: '' })).body.errors[0].field).toBe('title');
    expect(await counts()).toEqual(before);
  });

  it('refuses a request from outside the scope (404) and without the permission (403)', async () => {
    const before = await counts();
    for (const org of [tree.dA, tree.cA2, tree.dB]) expect((await request(committee, { orgId: org.id })).status, org.name).toBe(404);
    expect((await request(secretary, { orgId: tree.bA1a.id })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('a request to thousands of units', () => {
  it('writes one submission and one notice per unit in batches', async () => {
    const at = new Date().toISOString();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      parent_id: tree.cA2.id,
      path: `pending:${i}`,
      depth: 3,
      type_code: 'branch',
      name: `社区第${i + 1}团支部`,
      code: `BULK${i}`,
      pinyin_initials: 'sqdtzb',
      pinyin_full: 'shequ',
      founded_on: '2015-05-04',
      responsible_person: '王五',
      contact_phone_enc: null,
      contact_phone_masked: null,
      status: 'active' as const,
      merged_into_id: null,
      created_at: at,
      updated_at: at,
    }));
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('organization')
          .values(rows.slice(i, i + 200))
          .execute();
      const bulk = await trx.selectFrom('organization').select('id').where('path', 'like', 'pending:%').execute();
      for (const { id } of bulk)
        await trx
          .updateTable('organization')
          .set({ path: `${tree.cA2.path}${id}/` })
          .where('id', '=', id)
          .execute();
    });

    const res = await request(district, { orgId: tree.cA2.id, title: '全覆盖汇报', filter: { types: ['branch'] } });
    expect(res.status).toBe(201);
    expect(res.body.board.counts).toMatchObject({ total: 1201, pending: 1201 });
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('link', '=', `/reports/${res.body.request.id}`)
      .executeTakeFirstOrThrow();
    expect(Number(notes.n)).toBe(1201);
    const page = await district.get(`/api/v1/report-requests/${res.body.request.id}?status=pending&page=61&pageSize=20`);
    expect(page.body.board.rows.items).toHaveLength(1);
  });
});
