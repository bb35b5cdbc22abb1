import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { OrgRef, Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import type { Actor } from '../auth/actor.ts';
import { runReminders } from '../jobs/reminders.ts';
import { addDays, reportsWorld, requestReport, today } from '../../test/report-fixtures.ts';
import { reportService } from './service.ts';

/** Deadlines: the board's submitted / late / missing / pending on a given day, and the reminders before the due date. */

let t: TestApp;
let tree: Tree;
let district: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let child: TestClient;
let districtActor: Actor;

const request = (c: TestClient, body: Record<string, unknown>) => requestReport(tree, c, body);

beforeAll(async () => {
  ({ t, tree, district, secretary, sibling, child, districtActor } = await reportsWorld());
});
afterAll(() => t?.close());

describe('the board on a fixed date', () => {
  it('counts submitted, late, missing and pending, and filters the rows by each', async () => {
    const due = addDays(today, 5);
    const created = await request(district, { title: '专项汇报', dueOn: due, filter: { types: ['branch'] } });
    const id = created.body.request.id as number;
    for (const [c, org] of [
      [secretary, tree.bA1a],
      [sibling, tree.bA1b],
      [child, tree.gA1x],
    ] as const) {
      expect((await c.put(`/api/v1/report-requests/${id}/submissions/${org.id}`, { content: '汇报', submit: true })).status).toBe(200);
    }
    const at = async (org: OrgRef, iso: string) =>
      t.ctx.db.updateTable('report_submission').set({ submitted_at: iso }).where('request_id', '=', id).where('org_id', '=', org.id).execute();
    await at(tree.bA1a, `${addDays(due, -1)}T02:00:00.000Z`);
    await at(tree.bA1b, `${due}T15:59:59.999Z`); // 23:59:59 China time on the due day: on time
    await at(tree.gA1x, `${due}T16:00:00.000Z`); // 00:00 China time the day after: late
    const board = (day: string, status?: 'submitted' | 'late' | 'missing' | 'pending') =>
      reportService.get(t.ctx, districtActor, id, { status, page: 1, pageSize: 20 }, day);

    const before = await board(addDays(due, -2));
    if (before.side !== 'requester') throw new Error('expected the board');
    expect(before.board.counts).toEqual({ total: 4, submitted: 2, late: 1, missing: 0, pending: 1 });
    const after = await board(addDays(due, 1));
    if (after.side !== 'requester') throw new Error('expected the board');
    expect(after.board.counts).toEqual({ total: 4, submitted: 2, late: 1, missing: 1, pending: 0 });

    const ids = async (day: string, s: 'submitted' | 'late' | 'missing' | 'pending') => {
      const b = await board(day, s);
      return b.side === 'requester' ? b.board.rows.items.map((r) => r.orgId).sort() : null;
    };
    expect(await ids(due, 'submitted')).toEqual([tree.bA1a.id, tree.bA1b.id].sort());
    expect(await ids(due, 'late')).toEqual([tree.gA1x.id]);
    expect(await ids(due, 'pending')).toEqual([tree.bA2a.id]);
    expect(await ids(due, 'missing')).toEqual([]);
    expect(await ids(addDays(due, 1), 'missing')).toEqual([tree.bA2a.id]);
    expect(await ids(addDays(due, 1), 'pending')).toEqual([]);
    const late = await board(due, 'late');
    if (late.side === 'requester') expect(late.board.rows.items[0]).toMatchObject({ late: true, status: 'late', parentName: '教工团总支' });
  });
});

describe('deadline reminders', () => {
  it('reminds pending units and open rectification items once, within three days of the deadline, never after it', async () => {
    const due = '2031-03-20';
    const created = await request(district, { title: '季度汇报', dueOn: due, filter: { types: ['branch'] } });
    const id = created.body.request.id as number;
    expect((await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '已交', submit: true })).status).toBe(200);

    const at = new Date().toISOString();
    const { id: inspectionId } = await t.ctx.db
      .insertInto('inspection')
      .values({
        campaign_id: null,
        org_id: tree.bA1b.id,
        org_path: tree.bA1b.path,
        visited_on: '2031-03-01',
        findings: '台账不全',
        score: null,
        inspector_user_id: null,
        inspector_name: '督查员',
        inspector_org_path: tree.dA.path,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = (status: 'open' | 'answered' | 'closed', dueOn: string) =>
      t.ctx.db
        .insertInto('rectification')
        .values({
          inspection_id: inspectionId,
          org_id: tree.bA1b.id,
          org_path: tree.bA1b.path,
          description: `补齐台账（${status}）`,
          owner: '李四',
          due_on: dueOn,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const open = await item('open', '2031-03-19');
    const answered = await item('answered', '2031-03-18');
    await item('closed', '2031-03-18');
    await item('open', '2031-03-30');

    expect(await runReminders(t.ctx, '2031-03-10')).toMatchObject({ reports: 0, rectifications: 0 });
    expect(await runReminders(t.ctx, '2031-03-17')).toMatchObject({ reports: 3, rectifications: 2 });
    expect(await runReminders(t.ctx, '2031-03-18')).toMatchObject({ reports: 0, rectifications: 0 });
    // Even if the mark were lost, the dedupe key keeps the notice single.
    await t.ctx.db.updateTable('report_submission').set({ reminded_at: null }).where('request_id', '=', id).execute();
    expect(await runReminders(t.ctx, '2031-03-19')).toMatchObject({ reports: 0, rectifications: 0 });

    const notes = await t.ctx.db
      .selectFrom('notification')
      .select(['org_id', 'kind', 'dedupe_key'])
      .where('kind', 'in', ['report_deadline', 'rectification_due'])
      .orderBy('id')
      .execute();
    const submissions = await t.ctx.db.selectFrom('report_submission').select(['id', 'org_id']).where('request_id', '=', id).execute();
    const pendingKeys = submissions
      .filter((s) => s.org_id !== tree.bA1a.id)
      .map((s) => `report-due:${s.id}`)
      .sort();
    expect(
      notes
        .filter((n) => n.kind === 'report_deadline')
        .map((n) => n.dedupe_key)
        .sort(),
    ).toEqual(pendingKeys);
    expect(
      notes
        .filter((n) => n.kind === 'rectification_due')
        .map((n) => n.dedupe_key)
        .sort(),
    ).toEqual([`rectification-due:${open.id}`, `rectification-due:${answered.id}`].sort());
    expect(notes.some((n) => n.org_id === tree.bA1a.id && n.kind === 'report_deadline')).toBe(false);

    // Past the deadline there is no "due soon" notice.
    const late = await request(district, { title: '补充汇报', dueOn: '2031-04-01', filter: { types: ['branch'] } });
    expect(late.status).toBe(201);
    expect(await runReminders(t.ctx, '2031-04-02')).toMatchObject({ reports: 0, rectifications: 0 });
    const sibInbox = await sibling.get('/api/v1/inbox');
    expect(sibInbox.body.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['report_deadline', 'rectification_due']));
  });
});
