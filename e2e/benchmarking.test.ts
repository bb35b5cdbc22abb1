import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { seedVerifiedScores } from '../packages/server/test/benchmark-factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, day, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/** Types into a searchable select (OrgSelect, MemberSelect) and picks the option. */
async function searchPick(page: Page, testId: string, text: string, option = text) {
  await page.locator(`[data-testid=${testId}] input`).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/**
 * 先进典型 and 对标定位: a committee nominates a branch and the district selects it and makes it a
 * demonstration site (1440 px); a branch secretary on a 390 px phone benchmarks against it, sees
 * the gap chart and turns the largest gap into a catch-up measure, which it closes with an
 * activity as evidence; the district supervises the subtree's measures.
 *
 * Verified scores are seeded straight into the database (test/benchmark-factories.ts): the
 * self-assessment → verification flow has its own browser test (assessment.test.ts).
 */
describe('exemplars and benchmarking', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId = 0;
  let exemplarId = 0;
  let committee: { username: string };
  let district: { username: string };
  let secretary: { username: string };

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const city = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
    committee = await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
    district = await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }]);
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1b }]);
    await createMember(server.ctx, tree.bA1b, { name: '刘洋' });
    campaignId = await launchRunningCampaign(await apiAs(server, city.username), tree.city.id, { name: '“双争先”主题实践活动' });
    await seedVerifiedScores(server.ctx, campaignId, tree.bA1a.id, { team: 19, venue: 17, activity: 19, rules: 18, support: 17 });
    await seedVerifiedScores(server.ctx, campaignId, tree.bA1b.id, { team: 15, venue: 18, activity: 11, rules: 16, support: 12 });
    // The activity the secretary later gives as evidence for closing a measure.
    const branch = await apiAs(server, secretary.username);
    const activity = await branch.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1b.id,
      type: 'other',
      title: '与红旗团支部联学共建',
      heldOn: day(-1),
      place: '会议室',
      summary: '交流主题团日经验',
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a committee nominate a branch and the district select it as a district-level exemplar and demonstration site (1440 px)', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, committee.username);
    await openMenu(page, 'exemplars');
    await page.getByTestId('exemplar-nominate-button').click();
    await searchPick(page, 'nominate-org', '高一(1)', '高一(1)班团支部');
    await page.getByTestId('nominate-title').fill('“三会两制一课”规范化建设示范团支部');
    await page.getByTestId('nominate-materials').fill('该团支部坚持“三会两制一课”，建立团员积分台账，全年组织志愿服务 1,260 小时，团员参与率 96%。');
    await screenshot(page, 'exemplars-nominate-1440');
    await page.getByTestId('nominate-submit').click();
    await page.getByTestId('exemplar-page').waitFor();
    expect(await page.getByTestId('exemplar-status').getAttribute('data-status')).toBe('nominated');
    const row = await server.ctx.db.selectFrom('exemplar').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'unit', nominee_org_id: tree.bA1a.id, nominator_org_id: tree.cA1.id, status: 'nominated' });
    exemplarId = row.id;
    await page.close();

    const dpage = await newDesktopPage(browser);
    const derrors = watchPageErrors(dpage);
    await loginThroughForm(dpage, server.baseUrl, district.username);
    await openMenu(dpage, 'exemplars');
    await dpage.getByTestId('exemplars-tab-nominations').click();
    await dpage.getByTestId(`exemplar-card-${exemplarId}`).click();
    await dpage.getByTestId('exemplar-decide').click();
    await dpage.getByTestId('decide-note').fill('经团区委常委会研究决定');
    await dpage.locator('[data-testid=exemplar-decide-modal] .ant-btn-primary').click();
    await dpage.locator('[data-testid=exemplar-status][data-status=selected]').waitFor();
    expect(await dpage.getByTestId('exemplar-level').innerText()).toContain('区县级');
    expect(await dpage.getByTestId('exemplar-selector').innerText()).toBe('红星区团委');
    await dpage.getByTestId('exemplar-site-on').click();
    await dpage.getByTestId('exemplar-demo-site').waitFor();
    expect(
      await server.ctx.db.selectFrom('exemplar').select(['status', 'level_type_code', 'demo_site']).where('id', '=', exemplarId).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'selected', level_type_code: 'district', demo_site: 1 });
    await screenshot(dpage, 'exemplar-page-1440');
    await openMenu(dpage, 'exemplars');
    await dpage.getByTestId(`exemplar-card-${exemplarId}`).waitFor();
    await screenshot(dpage, 'exemplars-1440');
    expect([...errors, ...derrors]).toEqual([]);
    await dpage.close();
  });

  it('lets a branch secretary on a phone benchmark against the exemplar and turn the largest gap into a catch-up measure closed with evidence (390 px)', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'benchmarking');
    await page.getByTestId('benchmark-exercise').waitFor();
    await page.getByTestId('benchmark-exemplar-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '高一(1)班团支部' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('benchmark-exemplar-save').click();
    await page.getByTestId(`benchmark-exemplar-${exemplarId}`).waitFor();
    await page.locator('[data-testid=gap-chart][data-ready="1"]').waitFor();
    // 活动 is the largest gap (19 vs 11): the gap card offers to turn it into a measure.
    expect(await page.getByTestId('gap-row-activity').innerText()).toContain('-8');
    await page.getByTestId('gap-add-activity').click();
    await page.getByTestId('measure-form-modal').waitFor();
    await page.getByTestId('measure-content').fill('每月开展一次主题团日，邀请红旗团支部交流“三会两制一课”做法');
    await searchPick(page, 'measure-owner', '刘', '刘洋');
    await page.getByTestId('measure-form-submit').click();
    await page.getByTestId('measure-form-modal').waitFor({ state: 'hidden' });
    const measure = await server.ctx.db.selectFrom('catch_up_measure').selectAll().executeTakeFirstOrThrow();
    expect(measure).toMatchObject({ org_id: tree.bA1b.id, dimension_key: 'activity', status: 'open' });
    await page.getByTestId(`measure-${measure.id}`).waitFor();
    await noOverflow(page);
    await screenshot(page, 'benchmarking-390');

    // Closing without evidence is refused by the server; with the activity it closes.
    await page.getByTestId(`measure-close-${measure.id}`).click();
    await page.getByTestId('measure-close-submit').click();
    expect(await page.getByTestId('measure-close-error').innerText()).toContain('佐证');
    await page.getByTestId('measure-close-activity').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '与红旗团支部联学共建' }).first().click();
    await page.getByTestId('measure-close-submit').click();
    await page.locator(`[data-testid=measure-status-${measure.id}][data-status=closed]`).waitFor();
    expect(await page.getByTestId(`measure-evidence-${measure.id}`).innerText()).toContain('与红旗团支部联学共建');
    await noOverflow(page);
    await screenshot(page, 'benchmarking-closed-390');

    // The exemplar's page on the phone.
    await page.goto(`${server.baseUrl}/exemplars/${exemplarId}`);
    await page.getByTestId('exemplar-materials').waitFor();
    await noOverflow(page);
    await screenshot(page, 'exemplar-page-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the district supervise the measures of its subtree, with the overdue filter and a comment (1440 px)', async () => {
    const branch = await apiAs(server, secretary.username);
    const owner = (await server.ctx.db.selectFrom('member').select('id').where('name', '=', '刘洋').executeTakeFirstOrThrow()).id;
    const late = await branch.post(`/api/v1/benchmarks/${campaignId}/${tree.bA1b.id}/measures`, {
      dimensionKey: 'support',
      content: '落实团支部活动经费',
      ownerMemberId: owner,
      dueOn: day(0),
    });
    expect(late.status).toBe(201);
    await server.ctx.db
      .updateTable('catch_up_measure')
      .set({ due_on: day(-3) })
      .where('id', '=', late.body.id)
      .execute();
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district.username);
    await openMenu(page, 'benchmarking');
    await page.getByTestId('benchmarking-tab-supervise').click();
    await page.getByTestId('measures-status-overdue').click();
    await page.getByTestId(`measure-row-${late.body.id}`).click();
    await page.getByTestId(`measure-comment-${late.body.id}`).click();
    await page.getByTestId('measure-comment-input').fill('已逾期，请本周内落实并报送进展');
    await page.locator('[data-testid=measure-comment-modal] .ant-btn-primary').click();
    await page.getByTestId(`measure-comments-${late.body.id}`).waitFor();
    expect(await page.getByTestId(`measure-comments-${late.body.id}`).innerText()).toContain('已逾期，请本周内落实并报送进展');
    await screenshot(page, 'benchmarking-supervise-1440');
    const notice = await server.ctx.db.selectFrom('notification').select('org_id').where('kind', '=', 'measure_commented').executeTakeFirstOrThrow();
    expect(notice.org_id).toBe(tree.bA1b.id);
    expect(errors).toEqual([]);
    await page.close();
  });
});
