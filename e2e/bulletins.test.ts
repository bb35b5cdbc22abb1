import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, SCREENSHOT_DIR, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, approvedPlan, day, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

const viewportShot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/**
 * The city generates a progress bulletin from the campaign's figures, numbers it, publishes it
 * and downloads the .docx; a branch secretary on a phone gets the notice and reads it.
 */
describe('bulletins', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let cityAdmin: string;
  let secretary: string;
  let bulletinId: number;
  const year = Number(isoToday().slice(0, 4));

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const members = [];
    for (const org of [tree.bA1a, tree.bA1a, tree.bA1a, tree.bA1b, tree.bA2a, tree.bB1a]) members.push(await createMember(server.ctx, org, { name: '王小明' }));
    cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    const committee = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;
    const campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin), tree.city.id, { name: `${year}年“双争先”主题实践活动` });
    const branch = await apiAs(server, secretary);
    const cA1 = await apiAs(server, committee);
    await approvedPlan(branch, cA1, campaignId, tree.bA1a.id, {
      theme: '青春建功新时代',
      contentHtml: '<p>每月一次主题团日。</p>',
      targets: [{ kind: 'red_flag' }],
    });
    const activity = await branch.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词',
      heldOn: day(-10),
      place: '学校礼堂',
      summary: '全体团员重温入团誓词，畅谈新时代青年的责任与担当。',
      attendeeIds: members.slice(0, 2).map((m) => m.id),
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    expect((await cA1.post(`/api/v1/activities/${activity.body.id}/notable`, { notable: true })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the city generate, edit, number and publish a bulletin and download its .docx', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, cityAdmin);
    await openMenu(page, 'bulletins');
    await page.getByTestId('bulletin-generate-button').click();
    await page.getByTestId('bulletin-generate-modal').waitFor();
    await page.locator('[data-testid=bulletin-generate-weights] .ant-collapse-header').click();
    await page.getByTestId('bulletin-weight-tasks').waitFor();
    await screenshot(page, 'bulletins-generate-1440');
    await page.getByTestId('bulletin-generate-submit').click();
    await page.getByTestId('bulletin-draft-view').waitFor();
    bulletinId = Number(/\/bulletins\/(\d+)/.exec(page.url())![1]);

    // The preview carries the frozen figures, the ranking and the highlight.
    const doc = page.getByTestId('bulletin-document');
    await expect.poll(() => doc.innerText()).toContain('团员6名');
    const text = await doc.innerText();
    expect(text).toContain('红星区团委');
    expect(text).toContain('临江区团委');
    expect(text).toContain('重温入团誓词');
    expect(text).toContain('进度滞后单位');

    await page.getByTestId('bulletin-edit-closing').fill('各单位工作开展情况将纳入年度考评，请抓好落实。');
    await expect.poll(() => doc.innerText()).toContain('请抓好落实');
    await page.getByTestId('bulletin-save-button').click();
    await expect
      .poll(async () => (await server.ctx.db.selectFrom('bulletin').select('body').where('id', '=', bulletinId).executeTakeFirstOrThrow()).body)
      .toContain('请抓好落实');

    await page.getByTestId('bulletin-number-prefix').fill('示团通');
    await page.getByTestId('bulletin-number-button').click();
    await expect.poll(() => page.getByTestId('bulletin-number').innerText()).toBe(`示团通〔${year}〕1号`);
    await expect.poll(() => page.getByTestId('bulletin-doc-number').innerText()).toBe(`示团通〔${year}〕1号`);
    await screenshot(page, 'bulletins-editor-1440');

    await page.getByTestId('bulletin-publish-button').click();
    await page.getByTestId('bulletin-publish-confirm').click();
    await page.getByTestId('bulletin-reading-view').waitFor();
    expect(await page.getByTestId('bulletin-status').innerText()).toBe('已发布');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-download-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(`示团通〔${year}〕1号`);
    expect(xml).toContain('团员6名');
    expect(xml).toContain('请抓好落实');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    await screenshot(page, 'bulletins-published-1440');

    await openMenu(page, 'bulletins');
    await page.getByTestId(`bulletin-row-${bulletinId}`).waitFor();
    // The list was cached before the numbering: it refreshes on its own.
    await expect.poll(() => page.getByTestId(`bulletin-row-${bulletinId}`).innerText()).toContain(`示团通〔${year}〕1号`);
    await screenshot(page, 'bulletins-list-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('brings the published bulletin to a branch secretary on a phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await page.getByTestId('inbox-bell').click();
    const notice = page.locator('[data-testid^=inbox-title-]').filter({ hasText: `示团通〔${year}〕1号` });
    await notice.waitFor();
    await viewportShot(page, 'bulletins-inbox-390');
    await notice.click();
    await page.getByTestId('bulletin-reading-view').waitFor();
    expect(page.url()).toContain(`/bulletins/${bulletinId}`);
    const doc = await page.getByTestId('bulletin-document').innerText();
    expect(doc).toContain(`示团通〔${year}〕1号`);
    expect(doc).toContain('团员6名');
    expect(await page.getByTestId('bulletin-download-docx').isVisible()).toBe(true);
    expect(await page.getByTestId('bulletin-number-button').count()).toBe(0);
    await noOverflow(page);
    await viewportShot(page, 'bulletins-reading-390');
    await screenshot(page, 'bulletins-reading-full-390');

    await openMenu(page, 'bulletins');
    await page.getByTestId(`bulletin-row-${bulletinId}`).waitFor();
    await page.getByTestId('mobile-menu-drawer').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('bulletin-generate-button').count()).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'bulletins-list-390');
    expect(errors).toEqual([]);
    await page.close();
  });
});
