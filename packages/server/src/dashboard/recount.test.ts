import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, type CampaignTemplate, type PhaseDates } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, testIdCard, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import type { PlanStatus } from '../db/schema.ts';
import { rng } from '../demo/generator.ts';
import { recountReach, reachShown, reachShownInChild } from '../../test/reach-recount.ts';
import { serviceEdits } from '../../test/service-recount.ts';

/**
 * The dashboard reads roll-up rows; this test applies hundreds of random edits through the API
 * and checks every figure of every organization against a recount from the raw rows, written
 * here independently of the roll-up code.
 */

let t: TestApp;
let tree: Tree;
let city: TestClient;
const year = new Date().getUTCFullYear();
const phases = yearPhases(year);

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
});
afterAll(() => t?.close());

const subtree = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} >= ${path} and ${sql.ref(col)} < ${`${path.slice(0, -1)}0`})`;
const n = (r: { n: unknown } | undefined) => Number(r?.n ?? 0);

/** Every figure of the dashboard of `org`, recounted from raw rows. */
async function recount(campaignId: number, org: { id: number; path: string }) {
  const db = t.ctx.db;
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const def = JSON.parse(c.definition) as CampaignTemplate;
  const dates = JSON.parse(c.phase_dates) as PhaseDates[];
  const unitsOf = (types: string[]) =>
    db
      .selectFrom('organization as o')
      .where(subtree('o.path', org.path))
      .where('o.status', '=', 'active')
      .where('o.type_code', 'in', types.length ? types : ['-']);

  const members = n(
    await db
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(sql`count(*)`.as('n'))
      .where('m.status', '=', 'active')
      .where(subtree('o.path', org.path))
      .executeTakeFirst(),
  );
  const participants = n(
    await db
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(sql`count(distinct aa.member_id)`.as('n'))
      .where('a.campaign_id', '=', campaignId)
      .where('m.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where(subtree('o.path', org.path))
      .executeTakeFirst(),
  );
  const activityRows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.org_id')
    .select(['a.type', sql`count(*)`.as('n')])
    .where('a.campaign_id', '=', campaignId)
    .where('o.status', '=', 'active')
    .where(subtree('o.path', org.path))
    .groupBy('a.type')
    .execute();
  const planTypesList = [
    ...new Set(
      def.phases
        .flatMap((p) => p.tasks)
        .filter((x) => x.evidence.kind === 'plan_approved')
        .flatMap((x) => x.orgTypes),
    ),
  ];
  const plansRequired = n(await unitsOf(planTypesList).select(sql`count(*)`.as('n')).executeTakeFirst());
  const plansWith = async (statuses: PlanStatus[]) =>
    n(
      await unitsOf(planTypesList)
        .innerJoin('unit_plan as p', 'p.org_id', 'o.id')
        .select(sql`count(*)`.as('n'))
        .where('p.campaign_id', '=', campaignId)
        .where('p.status', 'in', statuses)
        .executeTakeFirst(),
    );

  const tasks: Record<string, { required: number; done: number }> = {};
  for (const phase of def.phases) {
    const d = dates.find((x) => x.key === phase.key)!;
    for (const task of phase.tasks) {
      const required = n(await unitsOf(task.orgTypes).select(sql`count(*)`.as('n')).executeTakeFirst());
      const e = task.evidence;
      let evidence: ReturnType<typeof sql<boolean>>;
      switch (e.kind) {
        case 'activities':
          evidence = sql<boolean>`(select count(*) from activity x where x.org_id = o.id and x.campaign_id = ${campaignId} and x.type = ${e.activityType}
            ${e.form ? sql`and x.form = ${e.form}` : sql``} and x.held_on >= ${d.startsOn} and x.held_on <= ${d.endsOn}) >= ${e.min}`;
          break;
        case 'plan_approved':
          evidence = sql<boolean>`exists (select 1 from unit_plan p where p.org_id = o.id and p.campaign_id = ${campaignId} and p.status = 'approved')`;
          break;
        case 'report_submitted':
          evidence = sql<boolean>`exists (select 1 from report_submission s join report_request r on r.id = s.request_id where s.org_id = o.id and r.campaign_id = ${campaignId} and r.task_key = ${task.key} and s.status = 'submitted')`;
          break;
        case 'confirmation':
          evidence = sql<boolean>`exists (select 1 from task_confirmation k where k.org_id = o.id and k.campaign_id = ${campaignId} and k.task_key = ${task.key})`;
          break;
        case 'self_assessment_verified':
          evidence = sql<boolean>`exists (select 1 from assessment x where x.org_id = o.id and x.campaign_id = ${campaignId} and x.status = 'verified')`;
          break;
        default:
          evidence = sql<boolean>`1 = 0`;
      }
      const done = n(await unitsOf(task.orgTypes).select(sql`count(*)`.as('n')).where(evidence).executeTakeFirst());
      tasks[task.key] = { required, done };
    }
  }
  return {
    members,
    participants,
    activities: activityRows.reduce((s, r) => s + Number(r.n), 0),
    byType: Object.fromEntries(activityRows.map((r) => [r.type, Number(r.n)])),
    plans: { required: plansRequired, submitted: await plansWith(['submitted', 'approved']), approved: await plansWith(['approved']) },
    tasks,
  };
}

async function assertDashboardsMatch(campaignId: number, rootPath: string) {
  const orgs = await t.ctx.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('status', '=', 'active')
    .where(subtree('path', rootPath))
    .orderBy('path')
    .execute();
  let checked = 0;
  for (const org of orgs) {
    const res = await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${org.id}`);
    expect(res.status, `dashboard of ${org.id}`).toBe(200);
    const d = res.body;
    const want = await recount(campaignId, org);
    const got = {
      members: d.members,
      participants: d.participants,
      activities: d.activities.total,
      byType: Object.fromEntries(
        d.activities.byType.filter((x: { count: number }) => x.count > 0).map((x: { type: string; count: number }) => [x.type, x.count]),
      ),
      plans: { required: d.plans.required, submitted: d.plans.submitted, approved: d.plans.approved },
      tasks: Object.fromEntries(d.tasks.map((x: { key: string; required: number; done: number }) => [x.key, { required: x.required, done: x.done }])),
    };
    expect(got, `campaign ${campaignId}, organization ${org.id} ${org.path}`).toEqual(want);
    expect(reachShown(d), `reach of ${org.id} ${org.path}`).toEqual(await recountReach(t.ctx.db, campaignId, org));
    // A child's row on the parent's dashboard is the child's own dashboard.
    for (const child of d.children) {
      const cw = await recount(campaignId, { id: child.id, path: `${org.path}${child.id}/` });
      expect({ members: child.members, activities: child.activities, plansSubmitted: child.plansSubmitted }, `child ${child.id} of ${org.id}`).toEqual({
        members: cw.members,
        activities: cw.activities,
        plansSubmitted: cw.plans.submitted,
      });
      expect(reachShownInChild(child), `reach of child ${child.id} of ${org.id}`).toEqual(
        await recountReach(t.ctx.db, campaignId, { path: `${org.path}${child.id}/` }),
      );
    }
    // The rows behind each task figure: as many as the figure says.
    if (org.path === rootPath) {
      for (const task of d.tasks) {
        const list = (await city.get(`/api/v1/campaigns/${campaignId}/units?orgId=${org.id}&taskKey=${task.key}&status=done&pageSize=200`)).body;
        expect([list.total, list.items.length], `units behind ${task.key}`).toEqual([want.tasks[task.key].done, want.tasks[task.key].done]);
      }
      const missing = (await city.get(`/api/v1/campaigns/${campaignId}/units?orgId=${org.id}&plan=missing&pageSize=200`)).body;
      expect([missing.total, missing.items.length]).toEqual([want.plans.required - want.plans.submitted, want.plans.required - want.plans.submitted]);
    }
    checked++;
  }
  return checked;
}

