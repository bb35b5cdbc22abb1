import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { TestClient } from '../packages/server/test/client.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { inputByTestId, loginThroughForm, openMenu, writePlan } from './helpers.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}
/** The <input> behind a test id, whether the id sits on the input or on its wrapper. */
const input = inputByTestId;

/**
 * 动员准备: a branch secretary on a phone writes the theme, plan and targets and submits; the
 * district returns it with a comment; the secretary revises and resubmits; the district approves
 * it and compares the two versions.
 */
describe('plans and targets', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let secretary: string;
  let district: string;
  let secretaryPage: Page;
  let districtPage: Page;
  let secretaryErrors: string[];
  let districtErrors: string[];
  const planUrl = () => `${server.baseUrl}/plans/${campaignId}/${tree.bA1a.id}`;
  const status = async (page: Page) => (await page.getByTestId('plan-status').innerText()).trim();

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    district = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }])).username;
    const city = new TestClient(server.app);
    expect((await city.login(cityAdmin)).status).toBe(200);
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    // Today is in 动员准备: plans are due at its end.
    const created = await city.post('/api/v1/campaigns', {
      templateId,
      orgId: tree.city.id,
      name: '“双争先”主题实践活动',
      phases: [
        { key: 'mobilization', startsOn: day(-10), endsOn: day(20) },
        { key: 'implementation', startsOn: day(21), endsOn: day(120) },
        { key: 'deepening', startsOn: day(121), endsOn: day(180) },
        { key: 'summary', startsOn: day(181), endsOn: day(240) },
      ],
    });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a branch secretary on a phone write the theme, plan and two targets and submit them', async () => {
    secretaryPage = await newPhonePage(browser);
    secretaryErrors = watchPageErrors(secretaryPage);
    const page = secretaryPage;
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'plans');
    await page.getByTestId('plan-view').waitFor();
    expect(await status(page)).toBe('未提交');
    expect(await page.getByTestId('plan-deadline').innerText()).toBe(day(20));
    await screenshot(page, 'plans-editor-empty-390');

    await writePlan(page, 'star_tier');
    await noOverflow(page);
    await screenshot(page, 'plans-editor-390');

    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-submit-confirm').click();
    await page.getByTestId('plan-awaiting').waitFor();
    expect(await status(page)).toBe('待审核');
    const row = await server.ctx.db.selectFrom('unit_plan').selectAll().where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'submitted', version: 1, theme: '青春建功“双争先”' });
    expect(row.content_html).toBe('<h2>一、活动目标</h2><p>以争创五四红旗团支部为目标，每月开展一次主题团日活动。</p>');
    expect(JSON.parse(row.targets)).toEqual([
      { kind: 'star_tier', value: 5, unit: '★', label: null, goalTag: null },
      { kind: 'custom_kpi', value: 300, unit: '小时', label: '志愿服务时长', goalTag: '学赶苏南、后来居上' },
    ]);
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await noOverflow(page);
    await screenshot(page, 'plans-submitted-390');
  });

  it('lets the district return it from its board with a comment', async () => {
    districtPage = await newDesktopPage(browser);
    districtErrors = watchPageErrors(districtPage);
    const page = districtPage;
    await loginThroughForm(page, server.baseUrl, district);
    await openMenu(page, 'plans');
    await page.getByTestId('plan-board').waitFor();
    await page.getByTestId(`plan-row-${tree.bA1a.id}`).waitFor();
    expect(await page.getByTestId('plan-tab-submitted').innerText()).toContain('1');
    expect(await page.getByTestId('plan-tab-missing').innerText()).toContain('6');
    await screenshot(page, 'plans-board-1440');

    await page.getByTestId(`plan-row-return-${tree.bA1a.id}`).click();
    await page.getByTestId('plan-review-ok').click();
    // A return needs a comment: nothing is sent without one.
    await page.getByText('退回时请填写修改意见').waitFor();
    await page.getByTestId('plan-review-comment').fill('请把志愿服务目标细化到每个季度');
    await page.getByTestId('plan-review-ok').click();
    await page.getByTestId(`plan-row-${tree.bA1a.id}`).waitFor({ state: 'detached' });
    await page.getByTestId('plan-tab-missing').click();
    await page.getByTestId(`plan-row-${tree.bA2a.id}`).waitFor();
    expect(await page.getByTestId(`plan-row-${tree.bA2a.id}`).innerText()).toContain(day(20));
    await screenshot(page, 'plans-board-missing-1440');
    const row = await server.ctx.db.selectFrom('unit_plan').select('status').where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('returned');
  });

  it('shows the secretary the comment; the secretary revises and resubmits', async () => {
    const page = secretaryPage;
    await page.reload();
    await page.getByTestId('plan-return-comment').waitFor();
    expect(await page.getByTestId('plan-return-comment').innerText()).toContain('请把志愿服务目标细化到每个季度');
    expect(await status(page)).toBe('已退回');
    await screenshot(page, 'plans-returned-390');

    await page.getByTestId('plan-editor-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('每季度志愿服务不少于75小时。');
    await input(page, 'plan-target-1-value').fill('320');
    await page.getByTestId('plan-save').click();
    await page.getByText('草稿已保存').waitFor();
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-submit-confirm').click();
    await page.getByTestId('plan-awaiting').waitFor();
    const versions = await server.ctx.db.selectFrom('unit_plan_version').select(['version', 'decision']).orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, decision: 'returned' },
      { version: 2, decision: null },
    ]);
  });

  it('lets the district approve the plan and compare the two versions', async () => {
    const page = districtPage;
    await page.goto(`${server.baseUrl}/plans?campaignId=${campaignId}`);
    await page.getByTestId(`plan-row-view-${tree.bA1a.id}`).click();
    await page.getByTestId('plan-approve').waitFor();
    await page.getByTestId('plan-approve').click();
    await page.getByTestId('plan-review-ok').click();
    await page.getByTestId('plan-approved').waitFor();
    expect(await status(page)).toBe('已通过');

    await page.getByTestId('plan-compare').click();
    await page.getByTestId('plan-compare-text').waitFor();
    expect(await page.locator('[data-testid=plan-compare-text] ins').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('每季度志愿服务')]),
    );
    expect(await page.getByTestId('plan-compare-targets').innerText()).toContain('修改');
    await page.waitForTimeout(500); // the dialog's zoom-in animation
    await screenshot(page, 'plans-compare-1440');
    await page.keyboard.press('Escape');
    await screenshot(page, 'plans-detail-1440');
    const row = await server.ctx.db.selectFrom('unit_plan').select(['status', 'version']).where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'approved', version: 2 });
    expect(districtErrors).toEqual([]);
  });

  it('shows the approval, versions and comparison on the phone, and the board and editor at both widths', async () => {
    const page = secretaryPage;
    await page.reload();
    await page.getByTestId('plan-approved').waitFor();
    await noOverflow(page);
    await screenshot(page, 'plans-approved-390');
    await page.getByTestId('plan-compare').click();
    await page.getByTestId('plan-compare-text').waitFor();
    await page.waitForTimeout(500); // the dialog's zoom-in animation
    await noOverflow(page);
    await screenshot(page, 'plans-compare-390');
    expect(secretaryErrors).toEqual([]);

    const phone = await newPhonePage(browser);
    await loginThroughForm(phone, server.baseUrl, district);
    await phone.goto(`${server.baseUrl}/plans?campaignId=${campaignId}`);
    await phone.getByTestId('plan-tab-missing').click();
    await phone.getByTestId(`plan-row-${tree.bA2a.id}`).waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'plans-board-390');
    await phone.goto(planUrl());
    await phone.getByTestId('plan-approved').waitFor();
    await screenshot(phone, 'plans-detail-390');
    await phone.close();

    const desk = await newDesktopPage(browser);
    const sibling = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1b }])).username;
    await loginThroughForm(desk, server.baseUrl, sibling);
    await openMenu(desk, 'plans');
    await desk.getByTestId('plan-view').waitFor();
    await input(desk, 'plan-theme').fill('团旗飘扬');
    await desk.getByTestId('plan-target-add').click();
    await desk.getByTestId('plan-target-add-excellent_member_ratio').click();
    await input(desk, 'plan-target-0-value').fill('150');
    await desk.getByTestId('plan-save').click();
    await desk.getByTestId('plan-target-0-error-value').waitFor();
    expect(await desk.getByTestId('plan-target-0-error-value').innerText()).toContain('0 至 100');
    await screenshot(desk, 'plans-editor-1440');
    await desk.close();
  });
});
