import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CampaignTemplate } from '@zx/domain';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu, pickOption } from './helpers.ts';

/** An input by test id, whether the id sits on the input itself or on a wrapper (InputNumber). */
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input`).first();

/** 活动模板: the system admin (三员分立: templates are system configuration) edits the 双争先 template; a duplicate task key is shown next to its field. */
describe('template editor', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let admin: { username: string };
  const definition = async () =>
    JSON.parse((await server.ctx.db.selectFrom('campaign_template').select('definition').executeTakeFirstOrThrow()).definition) as CampaignTemplate;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    admin = await createUser(server.ctx, [{ role: 'system_admin', org: tree.city }]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renames a task, adds an activity-count task, and shows a duplicate key next to its field (1440 px)', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, admin.username);
    await openMenu(page, 'templates');
    await page.getByTestId('template-phase-tab-3').waitFor();
    expect(await page.getByTestId('templates-version-note').innerText()).toContain('沿用发起时的模板版本');

    await field(page, 'template-task-0-0-name-zh').fill('召开“双争先”主题实践活动动员大会');
    await screenshot(page, 'templates-1440');
    await page.getByTestId('template-phase-tab-1').click();
    await page.getByTestId('template-phase-1-add-task').click();
    const id = 'template-task-1-4';
    await page.getByTestId(id).waitFor();
    await field(page, `${id}-key`).fill('symposium_twice');
    await field(page, `${id}-name-zh`).fill('开展座谈交流');
    await field(page, `${id}-name-en`).fill('Hold symposiums');
    await pickOption(page, `${id}-activity-type`, '座谈交流');
    await field(page, `${id}-min`).fill('2');
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await screenshot(page, 'templates-edit-1440');
    await page.getByTestId('template-save').click();
    await page.locator('.ant-message').getByText('模板已保存').waitFor();

    const saved = await definition();
    expect(saved.phases[0].tasks[0].nameZh).toBe('召开“双争先”主题实践活动动员大会');
    expect(saved.phases[1].tasks[4]).toMatchObject({
      key: 'symposium_twice',
      nameZh: '开展座谈交流',
      nameEn: 'Hold symposiums',
      evidence: { kind: 'activities', activityType: 'symposium', min: 2 },
      due: { kind: 'phase_end' },
    });
    expect(saved.phases[1].tasks[4].evidence).not.toHaveProperty('form');
    expect(saved.phases[1].tasks[4].orgTypes.length).toBeGreaterThan(0);

    // 'plan' is the key of a task in the first phase: the server refuses it on this field.
    await field(page, `${id}-key`).fill('plan');
    await page.getByTestId('template-save').click();
    const item = page.locator('.ant-form-item').filter({ has: field(page, `${id}-key`) });
    await item.locator('.ant-form-item-explain-error').getByText('任务代码「plan」重复').waitFor();
    expect(await page.getByTestId('template-errors').innerText()).toContain('阶段 2 · 任务 5');
    await screenshot(page, 'templates-error-1440');
    expect((await definition()).phases[1].tasks[4].key).toBe('symposium_twice');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px)', async () => {
    const page = await newPhonePage(browser);
    await loginThroughForm(page, server.baseUrl, admin.username);
    await openMenu(page, 'templates');
    await page.getByTestId('template-phase-0').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'templates-390');
    await page.close();
  });
});
