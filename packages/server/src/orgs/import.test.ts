import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { createTree, createUser, type Tree } from '../../test/factories.ts';
import { isZip, readXlsx, xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';

let t: TestApp;
let tree: Tree;
let district: TestClient; // org admin at 红星区团委 (dA): sees cA1, its sibling cA2 and their subtrees

const API = '/api/v1';
const HEADER = ['组织名称*', '组织类型*', '组织编码*', '上级组织编码*', '成立日期', '第一责任人', '联系电话'];

async function preview(client: TestClient, parentId: number, content: Buffer) {
  const res = await client.post(`${API}/orgs/import?parentId=${parentId}`, new FormDataBody({ name: '组织.xlsx', content }));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toMatchObject({ kind: 'org_import', status: 'queued', phase: 'preview' });
  await t.drainJobs();
  return (await client.get(`${API}/jobs/${res.body.id}`)).body;
}

async function commit(client: TestClient, jobId: number, mode: 'all' | 'valid_only') {
  const res = await client.post(`${API}/jobs/${jobId}/commit`, { mode });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await t.drainJobs();
  return (await client.get(`${API}/jobs/${jobId}`)).body;
}

async function issues(client: TestClient, jobId: number) {
  const res = await client.get(`${API}/jobs/${jobId}/issues?pageSize=200`);
  expect(res.status).toBe(200);
  return res.body.items as { rowNumber: number; field: string; code: string; messages: { zh: string; en: string } }[];
}

const orgByCode = (code: string) => t.ctx.db.selectFrom('organization').selectAll().where('code', '=', code).executeTakeFirst();
const orgCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('organization')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  district = t.client();
  expect((await district.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }])).username)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('organization import under a committee (红星中学团委)', () => {
  let jobId: number;
  let before: number;

  const file = () => {
    const rows: CellValue[][] = [
      ['红星中学团组织设置表'],
      HEADER,
      ['高一(3)班团支部', '团支部', 'NEW-B3', tree.cA1.code, '2020-09-01', '赵老师', '13912345678'], // 3: existing parent
      ['初中部团总支', '团总支', 'NEW-G1', tree.cA1.code, null, null, null], // 4
      ['初一(1)班团支部', '团支部', 'NEW-G1-B1', 'NEW-G1', null, null, null], // 5: parent earlier in the file
      ['高二(1)班团支部', '团支部', 'NEW-G2-B1', 'NEW-G2', null, null, null], // 6: parent later in the file
      ['高中部团总支', 'general_branch', 'NEW-G2', tree.cA1.code, new Date(Date.UTC(2010, 8, 1)), null, '025-12345678'], // 7
      ['重复编码支部', '团支部', 'NEW-B3', tree.cA1.code, null, null, null], // 8: code repeats row 3
      ['占用编码支部', '团支部', tree.bA1a.code, tree.cA1.code, null, null, null], // 9: code already used
      ['无主支部', '团支部', 'NEW-ORPHAN', 'NO-SUCH-PARENT', null, null, null], // 10: unknown parent
      ['越界支部', '团支部', 'NEW-OUTSIDE', tree.cA2.code, null, null, null], // 11: sibling committee, outside the import root
      ['倒挂区团委', '区县委', 'NEW-BAD-RANK', tree.bA1a.code, null, null, null], // 12: a 区县委 under a branch
      ['倒挂区团委下属支部', '团支部', 'NEW-UNDER-BAD', 'NEW-BAD-RANK', null, null, null], // 13: its parent row is invalid
      [],
      ['填表人：李四'],
    ];
    return xlsxOf(rows, { merges: ['A1:G1'] });
  };

  beforeAll(async () => {
    before = await orgCount();
  });

  it('previews with exact counts and creates nothing', async () => {
    const job = await preview(district, tree.cA1.id, await file());
    jobId = job.id;
    expect(job).toMatchObject({
      status: 'succeeded',
      phase: 'preview',
      result: { phase: 'preview', totalRows: 11, validRows: 5, invalidRows: 6, issueCount: 6, headerRow: 2 },
    });
    expect(await orgCount()).toBe(before);
    expect(await orgByCode('NEW-B3')).toBeUndefined();
  });

  it('reports each invalid row with its row number, field and code', async () => {
    const list = await issues(district, jobId);
    expect(list.map((i) => [i.rowNumber, i.field, i.code])).toEqual([
      [8, 'code', 'DUPLICATE_IN_FILE'],
      [9, 'code', 'ORG_CODE_TAKEN'],
      [10, 'parentCode', 'ORG_PARENT_NOT_FOUND'],
      [11, 'parentCode', 'ORG_PARENT_NOT_FOUND'],
      [12, 'type', 'ORG_TYPE_RANK'],
      [13, 'parentCode', 'ORG_PARENT_ROW_INVALID'],
    ]);
    expect(list[0].messages).toEqual({ zh: expect.stringContaining('第 3 行'), en: expect.stringContaining('row 3') });
    expect(list[3].messages.zh).toContain(tree.cA2.code);
    expect(list[3].messages.zh).toContain(tree.cA1.name);
    expect(list[5].messages.zh).toContain('第 12 行');
  });

  it("refuses mode 'all' while rows have problems", async () => {
    const res = await district.post(`${API}/jobs/${jobId}/commit`, { mode: 'all' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await orgCount()).toBe(before);
  });

  it("creates exactly the valid organizations with mode 'valid_only', with correct paths and depths", async () => {
    const job = await commit(district, jobId, 'valid_only');
    expect(job).toMatchObject({ status: 'succeeded', result: { phase: 'committed', imported: 5, skipped: 6 } });
    expect(await orgCount()).toBe(before + 5);
    const cA1 = (await orgByCode(tree.cA1.code))!;
    const expectUnder = async (code: string, parent: { id: number; path: string; depth: number }, type: string, name: string) => {
      const o = await orgByCode(code);
      expect(o, code).toBeDefined();
      expect({ code, parent_id: o!.parent_id, path: o!.path, depth: o!.depth, type_code: o!.type_code, name: o!.name, status: o!.status }).toEqual({
        code,
        parent_id: parent.id,
        path: `${parent.path}${o!.id}/`,
        depth: parent.depth + 1,
        type_code: type,
        name,
        status: 'active',
      });
      return o!;
    };
    const b3 = await expectUnder('NEW-B3', cA1, 'branch', '高一(3)班团支部');
    const g1 = await expectUnder('NEW-G1', cA1, 'general_branch', '初中部团总支');
    await expectUnder('NEW-G1-B1', g1, 'branch', '初一(1)班团支部');
    const g2 = await expectUnder('NEW-G2', cA1, 'general_branch', '高中部团总支');
    await expectUnder('NEW-G2-B1', g2, 'branch', '高二(1)班团支部');
    expect({ founded: b3.founded_on, person: b3.responsible_person, masked: b3.contact_phone_masked }).toEqual({
      founded: '2020-09-01',
      person: '赵老师',
      masked: '139****5678',
    });
    expect(t.ctx.cipher.decrypt(b3.contact_phone_enc!)).toBe('13912345678');
    expect(g2.founded_on).toBe('2010-09-01');
    expect(g2.contact_phone_masked).toBe('025*****5678');
    for (const code of ['NEW-ORPHAN', 'NEW-OUTSIDE', 'NEW-BAD-RANK', 'NEW-UNDER-BAD']) expect(await orgByCode(code), code).toBeUndefined();
    // The taken code still belongs to the original branch only; the duplicate row did not rename anything.
    expect((await orgByCode(tree.bA1a.code))!.id).toBe(tree.bA1a.id);
    expect((await orgByCode('NEW-B3'))!.name).toBe('高一(3)班团支部');
    // The tree API shows them as children of the committee.
    const children = await district.get(`${API}/orgs/tree?parentId=${tree.cA1.id}`);
    expect(children.body.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['NEW-B3', 'NEW-G1', 'NEW-G2']));
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].summary!)).toMatchObject({ jobId, created: 5, mode: 'valid_only' });
  });

  it('refuses to commit the same import twice', async () => {
    const res = await district.post(`${API}/jobs/${jobId}/commit`, { mode: 'valid_only' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IMPORT_NOT_PREVIEWED');
    expect(await orgCount()).toBe(before + 5);
  });
});

