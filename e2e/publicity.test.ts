import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, inputByTestId, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/**
 * 宣传: a branch secretary on a phone writes a post and submits it; the committee above approves
 * it; the public portal, opened on a phone with no login, shows it — and never a returned post.
 */
describe('publicity and the public portal', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let secretary: string;
  let committee: string;
  let returnedTitle: string;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    committee = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;
    campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin), tree.city.id, { name: '“双争先”主题实践活动', slogan: '青春建功新时代' });
    // A post the committee returned: it must never reach the portal.
    const sec = await apiAs(server, secretary);
    returnedTitle = '被退回的稿件不应公开';
    const draft = await sec.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1a.id, title: returnedTitle, body: '内容待修改' });
    await sec.post(`/api/v1/publicity/posts/${draft.body.id}/submit`);
    await sec.post('/api/v1/publicity/media', {
      campaignId,
      orgId: tree.bA1a.id,
      kind: 'new_media',
      level: 'city',
      outlet: '示范共青团公众号',
      publishedOn: new Date().toISOString().slice(0, 10),
      title: '高一(1)班团支部青春宣讲获报道',
      url: 'https://www.example.cn/news/1',
    });
    const back = await (await apiAs(server, committee)).post(`/api/v1/publicity/posts/${draft.body.id}/review`, { decision: 'return', comment: '请补充成效' });
    expect(back.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a secretary on a phone write and submit a post, the committee approve it, and anyone read it on the portal', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'publicity');
    await page.getByTestId('share-panel').waitFor();
    await noOverflow(page);
    await screenshot(page, 'publicity-page-390');
    expect(await inputByTestId(page, 'portal-link').inputValue()).toBe(`${server.baseUrl}/p/${campaignId}`);
    await page.getByRole('tab', { name: '媒体报道' }).click();
    await page.getByText('高一(1)班团支部青春宣讲获报道').waitFor();
    await noOverflow(page);
    await screenshot(page, 'publicity-media-390');
    await page.getByRole('tab', { name: '宣传稿件' }).click();
    await page.getByTestId('post-new').click();
    await inputByTestId(page, 'post-title').fill('高一(1)班开展青春宣讲');
    await page.getByTestId('post-body').fill('团支部组织团员走进社区，开展“青春心向党”宣讲。');
    await noOverflow(page);
    await screenshot(page, 'publicity-editor-390');
    await page.getByTestId('post-submit').click();
    await page.getByTestId('post-status').filter({ hasText: '待审核' }).waitFor();
    await page.close();

    const reviewer = await newDesktopPage(browser);
    const reviewerErrors = watchPageErrors(reviewer);
    await loginThroughForm(reviewer, server.baseUrl, committee);
    await openMenu(reviewer, 'publicity');
    await reviewer.getByRole('tab', { name: /待我审核/ }).click();
    await reviewer.getByRole('tabpanel').getByText('高一(1)班开展青春宣讲').waitFor();
    await screenshot(reviewer, 'publicity-queue-1440');
    await reviewer.getByRole('tabpanel').getByText('高一(1)班开展青春宣讲').click();
    await reviewer.getByTestId('post-review').waitFor();
    await screenshot(reviewer, 'publicity-review-1440');
    await reviewer.getByTestId('review-approve').click();
    await reviewer.getByTestId('post-status').filter({ hasText: '已发布' }).waitFor();
    await reviewer.close();

    // No login: a fresh phone context.
    const reader = await newPhonePage(browser);
    const readerErrors = watchPageErrors(reader);
    await reader.goto(`${server.baseUrl}/p/${campaignId}`);
    await reader.getByTestId('portal-title').filter({ hasText: '“双争先”主题实践活动' }).waitFor();
    await reader.getByText('高一(1)班开展青春宣讲').waitFor();
    expect(await reader.getByTestId('portal').innerText()).not.toContain(returnedTitle);
    await noOverflow(reader);
    await screenshot(reader, 'publicity-portal-390');
    await reader.getByText('高一(1)班开展青春宣讲').click();
    await reader.getByTestId('portal-post-body').filter({ hasText: '青春心向党' }).waitFor();
    await noOverflow(reader);
    await screenshot(reader, 'publicity-portal-post-390');
    expect(reader.url()).not.toContain('/login');
    const wide = await newDesktopPage(browser);
    await wide.goto(`${server.baseUrl}/p/${campaignId}`);
    await wide.getByText('高一(1)班开展青春宣讲').waitFor();
    await screenshot(wide, 'publicity-portal-1440');
    await wide.close();
    expect([...errors, ...reviewerErrors, ...readerErrors]).toEqual([]);
  });

  it('answers a returned post with the not-found page on the portal', async () => {
    const id = (await server.ctx.db.selectFrom('post').select('id').where('title', '=', returnedTitle).executeTakeFirstOrThrow()).id;
    const reader = await newPhonePage(browser);
    await reader.goto(`${server.baseUrl}/p/${campaignId}/posts/${id}`);
    await reader.getByText('页面不存在或内容尚未发布').waitFor();
    expect(await reader.getByTestId('portal').innerText()).not.toContain(returnedTitle);
  });
});
