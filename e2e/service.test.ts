import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign, loginThroughForm } from './helpers.ts';

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/**
 * Issue 13's service slice on a 390 px phone: the secretary shows the rotating check-in code, a
 * member opens the scanned URL (signing in on the way) and is checked in; the member logs
 * volunteer hours with a photo and the secretary verifies them.
 */
describe('QR check-in and volunteer service', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let secretary: string;
  let member: string;
  let memberId: number;
  let activityId: number;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    memberId = (await createMember(server.ctx, tree.bA1a, { name: '王小明' })).id;
    member = (await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId })).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    const city = await apiAs(server, (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username);
    const campaignId = await launchRunningCampaign(city, tree.city.id, { name: '“双争先”主题实践活动' });
    const created = await (await apiAs(server, secretary)).post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词主题团日',
      heldOn: isoToday(),
      place: '学校礼堂',
      summary: '全体团员面向团旗重温入团誓词。',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    activityId = created.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks a member in who opens the scanned URL on a phone; the secretary’s screen counts them', async () => {
    const sec = await newPhonePage(browser);
    const secErrors = watchPageErrors(sec);
    await loginThroughForm(sec, server.baseUrl, secretary);
    await sec.goto(`${server.baseUrl}/activities/${activityId}`);
    await sec.getByTestId('activity-checkin').click();
    await sec.getByTestId('checkin-open').click();
    await sec.locator('[data-testid=checkin-stage] canvas').first().waitFor();
    await noOverflow(sec);
    await screenshot(sec, 'service-checkin-screen-390');
    // What the code encodes (a camera would read it off the screen).
    const path = (await (await apiAs(server, secretary)).get(`/api/v1/activities/${activityId}/check-in`)).body.path as string;
    expect(path).toMatch(new RegExp(`^/checkin/${activityId}\\?t=`));

    const phone = await newPhonePage(browser);
    const errors = watchPageErrors(phone);
    await phone.goto(`${server.baseUrl}${path}`);
    // Not signed in: the login form, then back to the check-in.
    await phone.getByTestId('login-username').fill(member);
    await phone.getByTestId('login-password').fill('Test-Passw0rd!');
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('checkin-success').getByText('签到成功').waitFor();
    await phone.getByText('重温入团誓词主题团日').first().waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'service-checkin-success-390');
    // A second scan of the same code says so.
    await phone.goto(`${server.baseUrl}${path}`);
    await phone.getByTestId('checkin-success').getByText('您已签到').waitFor();

    await sec.getByTestId('checkin-count').getByText('1').waitFor();
    await screenshot(sec, 'service-checkin-screen-counted-390');
    const attendance = await server.ctx.db.selectFrom('activity_attendance').selectAll().where('activity_id', '=', activityId).execute();
    expect(attendance.map((a) => [a.member_id, a.source])).toEqual([[memberId, 'qr']]);

    const desk = await newDesktopPage(browser);
    await loginThroughForm(desk, server.baseUrl, secretary);
    await desk.goto(`${server.baseUrl}/activities/${activityId}/check-in`);
    await desk.locator('[data-testid=checkin-stage] canvas').first().waitFor();
    await screenshot(desk, 'service-checkin-screen-1440');
    expect([...errors, ...secErrors]).toEqual([]);
  });

  it('lets the member log hours with a photo on a phone, and the secretary verify them', async () => {
    const phone = await newPhonePage(browser);
    const errors = watchPageErrors(phone);
    await loginThroughForm(phone, server.baseUrl, member);
    await phone.goto(`${server.baseUrl}/volunteer`);
    await phone.getByTestId('volunteer-new').click();
    await phone.getByTestId('volunteer-hours').fill('2.5');
    await phone.getByTestId('volunteer-description').fill('社区敬老院陪伴老人');
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 30, g: 140, b: 90 } } })
      .jpeg()
      .toBuffer();
    await phone.locator('[data-testid=volunteer-form] input[type=file]').first().setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.locator('[data-testid=volunteer-form] .ant-image img').first().waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'service-volunteer-form-390');
    await phone.getByTestId('volunteer-submit').click();
    await phone.getByTestId('volunteer-status').getByText('待审核').waitFor();
    await screenshot(phone, 'service-volunteer-list-390');

    const sec = await newPhonePage(browser);
    await loginThroughForm(sec, server.baseUrl, secretary);
    await sec.goto(`${server.baseUrl}/volunteer/verify`);
    const entry = await server.ctx.db.selectFrom('volunteer_service').select(['id', 'photo_id']).where('member_id', '=', memberId).executeTakeFirstOrThrow();
    expect(entry.photo_id).not.toBeNull();
    await sec.getByTestId(`volunteer-verify-${entry.id}`).waitFor();
    await noOverflow(sec);
    await screenshot(sec, 'service-volunteer-verify-390');
    await sec.getByTestId(`volunteer-verify-${entry.id}`).click();
    await expect
      .poll(async () => (await server.ctx.db.selectFrom('volunteer_service').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow()).status)
      .toBe('verified');

    await phone.reload();
    await phone.getByTestId('volunteer-status').getByText('已认定').waitFor();
    expect(await phone.getByTestId('volunteer-verified').innerText()).toContain('2.5');
    const desk = await newDesktopPage(browser);
    await loginThroughForm(desk, server.baseUrl, member);
    await desk.goto(`${server.baseUrl}/volunteer`);
    await desk.getByTestId('volunteer-status').first().waitFor();
    await screenshot(desk, 'service-volunteer-list-1440');
    expect(errors).toEqual([]);
  });
});
