import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard, maskIdCard, maskPhone } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import type { Tree } from '../../test/factories.ts';
import { API, importRoster, needlesOf, piiWorld } from '../../test/pii-fixtures.ts';
import { runMaintenance } from '../jobs/maintenance.ts';
import { FieldCipher } from './crypto.ts';

/** Personal data as stored: never in clear in the database, ciphertext and HMAC that work, uploaded rosters not kept. */

let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at cA1: member.reveal

const runImport = (client: TestClient, orgId: number, rows: (string | null)[][], commitMode: 'valid_only' | null) =>
  importRoster(t, client, orgId, rows, commitMode);

beforeAll(async () => {
  ({ t, tree, admin } = await piiWorld());
});
afterAll(async () => {
  await t?.close();
});

describe('personal data at rest', () => {
  const ids = {
    apiA: makeIdCard('310101', '20020214', '013'),
    apiB: makeIdCard('310101', '20020214', '024'),
    importC: makeIdCard('310101', '20020214', '035'),
    importD: makeIdCard('310101', '20020214', '046'),
    stagedE: makeIdCard('310101', '20020214', '057'), // previewed, never committed: only in the staging table
  };
  const phones = {
    apiA: '13511112222',
    apiA2: '13511113333',
    apiB: '13511114444',
    importC: '13511115555',
    importD: '13511116666',
    stagedE: '13511117777',
    org: '13511118888',
    account: '13511119999',
  };
  const needles = needlesOf(Object.values(ids), Object.values(phones));

  beforeAll(async () => {
    const a = await admin.post(`${API}/members`, { orgId: tree.bA1a.id, name: '钱多多', idCard: ids.apiA, phone: phones.apiA });
    expect(a.status).toBe(201);
    expect((await admin.post(`${API}/members`, { orgId: tree.bA1a.id, name: '孙少少', idCard: ids.apiB, phone: phones.apiB })).status).toBe(201);
    expect((await admin.patch(`${API}/members/${a.body.id}`, { phone: phones.apiA2, note: '换了号码' })).status).toBe(200);
    const committed = await runImport(
      admin,
      tree.bA1a.id,
      [
        ['周一', ids.importC, phones.importC],
        ['吴二', ids.importD, phones.importD],
      ],
      'valid_only',
    );
    expect(committed.result, JSON.stringify(committed)).toMatchObject({ phase: 'committed', imported: 2 });
    const staged = await runImport(admin, tree.bA1a.id, [['郑三', ids.stagedE, phones.stagedE]], null);
    expect(staged.result, JSON.stringify(staged)).toMatchObject({ phase: 'preview', validRows: 1 });
    expect(
      (await admin.post(`${API}/orgs`, { parentId: tree.cA1.id, name: '隐私测试团支部', code: 'PII-B1', typeCode: 'branch', contactPhone: phones.org })).status,
    ).toBe(201);
    const acc = await admin.post(`${API}/accounts`, {
      username: 'pii_phone_user',
      displayName: '有手机',
      phone: phones.account,
      role: 'branch_secretary',
      orgId: tree.bA1a.id,
    });
    expect(acc.status, JSON.stringify(acc.body)).toBe(201);
    // Both storage paths really ran: ciphertext rows exist for every value.
    for (const id of [ids.apiA, ids.apiB, ids.importC, ids.importD]) {
      expect(await t.ctx.db.selectFrom('member').select('id').where('id_card_hash', '=', t.ctx.cipher.hash(id)).executeTakeFirst(), id).toBeDefined();
    }
    expect(
      await t.ctx.db.selectFrom('member_import_row').select('row_number').where('id_card_hash', '=', t.ctx.cipher.hash(ids.stagedE)).executeTakeFirst(),
    ).toBeDefined();
  });

  it.runIf(process.env.ZX_TEST_DB !== 'postgres')(
    'SQLite: neither the database file nor its WAL holds an ID or phone number in clear, before and after a checkpoint',
    async () => {
      const file = path.join(t.ctx.config.dataDir, 'zhengxian.sqlite');
      const scan = () => {
        const found: string[] = [];
        const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => [f, readFileSync(f)] as const);
        for (const [f, b] of bytes) for (const n of needles) if (b.includes(Buffer.from(n))) found.push(`${path.basename(f)}: ${n}`);
        return { found, all: Buffer.concat(bytes.map(([, b]) => b)) };
      };
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0); // the rows are still in the WAL
      const before = scan();
      expect(before.found).toEqual([]);
      // Positive control: the scan does see the data (the masks are stored in clear on purpose).
      expect(before.all.includes(Buffer.from(maskIdCard(ids.apiA)))).toBe(true);
      expect(before.all.includes(Buffer.from(maskPhone(phones.importC)))).toBe(true);

      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
      expect(statSync(`${file}-wal`).size).toBe(0);
      const after = scan();
      expect(after.found).toEqual([]);
      expect(after.all.includes(Buffer.from(maskIdCard(ids.importD)))).toBe(true);
    },
  );

  it.runIf(process.env.ZX_TEST_DB === 'postgres')('PostgreSQL: no column of any table in the schema holds an ID or phone number in clear', async () => {
    const tables = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.ctx.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['member', 'member_import_row', 'organization', 'user_account', 'audit_log', 'import_issue']),
    );
    const count = async (table: string, needle: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} as r where r::text like ${`%${needle}%`}`.execute(t.ctx.db)).rows[0].n);
    const found: string[] = [];
    for (const { table_name } of tables.rows) for (const n of needles) if ((await count(table_name, n)) > 0) found.push(`${table_name}: ${n}`);
    expect(found).toEqual([]);
    // Positive control: the same query finds the masks.
    expect(await count('member', maskIdCard(ids.apiA))).toBe(1);
    expect(await count('member_import_row', maskPhone(phones.stagedE))).toBe(1);
  });

  it('stores ciphertext that decrypts to the value, and an HMAC that finds it', async () => {
    const m = await t.ctx.db.selectFrom('member').selectAll().where('id_card_hash', '=', t.ctx.cipher.hash(ids.importC)).executeTakeFirstOrThrow();
    expect(m.id_card_enc).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(t.ctx.cipher.decrypt(m.id_card_enc)).toBe(ids.importC);
    expect(t.ctx.cipher.decrypt(m.phone_enc!)).toBe(phones.importC);
    expect([m.id_card_masked, m.phone_masked]).toEqual([maskIdCard(ids.importC), maskPhone(phones.importC)]);
  });
});

describe('FieldCipher (AES-256-GCM + HMAC)', () => {
  const id = makeIdCard('110101', '19990909', '123');

  it('encrypts the same value differently each time but hashes it the same', () => {
    const a = t.ctx.cipher.encrypt(id);
    const b = t.ctx.cipher.encrypt(id);
    expect(a).not.toBe(b);
    expect([t.ctx.cipher.decrypt(a), t.ctx.cipher.decrypt(b)]).toEqual([id, id]);
    expect(t.ctx.cipher.hash(id)).toBe(t.ctx.cipher.hash(id));
    expect(t.ctx.cipher.hash(id)).not.toBe(t.ctx.cipher.hash(`${id.slice(0, 17)}X`));
    expect(a).not.toContain(id.slice(0, 17));
    expect(t.ctx.cipher.hash(id)).not.toContain(id.slice(0, 17));
  });

  it('refuses tampered ciphertext and a different key', () => {
    const token = t.ctx.cipher.encrypt(id);
    const raw = Buffer.from(token.slice(3), 'base64url');
    raw[14] ^= 1;
    expect(() => t.ctx.cipher.decrypt(`v1.${raw.toString('base64url')}`)).toThrow();
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.decrypt(token)).toThrow();
    expect(other.hash(id)).not.toBe(t.ctx.cipher.hash(id));
    expect(() => new FieldCipher(randomBytes(16))).toThrow();
  });
});

/** Runs last: maintenance two days ahead also ends every session of this file. */
describe('uploaded rosters', () => {
  it('are not kept in the file store (IDs in clear) once their import jobs are a day old', async () => {
    const jobs = await t.ctx.db.selectFrom('job').select(['id', 'params']).where('kind', '=', 'member_import').execute();
    const hashes = [...new Set(jobs.map((j) => JSON.parse(j.params).fileHash as string))];
    expect(hashes.length).toBeGreaterThan(0);
    for (const h of hashes) expect(existsSync(t.ctx.files.localPath(h))).toBe(true);
    await runMaintenance(t.ctx, Date.now() + 2 * 86_400_000);
    expect(hashes.filter((h) => existsSync(t.ctx.files.localPath(h)))).toEqual([]);
  });
});
