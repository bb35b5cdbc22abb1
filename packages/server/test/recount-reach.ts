import { expect } from 'vitest';
import type { TestApp } from './setup.ts';
import type { TestClient } from './client.ts';
import { memberAccount, type OrgRef } from './factories.ts';

/**
 * The notices' and pledges' random writes in the randomized recount (src/dashboard/recount.test.ts),
 * through the API: notices sent, acknowledged, quizzes failed and passed, pledges written. Their
 * figures (知晓率 and pledges) are recounted from raw rows in test/reach-recount.ts.
 */

const QUIZ = {
  questions: [{ text: '活动主题是什么？', kind: 'single', options: ['双争先', '其他'], correct: [0] }],
  passMark: { kind: 'count', value: 1 },
};

export function reachWalk(t: TestApp, city: TestClient, random: () => number) {
  const clients = new Map<number, TestClient>();
  const counts: Record<string, number> = {};
  const did = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  /** The member's own account (the member role), made once. */
  const as = async (memberId: number) => {
    if (!clients.has(memberId)) {
      const m = await t.ctx.db
        .selectFrom('member as m')
        .innerJoin('organization as o', 'o.id', 'm.org_id')
        .select(['o.id as orgId', 'o.path', 'o.name'])
        .where('m.id', '=', memberId)
        .executeTakeFirstOrThrow();
      const user = await memberAccount(t.ctx, memberId, { id: m.orgId, path: m.path, name: m.name, code: '' } as OrgRef);
      // Each member signs in from an address of their own: the login throttle counts per address.
      const client = t.client(`10.13.${Math.floor(clients.size / 250)}.${(clients.size % 250) + 1}`);
      const res = await client.login(user.username);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      clients.set(memberId, client);
    }
    return clients.get(memberId)!;
  };

  return {
    counts,
    /** One random write of notices or pledges. */
    async edit(campaignIds: number[], orgs: OrgRef[]) {
      const r = random();
      if (r < 0.25) {
        const org = pick(orgs);
        const path = (await t.ctx.db.selectFrom('organization').select(['path', 'status']).where('id', '=', org.id).executeTakeFirstOrThrow()).path;
        const campaignId = pick(campaignIds);
        const covering = await t.ctx.db.selectFrom('campaign').select('org_path').where('id', '=', campaignId).executeTakeFirstOrThrow();
        if (!path.startsWith(covering.org_path)) return;
        const d = await city.post('/api/v1/notices', { campaignId, orgId: org.id, title: '随机通知', body: '正文', quiz: random() < 0.4 ? QUIZ : null });
        expect(d.status, JSON.stringify(d.body)).toBe(201);
        const s = await city.post(`/api/v1/notices/${d.body.id}/send`);
        expect(s.status, JSON.stringify(s.body)).toBe(200);
        did('notice.send');
      } else if (r < 0.75) {
        const open = await t.ctx.db
          .selectFrom('notice_recipient as r')
          .innerJoin('notice as n', 'n.id', 'r.notice_id')
          .select(['r.notice_id', 'r.member_id', 'n.has_quiz'])
          .where('r.passed_at', 'is', null)
          .where('r.acknowledged_at', 'is', null)
          .execute();
        if (!open.length) return;
        const x = pick(open);
        const c = await as(Number(x.member_id));
        if (x.has_quiz) {
          const right = random() < 0.6;
          const res = await c.post(`/api/v1/notices/mine/${x.notice_id}/answers`, { answers: { '0': [right ? 0 : 1] } });
          expect([res.status, res.body.passed], JSON.stringify(res.body)).toEqual([200, right]);
          did(right ? 'quiz.pass' : 'quiz.fail');
        } else {
          const res = await c.post(`/api/v1/notices/mine/${x.notice_id}/acknowledge`);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          did('notice.acknowledge');
        }
      } else {
        const active = await t.ctx.db
          .selectFrom('member as m')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .select(['m.id', 'o.path'])
          .where('m.status', '=', 'active')
          .execute();
        if (!active.length) return;
        const m = pick(active);
        const campaignId = pick(campaignIds);
        const covering = await t.ctx.db.selectFrom('campaign').select('org_path').where('id', '=', campaignId).executeTakeFirstOrThrow();
        if (!m.path.startsWith(covering.org_path)) return;
        const res = await (await as(m.id)).put(`/api/v1/pledges/mine/${campaignId}`, { post: '岗位', pledge: `承诺${Math.floor(random() * 1000)}` });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        did('pledge.save');
      }
    },
  };
}
