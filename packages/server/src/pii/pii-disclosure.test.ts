import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard, maskIdCard } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import { FormDataBody, TestClient } from '../../test/client.ts';
import { createMember, createUser, type Tree } from '../../test/factories.ts';
import { readXlsx, xlsxOf } from '../../test/xlsx-fixtures.ts';
import { API, importRoster, needlesOf, piiWorld } from '../../test/pii-fixtures.ts';
import { buildApp, type App } from '../app.ts';
import type { AppContext } from '../context.ts';
import { runNextJob } from '../jobs/runner.ts';

/** Personal data going out: not echoed in error bodies, revealed and exported in full only with member.reveal, never logged. */

let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at cA1: member.reveal
let inspector: TestClient; // inspector at cA1: member.read only
let secretary: TestClient; // branch secretary at bA1a: member.reveal in the branch

const runImport = (client: TestClient, orgId: number, rows: (string | null)[][], commitMode: 'valid_only' | null) =>
  importRoster(t, client, orgId, rows, commitMode);

beforeAll(async () => {
  ({ t, tree, admin, inspector, secretary } = await piiWorld());
});
afterAll(async () => {
  await t?.close();
});

describe('personal data in error bodies', () => {
  const id = makeIdCard('320101', '20030303', '015');
  beforeAll(async () => {
    expect((await admin.post(`${API}/members`, { orgId: tree.bA1a.id, name: '冯一', idCard: id, phone: '13622223333' })).status).toBe(201);
  });

  it('answers a duplicate ID with 409 without echoing the ID', async () => {
    const res = await admin.post(`${API}/members`, { orgId: tree.bA1b.id, name: '冯二', idCard: id });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBER_DUPLICATE_ID_CARD');
    const text = res.raw.toString('utf8');
    for (const n of needlesOf([id], [])) expect(text).not.toContain(n);
  });

  it('answers a bad phone with 422 naming the phone field, without echoing the (valid) ID', async () => {
    const other = makeIdCard('320101', '20030303', '026');
    const res = await admin.post(`${API}/members`, { orgId: tree.bA1a.id, name: '冯三', idCard: other, phone: '1362222' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'phone', code: 'PHONE_FORMAT' }] });
    // What the body does hold: the bad phone as typed (the caller's own input), nothing else personal.
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].messages.zh).toContain('1362222');
    for (const n of needlesOf([other], [])) expect(res.raw.toString('utf8')).not.toContain(n);

    // Editing: the stored ID is decrypted to re-validate the record; it must not come back in the error.
    const m = await t.ctx.db.selectFrom('member').select('id').where('id_card_hash', '=', t.ctx.cipher.hash(id)).executeTakeFirstOrThrow();
    const patch = await admin.patch(`${API}/members/${m.id}`, { phone: 'abc' });
    expect(patch.status).toBe(422);
    expect(patch.body.errors.map((e: { field: string }) => e.field)).toEqual(['phone']);
    for (const n of needlesOf([id], ['13622223333'])) expect(patch.raw.toString('utf8')).not.toContain(n);
  });

  it('does not keep a mistyped ID number (wrong check digit) in clear in the stored import issues', async () => {
    // A wrong check digit is almost always a typo of a real person's number: 17 of its 18 digits are real.
    const real = makeIdCard('320101', '20030303', '037');
    const typo = real.slice(0, 17) + (real[17] === '3' ? '4' : '3');
    const job = await runImport(admin, tree.bA1a.id, [['褚四', typo, null]], null);
    expect(job.result).toMatchObject({ invalidRows: 1 });
    const stored = await t.ctx.db.selectFrom('import_issue').select(['code', 'message_zh', 'message_en']).where('job_id', '=', job.id).execute();
    expect(stored.map((s) => s.code)).toEqual(['ID_CARD_CHECKSUM']);
    expect(JSON.stringify(stored)).not.toContain(real.slice(0, 17));
  });

  it('does not keep a mobile number typed as the login name in clear in the audit log', async () => {
    const phone = '13677778888'; // no account has it
    const c = t.client('10.9.9.9');
    expect((await c.login(phone, 'wrong-password')).status).toBe(401);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').where('ip', '=', '10.9.9.9').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].outcome).toBe('failure');
    expect(JSON.stringify(rows[0])).not.toContain(phone);
  });
});