describe('organization import edge cases', () => {
  it("imports every row of a clean file with mode 'all', whatever the order of parents and children", async () => {
    const job = await preview(
      district,
      tree.cA2.id,
      await xlsxOf([
        ['组织名称', '组织类型', '组织编码', '上级组织编码'],
        ['青山社区第二团支部', '团支部', 'QS-B2', 'QS-G'], // parent two rows below
        ['青山社区团总支', '团总支', 'QS-G', tree.cA2.code],
        ['青山社区第三团支部', '团支部', 'QS-B3', 'QS-G'],
      ]),
    );
    expect(job.result).toMatchObject({ totalRows: 3, validRows: 3, invalidRows: 0 });
    const done = await commit(district, job.id, 'all');
    expect(done.result).toEqual({ phase: 'committed', imported: 3, skipped: 0 });
    const g = (await orgByCode('QS-G'))!;
    expect(g.path).toBe(`${tree.cA2.path}${g.id}/`);
    for (const code of ['QS-B2', 'QS-B3']) {
      const o = (await orgByCode(code))!;
      expect([o.parent_id, o.path, o.depth]).toEqual([g.id, `${g.path}${o.id}/`, g.depth + 1]);
    }
  });

  it('fails the job with IMPORT_HEADER_NOT_FOUND when no header row is recognizable', async () => {
    const job = await preview(district, tree.cA1.id, await xlsxOf([['名单'], ['名字', '种类'], ['某支部', '团支部']]));
    expect(job).toMatchObject({ status: 'failed', result: null, error: { code: 'IMPORT_HEADER_NOT_FOUND' } });
  });

  it('refuses an import root outside the caller’s scope (404) and a role without org.structure (403)', async () => {
    const buf = await xlsxOf([HEADER, ['某支部', '团支部', 'X-1', tree.cB1.code]]);
    const out = await district.post(`${API}/orgs/import?parentId=${tree.cB1.id}`, new FormDataBody({ name: 'o.xlsx', content: buf }));
    expect(out.status).toBe(404);
    const secretary = t.client();
    await secretary.login((await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username);
    const res = await secretary.post(`${API}/orgs/import?parentId=${tree.bA1a.id}`, new FormDataBody({ name: 'o.xlsx', content: buf }));
    expect(res.status).toBe(403);
  });

  it('serves a template whose header the importer recognizes', async () => {
    const res = await district.get(`${API}/orgs/import-template`);
    expect(res.status).toBe(200);
    const rows = await readXlsx(res.raw);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(2);
    // The example row points at a parent code that does not exist here: a per-row problem, not a header problem.
    const job = await preview(district, tree.cA1.id, res.raw);
    expect(job.result).toMatchObject({ headerRow: 1, totalRows: 1 });
  });

  it('marks a child invalid when its parent row, further down the file, is invalid (valid_only must still commit)', async () => {
    const job = await preview(
      district,
      tree.cA1.id,
      await xlsxOf([
        HEADER,
        ['下属支部', '团支部', 'LATE-CHILD', 'LATE-BAD'], // 2: parent defined below, and that parent is invalid
        ['倒挂区团委', '区县委', 'LATE-BAD', tree.cA1.code], // 3: a 区县委 under a 基层团委
        ['正常支部', '团支部', 'LATE-OK', tree.cA1.code], // 4
      ]),
    );
    expect((await issues(district, job.id)).map((i) => [i.rowNumber, i.code])).toEqual([
      [2, 'ORG_PARENT_ROW_INVALID'],
      [3, 'ORG_TYPE_RANK'],
    ]);
    expect(job.result).toMatchObject({ totalRows: 3, validRows: 1, invalidRows: 2 });
    const done = await commit(district, job.id, 'valid_only');
    expect(done).toMatchObject({ status: 'succeeded', result: { imported: 1 } });
    expect(await orgByCode('LATE-OK')).toBeDefined();
  });
});

describe('export and re-import (round trip)', () => {
  let city: TestClient;
  beforeAll(async () => {
    city = t.client();
    await city.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }])).username);
  });

  /** Exports rootId's subtree, gives every row a new code and points the root row at newParent. */
  async function exportRenamed(rootId: number, newParentCode: string) {
    const res = await city.get(`${API}/orgs/export?rootId=${rootId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(isZip(res.raw)).toBe(true);
    const rows = await readXlsx(res.raw);
    const codes = new Set(rows.slice(1).map((r) => String(r[2])));
    const renamed = rows.map((r, i) => {
      if (i === 0) return r as CellValue[];
      const copy = [...r] as CellValue[];
      copy[2] = `R-${copy[2]}`;
      copy[3] = codes.has(String(copy[3])) ? `R-${copy[3]}` : newParentCode;
      return copy;
    });
    return { rows, codes, renamed };
  }

  it('exports the subtree as an .xlsx that, with new codes, re-imports under another parent cleanly', async () => {
    const { rows, codes, renamed } = await exportRenamed(tree.cA2.id, tree.dB.code);
    expect(rows[0].slice(0, 7)).toEqual(['组织名称', '组织类型', '组织编码', '上级组织编码', '成立日期', '第一责任人', '联系电话']);
    const exported = await t.ctx.db.selectFrom('organization').select(['code', 'name']).where('path', 'like', `${tree.cA2.path}%`).execute();
    expect(exported.length).toBe(5); // 青山街道团工委, 青山社区团支部 and the three QS-* imported above
    expect(
      rows
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(exported.map((e) => e.code).sort());
    expect(rows[1].slice(0, 4)).toEqual([tree.cA2.name, '团工委', tree.cA2.code, tree.dA.code]); // path order: the root first

    const job = await preview(city, tree.dB.id, await xlsxOf(renamed));
    expect(await issues(city, job.id)).toEqual([]);
    expect(job.result).toMatchObject({ totalRows: 5, validRows: 5, invalidRows: 0 });
    const done = await commit(city, job.id, 'all');
    expect(done.result).toMatchObject({ imported: 5 });
    const copyRoot = (await orgByCode(`R-${tree.cA2.code}`))!;
    expect([copyRoot.parent_id, copyRoot.type_code, copyRoot.name]).toEqual([tree.dB.id, 'working_committee', tree.cA2.name]);
    const copies = await t.ctx.db.selectFrom('organization').select(['code', 'name']).where('path', 'like', `${copyRoot.path}%`).execute();
    expect(copies.map((c) => [c.code, c.name]).sort()).toEqual(exported.map((e) => [`R-${e.code}`, e.name]).sort());
    expect(codes.size).toBe(5);
  });

  it('re-imports an exported organization whose contact phone the export masked', async () => {
    // exportOrgs promises "an export can be edited and re-imported", but writes 联系电话 masked (139****5678).
    const b3 = (await orgByCode('NEW-B3'))!;
    const { rows, renamed } = await exportRenamed(b3.id, tree.cA2.code);
    expect(rows[1][6]).toBe('139****5678');
    const job = await preview(city, tree.cA2.id, await xlsxOf(renamed));
    expect(await issues(city, job.id)).toEqual([]);
    expect(job.result).toMatchObject({ totalRows: 1, validRows: 1 });
  });
});
