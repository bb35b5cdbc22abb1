import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isoToday } from '@zx/domain';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu } from './helpers.ts';

const daysFromToday = (n: number) => new Date(Date.parse(isoToday()) + n * 86_400_000).toISOString().slice(0, 10);

/** 书面汇报: a district asks its branches for a report; a branch submits on a phone; the district reviews it. */
describe('written reports', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let district: { username: string };
  let secretary: { username: string };
  let requestId = 0;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    district = await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }]);
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the district admin request a report from its branches (1440 px)', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district.username);
    await openMenu(page, 'reports');
    await page.getByTestId('reports-tab-sent').click();
    await page.getByTestId('report-create-button').click();
    await page.getByTestId('report-form-modal').waitFor();
    await page.getByTestId('report-form-title').fill('2026年上半年“双争先”工作汇报');
    await page.getByTestId('report-form-guidance').fill('请各团支部汇报上半年主题团日、党性教育活动开展情况及下半年打算，1500 字以内。');
    await page.getByTestId('report-form-types').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^团支部$/ })
      .click();
    await page.keyboard.press('Escape');
    const due = page.getByTestId('report-form-due');
    await due.click();
    await due.fill(daysFromToday(7));
    await due.press('Enter');
    await screenshot(page, 'reports-form-1440');
    await page.getByTestId('report-form-submit').click();
    await page.getByTestId('report-stat-pending').waitFor();

    const row = await server.ctx.db.selectFrom('report_request').selectAll().where('org_id', '=', tree.dA.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ due_on: daysFromToday(7), title: '2026年上半年“双争先”工作汇报' });
    expect(JSON.parse(row.target_filter)).toEqual({ types: ['branch'] });
    requestId = row.id;
    expect(await page.getByTestId('report-stat-pending').innerText()).toContain('4');
    await page.getByTestId(`report-board-row-${tree.bA1a.id}`).waitFor();
    await screenshot(page, 'reports-board-empty-1440');
    await page.getByTestId('menu-reports').click();
    await page.getByTestId('reports-tab-sent').click();
    await page.getByTestId('reports-sent-table').getByTestId(`report-row-${requestId}`).waitFor();
    expect(await page.getByTestId(`report-row-${requestId}`).innerText()).toContain('0/4');
    await screenshot(page, 'reports-sent-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the branch secretary write, attach and submit the report on a phone (390 px)', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'reports');
    await page.getByTestId(`report-row-${requestId}`).waitFor();
    expect(await page.getByTestId('report-create-button').count()).toBe(0);
    await screenshot(page, 'reports-received-390');
    await page.getByTestId(`report-row-${requestId}`).click();
    await page
      .getByTestId('report-content-input')
      .fill('上半年我支部开展主题团日活动 4 次，组织团员重温入团誓词、学习党史，参与率 92%。下半年将围绕对标定位开展结对帮扶。');
    await page.getByTestId('report-save-draft').click();
    await page.locator('.ant-message').getByText('草稿已保存').waitFor();
    expect(
      (
        await server.ctx.db
          .selectFrom('report_submission')
          .select('status')
          .where('request_id', '=', requestId)
          .where('org_id', '=', tree.bA1a.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('pending');

    await page
      .locator('[data-testid=report-submission] input[type=file]')
      .setInputFiles({ name: '上半年活动台账.txt', mimeType: 'text/plain', buffer: Buffer.from('主题团日活动台账：3月、4月、5月、6月各一次。') });
    await page.getByTestId('report-attachments').getByText('上半年活动台账.txt').waitFor();
    await screenshot(page, 'reports-submit-390');
    await page.getByTestId('report-submit').click();
    await page.locator('.ant-message').getByText('汇报已提交').waitFor();
    const s = await server.ctx.db
      .selectFrom('report_submission')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('org_id', '=', tree.bA1a.id)
      .executeTakeFirstOrThrow();
    expect(s.status).toBe('submitted');
    expect(JSON.parse(s.attachment_ids)).toHaveLength(1);
    await page.getByTestId('report-submission-status').getByText('按时提交').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'reports-submitted-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the district one submitted report and lets it comment (1440 px, board also at 390 px)', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district.username);
    await page.goto(`${server.baseUrl}/reports/${requestId}`);
    await page.getByTestId('report-stat-submitted').waitFor();
    expect(await page.getByTestId('report-stat-submitted').innerText()).toContain('1');
    expect(await page.getByTestId('report-stat-pending').innerText()).toContain('3');
    await page.getByTestId('report-stat-submitted').click();
    await page.getByTestId(`report-board-row-${tree.bA2a.id}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('report-board-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'reports-board-1440');
    await page.getByTestId(`report-view-${tree.bA1a.id}`).click();
    await page.getByTestId('report-review-content').waitFor();
    await page.getByTestId('report-review-input').fill('内容翔实。请补充结对帮扶的具体对象和时间安排。');
    await screenshot(page, 'reports-review-1440');
    await page.getByTestId('report-review-send').click();
    await page.locator('.ant-message').getByText('批阅意见已发送').waitFor();
    await page.getByTestId(`report-board-row-${tree.bA1a.id}`).getByText('内容翔实').waitFor();
    expect(errors).toEqual([]);
    await page.close();

    const phone = await newPhonePage(browser);
    await loginThroughForm(phone, server.baseUrl, district.username);
    await phone.goto(`${server.baseUrl}/reports/${requestId}`);
    await phone.getByTestId(`report-board-row-${tree.bA1a.id}`).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await screenshot(phone, 'reports-board-390');
    await phone.close();
  });

  it('lets the branch see the comment and the notice (390 px)', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await page.goto(`${server.baseUrl}/reports/${requestId}`);
    expect(await page.getByTestId('report-review-comment').innerText()).toBe('内容翔实。请补充结对帮扶的具体对象和时间安排。');
    expect(await page.getByTestId('report-submit').count()).toBe(0);
    const kinds = (await server.ctx.db.selectFrom('notification').select('kind').where('org_id', '=', tree.bA1a.id).execute()).map((n) => n.kind);
    expect(kinds).toEqual(['report_requested', 'report_reviewed']);
    await screenshot(page, 'reports-reviewed-390');
    expect(errors).toEqual([]);
    await page.close();
  });
});