describe('revealing and exporting', () => {
  let member: { id: number; idCard: string; phone: string | null };
  const revealRows = () =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.reveal').where('target_id', '=', String(member.id)).execute();

  beforeAll(async () => {
    member = await createMember(t.ctx, tree.bA1a, { name: '卫五', idCard: makeIdCard('330101', '20010101', '019'), phone: '13799990000' });
  });

  it('reveals the ID and the phone in full to a role with member.reveal, and audits each reveal without the value', async () => {
    const id = await admin.post(`${API}/members/${member.id}/reveal`, { field: 'idCard' });
    expect(id.status).toBe(200);
    expect(id.body).toEqual({ value: member.idCard });
    const phone = await secretary.post(`${API}/members/${member.id}/reveal`, { field: 'phone' });
    expect(phone.body).toEqual({ value: member.phone });
    const rows = await revealRows();
    expect(rows.map((r) => [r.role, r.target_type, JSON.parse(r.summary!).field, r.outcome])).toEqual([
      ['org_admin', 'member', 'idCard', 'success'],
      ['branch_secretary', 'member', 'phone', 'success'],
    ]);
    for (const n of needlesOf([member.idCard], [member.phone!])) expect(JSON.stringify(rows)).not.toContain(n);
    // The ordinary reads stay masked.
    const detail = await admin.get(`${API}/members/${member.id}`);
    expect([detail.body.idCardMasked, detail.body.phoneMasked]).toEqual([maskIdCard(member.idCard), '137****0000']);
    expect(detail.raw.toString()).not.toContain(member.idCard.slice(0, 17));
  });

  it('refuses a reveal to an inspector (403) and outside the caller’s scope (404), revealing nothing', async () => {
    const before = (await revealRows()).length;
    const res = await inspector.post(`${API}/members/${member.id}/reveal`, { field: 'idCard' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.raw.toString()).not.toContain(member.idCard.slice(0, 17));
    const outsider = await t.loginAs('org_admin', tree.cB1);
    const out = await outsider.post(`${API}/members/${member.id}/reveal`, { field: 'phone' });
    expect(out.status).toBe(404);
    expect(out.raw.toString()).not.toContain(member.phone!);
    expect((await revealRows()).length).toBe(before);
  });

  it('exports the roster masked by default: masked ID, age instead of the birth date', async () => {
    const res = await inspector.get(`${API}/members/export?orgId=${tree.bA1a.id}`);
    expect(res.status).toBe(200);
    const rows = await readXlsx(res.raw);
    expect(rows[0].slice(0, 6)).toEqual(['序号', '姓名', '性别', '年龄', '身份证号', '手机号']);
    const row = rows.find((r) => r[1] === '卫五')!;
    expect([row[4], row[5]]).toEqual([maskIdCard(member.idCard), '137****0000']);
    expect(Number(row[3])).toBeGreaterThan(10);
    expect(JSON.stringify(rows)).not.toContain(member.idCard.slice(0, 17));
    expect(JSON.stringify(rows)).not.toContain(member.idCard.slice(6, 14));
    expect(JSON.stringify(rows)).not.toContain(member.phone);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'role']).where('action', 'in', ['member.export', 'member.export_full']).execute();
    expect(audit).toEqual([{ action: 'member.export', role: 'inspector' }]);
  });

  it('exports in full only for member.reveal (inspector 403) and audits it as member.export_full', async () => {
    const denied = await inspector.get(`${API}/members/export?orgId=${tree.bA1a.id}&full=1`);
    expect(denied.status).toBe(403);
    const res = await admin.get(`${API}/members/export?orgId=${tree.bA1a.id}&full=1`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('完整');
    const row = (await readXlsx(res.raw)).find((r) => r[1] === '卫五')!;
    expect([row[4], row[5]]).toEqual([member.idCard, member.phone]);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.export_full').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ role: 'org_admin', target_type: 'organization', target_id: String(tree.bA1a.id), outcome: 'success' });
  });
});

