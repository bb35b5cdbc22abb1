import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { notify } from '../packages/server/src/inbox/service.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, SCREENSHOT_DIR, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, approvedPlan, day, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

/** The viewport only: a drawer is fixed to it, a full-page shot would smear it. */
async function viewportShot(page: Page, name: string) {
  await page.waitForTimeout(400); // the drawer's slide-in
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/**
 * The city watches a campaign on its dashboard and drills down to the lagging units; a branch
 * secretary on a phone reads the inbox and confirms a task. Facts are made through the API.
 */
describe('dashboard, tasks and inbox', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let cityAdmin: string;
  let secretary: string;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const members = [];
    for (const org of [tree.bA1a, tree.bA1a, tree.bA1a, tree.bA1b, tree.bA2a, tree.bB1a]) members.push(await createMember(server.ctx, org, { name: '王小明' }));
    cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    const committee = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;

    // Today is in 全面实施; the 动员准备 tasks are past their due dates.
    campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin), tree.city.id, { name: '“双争先”主题实践活动', slogan: '双争先助推二次跨越' });

    const branch = await apiAs(server, secretary);
    await approvedPlan(branch, await apiAs(server, committee), campaignId, tree.bA1a.id, {
      theme: '青春建功新时代',
      contentHtml: '<p>每月开展一次主题团日活动。</p>',
      targets: [{ kind: 'red_flag' }, { kind: 'excellent_member_ratio', value: 10 }],
    });
    const activity = await branch.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词',
      heldOn: day(-10),
      place: '学校礼堂',
      summary: '全体团员重温入团誓词。',
      attendeeIds: members.slice(0, 2).map((m) => m.id),
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    await notify(server.ctx.db, {
      org: tree.city,
      kind: 'bulletin_published',
      titleZh: '关于“双争先”活动进展情况的通报',
      titleEn: 'Progress bulletin',
      body: '〔2026〕1号',
      link: '/',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the city its figures, drills into a district and opens the lagging units', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, cityAdmin);
    await openMenu(page, 'campaigns');
    await page.getByTestId(`campaign-dashboard-${campaignId}`).click();
    await page.getByTestId('dashboard-page').waitFor();
    expect(await page.getByTestId('dashboard-org-name').innerText()).toBe('示范市团市委');
    expect(await page.getByTestId('dashboard-phase').innerText()).toContain('全面实施');
    expect(await page.getByTestId('kpi-members-value').innerText()).toBe('6');
    expect(await page.getByTestId('kpi-participation-value').innerText()).toBe('33.3%');
    // Nine basic units owe a plan: one submitted and approved.
    expect(await page.getByTestId('kpi-plan-submission').innerText()).toContain('1 / 应提交 9');
    expect(await page.getByTestId('kpi-plan-approval-value').innerText()).toBe('11.1%');
    expect(await page.getByTestId('kpi-activities-value').innerText()).toBe('1');
    expect(await page.getByTestId('kpi-red-flag').innerText()).toContain('尚未评定');
    expect(await page.getByTestId('kpi-red-flag').innerText()).toContain('争创目标：1 个单位');
    expect(await page.getByTestId('kpi-excellent').innerText()).toContain('目标均值：10%');
    expect(await page.getByTestId('task-figure-party_education_oath').innerText()).toBe('1 / 9');
    expect(await page.getByTestId('task-status-plan').innerText()).toBe('已逾期');
    await page.locator('[data-testid=chart-by-type][data-ready="1"]').waitFor();
    await page.locator('[data-testid=chart-by-child][data-ready="1"]').waitFor();
    expect(await page.getByTestId(`child-plans-${tree.dA.id}`).innerText()).toBe('1 / 7');
    expect(await page.getByTestId(`child-activities-${tree.dA.id}`).getAttribute('href')).toBe(`/activities?campaignId=${campaignId}&orgId=${tree.dA.id}`);
    await page.getByTestId('dashboard-lagging').getByText('高一(2)班团支部').waitFor();
    // 覆盖面: one branch of all held an activity, two of six members attended one.
    const branches = await server.ctx.db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('type_code', '=', 'branch')
      .executeTakeFirstOrThrow();
    expect(await page.getByTestId('reach-branch-coverage-hint').innerText()).toBe(`开展活动的支部 1 / ${Number(branches.n)}`);
    expect(await page.getByTestId('reach-member-coverage-value').innerText()).toBe('33.3%');
    expect(await page.getByTestId('reach-awareness-hint').innerText()).toBe('已知晓 0 / 团员 6');
    // Names are for a branch's own cadres: the city drills down to units.
    expect(await page.getByTestId('reach-member-coverage-missing').count()).toBe(0);
    await screenshot(page, 'dashboard-1440');

    await page.getByTestId(`child-drill-${tree.dA.id}`).click();
    await page.waitForURL(`**/campaigns/${campaignId}/dashboard?orgId=${tree.dA.id}`);
    await page.getByTestId('dashboard-org-name').filter({ hasText: '红星区团委' }).waitFor();
    expect(await page.getByTestId('dashboard-breadcrumb').innerText()).toMatch(/示范市团市委\s*\/\s*红星区团委/);
    expect(await page.getByTestId('kpi-members-value').innerText()).toBe('5');
    expect(await page.getByTestId(`child-plans-${tree.cA1.id}`).innerText()).toBe('1 / 5');
    await screenshot(page, 'dashboard-district-1440');

    // The lagging units behind the plan task: every unit of the district but the branch that is done.
    await page.getByTestId('task-overdue-plan').click();
    await page.getByTestId('units-drawer').waitFor();
    await page.getByTestId(`unit-row-${tree.bA1b.id}`).waitFor();
    expect(await page.getByTestId('units-total').innerText()).toBe('共 6 个单位');
    expect(await page.getByTestId(`unit-row-${tree.bA1a.id}`).count()).toBe(0);
    expect(await page.getByTestId(`unit-responsible-${tree.bA1b.id}`).innerText()).toContain('张三');
    await viewportShot(page, 'dashboard-drawer-1440');
    await page.getByTestId('units-filter-done').click();
    await page.getByTestId(`unit-row-${tree.bA1a.id}`).waitFor();
    expect(await page.getByTestId('units-total').innerText()).toBe('共 1 个单位');
    await page.keyboard.press('Escape');
    await page.getByTestId(`dashboard-crumb-${tree.city.id}`).click();
    await page.getByTestId('dashboard-org-name').filter({ hasText: '示范市团市委' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits the dashboard on a phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, cityAdmin);
    await openMenu(page, 'dashboard');
    await page.getByTestId('dashboard-page').waitFor();
    await page.locator('[data-testid=chart-by-child][data-ready="1"]').waitFor();
    await page.getByTestId(`child-row-${tree.dA.id}`).waitFor();
    await noOverflow(page);
    await screenshot(page, 'dashboard-390');
    await page.getByTestId('task-figure-plan').click();
    await page.getByTestId(`unit-row-${tree.bA1b.id}`).waitFor();
    await viewportShot(page, 'dashboard-drawer-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a branch secretary on a phone which of the branch's members have not attended yet", async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await page.goto(`${server.baseUrl}/campaigns/${campaignId}/dashboard`);
    await page.getByTestId('dashboard-org-name').filter({ hasText: '高一(1)班团支部' }).waitFor();
    expect(await page.getByTestId('reach-member-coverage-hint').innerText()).toBe('参加活动 2 / 团员 3');
    expect(await page.getByTestId('reach-branch-coverage-value').innerText()).toBe('100%');
    await page.getByTestId('reach-member-coverage-missing').click();
    await page.getByTestId('reach-members-drawer').getByText('共 1 名团员').waitFor();
    expect(await page.locator('[data-testid^=reach-member-]').filter({ hasText: '王小明' }).count()).toBe(1);
    await noOverflow(page);
    await viewportShot(page, 'dashboard-reach-members-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a branch secretary on a phone the unread badge, the inbox and the tasks, and confirms a task', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await page.locator('[data-testid=inbox-badge][data-count="2"]').waitFor();
    expect(await page.getByTestId('inbox-badge').innerText()).toContain('2');
    await page.getByTestId('home-campaign-card').waitFor();
    await noOverflow(page);
    await screenshot(page, 'inbox-home-390');

    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox-page').waitFor();
    const items = page.locator('[data-testid^=inbox-item-]');
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toContain('关于“双争先”活动进展情况的通报');
    expect(await page.locator('[data-testid^=inbox-item-][data-unread="1"]').count()).toBe(2);
    await noOverflow(page);
    await page.waitForTimeout(400);
    await screenshot(page, 'inbox-390');
    // Opening a notice marks it read and follows its link (here: home).
    await items.nth(0).click();
    await page.getByTestId('home-org-name').waitFor();
    await page.locator('[data-testid=inbox-badge][data-count="1"]').waitFor();
    await page.getByTestId('inbox-bell').click();
    await page.locator('[data-testid^=inbox-item-][data-unread="1"]').first().waitFor();
    expect(await page.locator('[data-testid^=inbox-item-][data-unread="1"]').count()).toBe(1);
    await page.getByTestId('inbox-filter-unread').click();
    await page.waitForURL('**/inbox?unread=1');
    await page.getByTestId('inbox-read-all').click();
    await page.locator('[data-testid=inbox-badge][data-count="0"]').waitFor();
    await page.getByText('没有未读消息').waitFor();

    await openMenu(page, 'tasks');
    await page.getByTestId('tasks-page').waitFor();
    expect(await page.getByTestId('tasks-org-name').innerText()).toContain('高一(1)班团支部');
    expect(await page.getByTestId('task-item-status-plan').innerText()).toBe('已完成');
    expect(await page.getByTestId('task-item-status-party_education_oath').innerText()).toBe('已完成');
    expect(await page.getByTestId('task-item-status-publicity').innerText()).toBe('已逾期');
    expect(await page.getByTestId('task-evidence-party_education_oath').innerText()).toContain('需要 1 次党性教育（重温入党/入团誓词）活动');
    expect(await page.getByTestId('task-evidence-plan').innerText()).toContain('实施方案经上级审核通过');
    expect(await page.getByTestId('task-evidence-link-party_education_history').getAttribute('href')).toBe(
      `/activities/new?campaignId=${campaignId}&type=party_education&form=party_history`,
    );
    expect(await page.getByTestId('task-item-status-cadre_commitments').innerText()).toBe('待完成');
    await noOverflow(page);
    await screenshot(page, 'tasks-390');

    await page.getByTestId('task-confirm-cadre_commitments').click();
    await page.getByTestId('task-confirm-note').fill('已在团员大会上公开承诺');
    await page.getByTestId('task-confirm-submit').click();
    await page.getByTestId('task-confirmed-at-cadre_commitments').waitFor();
    expect(await page.getByTestId('task-item-status-cadre_commitments').innerText()).toBe('已完成');
    const row = await server.ctx.db
      .selectFrom('task_confirmation')
      .select(['org_id', 'task_key', 'note'])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: tree.bA1a.id, task_key: 'cadre_commitments', note: '已在团员大会上公开承诺' });
    await page.getByTestId('task-unconfirm-cadre_commitments').scrollIntoViewIfNeeded();
    await screenshot(page, 'tasks-confirmed-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lays out the tasks and the inbox on a desktop', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'tasks');
    await page.getByTestId('task-confirmed-at-cadre_commitments').waitFor();
    await screenshot(page, 'tasks-1440');
    await page.getByTestId('inbox-bell').click();
    await page.locator('[data-testid^=inbox-item-]').nth(1).waitFor();
    await page.mouse.move(700, 600); // away from the bell's tooltip
    await page.waitForTimeout(400); // the list's loading fade
    await screenshot(page, 'inbox-1440');
    expect(errors).toEqual([]);
    await page.close();
  });
});
