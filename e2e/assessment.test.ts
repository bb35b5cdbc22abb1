import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BUILTIN_RUBRIC, rubricItems } from '../packages/domain/src/assessment/rubric.ts';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, day, inputByTestId, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/**
 * 达标争先: a branch secretary on a phone scores the unit (one item with the stepper, an
 * activity as evidence) and signs; a member representative confirms it from their own phone;
 * the district verifies it at 1440 px with one item changed (with a reason) into a tier.
 */
describe('self-assessment verified upward into a tier', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let secretary: string;
  let representative: string;
  let district: string;
  const status = async (page: Page) => (await page.getByTestId('sheet-status').innerText()).trim();

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    district = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }])).username;
    const rep = await createMember(server.ctx, tree.bA1a, { name: '王晓红' });
    await server.ctx.db
      .insertInto('org_representative')
      .values({ org_id: tree.bA1a.id, member_id: rep.id, added_at: new Date().toISOString(), added_by: null })
      .execute();
    representative = (await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: rep.id })).username;
    campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin), tree.city.id, { name: '“双争先”主题实践活动' });
    // The branch has recorded a theme League day, and scored most items already (92 points).
    const branch = await apiAs(server, secretary);
    const activity = await branch.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'other',
      form: null,
      title: '主题团日：重温入团誓词',
      heldOn: day(-5),
      place: '团员活动室',
      summary: '全体团员参加',
      minutes: null,
      taskKeys: [],
      photoIds: [],
      attendeeIds: [],
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const items = rubricItems(BUILTIN_RUBRIC).map((i) => ({
      key: i.key,
      score: i.key === 'support_recognition' ? 0 : i.key === 'support_time' ? 2 : i.points,
      note: null,
      activityIds: [],
      attachmentIds: [],
    }));
    const saved = await branch.put(`/api/v1/campaigns/${campaignId}/assessments/${tree.bA1a.id}`, {
      summary: '对照五个方面逐项自评',
      items,
      vetoes: BUILTIN_RUBRIC.vetoes.map((v) => ({ key: v.key, failed: false })),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the secretary adjusts an item on a phone, links an activity as evidence and signs', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'assessment');
    await page.getByTestId('sheet-view').waitFor();
    expect(await status(page)).toBe('填写中');
    await page.getByTestId('item-score-minus-support_time').click();
    expect(await inputByTestId(page, 'item-score-support_time').inputValue()).toBe('1.5');
    await page.getByTestId('item-activities-activity_meetings').click();
    await page.locator('.ant-select-item-option', { hasText: '主题团日：重温入团誓词' }).click();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('sheet-self-total').innerText()).toBe('91.5');
    await screenshot(page, 'assessment-secretary-390');
    await noOverflow(page);
    await page.getByTestId('sheet-sign').click();
    await page.getByTestId('sheet-sign-ok').click();
    await page.getByTestId('sheet-awaiting-rep').waitFor();
    expect(await page.getByTestId('sheet-secretary').innerText()).toContain('测试用户');
    await screenshot(page, 'assessment-secretary-signed-390');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 150_000);

  it('a member representative, asked in the inbox, reads and confirms it from their own phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, representative);
    // The ask reaches this representative (a plain member's account) as a personal notice.
    await page.getByTestId('inbox-bell').click();
    const ask = page.locator('[data-testid^="inbox-item-"]').filter({ hasText: '请您作为团员代表确认' });
    await ask.waitFor();
    await screenshot(page, 'assessment-representative-inbox-390');
    await ask.click();
    await page.getByTestId('sheet-confirm').waitFor();
    expect(await page.getByTestId('item-self-support_time').innerText()).toBe('1.5');
    await noOverflow(page);
    await page.getByTestId('sheet-confirm').click();
    await page.getByTestId('sheet-confirm-ok').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sheet-status"]')?.textContent?.trim() === '待核定');
    expect(await page.getByTestId('sheet-representative').innerText()).toContain('王晓红');
    await screenshot(page, 'assessment-representative-confirmed-390');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 150_000);

  it('the district verifies at 1440 px, changing one item with a reason, into a tier', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district);
    await openMenu(page, 'assessment');
    await page.getByTestId(`queue-row-${tree.bA1a.id}`).waitFor();
    await screenshot(page, 'assessment-queue-1440');
    await page.getByTestId(`queue-open-${tree.bA1a.id}`).click();
    await page.getByTestId('verify-submit').waitFor();
    for (let i = 0; i < 4; i++) await page.getByTestId('verify-score-minus-team_complete').click();
    // Without a reason the server refuses the change, field by field.
    await page.getByTestId('verify-preview').click();
    await page.getByText('调整得分须填写理由').first().waitFor();
    await page.getByTestId('verify-reason-team_complete').fill('支委缺额一名，未按期补选');
    await page.getByTestId('verify-preview').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="verify-outcome"] [data-testid="outcome-total"]')?.textContent === '89.5');
    expect(await page.locator('[data-testid="verify-outcome"] [data-testid="outcome-tier"]').innerText()).toBe('四星');
    await screenshot(page, 'assessment-verify-1440');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('sheet-verify-ok').click();
    await page.getByTestId('sheet-result').waitFor();
    expect(await status(page)).toBe('已核定');
    expect(await page.getByTestId('sheet-tier').innerText()).toBe('四星');
    expect(await page.getByTestId('item-verified-team_complete').innerText()).toContain('支委缺额一名');
    await screenshot(page, 'assessment-verified-1440');

    // 晋档升级 lists the unit with its first tier; the dashboard counts the verified unit.
    await page.goto(`${server.baseUrl}/assessment?tab=tiers`);
    await page.getByTestId(`upgrade-row-${tree.bA1a.id}`).waitFor();
    await screenshot(page, 'assessment-tiers-1440');
    // The ladder: 4★ this year allows 达标 (no earlier title needed) but not 四好 (needs 达标 last year).
    await page.getByTestId(`upgrade-open-${tree.bA1a.id}`).click();
    await page.getByTestId('title-option-four_good').waitFor();
    expect(await page.getByTestId('title-option-four_good').innerText()).toContain('上一年度已获达标团组织称号');
    await page.getByTestId('title-award-standard').click();
    await page.locator('[data-testid="title-option-standard"]', { hasText: '已获得' }).waitFor();
    await screenshot(page, 'assessment-titles-1440');
    await page.goto(`${server.baseUrl}/assessment?tab=rubric`);
    await page.getByTestId('rubric-form').waitFor();
    expect(await page.getByTestId('rubric-sum').innerText()).toBe('各项合计 100 分');
    await screenshot(page, 'assessment-rubric-1440');
    expect(errors).toEqual([]);
    const api = await apiAs(server, district);
    const d = (await api.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body;
    expect(d.assessment.unitsVerified).toBe(1);
    await page.context().close();
  }, 150_000);

  it('the city edits the rubric at 1440 px: overlapping bands are refused under the field, then saved', async () => {
    const cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, cityAdmin);
    await page.goto(`${server.baseUrl}/assessment?tab=rubric`);
    await page.getByTestId('rubric-save').waitFor();
    await inputByTestId(page, 'rubric-band-star4').fill('95');
    await page.getByTestId('rubric-save').click();
    await page.getByTestId('rubric-problems').waitFor();
    expect(await page.getByTestId('rubric-problems').innerText()).toContain('四星分数线须低于五星');
    await page.locator('.ant-form-item-explain-error', { hasText: '四星分数线须低于五星' }).first().waitFor();
    await screenshot(page, 'assessment-rubric-error-1440');
    expect(await inputByTestId(page, 'rubric-band-star4').inputValue()).toBe('95');
    await page.getByTestId('rubric-problems').waitFor();
    await inputByTestId(page, 'rubric-band-star4').fill('85');
    await page.getByTestId('rubric-save').click();
    await page.getByText('考评标准已保存').first().waitFor();
    const saved = (await (await apiAs(server, cityAdmin)).get('/api/v1/rubrics')).body[0];
    expect(saved.definition.settings.bands).toEqual({ star5: 90, star4: 85, star3: 70, lagging: 60 });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 150_000);
});
