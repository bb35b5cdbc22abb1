import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, inputByTestId, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/**
 * 团员教育评议 on a 390 px phone: the branch secretary opens the year's round, records the study,
 * moves through self-assessment (a member writes hers on her phone) and peer comments, enters
 * the paper count (refused without a quorum of more than 2/3), proposes grades within the 30%
 * cap with a reason where the committee departs from the vote, and submits; the committee
 * above approves at 1440 px and the city dashboard's excellent-member ratio follows.
 */
describe('annual member evaluation', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let secretary: string;
  let committee: string;
  let cityAdmin: string;
  const members: { id: number; name: string; username: string }[] = [];
  let evaluationId = 0;
  const year = Number(isoToday().slice(0, 4));

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    for (const name of ['林晓', '陈晨', '周洋', '吴桐', '郑悦', '王磊']) {
      const id = (await createMember(server.ctx, tree.bA1a, { name })).id;
      members.push({ id, name, username: (await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: id })).username });
    }
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    committee = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username;
    cityAdmin = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    campaignId = await launchRunningCampaign(await apiAs(server, cityAdmin), tree.city.id, { name: '双争先' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes a branch from opening to submitted grades on a 390 px phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'evaluations');
    await page.getByTestId(`evaluation-unit-open-${tree.bA1a.id}`).click();
    await page.getByTestId('evaluation-open-confirm').click();
    await page.getByTestId('evaluation-detail').waitFor();
    expect(await page.getByTestId('evaluation-stage').innerText()).toBe('学习教育');
    evaluationId = Number(page.url().split('/').pop());

    await page.getByTestId('evaluation-study-note').fill('集中学习团章和《团员教育评议办法》');
    await page.getByTestId('evaluation-to-self').click();
    await page.getByTestId('evaluation-participants').waitFor();
    expect(await page.getByTestId('evaluation-stage').innerText()).toBe('个人自评');
    await noOverflow(page);
    await screenshot(page, 'evaluation-secretary-self-390');

    // A member writes her self-assessment on her own phone.
    const memberPage = await newPhonePage(browser);
    const memberErrors = watchPageErrors(memberPage);
    await loginThroughForm(memberPage, server.baseUrl, members[0].username);
    await openMenu(memberPage, 'evaluations');
    await memberPage.getByTestId(`evaluation-mine-${evaluationId}`).click();
    await memberPage.getByTestId('evaluation-self-text').fill('一年来认真学习团章，按时参加组织生活，参加社区志愿服务 24 小时。不足是理论学习还不够深入。');
    await memberPage.getByTestId('evaluation-self-save').click();
    await memberPage.getByTestId('evaluation-self-view').waitFor();
    await noOverflow(memberPage);
    await screenshot(memberPage, 'evaluation-member-self-390');
    // The others through the API.
    for (const m of members.slice(1)) {
      const api = await apiAs(server, m.username);
      expect(
        (await api.put(`/api/v1/evaluations/${evaluationId}/participants/${m.id}/self-assessment`, { text: `${m.name}的个人自评：认真履行团员义务。` })).status,
      ).toBe(200);
    }

    await page.reload();
    await page.getByTestId('evaluation-to-peer').click();
    await page.getByTestId('evaluation-read-comments').waitFor();
    expect(await page.getByTestId('evaluation-fig-self').innerText()).toContain('6');

    // Peer comment from the member's phone.
    await memberPage.reload();
    await memberPage.getByTestId('evaluation-peer').waitFor();
    await memberPage.getByText(members[1].name, { exact: true }).click();
    await memberPage.getByTestId(`evaluation-comment-${members[1].id}`).fill('工作积极主动，建议多参加理论学习');
    await memberPage.getByTestId(`evaluation-comment-save-${members[1].id}`).click();
    // The saved comment marks the fellow member's panel (durable, unlike the toast beside it).
    await memberPage.getByTestId('evaluation-peer').getByText('已写').waitFor();
    await screenshot(memberPage, 'evaluation-member-peer-390');
    expect(memberErrors).toEqual([]);

    // The paper count: 4 of 6 present is not more than 2/3.
    await page.getByTestId('evaluation-vote-paper').click();
    await inputByTestId(page, 'evaluation-paper-present').fill('4');
    const counts: Record<number, [number, number]> = { 0: [4, 1], 1: [3, 2] };
    for (const [i, m] of members.entries()) {
      const [ex, q] = counts[i] ?? [0, 5];
      await inputByTestId(page, `evaluation-paper-${m.id}-excellent`).fill(String(ex));
      await inputByTestId(page, `evaluation-paper-${m.id}-qualified`).fill(String(q));
    }
    await page.getByTestId('evaluation-paper-save').click();
    await page.getByTestId('evaluation-paper-present-error').waitFor();
    expect(await page.getByTestId('evaluation-paper-present-error').innerText()).toContain('2/3');
    await screenshot(page, 'evaluation-quorum-390');
    await inputByTestId(page, 'evaluation-paper-present').fill('5');
    await page.getByTestId('evaluation-paper-save').click();
    await page.getByTestId('evaluation-proposal').waitFor();
    expect(await page.getByTestId('evaluation-stage').innerText()).toBe('拟定等次');

    // Two lead with 优秀, the cap of 6 × 30% is 1: the second gets 合格 with a reason.
    expect(await page.getByTestId('evaluation-cap').innerText()).toContain('上限 1 人');
    await page.getByTestId(`evaluation-grade-${members[1].id}-excellent`).click();
    expect(await page.getByTestId('evaluation-cap').innerText()).toContain('优秀 2 人');
    await page.getByTestId('evaluation-proposal-save').click();
    await page.getByTestId('evaluation-grades-error').waitFor();
    await page.getByTestId(`evaluation-grade-${members[1].id}-qualified`).click();
    await page.getByTestId('evaluation-proposal-save').click();
    await page.getByTestId(`evaluation-reason-error-${members[1].id}`).waitFor();
    await page.getByTestId(`evaluation-reason-${members[1].id}`).fill('优秀名额有限，综合平时表现拟定为合格');
    await noOverflow(page);
    await screenshot(page, 'evaluation-proposal-390');
    await page.getByTestId('evaluation-proposal-submit').click();
    await page.getByTestId('evaluation-submit-confirm').click();
    await page.getByTestId('evaluation-awaiting').waitFor();
    expect(await page.getByTestId('evaluation-stage').innerText()).toBe('待上级审核');
    await screenshot(page, 'evaluation-submitted-390');
    expect(errors).toEqual([]);
  });

  it('is approved by the committee above at 1440 px, and the city dashboard counts the grades', async () => {
    const city = await apiAs(server, cityAdmin);
    const before = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).body.assessment;
    expect(before.excellentMemberRatio).toBeNull();

    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, committee);
    await openMenu(page, 'evaluations');
    await page.getByTestId('evaluation-stage-submitted').click();
    await page.getByTestId(`evaluation-unit-view-${tree.bA1a.id}`).click();
    await page.getByTestId('evaluation-review').waitFor();
    await screenshot(page, 'evaluation-review-1440');
    await page.getByTestId('evaluation-approve').click();
    await page.getByTestId('evaluation-review-confirm').click();
    await page.getByTestId('evaluation-grades').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="evaluation-stage"]')?.textContent === '已审定');
    await screenshot(page, 'evaluation-approved-1440');

    const after = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).body.assessment;
    expect(after).toMatchObject({ membersEvaluated: 6, membersExcellent: 1 });
    expect(after.excellentMemberRatio).toBeCloseTo(1 / 6);

    // The member's page shows the approved grade.
    await page.goto(`${server.baseUrl}/members/${members[0].id}`);
    await page.getByTestId(`member-evaluation-${year}`).waitFor();
    expect(await page.getByTestId(`member-evaluation-${year}`).innerText()).toContain('优秀');
    await screenshot(page, 'evaluation-member-history-1440');
    expect(errors).toEqual([]);
  });
});
