import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard, maskIdCard } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import { buildXlsx, isZip, readXlsx, readXlsxSheets, xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';
import { partsOf, withParts } from '../../test/zip-fixtures.ts';

let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at 红星中学团委 (cA1)
let adminUsername: string;

const API = '/api/v1';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['序号', '姓名*', '性别', '出生年月', '身份证号码（必填）', '手机号码', '入团时间', '团内职务'];

/** Full-width digits and letters, as a Chinese input method types them. */
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

async function upload(client: TestClient, url: string, content: Buffer, name = '花名册.xlsx', fields: Record<string, string> = {}) {
  return client.post(url, new FormDataBody({ name, content }, fields));
}

/** Uploads, runs the preview job and returns the finished job. */
async function preview(client: TestClient, orgId: number, content: Buffer) {
  const res = await upload(client, `${API}/members/import?orgId=${orgId}`, content);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toMatchObject({ kind: 'member_import', status: 'queued', phase: 'preview' });
  await t.drainJobs();
  const job = await client.get(`${API}/jobs/${res.body.id}`);
  expect(job.status).toBe(200);
  return job.body;
}

async function commit(client: TestClient, jobId: number, mode: 'all' | 'valid_only') {
  const res = await client.post(`${API}/jobs/${jobId}/commit`, { mode });
  if (res.status !== 202) return res;
  await t.drainJobs();
  return { ...res, job: (await client.get(`${API}/jobs/${jobId}`)).body };
}

async function issuesOf(client: TestClient, jobId: number) {
  const res = await client.get(`${API}/jobs/${jobId}/issues?pageSize=200`);
  expect(res.status).toBe(200);
  return res.body as { items: { rowNumber: number; field: string; code: string; message: string; messages: { zh: string; en: string } }[]; total: number };
}

const memberCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function orgCounts() {
  const rows = await t.ctx.db.selectFrom('organization').select(['id', 'direct_member_count', 'subtree_member_count']).execute();
  return new Map(rows.map((r) => [r.id, { direct: Number(r.direct_member_count), subtree: Number(r.subtree_member_count) }]));
}

/** Every organization's counts changed by exactly `direct` / `subtree` (org id → delta), all others unchanged. */
async function expectCountDeltas(before: Map<number, { direct: number; subtree: number }>, direct: Record<number, number>, subtree: Record<number, number>) {
  const after = await orgCounts();
  for (const [id, b] of before) {
    const a = after.get(id)!;
    expect({ id, direct: a.direct - b.direct, subtree: a.subtree - b.subtree }).toEqual({ id, direct: direct[id] ?? 0, subtree: subtree[id] ?? 0 });
  }
}

const ancestorsAndSelf = (org: OrgRef) => org.path.split('/').filter(Boolean).map(Number);
const hashExists = async (idCard: string) =>
  !!(await t.ctx.db.selectFrom('member').select('id').where('id_card_hash', '=', t.ctx.cipher.hash(idCard)).executeTakeFirst());

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  adminUsername = (await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;
  admin = t.client();
  expect((await admin.login(adminUsername)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the messy roster (红星中学高一(1)班团支部团员花名册)', () => {
  // Valid rows: every ID has a matching gender and birth date 2001-03-05 unless said otherwise.
  const idA = makeIdCard('110101', '20010305', '011'); // male, typed with full-width digits
  const idB = makeIdCard('110101', '20010305', '022'); // female
  // Stored as a number cell: refused, even though this double happens to hold all 18 digits
  // (Excel itself keeps 15 significant digits of a number).
  const idC = makeIdCard('110101', '20010305', '100');
  const idD = makeIdCard('110105', '20010305', '129'); // male, ends with X (typed lower-case)
  const idE = makeIdCard('110101', '20010305', '033'); // male
  const idF = makeIdCard('110101', '20010305', '044'); // female
  const idG = makeIdCard('110101', '20030817', '046'); // female, born 2003-08-17, no date column
  const goodH = makeIdCard('110101', '20010305', '055');
  const idH = goodH.slice(0, 17) + (goodH[17] === '1' ? '2' : '1'); // wrong check digit
  const idI = makeIdCard('110101', '20010305', '067'); // male, but the row says 女
  const idK = makeIdCard('110101', '20010305', '079'); // already on 高一(2)班's roster

  let jobId: number;
  let countsBefore: Map<number, { direct: number; subtree: number }>;
  let membersBefore: number;

  const roster = (): Promise<Buffer> => {
    const rows: CellValue[][] = [
      ['红星中学高一(1)班团支部团员花名册'],
      ['填报单位：红星中学团委'],
      HEADER,
      [1, '张伟', '男', new Date(Date.UTC(2001, 2, 5)), fullWidth(idA), fullWidth('13812345678'), '2016-05-04', '团支书'],
      [2, '王芳', '女', 36955, idB, '13900139001', '2016.5', '组织委员'],
      [3, '李娜', '女', '2001.3.5', Number(idC), null, null, null],
      [4, '赵磊', '男', '2001年3月5日', idD.toLowerCase(), null, null, '宣传委员'],
      [5, '陈静', null, '2001/03/05', idE, null, null, null],
      [6, '刘洋', null, '200103', idF, null, null, '团员'],
      [7, '钱 梅', null, null, idG, '139-0013-9002', null, null],
      [],
      [8, '孙悦', '女', null, idH, null, null, null],
      [9, '周杰', '女', null, idI, null, null, null],
      [10, '吴敏', '男', null, idA, null, null, null],
      [11, '郑浩', '男', null, idK, null, null, null],
      ['填表人：李四　　审核人：王五'],
    ];
    return buildXlsx({ rows, merges: ['A1:H1'] });
  };

  beforeAll(async () => {
    // The number cell only survives if the double holds the 18 digits exactly (checked, not assumed).
    expect(Number.isSafeInteger(Number(idC))).toBe(false);
    expect(BigInt(Number(idC)).toString()).toBe(idC);
    expect(idD.endsWith('X')).toBe(true);
    await createMember(t.ctx, tree.bA1b, { idCard: idK, name: '郑浩' });
    membersBefore = await memberCount();
    countsBefore = await orgCounts();
  });

  it('previews with exact row counts, without touching the roster', async () => {
    const job = await preview(admin, tree.bA1a.id, await roster());
    jobId = job.id;
    expect(job).toMatchObject({ kind: 'member_import', status: 'succeeded', phase: 'preview', error: null });
    expect(job.result).toMatchObject({ phase: 'preview', totalRows: 11, validRows: 6, invalidRows: 5, issueCount: 5, headerRow: 3 });
    expect(await memberCount()).toBe(membersBefore);
    await expectCountDeltas(countsBefore, {}, {});
    const list = await admin.get(`${API}/members?orgId=${tree.bA1a.id}`);
    expect(list.body.total).toBe(0);
  });

  it('lists each bad row with its spreadsheet row number, field and bilingual messages', async () => {
    const issues = await issuesOf(admin, jobId);
    expect(issues.total).toBe(5);
    expect(issues.items.map((i) => [i.rowNumber, i.field, i.code])).toEqual([
      [6, 'idCard', 'ID_CARD_STORED_AS_NUMBER'],
      [12, 'idCard', 'ID_CARD_CHECKSUM'],
      [13, 'gender', 'GENDER_MISMATCH_ID_CARD'],
      [14, 'idCard', 'DUPLICATE_IN_FILE'],
      [15, 'idCard', 'MEMBER_DUPLICATE_ID_CARD'],
    ]);
    for (const i of issues.items) {
      expect(i.messages.zh).toMatch(/[\u4e00-\u9fff]/);
      // An English sentence (which may quote the cell as typed).
      expect(i.messages.en).toMatch(/[a-z]{3,} [a-z]{2,}/);
      expect(i.messages.en.replace(/"[^"]*"/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(i.messages.en).not.toBe(i.messages.zh);
      expect(i.message).toBe(i.messages.zh); // Accept-Language absent: Chinese
    }
    expect(issues.items[0].messages).toEqual({
      zh: '身份证号被存为数字，后几位已丢失：请将该列设为文本后重新填写',
      en: 'The ID number was stored as a number and its last digits were lost: format the column as text and enter it again',
    });
    expect(issues.items[2].messages.zh).toContain('身份证号显示为男');
    expect(issues.items[3].messages).toEqual(expect.objectContaining({ zh: expect.stringContaining('第 4 行'), en: expect.stringContaining('row 4') }));
    const en = await admin.request('GET', `${API}/jobs/${jobId}/issues`, undefined, { 'accept-language': 'en-US' });
    expect(en.body.items[0].message).toBe(en.body.items[0].messages.en);
  });

  it('downloads the error report as an .xlsx whose rows match the issues', async () => {
    const res = await admin.get(`${API}/jobs/${jobId}/issues/export`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain(XLSX_MIME);
    expect(isZip(res.raw)).toBe(true);
    const rows = await readXlsx(res.raw);
    const issues = await issuesOf(admin, jobId);
    expect(rows[0]).toEqual(['行号', '列', '错误代码', '问题说明', 'Problem']);
    expect(rows.slice(1)).toEqual(issues.items.map((i) => [i.rowNumber, i.field, i.code, i.messages.zh, i.messages.en]));
  });

  it("refuses mode 'all' while rows have problems", async () => {
    const res = await admin.post(`${API}/jobs/${jobId}/commit`, { mode: 'all' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await memberCount()).toBe(membersBefore);
  });

  it('hides the job from another user, who can neither read nor commit it', async () => {
    const other = t.client();
    await other.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username);
    for (const path of ['', '/issues', '/issues/export']) {
      const res = await other.get(`${API}/jobs/${jobId}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const res = await other.post(`${API}/jobs/${jobId}/commit`, { mode: 'valid_only' });
    expect(res.status).toBe(404);
    expect(await memberCount()).toBe(membersBefore);
  });

  it("imports only the valid rows with mode 'valid_only', with genders, birth dates, masks and roll-up counts", async () => {
    const res = await commit(admin, jobId, 'valid_only');
    expect(res.status).toBe(202);
    const job = (res as { job: any }).job;
    expect(job).toMatchObject({ status: 'succeeded', result: { phase: 'committed', imported: 6, skipped: 5 } });
    expect(await memberCount()).toBe(membersBefore + 6);

    const list = await admin.get(`${API}/members?orgId=${tree.bA1a.id}&pageSize=50`);
    expect(list.body.total).toBe(6);
    const byName = new Map<string, any>(list.body.items.map((m: any) => [m.name, m]));
    const expected: [string, string, string, string, string | null, string, string | null][] = [
      // name, ID, gender, birth date, phone mask, position, joined on
      ['张伟', idA, 'male', '2001-03-05', '138****5678', 'secretary', '2016-05-04'],
      ['王芳', idB, 'female', '2001-03-05', '139****9001', 'organization_member', '2016-05-01'],
      ['赵磊', idD, 'male', '2001-03-05', null, 'publicity_member', null],
      ['陈静', idE, 'male', '2001-03-05', null, 'none', null],
      ['刘洋', idF, 'female', '2001-03-05', null, 'none', null],
      ['钱梅', idG, 'female', '2003-08-17', '139****9002', 'none', null],
    ];
    for (const [name, id, gender, birthDate, phoneMasked, position, joinedOn] of expected) {
      const m = byName.get(name);
      expect(m, name).toBeDefined();
      expect({
        name,
        gender: m.gender,
        birthDate: m.birthDate,
        idCardMasked: m.idCardMasked,
        phoneMasked: m.phoneMasked,
        position: m.position,
        joinedOn: m.joinedOn,
        orgId: m.orgId,
        status: m.status,
      }).toEqual({ name, gender, birthDate, idCardMasked: maskIdCard(id), phoneMasked, position, joinedOn, orgId: tree.bA1a.id, status: 'active' });
      expect(JSON.stringify(m)).not.toContain(id.slice(0, 17));
      // Normalized exactly: full-width digits and the lower-case x hash as the real ID.
      expect(await hashExists(id), name).toBe(true);
    }
    const reveal = await admin.post(`${API}/members/${byName.get('赵磊').id}/reveal`, { field: 'idCard' });
    expect(reveal.body.value).toBe(idD);
    // The bad rows stayed out; the person already on 高一(2)班 is still there only.
    expect(await hashExists(idC)).toBe(false);
    expect(await hashExists(idH)).toBe(false);
    expect(await hashExists(idI)).toBe(false);
    const k = await t.ctx.db.selectFrom('member').select('org_id').where('id_card_hash', '=', t.ctx.cipher.hash(idK)).execute();
    expect(k).toEqual([{ org_id: tree.bA1b.id }]);
    // Roll-ups: the branch and every ancestor grew by exactly 6; nothing else changed.
    await expectCountDeltas(countsBefore, { [tree.bA1a.id]: 6 }, Object.fromEntries(ancestorsAndSelf(tree.bA1a).map((id) => [id, 6])));
    // Staging rows are gone once committed.
    const staged = await t.ctx.db.selectFrom('member_import_row').select('row_number').where('job_id', '=', jobId).execute();
    expect(staged).toEqual([]);
  });

  it('refuses to commit the same import twice', async () => {
    for (const mode of ['valid_only', 'all'] as const) {
      const res = await admin.post(`${API}/jobs/${jobId}/commit`, { mode });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('IMPORT_NOT_PREVIEWED');
    }
    await t.drainJobs();
    expect(await memberCount()).toBe(membersBefore + 6);
  });
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
