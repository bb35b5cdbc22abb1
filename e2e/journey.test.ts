import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { day, loginThroughForm, openMenu, pickOption, writePlan } from './helpers.ts';
import { docxParagraphs, docxRows, type Figures, noOverflow, readFigures, snap, text } from './journey.helpers.ts';

const year = Number(isoToday().slice(0, 4));

/**
 * Issue 3 acceptance: the whole 双争先 journey in Chromium, every step through the UI. The city
 * admin launches a campaign from the template; a branch secretary on a 390 px phone writes the
 * theme, plan and targets and records a 党性教育 with a photo and attendance; the district admin
 * returns the plan and (after the revision) approves it; the city dashboard follows each step; a
 * bulletin is generated, numbered, published and its .docx read back.
 */
describe('issue 3 journey', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId = 0;
  const users = { city: '', secretary: '', district: '' };
  const members: Record<string, number> = {};
  const pages: Record<'city' | 'secretary' | 'district', { page: Page; errors: string[] }> = {} as never;
  const campaignName = `${year}年“双争先”主题实践活动`;

  /** A page per person, logged in through the form once. */
  async function as(who: 'city' | 'secretary' | 'district'): Promise<Page> {
    if (!pages[who]) {
      const page = who === 'secretary' ? await newPhonePage(browser) : await newDesktopPage(browser);
      const errors = watchPageErrors(page);
      await loginThroughForm(page, server.baseUrl, users[who]);
      pages[who] = { page, errors };
    }
    return pages[who].page;
  }

  /** Opens the city's dashboard and reads its figures. */
  async function cityDashboard(shot: string): Promise<Figures> {
    const page = await as('city');
    await page.goto(`${server.baseUrl}/campaigns/${campaignId}/dashboard`);
    await page.getByTestId('dashboard-page').waitFor();
    await page.locator('[data-testid=chart-by-type][data-ready="1"]').waitFor();
    expect(await text(page, 'dashboard-org-name')).toBe('示范市团市委');
    const figures = await readFigures(page);
    await snap(page, `journey-${shot}-dashboard-1440`);
    return figures;
  }

  /** What the city dashboard shows right after the launch; each step states what changed. */
  const launched: Figures = {
    members: '6',
    participation: '0%',
    participants: '0 / 团员 6',
    submissionRate: '0%',
    submitted: '0 / 应提交 9',
    approvalRate: '0%',
    approved: '0 / 应提交 9',
    activities: '0',
    partyEducation: 0,
    planTask: '0 / 9',
    oathTask: '0 / 9',
  };

  /** The secretary's unread notices, read from the bell's badge and the inbox. */
  async function secretaryInbox(unread: number, shot: string): Promise<string[]> {
    const page = await as('secretary');
    await page.goto(`${server.baseUrl}/`);
    await page.locator(`[data-testid=inbox-badge][data-count="${unread}"]`).waitFor();
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox-page').waitFor();
    const items = page.locator('[data-testid^=inbox-item-][data-unread="1"]');
    await expect.poll(() => items.count()).toBe(unread);
    await page.waitForTimeout(300); // the list's loading fade
    await snap(page, `journey-${shot}-inbox-390`);
    return items.allInnerTexts();
  }

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    // Six members: three in the secretary's branch, one in three other branches.
    for (const name of ['王小明', '李小红', '赵小刚']) members[name] = (await createMember(server.ctx, tree.bA1a, { name })).id;
    for (const org of [tree.bA1b, tree.bA2a, tree.bB1a]) await createMember(server.ctx, org, { name: '孙邻班' });
    users.city = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    users.secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    users.district = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }])).username;
  });
  afterAll(async () => {
    for (const p of Object.values(pages)) await p.page.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('1. the city admin launches a campaign from the 双争先 template; the dashboard starts empty', async () => {
    const page = await as('city');
    await openMenu(page, 'campaigns');
    await page.getByTestId('campaign-create-button').click();
    await page.getByTestId('campaign-form-modal').waitFor();
    await expect.poll(() => page.getByTestId('campaign-form-template').innerText()).toContain('“双争先”主题实践活动');
    await page.getByTestId('campaign-form-name').fill(campaignName);
    await page.getByTestId('campaign-form-slogan').fill('双争先助推二次跨越');
    // Today is in 全面实施, where the oath task lies (an activity counts for a task only when held
    // within the task's phase); 动员准备, with the plans' deadline, ended ten days ago.
    const ranges: [string, string, string][] = [
      ['1. 动员准备', day(-40), day(-11)],
      ['2. 全面实施', day(-10), day(50)],
      ['3. 深入推进', day(51), day(80)],
      ['4. 总结提高', day(81), day(110)],
    ];
    for (const [label, from, to] of ranges) {
      const inputs = page.getByTestId('campaign-form-modal').locator('.ant-form-item').filter({ hasText: label }).locator('input');
      await inputs.nth(0).click();
      await inputs.nth(0).fill(from);
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill(to);
      await inputs.nth(1).press('Enter');
    }
    await snap(page, 'journey-1-campaign-form-1440');
    await page.locator('[data-testid=campaign-form-modal] .ant-btn-primary').click();
    await page.getByTestId('campaign-form-modal').waitFor({ state: 'hidden' });
    const row = await server.ctx.db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_id: tree.city.id, name: campaignName });
    campaignId = row.id;
    await page.getByTestId(`campaign-card-${campaignId}`).waitFor();
    expect(await text(page, `campaign-current-${campaignId}`)).toContain('当前阶段：全面实施');
    await snap(page, 'journey-1-campaigns-1440');

    // The dashboard is reached from the campaign's card.
    await page.getByTestId(`campaign-dashboard-${campaignId}`).click();
    await page.getByTestId('dashboard-page').waitFor();
    expect(await text(page, 'dashboard-campaign-name')).toBe(campaignName);
    expect(await text(page, 'dashboard-phase')).toContain('全面实施');
    expect(await cityDashboard('1')).toEqual(launched);
  });

  it('2. a branch secretary on a phone writes the theme, plan and targets and submits them', async () => {
    const page = await as('secretary');
    await openMenu(page, 'plans');
    await page.getByTestId('plan-view').waitFor();
    expect(await text(page, 'plan-status')).toBe('未提交');
    expect(await text(page, 'plan-deadline')).toBe(day(-11));
    await page.getByTestId('plan-overdue').waitFor();

    await writePlan(page, 'red_flag');
    await noOverflow(page);
    await snap(page, 'journey-2-plan-390');

    await page.getByTestId('plan-submit').click();
    await page.getByTestId('plan-submit-confirm').click();
    await page.getByTestId('plan-awaiting').waitFor();
    expect(await text(page, 'plan-status')).toBe('待审核');
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await snap(page, 'journey-2-plan-submitted-390');
    const plan = await server.ctx.db.selectFrom('unit_plan').selectAll().where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ campaign_id: campaignId, status: 'submitted', version: 1, theme: '青春建功“双争先”' });
    expect(JSON.parse(plan.targets)).toHaveLength(2);

    expect(await cityDashboard('2')).toEqual({ ...launched, submissionRate: '11.1%', submitted: '1 / 应提交 9' });
  });

  it('3. the secretary records a 党性教育 on the phone with a photo and two attendees', async () => {
    const page = await as('secretary');
    await openMenu(page, 'activities');
    await page.getByTestId('activity-create-button').click();
    await page.getByTestId('activity-form').waitFor();
    await pickOption(page, 'activity-type', '党性教育');
    await pickOption(page, 'activity-form-select', '重温入党/入团誓词');
    await page.getByTestId('activity-title').fill('重温入团誓词主题团日');
    await page.getByTestId('activity-place').fill('学校礼堂');
    await page.getByTestId('activity-summary').fill('全体团员面向团旗重温入团誓词，书记讲话。');

    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 190, g: 30, b: 45 } } })
      .composite([
        { input: Buffer.from('<svg width="1200" height="800"><rect x="300" y="200" width="600" height="400" fill="#ffd700"/></svg>'), top: 0, left: 0 },
      ])
      .jpeg()
      .toBuffer();
    await page.locator('[data-testid=activity-photos] input[type=file][capture]').setInputFiles({ name: 'IMG_oath.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('[data-testid=activity-photos] .ant-image img').first().waitFor();

    await page.getByTestId('activity-attendees-open').click();
    await page.getByTestId(`attendee-option-${members.王小明}`).click();
    await page.getByTestId(`attendee-option-${members.李小红}`).click();
    await page.getByTestId('activity-attendees-done').click();
    expect(await text(page, 'activity-attendees-open')).toContain('2');
    await expect
      .poll(() => page.locator('[data-testid=activity-tasks] .ant-checkbox-wrapper-checked').filter({ hasText: '重温入党/入团誓词' }).count())
      .toBe(1);
    await noOverflow(page);
    await snap(page, 'journey-3-activity-form-390');

    await page.getByTestId('activity-submit').click();
    await page.getByTestId('activity-detail').waitFor();
    await page.locator('[data-testid=activity-gallery] .ant-image img').first().waitFor();
    expect(await text(page, 'activity-attendee-list')).toMatch(/王小明[\s\S]*李小红|李小红[\s\S]*王小明/);
    await noOverflow(page);
    await snap(page, 'journey-3-activity-390');
    const activity = await server.ctx.db.selectFrom('activity').selectAll().executeTakeFirstOrThrow();
    expect(activity).toMatchObject({
      campaign_id: campaignId,
      org_id: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      held_on: isoToday(),
      attendee_count: 2,
    });
    expect(JSON.parse(activity.photo_ids)).toHaveLength(1);

    expect(await cityDashboard('3')).toEqual({
      ...launched,
      submissionRate: '11.1%',
      submitted: '1 / 应提交 9',
      activities: '1',
      partyEducation: 1,
      participation: '33.3%',
      participants: '2 / 团员 6',
      oathTask: '1 / 9',
    });
  });

  it('4. the district admin returns the plan with a comment; the secretary hears of it, revises and resubmits', async () => {
    const page = await as('district');
    await openMenu(page, 'plans');
    await page.getByTestId('plan-board').waitFor();
    await page.getByTestId(`plan-row-${tree.bA1a.id}`).waitFor();
    expect(await text(page, 'plan-tab-submitted')).toContain('1');
    await snap(page, 'journey-4-plan-board-1440');
    await page.getByTestId(`plan-row-return-${tree.bA1a.id}`).click();
    await page.getByTestId('plan-review-comment').fill('请把志愿服务目标细化到每个季度');
    await page.getByTestId('plan-review-ok').click();
    await page.getByTestId(`plan-row-${tree.bA1a.id}`).waitFor({ state: 'detached' });
    await page.getByTestId('plan-tab-returned').click();
    await page.getByTestId(`plan-row-${tree.bA1a.id}`).waitFor();
    await snap(page, 'journey-4-plan-returned-1440');

    // A returned plan is no longer counted as submitted.
    const returned = { ...launched, activities: '1', partyEducation: 1, participation: '33.3%', participants: '2 / 团员 6', oathTask: '1 / 9' };
    expect(await cityDashboard('4')).toEqual(returned);

    const notices = await secretaryInbox(1, '4');
    expect(notices[0]).toContain('实施方案（第 1 版）被红星区团委退回');

    const phone = await as('secretary');
    await openMenu(phone, 'plans');
    await phone.getByTestId('plan-return-comment').waitFor();
    expect(await text(phone, 'plan-return-comment')).toContain('请把志愿服务目标细化到每个季度');
    expect(await text(phone, 'plan-status')).toBe('已退回');
    await phone.getByTestId('plan-editor-content').click();
    await phone.keyboard.press('Control+End');
    await phone.keyboard.press('Enter');
    await phone.keyboard.type('每季度志愿服务不少于75小时。');
    await snap(phone, 'journey-4-plan-revised-390');
    await phone.getByTestId('plan-submit').click();
    await phone.getByTestId('plan-submit-confirm').click();
    await phone.getByTestId('plan-awaiting').waitFor();
    expect(await text(phone, 'plan-status')).toBe('待审核');

    expect(await cityDashboard('4b')).toEqual({ ...returned, submissionRate: '11.1%', submitted: '1 / 应提交 9' });
  });

  it('5. the district admin approves the plan; the secretary hears of it', async () => {
    const page = await as('district');
    await page.goto(`${server.baseUrl}/plans?campaignId=${campaignId}`);
    await page.getByTestId(`plan-row-view-${tree.bA1a.id}`).click();
    await page.getByTestId('plan-approve').waitFor();
    expect(await text(page, 'plan-content-view')).toContain('每季度志愿服务不少于75小时。');
    await page.getByTestId('plan-approve').click();
    // The review's answer is awaited by itself, so a failure here says whether the server refused it.
    const reviewed = page.waitForResponse((r) => r.url().endsWith('/review') && r.request().method() === 'POST');
    await page.getByTestId('plan-review-ok').click();
    expect((await reviewed).status()).toBe(200);
    await page.getByTestId('plan-approved').waitFor();
    expect(await text(page, 'plan-status')).toBe('已通过');
    await snap(page, 'journey-5-plan-approved-1440');

    expect(await cityDashboard('5')).toEqual({
      ...launched,
      submissionRate: '11.1%',
      submitted: '1 / 应提交 9',
      approvalRate: '11.1%',
      approved: '1 / 应提交 9',
      planTask: '1 / 9',
      activities: '1',
      partyEducation: 1,
      participation: '33.3%',
      participants: '2 / 团员 6',
      oathTask: '1 / 9',
    });

    const notices = await secretaryInbox(2, '5');
    expect(notices[0]).toContain('实施方案（第 2 版）已由红星区团委审核通过');
    expect(notices[1]).toContain('实施方案（第 1 版）被红星区团委退回');
  });

  it('6. the city generates, numbers and publishes a bulletin, and its .docx carries the figures', async () => {
    const page = await as('city');
    await openMenu(page, 'bulletins');
    await page.getByTestId('bulletin-generate-button').click();
    await page.getByTestId('bulletin-generate-modal').waitFor();
    await snap(page, 'journey-6-bulletin-generate-1440');
    await page.getByTestId('bulletin-generate-submit').click();
    await page.getByTestId('bulletin-draft-view').waitFor();
    const bulletinId = Number(/\/bulletins\/(\d+)/.exec(page.url())![1]);
    const overview =
      '所属各级团组织共有团员6名，参与活动2名，参与率33.3%；应提交实施方案9份，已提交1份，审核通过1份，提交率11.1%；共开展活动1场，其中党性教育1场。';
    await expect.poll(() => page.getByTestId('bulletin-document').innerText()).toContain(overview);

    await page.getByTestId('bulletin-number-prefix').fill('示团通');
    await page.getByTestId('bulletin-number-button').click();
    const number = `示团通〔${year}〕1号`;
    await expect.poll(() => text(page, 'bulletin-number')).toBe(number);
    await snap(page, 'journey-6-bulletin-draft-1440');
    await page.getByTestId('bulletin-publish-button').click();
    await page.getByTestId('bulletin-publish-confirm').click();
    await page.getByTestId('bulletin-reading-view').waitFor();
    expect(await text(page, 'bulletin-status')).toBe('已发布');
    await snap(page, 'journey-6-bulletin-published-1440');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-download-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = docxParagraphs(xml);
    expect(paragraphs).toContain(number);
    expect(paragraphs).toContain('示范市团市委');
    expect(paragraphs.find((p) => p.includes('所属各级团组织共有团员'))).toContain(overview);
    const rows = docxRows(xml);
    // 任务 | 应完成 | 已完成 | 完成率
    expect(rows).toContainEqual(['确定主题、制定实施方案和争创目标', '9', '1', '11.1%']);
    expect(rows).toContainEqual(['党性教育：重温入党/入团誓词', '9', '1', '11.1%']);
    // 排名 | 单位 | 第一责任人 | 得分 | 任务完成 | 方案通过 | 参与率 | 知晓率 | 活动: the district of the branch did the work (no notice sent yet).
    const district = rows.find((r) => r[1] === '红星区团委')!;
    expect(district.slice(5)).toEqual(['1/7', '40%', '0%', '1']);
    expect(rows.find((r) => r[1] === '临江区团委')!.slice(5)).toEqual(['0/2', '0%', '0%', '0']);

    expect(
      await server.ctx.db
        .selectFrom('bulletin')
        .select(['status', 'number_prefix', 'number_year', 'number_seq'])
        .where('id', '=', bulletinId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'published', number_prefix: '示团通', number_year: year, number_seq: 1 });
    for (const p of Object.values(pages)) expect(p.errors).toEqual([]);
  });
});