describe('dashboard figures equal a recount from raw rows', () => {
  it('after hundreds of random edits, on every organization of two campaigns', async () => {
    const random = rng(20261125);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    const cityCampaign = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '全市', phases })).body.id as number;
    const districtCampaign = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.dA.id, name: '红星区', phases })).body.id as number;
    expect([cityCampaign, districtCampaign].every((id) => Number.isInteger(id) && id > 0)).toBe(true);

    const committees: OrgRef[] = [tree.cA1, tree.cA2, tree.cB1];
    const branches: OrgRef[] = [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a];
    const members: Array<{ id: number; orgId: number; active: boolean }> = [];
    const activities: Array<{ id: number; campaignId: number }> = [];
    const pathOf = async (id: number) => (await t.ctx.db.selectFrom('organization').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const counts: Record<string, number> = {};
    const service = serviceEdits(t, city);
    const did = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);

    const addMember = async (org: OrgRef) => {
      const res = await city.post('/api/v1/members', { orgId: org.id, name: '随机团员', idCard: testIdCard(), phone: null, position: 'none' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      members.push({ id: res.body.id, orgId: org.id, active: true });
    };
    for (const b of branches) for (let i = 0; i < 3; i++) await addMember(b);

    const randomDate = () => {
      const p = pick(phases);
      const from = Date.parse(p.startsOn),
        to = Date.parse(p.endsOn);
      // Never in the future: a phase still to come gets today's date.
      return new Date(Math.min(from + Math.floor(random() * (to - from)), Date.now())).toISOString().slice(0, 10);
    };

    for (let step = 0; step < 320; step++) {
      const r = random();
      if (r < 0.06) {
        const parent = pick(committees);
        const res = await city.post('/api/v1/orgs', {
          parentId: parent.id,
          name: `新建支部${step}`,
          code: `R${step}X${Math.floor(random() * 1e6)}`,
          typeCode: 'branch',
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        branches.push({ id: res.body.id, path: await pathOf(res.body.id), name: res.body.name, code: res.body.code });
        did('org.create');
      } else if (r < 0.12) {
        const b = pick(branches);
        const to = pick(committees);
        const res = await city.post(`/api/v1/orgs/${b.id}/move`, { newParentId: to.id });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        b.path = await pathOf(b.id);
        did('org.move');
      } else if (r < 0.22) {
        await addMember(pick(branches));
        did('member.add');
      } else if (r < 0.28 && members.length) {
        const m = pick(members);
        const status = pick(['left', 'active', 'aged_out']);
        const res = await city.patch(`/api/v1/members/${m.id}`, { status });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        m.active = status === 'active';
        did('member.status');
      } else if (r < 0.34 && members.some((x) => x.active)) {
        // Members who attended carry their participation to the new branch.
        const m = pick(members.filter((x) => x.active));
        const to = pick(branches.filter((b) => b.id !== m.orgId));
        const res = await city.post(`/api/v1/members/${m.id}/transfer`, { toOrgId: to.id, reason: '随机转接' });
        if (res.status < 300) {
          m.orgId = to.id;
          did('member.transfer');
        }
      } else if (r < 0.4 && members.some((x) => x.active)) {
        // Issue 13's service slice: a QR check-in (participants) or verified volunteer service.
        const m = pick(members.filter((x) => x.active));
        const org = branches.find((b) => b.id === m.orgId)!;
        if (random() < 0.6) {
          const created = await service.checkIn(cityCampaign, m, org);
          if (created) activities.push({ id: created, campaignId: cityCampaign });
          did('checkin');
        } else {
          await service.volunteer(m, org);
          did('volunteer.verify');
        }
      } else if (r < 0.62) {
        const org = pick([...branches, ...committees]);
        const orgPath = await pathOf(org.id);
        const campaignId = orgPath.startsWith(tree.dA.path) && random() < 0.4 ? districtCampaign : cityCampaign;
        const type = pick([
          'party_education',
          'party_education',
          'mobilization_meeting',
          'publicity',
          'symposium',
          'demo_site_visit',
          'summary_meeting',
          ...ACTIVITY_TYPES.map((a) => a.code),
        ]);
        const attendeeRows = await t.ctx.db
          .selectFrom('member as m')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .select('m.id')
          .where('m.status', '=', 'active')
          .where(subtree('o.path', orgPath))
          .execute();
        const attendeeIds = attendeeRows.map((a) => a.id).filter(() => random() < 0.6);
        const res = await city.post('/api/v1/activities', {
          campaignId,
          orgId: org.id,
          type,
          form: type === 'party_education' ? pick(PARTY_EDUCATION_FORMS.map((f) => f.code)) : null,
          title: `活动${step}`,
          heldOn: randomDate(),
          place: '团员活动室',
          summary: '随机生成的活动',
          minutes: type === 'symposium' ? '会议记录' : null,
          taskKeys: [],
          photoIds: [],
          attendeeIds,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        activities.push({ id: res.body.id, campaignId });
        did('activity.add');
      } else if (r < 0.72 && activities.length) {
        const i = Math.floor(random() * activities.length);
        const res = await city.delete(`/api/v1/activities/${activities[i].id}`);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        activities.splice(i, 1);
        did('activity.delete');
      } else if (r < 0.9) {
        const org = pick(branches);
        const campaignId = (await pathOf(org.id)).startsWith(tree.dA.path) && random() < 0.5 ? districtCampaign : cityCampaign;
        const plan = await city.get(`/api/v1/campaigns/${campaignId}/plans/${org.id}`);
        const status = plan.body?.plan?.status ?? plan.body?.status ?? 'missing';
        if (status === 'submitted') {
          const decision = random() < 0.6 ? 'approve' : 'return';
          const res = await city.post(`/api/v1/campaigns/${campaignId}/plans/${org.id}/review`, { decision, comment: '请补充量化目标' });
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          did(`plan.${decision}`);
        } else if (status !== 'approved') {
          const save = await city.put(`/api/v1/campaigns/${campaignId}/plans/${org.id}`, {
            theme: '青春建功新时代',
            contentHtml: '<p>实施方案正文</p>',
            attachmentIds: [],
            targets: [
              { kind: 'red_flag', value: null, unit: null, label: null, goalTag: null },
              { kind: 'excellent_member_ratio', value: Math.floor(random() * 30), unit: '%', label: null, goalTag: null },
            ],
          });
          expect(save.status, JSON.stringify(save.body)).toBeLessThan(300);
          const submit = await city.post(`/api/v1/campaigns/${campaignId}/plans/${org.id}/submit`, {});
          expect(submit.status, JSON.stringify(submit.body)).toBeLessThan(300);
          did('plan.submit');
        }
      } else if (r < 0.95) {
        const org = pick(branches);
        const res =
          random() < 0.7
            ? await city.post(`/api/v1/campaigns/${cityCampaign}/tasks/cadre_commitments/confirm`, { orgId: org.id })
            : await city.delete(`/api/v1/campaigns/${cityCampaign}/tasks/cadre_commitments/confirm?orgId=${org.id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        did('task.confirm');
      } else if (r < 0.97) {
        // An empty branch is deactivated; it stops counting as a unit.
        const empty = branches.filter((b) => !members.some((m) => m.orgId === b.id));
        if (empty.length) {
          const b = pick(empty);
          const res = await city.post(`/api/v1/orgs/${b.id}/deactivate`, { reason: '撤销' });
          if (res.status < 300) {
            branches.splice(branches.indexOf(b), 1);
            did('org.deactivate');
          }
        }
      } else {
        // New phase dates: activity evidence is recounted against them.
        const shifted = phases.map((p, i) => (i === 1 ? { ...p, startsOn: `${year}-03-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}` } : p));
        const res = await city.patch(`/api/v1/campaigns/${cityCampaign}/schedule`, { phases: shifted });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        did('campaign.reschedule');
      }
      if (step % 80 === 79) await assertDashboardsMatch(cityCampaign, tree.city.path);
    }

    expect(await assertDashboardsMatch(cityCampaign, tree.city.path)).toBeGreaterThan(12);
    expect(await assertDashboardsMatch(districtCampaign, await pathOf(tree.dA.id))).toBeGreaterThan(5);
    // The walk really exercised every kind of edit.
    for (const k of [
      'org.create',
      'org.move',
      'member.add',
      'member.status',
      'member.transfer',
      'activity.add',
      'activity.delete',
      'plan.submit',
      'plan.approve',
      'plan.return',
      'task.confirm',
      'checkin',
      'volunteer.verify',
    ]) {
      expect(counts[k] ?? 0, `${k} in ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
