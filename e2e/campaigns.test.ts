import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu } from './helpers.ts';

/** The city launches a 双争先 campaign from the template; a branch secretary on a phone sees its phase. */
describe('campaigns', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  const y = new Date().getUTCFullYear();

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('launches a campaign from the 双争先 template with four phase date ranges', async () => {
    const admin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, admin.username);
    await openMenu(page, 'campaigns');
    await page.getByTestId('campaign-create-button').click();
    await page.getByTestId('campaign-form-modal').waitFor();
    await page.getByTestId('campaign-form-name').fill(`${y}年“双争先”主题实践活动`);
    await page.getByTestId('campaign-form-slogan').fill('双争先助推二次跨越');
    const ranges: [string, string, string][] = [
      ['mobilization', `${y}-01-01`, `${y}-02-28`],
      ['implementation', `${y}-03-01`, `${y}-08-31`],
      ['deepening', `${y}-09-01`, `${y}-10-31`],
      ['summary', `${y}-11-01`, `${y}-12-31`],
    ];
    const labels = ['1. 动员准备', '2. 全面实施', '3. 深入推进', '4. 总结提高'];
    for (const [i, [, from, to]] of ranges.entries()) {
      const inputs = page.getByTestId('campaign-form-modal').locator('.ant-form-item').filter({ hasText: labels[i] }).locator('input');
      await inputs.nth(0).click();
      await inputs.nth(0).fill(from);
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill(to);
      await inputs.nth(1).press('Enter');
    }
    await screenshot(page, 'campaign-form-1440');
    await page.locator('[data-testid=campaign-form-modal] .ant-btn-primary').click();
    await page.getByTestId('campaign-form-modal').waitFor({ state: 'hidden' });
    const row = await server.ctx.db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
    expect(row.org_id).toBe(tree.city.id);
    expect(JSON.parse(row.phase_dates)).toEqual(ranges.map(([key, startsOn, endsOn]) => ({ key, startsOn, endsOn })));
    await page.getByTestId(`campaign-card-${row.id}`).waitFor();
    expect(await page.getByTestId(`campaign-current-${row.id}`).innerText()).toMatch(/当前阶段：(动员准备|全面实施|深入推进|总结提高)/);
    await screenshot(page, 'campaigns-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the covering campaign to a branch secretary on a phone, without management controls', async () => {
    const secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
    const page = await newPhonePage(browser);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'campaigns');
    const card = page.locator('[data-testid^=campaign-card-]').first();
    await card.waitFor();
    expect(await card.innerText()).toContain('示范市团市委');
    expect(await page.locator('[data-testid^=campaign-phase-]').count()).toBe(0);
    expect(await page.getByTestId('campaign-create-button').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'campaigns-390');
    await page.close();
  });
});
