import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { makeIdCard } from '@zx/domain';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { xlsxOf, type CellValue } from '../packages/server/test/xlsx-fixtures.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu } from './helpers.ts';

/**
 * A branch secretary on a phone imports a messy roster: the progress bar moves, the preview names
 * every bad row, only the good rows are imported, and the roster shows them masked.
 */
describe('roster import on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let file: string;
  const ROWS = 3000;
  const BAD_ROWS = [4 + 10, 4 + 777, 4 + 2500]; // spreadsheet row numbers of the bad rows

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const rows: CellValue[][] = [
      ['高一(1)班团支部团员花名册'],
      ['填报单位：红星中学团委'],
      ['序号', '姓名', '性别', '身份证号码（必填）', '手机号码', '入团时间', '团内职务'],
    ];
    for (let i = 0; i < ROWS; i++) {
      const id = makeIdCard(`97${String(i % 10000).padStart(4, '0')}`, `200${i % 8}0${1 + (i % 9)}1${i % 9}`, String(100 + (i % 800)));
      const rowNumber = rows.length + 1;
      const bad = BAD_ROWS.includes(rowNumber);
      rows.push([
        i + 1,
        `学生${i + 1}`,
        '',
        bad ? id.slice(0, 17) + (id[17] === '1' ? '2' : '1') : id,
        `１５０${String(i).padStart(8, '0')}`,
        `201${i % 9}.5.4`,
        i === 0 ? '团支部书记' : '',
      ]);
    }
    rows.push(['填表人：李四　　审核人：王五']);
    file = path.join(tmpdir(), `zx-e2e-roster-${process.pid}.xlsx`);
    await writeFile(file, await xlsxOf(rows, { merges: ['A1:G1'] }));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports the good rows with a visible progress bar and reports each bad row', async () => {
    const secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'members');
    await page.getByTestId('member-import-button').click();
    await page.getByTestId('import-wizard').waitFor();
    // The upload step says which sheet of a workbook is read.
    await page.getByText('读取打开文件时看到的第一个工作表').waitFor();
    await screenshot(page, 'import-upload-390');
    await page.locator('[data-testid=import-upload] input[type=file]').setInputFiles(file);

    // The progress block appears while the preview job runs.
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await screenshot(page, 'import-progress-390');
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const preview = (await page.getByTestId('import-preview').innerText()).replaceAll(',', '');
    expect(preview).toContain(String(ROWS));
    expect(preview).toContain(String(ROWS - BAD_ROWS.length));
    for (const r of BAD_ROWS) await page.getByTestId(`import-issue-row-${r}`).waitFor();
    expect(await page.getByTestId(`import-issue-row-${BAD_ROWS[0]}`).innerText()).toContain('校验位');
    await screenshot(page, 'import-preview-390');
    expect(await page.getByTestId('import-commit-all').isDisabled()).toBe(true);
    // Nothing is on the roster before the commit.
    const before = await server.ctx.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(0);

    await page.getByTestId('import-commit-valid').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary, .ant-popconfirm .ant-btn-primary').first().click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect((await page.getByTestId('import-done').innerText()).replaceAll(',', '')).toContain(String(ROWS - BAD_ROWS.length));
    await screenshot(page, 'import-done-390');
    await page.getByTestId('import-finish').click();

    const after = await server.ctx.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', tree.bA1a.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(ROWS - BAD_ROWS.length);
    const branch = await server.ctx.db.selectFrom('organization').select('subtree_member_count').where('id', '=', tree.dA.id).executeTakeFirstOrThrow();
    expect(branch.subtree_member_count).toBe(ROWS - BAD_ROWS.length);

    await page.getByTestId('roster-cards').waitFor();
    const cards = await page.getByTestId('roster-cards').innerText();
    // A masked ID keeps its check digit only (the age stands beside it, not the birth date).
    expect(cards).toMatch(/\*{17}[\dX]/);
    expect(cards).toMatch(/\d+岁/);
    expect(cards).toMatch(/150\*{4}\d{4}/);
    expect(cards).not.toMatch(/\b\d{17}[\dX]\b/);
    await screenshot(page, 'roster-after-import-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the same roster as a table on a desktop', async () => {
    const admin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
    const page = await newDesktopPage(browser);
    await loginThroughForm(page, server.baseUrl, admin.username);
    await openMenu(page, 'members');
    await page.getByTestId('roster-table').waitFor();
    await page.locator('[data-testid^=member-row-]').first().waitFor();
    expect(await page.getByTestId('roster-table').innerText()).toContain('学生1');
    await screenshot(page, 'roster-1440');
    await page.close();
  });
});
