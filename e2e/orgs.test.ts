import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadDemoDataIfEmpty, type DemoAccount } from '../packages/server/src/demo/demo.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginChangingPassword, loginThroughForm, openMenu } from './helpers.ts';

/**
 * The demo city as `npm start` loads it: a demo account logs in with its printed password and
 * the organization tree is searched by pinyin initials and extended.
 */
describe('demo city and organization tree', () => {
  let server: TestServer;
  let browser: Browser;
  let accounts: DemoAccount[];
  const account = (username: string) => accounts.find((a) => a.username === username)!;

  beforeAll(async () => {
    server = await startServer();
    accounts = (await loadDemoDataIfEmpty(server.ctx))!;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints one account per role and each demo account can log in', async () => {
    expect(accounts.map((a) => a.role).sort()).toEqual([
      'audit_admin',
      'branch_secretary',
      'inspector',
      'member',
      'org_admin',
      'org_admin',
      'security_admin',
      'system_admin',
    ]);
    const page = await newPhonePage(browser);
    await loginThroughForm(page, server.baseUrl, 'branch.secretary', account('branch.secretary').password);
    expect(await page.getByTestId('home-org-name').innerText()).toContain('团支部');
    await screenshot(page, 'demo-secretary-home-390');
    await page.close();
  });

  it('finds 红星区 by typing hxq, shows its detail and creates a committee below it', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, 'city.admin', account('city.admin').password);
    await openMenu(page, 'orgs');
    await page.getByTestId('org-tree').waitFor();
    await page.locator('[data-testid=org-search] input').fill('hxq');
    await page.locator('[data-testid^=org-search-hit-]').first().click();
    await page.getByTestId('org-detail-name').filter({ hasText: '红星区团委' }).waitFor();
    expect(await page.getByTestId('org-subtree-count').innerText()).toMatch(/\d/);
    await screenshot(page, 'orgs-hxq-1440');

    await page.getByTestId('org-action-create').click();
    await page.getByTestId('org-form-modal').waitFor();
    await page.getByTestId('org-form-name').fill('红星实验学校团委');
    await page.getByTestId('org-form-code').fill('E2E-HXSY');
    await page.getByTestId('org-form-type').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '基层团委' }).click();
    await page.locator('[data-testid=org-form-modal] .ant-btn-primary').click();
    await page.getByTestId('org-form-modal').waitFor({ state: 'hidden' });
    const created = await server.ctx.db
      .selectFrom('organization')
      .select(['path', 'parent_id', 'pinyin_initials'])
      .where('code', '=', 'E2E-HXSY')
      .executeTakeFirstOrThrow();
    const district = await server.ctx.db.selectFrom('organization').select(['id', 'path']).where('name', '=', '红星区团委').executeTakeFirstOrThrow();
    expect(created.parent_id).toBe(district.id);
    expect(created.path.startsWith(district.path)).toBe(true);
    expect(created.pinyin_initials).toBe('hxsyxxtw');
    await screenshot(page, 'orgs-created-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lays out the organization tree on a phone', async () => {
    const page = await newPhonePage(browser);
    await loginThroughForm(page, server.baseUrl, 'district.admin', account('district.admin').password);
    await openMenu(page, 'orgs');
    await page.getByTestId('org-tree').waitFor();
    await page.locator('[data-testid^=org-node-]').first().waitFor();
    // Nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'orgs-390');
    await page.close();
  });

  it('lets the system admin add an organization type, after changing the password printed at install', async () => {
    const page = await newDesktopPage(browser);
    await loginChangingPassword(page, server.baseUrl, 'sysadmin', account('sysadmin').password, 'Xitong#Guanli2026');
    await screenshot(page, 'sysadmin-home-1440');
    await openMenu(page, 'orgtypes');
    await page.getByTestId('org-types-table').waitFor();
    expect(await page.getByTestId('org-types-page').innerText()).toContain('直接管理团员');
    // The types asked for while the password change was pending are there now (six built in).
    await expect.poll(() => page.locator('[data-testid^=org-type-code-]').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('org-type-add').click();
    const last = (await page.locator('[data-testid^=org-type-code-]').count()) - 1;
    await page.getByTestId(`org-type-code-${last}`).fill('league_group');
    await page.getByTestId(`org-type-name-${last}`).fill('团小组');
    await page.locator(`[data-testid=org-type-name-${last}]`).locator('xpath=ancestor::tr').locator('input').nth(2).fill('League group');
    await page.getByTestId('org-types-save').click();
    // Not just any success toast: the one that says the types were saved (the password change left its own).
    await page.locator('.ant-message-success').getByText('已保存').waitFor();
    const row = await server.ctx.db.selectFrom('org_type').selectAll().where('code', '=', 'league_group').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_zh: '团小组', name_en: 'League group', rank: 60, holds_members: 1 });
    await screenshot(page, 'org-types-1440');
    await page.close();
  });
});
