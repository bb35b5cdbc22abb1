import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdCard } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { createTree, createUser, type Tree } from '../../test/factories.ts';
import { xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';
import { deflated, deflatedRepeat, partsOf, sharedStringsBomb, sharedStringsXml, withParts, type Deflated } from '../../test/zip-fixtures.ts';
import { AppError } from '../http/errors.ts';
import { readSheetRows } from './sheet-reader.ts';

/**
 * Hostile .xlsx files through the real API (upload → preview job): each fails its job with a
 * stable code and both messages, stages nothing, and the server keeps answering. The files are
 * built here; a 1 MB zip that unpacks to ~400 MB is the one that used to take the server down.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient; // org admin at 红星区团委: may import members and organizations
let bomb: Deflated;

const API = '/api/v1';
const MB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  admin = t.client();
  expect((await admin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }])).username)).status).toBe(200);
  bomb = await sharedStringsBomb(400_000); // 400,000 strings of 330 characters: ~400 MB of XML
});
afterAll(async () => {
  await t?.close();
});

const roster = (): Promise<Buffer> =>
  xlsxOf([
    ['姓名', '身份证号'],
    ['张三', makeIdCard('110101', '20010305', '011')],
    ['李四', makeIdCard('110101', '20010305', '022')],
  ]);
const count = async (table: 'member' | 'organization' | 'member_import_row' | 'org_import_row' | 'import_issue', jobId?: number) => {
  let q = t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (jobId !== undefined) q = q.where('job_id' as never, '=', jobId as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** Uploads the file, runs the preview job and checks the job failed with `code`, cleanly. */
async function expectRefused(file: Buffer, code: 'IMPORT_FILE_TOO_LARGE' | 'IMPORT_FILE_UNREADABLE', kind: 'members' | 'orgs' = 'members') {
  const [members, orgs] = [await count('member'), await count('organization')];
  const url = kind === 'members' ? `${API}/members/import?orgId=${tree.bA1a.id}` : `${API}/orgs/import?parentId=${tree.cA1.id}`;
  const res = await admin.post(url, new FormDataBody({ name: '花名册.xlsx', content: file }));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await t.drainJobs();
  const job = (await admin.get(`${API}/jobs/${res.body.id}`)).body;
  expect(job).toMatchObject({ status: 'failed', result: null, error: { code } });
  // The web app shows job.error.messages in the user's language.
  if (code === 'IMPORT_FILE_TOO_LARGE') {
    expect(job.error.messages.zh).toMatch(/^文件过大，无法导入：.+。请检查文件是否正确，或将名册拆分为几个较小的文件分别导入$/);
    expect(job.error.messages.en).toMatch(/^The file is too large to import: .+\. Check the file, or split it into smaller files and import them one by one$/);
  } else {
    expect(job.error.messages.zh).toContain('无法读取该 Excel 文件');
    expect(job.error.messages.en).toContain('The Excel file cannot be read');
  }
  // Nothing staged, nothing imported, and the server answers the next request.
  expect(await count(kind === 'members' ? 'member_import_row' : 'org_import_row', job.id)).toBe(0);
  expect(await count('import_issue', job.id)).toBe(0);
  expect([await count('member'), await count('organization')]).toEqual([members, orgs]);
  const me = await admin.get(`${API}/auth/me`);
  expect(me.status).toBe(200);
  return job;
}

describe('hostile spreadsheets fail the import job, never the server', () => {
  it('a 1 MB roster whose shared strings unpack to ~400 MB: IMPORT_FILE_TOO_LARGE from the central directory', async () => {
    const file = await withParts(await roster(), [{ name: 'xl/sharedStrings.xml', deflated: bomb }]);
    expect(file.length).toBeLessThan(1.5 * MB);
    expect(bomb.size).toBeGreaterThan(400 * 1000 * 1000);
    const job = await expectRefused(file, 'IMPORT_FILE_TOO_LARGE');
    expect(job.error.messages.zh).toContain('「xl/sharedStrings.xml」解压后超过 150 MB');
    expect(job.error.messages.en).toContain('"xl/sharedStrings.xml" unpacks to more than 150 MB');
  });

  it('the same bomb behind a central directory that declares 7 MB: stopped while it inflates', async () => {
    const file = await withParts(await roster(), [{ name: 'xl/sharedStrings.xml', deflated: bomb, declaredSize: 7 * MB }]);
    const job = await expectRefused(file, 'IMPORT_FILE_TOO_LARGE');
    expect(job.error.messages.zh).toContain('「xl/sharedStrings.xml」解压后比压缩包目录中登记的大小（7,340,032 字节）更大');
  });

  it('an organization import meets the same limits', async () => {
    const orgs = await xlsxOf([
      ['组织名称', '组织类型', '组织编码', '上级组织编码'],
      ['高三(1)班团支部', '团支部', 'BOMB-1', tree.cA1.code],
    ]);
    await expectRefused(await withParts(orgs, [{ name: 'xl/sharedStrings.xml', deflated: bomb, declaredSize: 7 * MB }]), 'IMPORT_FILE_TOO_LARGE', 'orgs');
  });

  it('more than 10,000 entries in the archive', async () => {
    const padding = Array.from({ length: 10_000 }, (_, i) => ({ name: `customXml/item${i}.xml`, data: '<a/>' }));
    const job = await expectRefused(await withParts(await roster(), padding), 'IMPORT_FILE_TOO_LARGE');
    expect(job.error.messages.en).toContain('it holds more than 10,000 files');
  });

  it('more than 1,000,000 shared strings, each small and honestly compressed', async () => {
    const strings = deflated(sharedStringsXml(1_000_001, (i) => `团员${i}`));
    expect(strings.size / strings.bytes.length).toBeLessThan(200); // not a ratio bomb: the count is what is refused
    const job = await expectRefused(await withParts(await roster(), [{ name: 'xl/sharedStrings.xml', deflated: strings }]), 'IMPORT_FILE_TOO_LARGE');
    expect(job.error.messages.zh).toContain('共享字符串超过 1,000,000 个');
  });

  it('a sheet that is ~100 MB of compressed nothing (1,000:1): refused by its ratio', async () => {
    const head =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const sheet = await deflatedRepeat(head, ' '.repeat(1024), 100 * 1024, '</sheetData></worksheet>');
    expect(sheet.size).toBeLessThan(150 * MB); // under the per-entry limit: only the ratio catches it
    const job = await expectRefused(await withParts(await roster(), [{ name: 'xl/worksheets/sheet1.xml', deflated: sheet }]), 'IMPORT_FILE_TOO_LARGE');
    expect(job.error.messages.en).toContain('"xl/worksheets/sheet1.xml" is compressed more than 200:1');
  });

  it('a sheet that goes past a limit after 2,500 good rows were staged: the staged rows are removed', async () => {
    const rows: CellValue[][] = [['姓名', '身份证号']];
    for (let i = 0; i < 2_500; i++) rows.push([`团员${i}`, makeIdCard(`12${String(i).padStart(4, '0')}`, '20010305', '011')]);
    const good = await xlsxOf(rows);
    const sheetXml = (await partsOf(good)).find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    const cut = sheetXml.indexOf('</sheetData>');
    // The rows, then 20 MB of blanks the directory does not declare.
    const sheet = await deflatedRepeat(sheetXml.slice(0, cut), ' '.repeat(1024), 20 * 1024, sheetXml.slice(cut));
    const job = await expectRefused(
      await withParts(good, [{ name: 'xl/worksheets/sheet1.xml', deflated: sheet, declaredSize: Buffer.byteLength(sheetXml) }]),
      'IMPORT_FILE_TOO_LARGE',
    );
    expect(job.error.messages.en).toContain('"xl/worksheets/sheet1.xml" unpacks to more than the');
  });

  it('a damaged file (cut short, or a zip signature over garbage): IMPORT_FILE_UNREADABLE', async () => {
    const whole = await roster();
    await expectRefused(whole.subarray(0, Math.floor(whole.length / 2)), 'IMPORT_FILE_UNREADABLE');
    await expectRefused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]), 'IMPORT_FILE_UNREADABLE');
    // A well-formed zip whose sheet is not XML.
    await expectRefused(
      await withParts(whole, [{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><<<>>' }]),
      'IMPORT_FILE_UNREADABLE',
    );
  });

  it('a reader whose heap runs out ends its worker with IMPORT_FILE_TOO_LARGE; this process lives on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zx-heap-'));
    try {
      const rows: CellValue[][] = [['姓名', '备注']];
      for (let i = 0; i < 20_000; i++) rows.push([`团员${i}`, `第${i}行的备注：${'很长的说明'.repeat(20)}`]);
      const file = path.join(dir, 'big.xlsx');
      writeFileSync(file, await xlsxOf(rows));
      // 4 MB of heap is too little for the reader (and for 20,000 distinct 100-character strings).
      const read = async () => {
        for await (const _ of readSheetRows(file, 4)) {
          /* read on */
        }
      };
      const error = await read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE', msg: { zh: expect.stringContaining('读取时所需内存超过上限') } });
      // The same file with the normal heap reads to the end.
      let n = 0;
      for await (const _ of readSheetRows(file)) n++;
      expect(n).toBe(20_001);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
