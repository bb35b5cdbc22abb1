import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let districtB: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sysadmin: SignedInClient;
let templateId: number;

const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  districtB = await t.loginAs('org_admin', tree.dB);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sysadmin = await t.loginAs('system_admin', tree.city);
  templateId = (await city.get('/api/v1/templates')).body[0].id;
});
afterAll(() => t?.close());

describe('templates', () => {
  it('installs the built-in 双争先 template with its four phases, read by those who launch campaigns and by the system admin', async () => {
    const list = await city.get('/api/v1/templates');
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ key: 'shuang-zheng-xian', builtin: true });
    expect(list.body[0].definition.phases.map((p: { nameZh: string }) => p.nameZh)).toEqual(['动员准备', '全面实施', '深入推进', '总结提高']);
    expect((await committee.get(`/api/v1/templates/${templateId}`)).status).toBe(200);
    expect((await sysadmin.get('/api/v1/templates')).body).toHaveLength(1);
    expect((await sysadmin.get(`/api/v1/templates/${templateId}`)).body.key).toBe('shuang-zheng-xian');
    // A branch launches no campaign: templates are not its business.
    expect((await secretary.get('/api/v1/templates')).status).toBe(403);
    expect((await secretary.get(`/api/v1/templates/${templateId}`)).status).toBe(403);
    expect((await city.get('/api/v1/templates/999999')).status).toBe(404);
  });

  it('lets the system admin edit a template and validates it; the city org admin cannot (403), nor a system admin below the top', async () => {
    const tpl = (await sysadmin.get(`/api/v1/templates/${templateId}`)).body.definition;
    const renamed = { ...tpl, phases: tpl.phases.map((p: { key: string }, i: number) => (i === 0 ? { ...p, nameZh: '动员部署' } : p)) };
    const ok = await sysadmin.put(`/api/v1/templates/${templateId}`, renamed);
    expect(ok.status).toBe(200);
    expect(ok.body.definition.phases[0].nameZh).toBe('动员部署');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'user_id']).where('target_type', '=', 'campaign_template').execute();
    expect(audit).toEqual([{ action: 'template.update', user_id: sysadmin.user.id }]);
    const dup = await sysadmin.put(`/api/v1/templates/${templateId}`, { ...tpl, phases: [tpl.phases[0], { ...tpl.phases[1], key: tpl.phases[0].key }] });
    expect(dup.status).toBe(422);
    expect(dup.body.errors.map((e: { field: string }) => e.field)).toContain('phases.1.key');
    // 三员分立: the business admin of the city launches campaigns from templates but does not configure them.
    const before = await t.ctx.db.selectFrom('campaign_template').selectAll().where('id', '=', templateId).executeTakeFirstOrThrow();
    expect((await city.put(`/api/v1/templates/${templateId}`, tpl)).status).toBe(403);
    expect((await committee.put(`/api/v1/templates/${templateId}`, tpl)).status).toBe(403);
    expect((await secretary.put(`/api/v1/templates/${templateId}`, tpl)).status).toBe(403);
    const lowerAdmin = await t.loginAs('system_admin', tree.dA);
    expect((await lowerAdmin.put(`/api/v1/templates/${templateId}`, tpl)).status).toBe(403);
    expect(await t.ctx.db.selectFrom('campaign_template').selectAll().where('id', '=', templateId).executeTakeFirstOrThrow()).toEqual(before);
    expect((await sysadmin.put(`/api/v1/templates/${templateId}`, tpl)).status).toBe(200);
  });
});

