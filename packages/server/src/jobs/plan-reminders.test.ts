import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, createUser, type Tree } from '../../test/factories.ts';
import { runReminders } from './reminders.ts';

let t: TestApp;
let tree: Tree;
let campaignId: number;
const today = '2026-02-26';

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = t.client();
  await city.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }])).username);
  // The plan task is due at the end of 动员准备: 2026-02-28, two days after "today".
  const res = await city.post('/api/v1/campaigns', {
    templateId: 1,
    orgId: tree.dA.id,
    name: '红星区“双争先”',
    phases: [
      { key: 'mobilization', startsOn: '2026-01-01', endsOn: '2026-02-28' },
      { key: 'implementation', startsOn: '2026-03-01', endsOn: '2026-08-31' },
      { key: 'deepening', startsOn: '2026-09-01', endsOn: '2026-10-31' },
      { key: 'summary', startsOn: '2026-11-01', endsOn: '2026-12-31' },
    ],
  });
  campaignId = res.body.id;
  const at = new Date().toISOString();
  const plan = (orgId: number, status: 'draft' | 'submitted' | 'returned' | 'approved') => ({
    campaign_id: campaignId,
    org_id: orgId,
    status,
    theme: '主题',
    content_html: '<p>方案</p>',
    targets: '[]',
    attachment_ids: '[]',
    version: status === 'draft' ? 0 : 1,
    submitted_at: null,
    decided_at: null,
    created_at: at,
    updated_at: at,
    updated_by: null,
  });
  await t.ctx.db
    .insertInto('unit_plan')
    .values([plan(tree.bA1a.id, 'draft'), plan(tree.bA1b.id, 'submitted'), plan(tree.gA1x.id, 'approved'), plan(tree.bA2a.id, 'returned')])
    .execute();
});
afterAll(() => t?.close());

describe('plan deadline reminders', () => {
  it('remind every unit of the campaign that has not submitted, once, and nobody outside it', async () => {
    expect((await runReminders(t.ctx, '2026-02-20')).plans).toBe(0); // not yet within three days
    const first = await runReminders(t.ctx, today);
    const notices = await t.ctx.db.selectFrom('notification').select(['org_id', 'kind', 'link']).where('kind', '=', 'plan_deadline').execute();
    const orgs = notices.map((n) => n.org_id).sort((a, b) => a - b);
    // Basic units of 红星区 without a submitted or approved plan: the draft, the returned one, and those with none.
    const expected = [tree.cA1, tree.bA1a, tree.gA1, tree.cA2, tree.bA2a].map((o) => o.id).sort((a, b) => a - b);
    expect(orgs).toEqual(expected);
    expect(first.plans).toBe(expected.length);
    expect(notices.find((n) => n.org_id === tree.bA1a.id)!.link).toBe(`/plans/${campaignId}/${tree.bA1a.id}`);
    expect((await runReminders(t.ctx, today)).plans).toBe(0);
    expect(await t.ctx.db.selectFrom('notification').select('id').where('kind', '=', 'plan_deadline').execute()).toHaveLength(expected.length);
    expect((await runReminders(t.ctx, '2026-03-01')).plans).toBe(0); // past due: no "due soon" notice
  });
});
