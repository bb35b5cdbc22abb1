import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, testIdCard, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { rng } from '../demo/generator.ts';
import { recount as recountRows, subtree } from '../../test/recount-core.ts';
import { publicityRecount } from '../../test/recount-publicity.ts';
import { recountReach, reachShown, reachShownInChild } from '../../test/reach-recount.ts';
import { reachWalk } from '../../test/recount-reach.ts';
import { serviceEdits } from '../../test/service-recount.ts';

/**
 * The dashboard reads roll-up rows; this test applies hundreds of random edits through the API
 * and checks every figure of every organization against a recount from the raw rows, written
 * here independently of the roll-up code.
 */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let publicity: ReturnType<typeof publicityRecount>;
const year = new Date().getUTCFullYear();
const phases = yearPhases(year);

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  publicity = publicityRecount(t);
});
afterAll(() => t?.close());

/** Notices and pledges (issue 13): their own random writes and recount (test/recount-reach.ts). */
let reach: ReturnType<typeof reachWalk>;

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
    const want = await recountRows(t.ctx.db, campaignId, org);
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
    // Publicity (test/recount-publicity.ts): media coverage and published posts, in the rows and on the dashboard.
    const publicityWant = await publicity.recount(campaignId, org);
    expect(await publicity.rolledUp(campaignId, org.id), `publicity of ${org.id}`).toEqual(publicityWant);
    expect(publicity.shown(d), `media on the dashboard of ${org.id}`).toEqual(publicity.mediaOf(publicityWant));
    // A child's row on the parent's dashboard is the child's own dashboard.
    for (const child of d.children) {
      const cw = await recountRows(t.ctx.db, campaignId, { id: child.id, path: `${org.path}${child.id}/` });
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
    // A stream of its own, so the walk above is the same as before notices and pledges joined it.
    reach = reachWalk(t, city, rng(20261207));
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
      if (random() < 0.15) {
        const org = pick([...branches, ...committees]);
        const inDistrict = (await pathOf(org.id)).startsWith(tree.dA.path) && random() < 0.4;
        did(await publicity.edit(random, org, inDistrict ? districtCampaign : cityCampaign, tree.city));
      }
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
      if (step % 2 === 0) await reach.edit([cityCampaign, districtCampaign], [...branches, ...committees]);
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
      'media.create',
      'media.delete',
      'post.approve',
      'post.withdraw',
      'checkin',
      'volunteer.verify',
    ]) {
      expect(counts[k] ?? 0, `${k} in ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    }
    for (const k of ['notice.send', 'notice.acknowledge', 'quiz.pass', 'quiz.fail', 'pledge.save']) {
      expect(reach.counts[k] ?? 0, `${k} in ${JSON.stringify(reach.counts)}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
