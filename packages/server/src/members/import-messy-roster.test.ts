import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard, maskIdCard } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { createMember, createUser, type Tree } from '../../test/factories.ts';
import { buildXlsx, isZip, readXlsx, type CellValue } from '../../test/xlsx-fixtures.ts';
import { ancestorsAndSelf, API, importSteps, setUpImportWorld, XLSX_MIME } from '../../test/member-import-fixtures.ts';

/**
 * The member import on a messy roster, as a branch fills it in: preview, the issues and their
 * error report, a commit of the valid rows only. Clean files, the template and the refusals are in
 * import-clean-files.test.ts.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at 红星中学团委 (cA1)
const { preview, commit, issuesOf, memberCount, orgCounts, expectCountDeltas, hashExists } = importSteps(() => t);

const HEADER = ['序号', '姓名*', '性别', '出生年月', '身份证号码（必填）', '手机号码', '入团时间', '团内职务'];

/** Full-width digits and letters, as a Chinese input method types them. */
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

beforeAll(async () => {
  ({ t, tree, admin } = await setUpImportWorld());
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