describe('campaigns', () => {
  let cityCampaign: number;

  it('launches a campaign at the city from the template, with the phase in force today', async () => {
    const res = await city.post('/api/v1/campaigns', {
      templateId,
      orgId: tree.city.id,
      name: `${thisYear}年“双争先”主题实践活动`,
      slogan: '双争先助推二次跨越',
      phases: yearPhases(thisYear),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orgId: tree.city.id, orgName: '示范市团市委', status: 'running', phaseMode: 'dates' });
    expect(['mobilization', 'implementation', 'deepening', 'summary']).toContain(res.body.currentPhase);
    expect(res.body.daysLeft).toBeGreaterThanOrEqual(0);
    cityCampaign = res.body.id;
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'campaign')
      .where('target_id', '=', String(cityCampaign))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['campaign.create']);
  });

  it('refuses overlapping or missing phase dates with field errors and writes nothing', async () => {
    const before = await t.ctx.db.selectFrom('campaign').select('id').execute();
    const res = await city.post('/api/v1/campaigns', {
      templateId,
      orgId: tree.city.id,
      name: 'x',
      phases: [yearPhases(thisYear)[0], { ...yearPhases(thisYear)[1], startsOn: `${thisYear}-02-01` }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['PHASE_OVERLAP', 'PHASE_DATES_REQUIRED', 'PHASE_DATES_REQUIRED']);
    expect(res.body.errors[0].messages.zh).toContain('全面实施');
    expect(await t.ctx.db.selectFrom('campaign').select('id').execute()).toHaveLength(before.length);
  });

  it('shows a campaign to every organization it covers, and a district campaign only inside that district', async () => {
    const b = await districtB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区“双争先”', phases: yearPhases(thisYear) });
    expect(b.status).toBe(201);
    const seenBySecretary = (await secretary.get('/api/v1/campaigns')).body.map((c: { id: number }) => c.id);
    expect(seenBySecretary).toContain(cityCampaign);
    expect(seenBySecretary).not.toContain(b.body.id);
    expect((await secretary.get(`/api/v1/campaigns/${b.body.id}`)).status).toBe(404);
    expect((await city.get('/api/v1/campaigns')).body.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([cityCampaign, b.body.id]));
  });

  it('refuses launching at a sibling, the parent or an unrelated organization, and managing a covering campaign', async () => {
    for (const org of [tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
      const res = await committee.post('/api/v1/campaigns', { templateId, orgId: org.id, name: 'x', phases: yearPhases(thisYear) });
      expect(res.status, `launch at ${org.name}`).toBe(404);
    }
    expect((await secretary.post('/api/v1/campaigns', { templateId, orgId: tree.bA1a.id, name: 'x', phases: yearPhases(thisYear) })).status).toBe(403);
    // The system admin configures templates but runs no campaign (三员分立).
    expect((await sysadmin.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: 'x', phases: yearPhases(thisYear) })).status).toBe(403);
    expect((await sysadmin.get('/api/v1/campaigns')).status).toBe(403);
    // An unknown template is a 404 naming the field, like any id out of reach.
    const noTemplate = await committee.post('/api/v1/campaigns', { templateId: 999999, orgId: tree.cA1.id, name: 'x', phases: yearPhases(thisYear) });
    expect(noTemplate.status).toBe(404);
    expect(noTemplate.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['templateId:NOT_FOUND']);
    // The city's campaign covers the committee, but only the city manages it.
    expect((await committee.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { manualPhaseKey: 'summary' })).status).toBe(404);
    expect((await committee.post(`/api/v1/campaigns/${cityCampaign}/clone`, { name: 'x', phases: yearPhases(thisYear + 1) })).status).toBe(404);
    expect((await districtB.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { manualPhaseKey: 'summary' })).status).toBe(404);
  });

  it('switches the phase by hand (audited) and back to the dates', async () => {
    const manual = await city.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { manualPhaseKey: 'deepening' });
    expect(manual.body).toMatchObject({ currentPhase: 'deepening', phaseMode: 'manual' });
    expect((await city.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { manualPhaseKey: 'nope' })).body.errors[0].code).toBe('PHASE_UNKNOWN');
    const back = await city.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { manualPhaseKey: null });
    expect(back.body.phaseMode).toBe('dates');
    const actions = (
      await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'campaign').where('target_id', '=', String(cityCampaign)).execute()
    ).map((a) => a.action);
    expect(actions.filter((a) => a === 'campaign.switch_phase')).toHaveLength(2);
  });

  it('clones a campaign into next year (长效机制)', async () => {
    const res = await city.post(`/api/v1/campaigns/${cityCampaign}/clone`, { name: `${thisYear + 1}年“双争先”主题实践活动`, phases: yearPhases(thisYear + 1) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ clonedFromId: cityCampaign, orgId: tree.city.id, status: 'upcoming', slogan: '双争先助推二次跨越' });
  });
});
