import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

const QUIZ = {
  questions: [
    { text: '“双争先”指什么？', kind: 'single', options: ['争创先进集体、争当先进个人', '争先恐后'], correct: [0] },
    { text: '五四红旗团组织包括哪些？', kind: 'multiple', options: ['五四红旗团委', '五四红旗团支部', '红旗食堂'], correct: [0, 1] },
  ],
  passMark: { kind: 'count', value: 2 },
};

/**
 * Every member reached: a branch secretary sends a notice and a notice with a quiz; a member on
 * a 390 px phone reads and acknowledges the first, passes the quiz of the second and states their
 * post and pledge; the branch's 知晓率 and pledge figures change by exactly that member, and the
 * secretary sees it on a desktop.
 */
describe('notices, quiz and pledges on the phone', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let secretary: { username: string };
  let member: { username: string; memberId: number };
  let campaignId = 0;
  const notices = { plain: 0, quiz: 0 };

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const cityAdmin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
    campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin.username), tree.city.id, { name: '双争先主题实践活动' });
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
    const m = await createMember(server.ctx, tree.bA1a, { name: '林小青' });
    await createMember(server.ctx, tree.bA1a, { name: '周未读' });
    member = { username: (await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: m.id })).username, memberId: m.id };
    const api = await apiAs(server, secretary.username);
    const send = async (extra: Record<string, unknown>) => {
      const d = await api.post('/api/v1/notices', { campaignId, orgId: tree.bA1a.id, ...extra });
      expect(d.status, JSON.stringify(d.body)).toBe(201);
      expect((await api.post(`/api/v1/notices/${d.body.id}/send`)).status).toBe(200);
      return d.body.id as number;
    };
    notices.plain = await send({
      title: '关于开展“双争先”主题实践活动的通知',
      body: '各位团员：\n本支部将于本月开展“双争先”主题实践活动，请认真阅读活动安排。',
    });
    notices.quiz = await send({ title: '“双争先”知识小测', body: '请阅读活动要点后完成下面的小测试。', quiz: QUIZ, maxAttempts: 3, dueOn: '2099-06-30' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The branch's figures on its dashboard, and whether the member counts in them (the branch's own cadres' drill-down). */
  const reach = async () => {
    const api = await apiAs(server, secretary.username);
    const d = (await api.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.bA1a.id}`)).body;
    const done = async (figure: string) =>
      (await api.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1a.id}&figure=${figure}&state=done`)).body.items.map(
        (x: { memberId: number }) => x.memberId,
      );
    return { aware: d.awareness.aware as number, pledged: d.pledges.pledged as number, awareIds: await done('aware'), pledgedIds: await done('pledged') };
  };

  it('lets a member read and acknowledge a notice, pass its quiz and pledge on a 390 px phone', async () => {
    const before = await reach();
    expect([before.aware, before.pledged]).toEqual([0, 0]);
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, member.username);
    await openMenu(page, 'my-notices');
    await page.getByTestId(`notice-card-${notices.plain}`).waitFor();
    expect(await page.getByTestId('notices-unread').innerText()).toContain('2');
    await noOverflow(page);
    await screenshot(page, 'reach-my-notices-390');

    await page.getByTestId(`notice-card-${notices.plain}`).click();
    await page.getByTestId('notice-body').waitFor();
    await noOverflow(page);
    await screenshot(page, 'reach-reader-390');
    await page.getByTestId('notice-acknowledge').click();
    await page.getByTestId('notice-acknowledged').waitFor();

    await page.goto(`${server.baseUrl}/my/notices/${notices.quiz}`);
    await page.getByTestId('quiz').waitFor();
    await page.getByTestId('quiz-q-0').getByText('争先恐后').click();
    await page.getByTestId('quiz-q-1').getByText('五四红旗团委').click();
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('quiz-result').getByText('未通过').waitFor();
    await page.getByTestId('quiz-q-0').getByText('争创先进集体、争当先进个人').click();
    await page.getByTestId('quiz-q-1').getByText('五四红旗团委').click();
    await page.getByTestId('quiz-q-1').getByText('五四红旗团支部').click();
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('quiz-result').getByText('恭喜通过').waitFor();
    await noOverflow(page);
    await screenshot(page, 'reach-quiz-passed-390');

    await openMenu(page, 'my-pledge');
    await page.getByTestId(`pledge-card-${campaignId}`).waitFor();
    await page.getByTestId('pledge-post').fill('高一(1)班学习委员');
    await page.getByTestId('pledge-text').fill('带头学习团史，每周帮助两名同学答疑，争当优秀共青团员。');
    await page.getByTestId('pledge-save').click();
    await page.getByTestId(`pledge-card-${campaignId}`).getByText('已承诺').waitFor();
    await noOverflow(page);
    await screenshot(page, 'reach-pledge-390');
    expect(errors).toEqual([]);
    await page.context().close();

    const after = await reach();
    expect([after.aware, after.pledged]).toEqual([1, 1]);
    expect([after.awareIds, after.pledgedIds]).toEqual([[member.memberId], [member.memberId]]);
  });

  it("shows the secretary the receipts, who has not yet, and the branch's pledges on a desktop", async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'notices');
    await page.getByTestId('notices-page').getByText('“双争先”知识小测').waitFor();
    await screenshot(page, 'reach-notices-1440');
    await page.goto(`${server.baseUrl}/notices/${notices.quiz}`);
    await page.getByTestId('receipts-not-yet').getByText('周未读').waitFor();
    expect(await page.getByTestId('receipts-rate').innerText()).toContain('50');
    await screenshot(page, 'reach-receipts-1440');
    await openMenu(page, 'pledges');
    await page.getByTestId('branch-pledges').getByText('带头学习团史', { exact: false }).waitFor();
    await screenshot(page, 'reach-branch-pledges-1440');
    await page.goto(`${server.baseUrl}/notices/new?campaignId=${campaignId}`);
    await page.getByTestId('notice-quiz-switch').click();
    await page.getByTestId('quiz-editor').waitFor();
    await screenshot(page, 'reach-composer-1440');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lays out the composer and receipts on a 390 px phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await page.goto(`${server.baseUrl}/notices/${notices.quiz}`);
    await page.getByTestId('receipts-not-yet').waitFor();
    await noOverflow(page);
    await screenshot(page, 'reach-receipts-390');
    await page.goto(`${server.baseUrl}/notices/new?campaignId=${campaignId}`);
    await page.getByTestId('notice-quiz-switch').click();
    await page.getByTestId('quiz-editor').waitFor();
    await noOverflow(page);
    await screenshot(page, 'reach-composer-390');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
