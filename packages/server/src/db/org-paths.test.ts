import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import { cadreAt } from '../../test/vote-fixtures.ts';
import type { TestClient } from '../../test/client.ts';
import { isPathColumn, ORG_PATH_COLUMNS } from './org-paths.ts';

let t: TestApp;
let tree: Tree;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
});
afterAll(() => t?.close());

/** Every (table, column) of the live schema whose name says it holds an organization path. */
async function pathColumnsInSchema(): Promise<string[]> {
  if (t.ctx.dialect === 'sqlite') {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(t.ctx.db);
    const out: string[] = [];
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(t.ctx.db);
      for (const c of cols.rows) if (isPathColumn(c.name)) out.push(`${name}.${c.name}`);
    }
    return out.sort();
  }
  const cols = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(t.ctx.db);
  return cols.rows
    .filter((c) => isPathColumn(c.column_name))
    .map((c) => `${c.table_name}.${c.column_name}`)
    .sort();
}

describe('organization path registry', () => {
  it('declares every column of the schema that holds an organization path', async () => {
    const declared = new Set(ORG_PATH_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const inSchema = await pathColumnsInSchema();
    expect(inSchema.length).toBeGreaterThan(20);
    expect(inSchema.filter((c) => !declared.has(c))).toEqual([]);
    expect([...declared].filter((c) => !inSchema.includes(c))).toEqual([]);
  });

  it('moves a rating session with its organization: the old district loses it, the new one reads it', async () => {
    const cityAdmin = await t.loginAs('org_admin', tree.city);
    const oldDistrict: TestClient = await t.loginAs('org_admin', tree.dA);
    const newDistrict: TestClient = await t.loginAs('org_admin', tree.dB);
    await cadreAt(t, tree.bA1a, '周强', 'secretary', '2020-01-01');
    const created = await cityAdmin.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect((await oldDistrict.get(`/api/v1/votes/sessions/${id}/roll`)).status).toBe(200);

    // 红星中学团委 (with 高一(1)班团支部 below it) moves from 红星区 to 临江区.
    expect((await cityAdmin.post(`/api/v1/orgs/${tree.cA1.id}/move`, { newParentId: tree.dB.id })).status).toBe(200);

    for (const path of [`/api/v1/votes/sessions/${id}`, `/api/v1/votes/sessions/${id}/roll`, `/api/v1/votes/sessions/${id}/result`]) {
      expect((await oldDistrict.get(path)).status, `old district ${path}`).toBe(404);
    }
    expect((await oldDistrict.post(`/api/v1/votes/sessions/${id}/open`)).status).toBe(404);
    expect((await newDistrict.get(`/api/v1/votes/sessions/${id}/roll`)).status).toBe(200);
    const row = await t.ctx.db.selectFrom('vote_session').select('org_path').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(`${tree.dB.path}${tree.cA1.id}/${tree.bA1a.id}/`);
  });
});