/**
 * The log, as production configures it (buildApp's logger at level info), written to a stream
 * we hold: buildApp's `logger` option takes extra Fastify logger options such as `stream`.
 */
describe('personal data in the server log', () => {
  let app: App;
  let ctx: AppContext;
  let client: TestClient;
  const chunks: string[] = [];
  const log = () => chunks.join('');
  // Values the requests below send, receive or store; none may reach the log.
  const sent = {
    id: makeIdCard('440101', '20000808', '015'),
    id2: makeIdCard('440101', '20000808', '026'),
    id3: makeIdCard('440101', '20000808', '037'),
    phone: '15011112222',
    phone2: '15011113333',
    phone3: '15011114444',
  };
  // Values used only to search the roster (GET /members?q=…).
  const searched = { id: makeIdCard('440101', '20000808', '048'), phone: '15011115555' };

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    ({ app, ctx } = await buildApp({ config: { ...t.ctx.config, logLevel: 'info' }, database: t.testDb.database, logger: { stream } }));
    await app.ready();
    client = new TestClient(app, '10.7.7.7');
    const drain = async () => {
      while (await runNextJob(ctx, app.log)) {
        /* until the queue is empty */
      }
    };

    expect((await client.login((await createUser(ctx, [{ role: 'org_admin', org: tree.cA1 }])).username)).status).toBe(200);
    const created = await client.post(`${API}/members`, { orgId: tree.bA1b.id, name: '日志一', idCard: sent.id, phone: sent.phone });
    expect(created.status).toBe(201);
    expect((await client.post(`${API}/members`, { orgId: tree.bA1b.id, name: '日志重复', idCard: sent.id })).status).toBe(409);
    expect((await client.post(`${API}/members`, { orgId: tree.bA1b.id, name: '日志二', idCard: sent.id2, phone: '150111' })).status).toBe(422);
    expect((await client.patch(`${API}/members/${created.body.id}`, { phone: sent.phone2 })).status).toBe(200);
    expect((await client.post(`${API}/members/${created.body.id}/reveal`, { field: 'idCard' })).body.value).toBe(sent.id);
    const upload = await client.post(
      `${API}/members/import?orgId=${tree.bA1b.id}`,
      new FormDataBody({
        name: 'r.xlsx',
        content: await xlsxOf([
          ['姓名', '身份证号', '手机号'],
          ['日志三', sent.id3, sent.phone3],
        ]),
      }),
    );
    expect(upload.status).toBe(202);
    await drain();
    expect((await client.post(`${API}/jobs/${upload.body.id}/commit`, { mode: 'all' })).status).toBe(202);
    await drain();
    expect((await client.get(`${API}/jobs/${upload.body.id}`)).body.result).toMatchObject({ phase: 'committed', imported: 1 });
    const full = await client.get(`${API}/members/export?orgId=${tree.bA1b.id}&full=1`);
    expect(full.status).toBe(200);
    // The roster search box accepts an ID or a mobile number.
    expect((await client.get(`${API}/members?orgId=${tree.cA1.id}&subtree=1&q=${searched.id}`)).status).toBe(200);
    expect((await client.get(`${API}/members?orgId=${tree.cA1.id}&subtree=1&q=${searched.phone}`)).status).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('logs the requests (the capture works)', () => {
    expect(log()).toContain('"msg":"incoming request"');
    expect(log()).toContain('/api/v1/members/import');
    expect(log()).toMatch(/"statusCode":409/);
  });

  it('never writes an ID or phone number sent in a body, stored, revealed or exported to the log', () => {
    const leaks = needlesOf([sent.id, sent.id2, sent.id3], [sent.phone, sent.phone2, sent.phone3]).filter((n) => log().includes(n));
    expect(leaks).toEqual([]);
  });

  it('does not write an ID or phone number searched for in the roster (GET /members?q=…) to the log', () => {
    const leaks = needlesOf([searched.id], [searched.phone]).filter((n) => log().includes(n));
    expect(leaks).toEqual([]);
  });
});
