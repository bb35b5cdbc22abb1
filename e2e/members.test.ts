import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTree, createUser, testIdCard, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu } from './helpers.ts';

/**
 * A branch secretary adds a cadre on a phone with the date they took up the post (任职时间):
 * 述职评议 exempts cadres under 3 months in post, and an unknown date exempts nobody.
 */
describe('the roster', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let secretary: { username: string };

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a cadre with the date in post on a 390 px phone, shown on the member page', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'members');
    await page.getByTestId('member-create-button').click();
    await page.getByTestId('member-form-name').fill('赵委员');
    await page.getByTestId('member-form-idcard').fill(testIdCard('20040101'));
    // The date field appears only once a position is chosen.
    expect(await page.getByTestId('member-form-position-since').count()).toBe(0);
    await page.getByTestId('member-form-position').click();
    await page.locator('.ant-select-item-option[title="组织委员"]').click();
    await page.getByTestId('member-form-position-since').click();
    await page.getByTestId('member-form-position-since').fill('2025-09-01');
    await page.keyboard.press('Enter');
    await screenshot(page, 'members-form-position-since-390');
    await page.getByTestId('member-form-submit').click();
    await page.getByTestId('member-form-submit').waitFor({ state: 'hidden' });
    const row = await server.ctx.db.selectFrom('member').select(['id', 'position', 'position_since']).where('name', '=', '赵委员').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ position: 'organization_member', position_since: '2025-09-01' });
    await page.goto(`${server.baseUrl}/members/${row.id}`);
    await page.getByText('2025-09-01 起任职').waitFor();
    await screenshot(page, 'members-detail-position-since-390');
    expect(errors).toEqual([]);
    await page.close();
  });
});
