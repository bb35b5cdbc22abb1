import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { isoToday } from '@zx/domain';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import type { TestClient } from '../packages/server/test/client.ts';
import { launchBrowser, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

const QUIZ = {
  questions: [{ text: '“双争先”指什么？', kind: 'single', options: ['争创先进集体、争当先进个人', '争先恐后'], correct: [0] }],
  passMark: { kind: 'count', value: 1 },
};
const PASSWORD = 'Qingchun-2026-Zhengxian!';

/**
 * Issue 13's member, start to end on a 390 px phone: activates the account with the code of the
 * secretary's sheet, sees the to-dos, reads and acknowledges a notice and passes its quiz,
 * pledges, checks in to an activity by opening the scanned QR URL, logs volunteer hours and
 * votes — and the branch's and the city's 知晓率, 覆盖面 and pledge rate change by exactly that
 * one member.
 */
describe("a member's own campaign on the phone", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let city: TestClient;
  let secretary: TestClient;
  let campaignId = 0;
  let memberId = 0;
  let code = '';
  let noticeId = 0;
  let quizId = 0;
  let checkinPath = '';
  let ballotId = 0;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tree = await createTree(server.ctx);
    city = await apiAs(server, (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username);
    campaignId = await launchRunningCampaign(city, tree.city.id, { name: '2026年“双争先”主题实践活动' });
    secretary = await apiAs(server, (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username);
    await createMember(server.ctx, tree.bA1a, { name: '张书记', position: 'secretary' });
    memberId = (await createMember(server.ctx, tree.bA1a, { name: '陈晓' })).id;
    const other = await createMember(server.ctx, tree.bA1a, { name: '林一' });
    await createMember(server.ctx, tree.bA1b, { name: '邻班团员' });

    // The secretary's part, through the API (their pages have their own tests).
    const sheet = await secretary.post('/api/v1/activation/codes', { orgId: tree.bA1a.id, memberIds: [memberId] });
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(201);
    code = sheet.body.cards.find((c: { memberId: number }) => c.memberId === memberId).code;

    const send = async (body: Record<string, unknown>) => {
      const notice = await secretary.post('/api/v1/notices', { campaignId, orgId: tree.bA1a.id, ...body });
      expect(notice.status, JSON.stringify(notice.body)).toBe(201);
      expect((await secretary.post(`/api/v1/notices/${notice.body.id}/send`)).status).toBe(200);
      return notice.body.id as number;
    };
    noticeId = await send({ title: '关于开展“双争先”主题实践活动的通知', body: '请全体团员阅读活动安排。' });
    quizId = await send({ title: '“双争先”知识小测', body: '请阅读活动要点后完成小测试。', quiz: QUIZ });

    const activity = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词主题团日',
      heldOn: isoToday(),
      place: '学校礼堂',
      summary: '全体团员面向团旗重温入团誓词。',
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    expect((await secretary.post(`/api/v1/activities/${activity.body.id}/check-in/open`, {})).status).toBe(200);
    // What the QR code on the secretary's screen encodes (the phone camera opens this URL).
    checkinPath = (await secretary.get(`/api/v1/activities/${activity.body.id}/check-in`)).body.path;
    expect(checkinPath).toMatch(/^\/checkin\/\d+\?t=/);

    expect((await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [memberId, other.id] })).status).toBe(200);
    const session = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    ballotId = session.body.id;
    expect((await secretary.post(`/api/v1/votes/sessions/${ballotId}/open`, {})).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** 知晓率, 覆盖面 and pledges of the branch and of the city, as their dashboards show them. */
  const figures = async () => {
    const at = async (orgId: number) => {
      const d = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${orgId}`)).body;
      return {
        members: d.members as number,
        aware: d.awareness.aware as number,
        awarenessRate: d.awareness.rate as number | null,
        pledged: d.pledges.pledged as number,
        pledgeRate: d.pledges.rate as number | null,
        attended: d.coverage.membersAttended as number,
        memberCoverage: d.coverage.memberRate as number | null,
        branchesWithActivity: d.coverage.branchesWithActivity as number,
      };
    };
    return { branch: await at(tree.bA1a.id), city: await at(tree.city.id) };
  };

  it('activates, works through the to-dos, checks in, logs hours and votes — and moves the figures by exactly one member', async () => {
    const before = await figures();
    expect(before.branch).toMatchObject({ members: 3, aware: 0, pledged: 0, attended: 0 });

    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);

    // 1. Activation with the code of the sheet's card.
    await page.goto(`${server.baseUrl}/activate?code=${encodeURIComponent(code)}`);
    await page.getByTestId('activate-password').fill(PASSWORD);
    await page.getByTestId('activate-confirm').fill(PASSWORD);
    await page.getByTestId('activate-submit').click();
    await page.getByTestId('activate-go-home').click();

    // 2. Home: the campaign, and the notice, the pledge and the ballot as to-dos.
    await page.getByTestId('home-todos').waitFor();
    for (const key of [`notice:${noticeId}`, `notice:${quizId}`, `pledge:${campaignId}`, `ballot:${ballotId}`]) await page.getByTestId(`todo-${key}`).waitFor();
    await page.getByTestId('home-campaign-phase').waitFor();
    await noOverflow(page);
    await screenshot(page, 'journey-home-390');

    // 3. The notice read and acknowledged; the quiz of the second passed.
    await page.getByTestId(`todo-notice:${noticeId}`).click();
    await page.getByTestId('notice-body').waitFor();
    await page.getByTestId('notice-acknowledge').click();
    await page.getByTestId('notice-acknowledged').waitFor();
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId(`todo-notice:${quizId}`).click();
    await page.getByTestId('quiz-q-0').getByText('争创先进集体、争当先进个人').click();
    await page.getByTestId('quiz-submit').click();
    await page.getByTestId('quiz-result').getByText('恭喜通过').waitFor();
    await screenshot(page, 'journey-quiz-390');

    // 4. 亮明身份 · 岗位承诺.
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId(`todo-pledge:${campaignId}`).click();
    await page.getByTestId('pledge-post').fill('高一(1)班学习委员');
    await page.getByTestId('pledge-text').fill('带头学习团史，每周帮助两名同学答疑。');
    await page.getByTestId('pledge-save').click();
    await page.getByTestId(`pledge-card-${campaignId}`).getByText('已承诺').waitFor();

    // 5. Check-in: the camera opens the URL of the QR code.
    await page.goto(`${server.baseUrl}${checkinPath}`);
    await page.getByTestId('checkin-success').getByText('签到成功').waitFor();
    await noOverflow(page);
    await screenshot(page, 'journey-checkin-390');

    // 6. Volunteer service with a proof photo.
    await page.goto(`${server.baseUrl}/volunteer`);
    await page.getByTestId('volunteer-new').click();
    await page.getByTestId('volunteer-hours').fill('3');
    await page.getByTestId('volunteer-description').fill('社区图书角整理图书');
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 60, b: 40 } } })
      .jpeg()
      .toBuffer();
    await page.locator('[data-testid=volunteer-form] input[type=file]').first().setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('[data-testid=volunteer-form] .ant-image img').first().waitFor();
    await page.getByTestId('volunteer-submit').click();
    await page.getByTestId('volunteer-status').getByText('待审核').waitFor();

    // 7. The ballot, from home.
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId(`todo-ballot:${ballotId}`).click();
    await page.getByTestId('ballot-page').waitFor();
    const subjects = await server.ctx.db.selectFrom('vote_subject').select(['id', 'exempt']).where('session_id', '=', ballotId).execute();
    for (const s of subjects.filter((x) => x.exempt === 0)) await page.getByTestId(`ballot-option-${s.id}-satisfied`).click();
    await page.getByTestId('ballot-submit').click();
    await page.getByTestId('ballot-confirm').click();
    await page.getByTestId('ballot-voted').waitFor();

    // Home again: what was done is no longer asked.
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('home-todos').waitFor();
    for (const key of [`notice:${noticeId}`, `notice:${quizId}`, `pledge:${campaignId}`, `ballot:${ballotId}`])
      expect(await page.getByTestId(`todo-${key}`).count(), key).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'journey-home-done-390');
    expect(errors).toEqual([]);
    await page.context().close();

    // The figures moved by exactly this one member, in the branch and in the city.
    const after = await figures();
    expect(await server.ctx.db.selectFrom('vote_ballot').select('id').where('session_id', '=', ballotId).execute()).toHaveLength(1);
    expect(
      await server.ctx.db.selectFrom('volunteer_service').select(['status', 'hours_tenths']).where('member_id', '=', memberId).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'pending', hours_tenths: 30 });
    for (const level of ['branch', 'city'] as const) {
      const [b, a] = [before[level], after[level]];
      expect({ aware: a.aware - b.aware, pledged: a.pledged - b.pledged, attended: a.attended - b.attended, members: a.members - b.members }, level).toEqual({
        aware: 1,
        pledged: 1,
        attended: 1,
        members: 0,
      });
      // The activity existed before the member came: branch coverage is the activity's doing, not theirs.
      expect(a.branchesWithActivity, level).toBe(b.branchesWithActivity);
      expect([a.awarenessRate, a.pledgeRate, a.memberCoverage], level).toEqual([1 / a.members, 1 / a.members, 1 / a.members]);
    }
  }, 180_000);
});
