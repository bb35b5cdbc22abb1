import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard, maskIdCard } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { createUser, type Tree } from '../../test/factories.ts';
import { readXlsxSheets, xlsxOf } from '../../test/xlsx-fixtures.ts';
import { partsOf, withParts } from '../../test/zip-fixtures.ts';
import { ancestorsAndSelf, API, importSteps, setUpImportWorld, upload, XLSX_MIME } from '../../test/member-import-fixtures.ts';

/**
 * The member import on clean files and the template, rows routed by 组织编码, and the refusals:
 * no header row, not an .xlsx, an organization that holds no members or lies outside the scope, a
 * stale preview, IDs typed into number cells. The messy roster is in import-messy-roster.test.ts.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at 红星中学团委 (cA1)
const { preview, commit, issuesOf, memberCount, orgCounts, expectCountDeltas, hashExists } = importSteps(() => t);

beforeAll(async () => {
  ({ t, tree, admin } = await setUpImportWorld());
});
afterAll(async () => {
  await t?.close();
});

describe('clean files, templates and refusals', () => {
  it("imports every row of a clean file with mode 'all'", async () => {
    const ids = ['001', '002', '003'].map((s) => makeIdCard('120101', '19990101', s));
    const before = await orgCounts();
    const buf = await xlsxOf([
      ['姓名', '身份证号', '手机号'],
      ['甲一', ids[0], '13700000001'],
      ['乙二', ids[1], null],
      ['丙三', ids[2], '13700000003'],
    ]);
    const job = await preview(admin, tree.gA1x.id, buf);
    expect(job.result).toMatchObject({ totalRows: 3, validRows: 3, invalidRows: 0, issueCount: 0, headerRow: 1 });
    expect((await issuesOf(admin, job.id)).total).toBe(0);
    const res = await commit(admin, job.id, 'all');
    expect(res.status).toBe(202);
    expect((res as { job: any }).job.result).toEqual({ phase: 'committed', imported: 3, skipped: 0 });
    for (const id of ids) expect(await hashExists(id)).toBe(true);
    await expectCountDeltas(before, { [tree.gA1x.id]: 3 }, Object.fromEntries(ancestorsAndSelf(tree.gA1x).map((id) => [id, 3])));
  });

  it('fails the job with IMPORT_HEADER_NOT_FOUND when no header row is recognizable', async () => {
    const buf = await xlsxOf([['团员名单'], ['名字啊', '证件', '电话'], ['张三', makeIdCard('120101', '19990101', '011'), '13700000001']]);
    const before = await memberCount();
    const job = await preview(admin, tree.bA1b.id, buf);
    expect(job.status).toBe('failed');
    expect(job.result).toBeNull();
    expect(job.error.code).toBe('IMPORT_HEADER_NOT_FOUND');
    expect(job.error.messages.zh).toContain('未找到表头行');
    expect(job.error.errors[0]).toMatchObject({ field: 'header', code: 'IMPORT_HEADER_NOT_FOUND' });
    const res = await admin.post(`${API}/jobs/${job.id}/commit`, { mode: 'valid_only' });
    expect(res.status).toBe(409);
    expect(await memberCount()).toBe(before);
  });

  it('refuses a file that is not an .xlsx, whatever its name, with 400 UPLOAD_NOT_XLSX', async () => {
    const jobsBefore = (await t.ctx.db.selectFrom('job').select('id').execute()).length;
    const text = await upload(admin, `${API}/members/import?orgId=${tree.bA1a.id}`, Buffer.from('姓名,身份证号\n张三,110101200103050011\n'), 'roster.xlsx');
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('UPLOAD_NOT_XLSX');
    const xls = await upload(
      admin,
      `${API}/members/import?orgId=${tree.bA1a.id}`,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      'roster.xls',
    );
    expect(xls.status).toBe(400);
    expect(xls.body.code).toBe('UPLOAD_XLS_UNSUPPORTED');
    expect((await t.ctx.db.selectFrom('job').select('id').execute()).length).toBe(jobsBefore);
  });

  it('serves a template that, filled with its example row, imports cleanly (round trip)', async () => {
    const res = await admin.get(`${API}/members/import-template`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain(XLSX_MIME);
    const sheets = await readXlsxSheets(res.raw);
    const [name] = [...sheets.keys()];
    const rows = sheets.get(name)!;
    expect(rows[0]).toEqual(expect.arrayContaining(['姓名*', '身份证号*', '性别', '出生日期', '手机号', '入团时间', '团内职务', '组织编码']));
    expect(rows).toHaveLength(2); // header + the example row
    const example = Object.fromEntries((rows[0] as string[]).map((h, i) => [h, rows[1][i]]));

    const job = await preview(admin, tree.bA1b.id, res.raw);
    expect(job.result).toMatchObject({ totalRows: 1, validRows: 1, invalidRows: 0 });
    const done = await commit(admin, job.id, 'all');
    expect((done as { job: any }).job.result).toMatchObject({ imported: 1 });
    const list = await admin.get(`${API}/members?orgId=${tree.bA1b.id}&q=${encodeURIComponent(String(example['姓名*']))}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      name: example['姓名*'],
      gender: 'male',
      birthDate: example.出生日期,
      idCardMasked: maskIdCard(String(example['身份证号*'])),
      phoneMasked: '138****8000',
    });
  });

  it('routes rows by their 组织编码 into the target subtree and reports codes outside it per row', async () => {
    const before = await orgCounts();
    const id = (s: string) => makeIdCard('130101', '20000101', s);
    const buf = await xlsxOf([
      ['姓名', '身份证号', '组织编码'],
      ['一支部', id('011'), tree.bA1a.code],
      ['教工', id('013'), tree.gA1x.code],
      ['团委直属', id('015'), null],
      ['团委本级', id('017'), tree.cA1.code],
      ['外区', id('019'), tree.bB1a.code],
      ['乱码', id('021'), 'NO-SUCH-ORG'],
    ]);
    const job = await preview(admin, tree.cA1.id, buf);
    expect(job.result).toMatchObject({ totalRows: 6, validRows: 4, invalidRows: 2, issueCount: 2 });
    const issues = await issuesOf(admin, job.id);
    expect(issues.items.map((i) => [i.rowNumber, i.field, i.code])).toEqual([
      [6, 'orgCode', 'ORG_CODE_NOT_FOUND'],
      [7, 'orgCode', 'ORG_CODE_NOT_FOUND'],
    ]);
    expect(issues.items[0].messages.zh).toContain(tree.bB1a.code);
    const done = await commit(admin, job.id, 'valid_only');
    expect((done as { job: any }).job.result).toMatchObject({ phase: 'committed', imported: 4, skipped: 2 });
    const orgOf = async (s: string) =>
      (
        await t.ctx.db
          .selectFrom('member')
          .select('org_id')
          .where('id_card_hash', '=', t.ctx.cipher.hash(id(s)))
          .executeTakeFirst()
      )?.org_id;
    expect([await orgOf('011'), await orgOf('013'), await orgOf('015'), await orgOf('017'), await orgOf('019'), await orgOf('021')]).toEqual([
      tree.bA1a.id,
      tree.gA1x.id,
      tree.cA1.id,
      tree.cA1.id,
      undefined,
      undefined,
    ]);
    const subtree: Record<number, number> = {};
    for (const org of [tree.bA1a, tree.gA1x, tree.cA1, tree.cA1]) for (const a of ancestorsAndSelf(org)) subtree[a] = (subtree[a] ?? 0) + 1;
    await expectCountDeltas(before, { [tree.bA1a.id]: 1, [tree.gA1x.id]: 1, [tree.cA1.id]: 2 }, subtree);
  });

  it('refuses rows aimed at an organization that holds no members (a district committee)', async () => {
    const district = t.client();
    await district.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }])).username);
    const buf = await xlsxOf([
      ['姓名', '身份证号'],
      ['区团委', makeIdCard('130102', '20000101', '011')],
    ]);
    const job = await preview(district, tree.dA.id, buf);
    expect(job.result).toMatchObject({ totalRows: 1, validRows: 0, invalidRows: 1 });
    expect((await issuesOf(district, job.id)).items.map((i) => i.code)).toEqual(['ORG_TYPE_HOLDS_NO_MEMBERS']);
    const res = await district.post(`${API}/jobs/${job.id}/commit`, { mode: 'valid_only' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IMPORT_NOTHING_VALID');
  });

  it('refuses an upload into an organization outside the caller’s scope (404) and from a read-only role (403)', async () => {
    const buf = await xlsxOf([
      ['姓名', '身份证号'],
      ['外区', makeIdCard('130103', '20000101', '011')],
    ]);
    const out = await upload(admin, `${API}/members/import?orgId=${tree.bB1a.id}`, buf);
    expect(out.status).toBe(404);
    const inspector = t.client();
    await inspector.login((await createUser(t.ctx, [{ role: 'inspector', org: tree.cA1 }])).username);
    const ro = await upload(inspector, `${API}/members/import?orgId=${tree.bA1a.id}`, buf);
    expect(ro.status).toBe(403);
    expect(ro.body.code).toBe('FORBIDDEN');
  });

  it('aborts the commit (IMPORT_STALE) when a previewed person was added to a roster in the meantime', async () => {
    const idCard = makeIdCard('130104', '20000101', '011');
    const job = await preview(
      admin,
      tree.bA1b.id,
      await xlsxOf([
        ['姓名', '身份证号'],
        ['后来者', idCard],
      ]),
    );
    expect(job.result, JSON.stringify(job)).toMatchObject({ validRows: 1 });
    const created = await admin.post(`${API}/members`, { orgId: tree.bA1a.id, name: '先到者', idCard });
    expect(created.status).toBe(201);
    const before = await memberCount();
    const done = await commit(admin, job.id, 'all');
    expect((done as { job: any }).job).toMatchObject({ status: 'failed', error: { code: 'IMPORT_STALE' } });
    expect(await memberCount()).toBe(before);
  });

  it('refuses IDs typed into number cells, even one whose digits Excel kept pass the checksum', async () => {
    // An ID typed into a number cell: Excel keeps 15 significant digits, so its last three become
    // 000. Chosen here so that what is left is still a valid ID — of somebody else born that day.
    let typed = '';
    let stored = '';
    for (let first = 0; first < 10 && !typed; first++) {
      for (let region = 130104; region < 130200 && !typed; region++) {
        const damaged = `${region}19900307${first}000`;
        if (makeIdCard(String(region), '19900307', `${first}00`) === damaged && BigInt(Number(damaged)) === BigInt(damaged)) {
          typed = makeIdCard(String(region), '19900307', `${first}45`);
          stored = damaged;
        }
      }
    }
    expect(stored.slice(0, 15)).toBe(typed.slice(0, 15));
    const asText = makeIdCard('130104', '19900307', '011');
    const built = await xlsxOf([
      ['姓名', '身份证号'],
      ['数字甲', Number(stored)],
      ['数字乙', 1301041990030701],
      ['文本丙', asText],
    ]);
    // Write the number cell the way Excel does, in exponent form.
    const parts = await partsOf(built);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(sheet).toContain(`<v>${stored}</v>`);
    const excel = Number(stored).toExponential(14).toUpperCase(); // 1.30104199003070E+17
    const file = await withParts(built, [{ name: 'xl/worksheets/sheet1.xml', data: sheet.replace(`<v>${stored}</v>`, `<v>${excel}</v>`) }]);

    const job = await preview(admin, tree.bA1b.id, file);
    expect(job.result).toMatchObject({ totalRows: 3, validRows: 1, invalidRows: 2 });
    const issues = await issuesOf(admin, job.id);
    expect(issues.items.map((i) => [i.rowNumber, i.field, i.code, i.messages.zh, i.messages.en])).toEqual(
      [2, 3].map((row) => [
        row,
        'idCard',
        'ID_CARD_STORED_AS_NUMBER',
        '身份证号被存为数字，后几位已丢失：请将该列设为文本后重新填写',
        'The ID number was stored as a number and its last digits were lost: format the column as text and enter it again',
      ]),
    );
    const done = await commit(admin, job.id, 'valid_only');
    expect((done as { job: any }).job.result).toEqual({ phase: 'committed', imported: 1, skipped: 2 });
    expect(await hashExists(asText)).toBe(true);
    expect(await hashExists(stored)).toBe(false);
    expect(await hashExists(typed)).toBe(false);
  });

  it('takes the target organization from the multipart field orgId, as docs/api.md and the web client send it', async () => {
    // docs/api.md: "POST /members/import | multipart file + field orgId"; ImportWizard appends orgId to the FormData.
    const buf = await xlsxOf([
      ['姓名', '身份证号'],
      ['字段', makeIdCard('130105', '20000101', '011')],
    ]);
    const res = await upload(admin, `${API}/members/import`, buf, 'roster.xlsx', { orgId: String(tree.bA1b.id) });
    expect(res.status).toBe(202);
    await t.drainJobs();
    const job = (await admin.get(`${API}/jobs/${res.body.id}`)).body;
    expect(job.result?.orgId).toBe(tree.bA1b.id);
    expect(await hashExists(makeIdCard('130105', '20000101', '011'))).toBe(false); // previewed only

    // The field is checked against the caller's scope like the query parameter.
    const jobsBefore = (await t.ctx.db.selectFrom('job').select('id').execute()).length;
    const out = await upload(admin, `${API}/members/import`, buf, 'roster.xlsx', { orgId: String(tree.bB1a.id) });
    expect(out.status).toBe(404);
    expect((await t.ctx.db.selectFrom('job').select('id').execute()).length).toBe(jobsBefore);
  });
});
