import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, SCREENSHOT_DIR, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign, loginThroughForm, openMenu, pickOption } from './helpers.ts';

async function noOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

/**
 * A branch secretary records a 党性教育 on a phone, with a camera photo and two attendees; the
 * district admin sees it on a desktop and marks it notable.
 */
describe('activities', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let campaignId: number;
  let secretary: string;
  let district: string;
  const members: Record<string, number> = {};
  let activityId = 0;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    for (const name of ['王小明', '李小红', '赵小刚']) members[name] = (await createMember(server.ctx, tree.bA1a, { name })).id;
    await createMember(server.ctx, tree.bA1b, { name: '孙邻班' });
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    district = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }])).username;
    const city = await apiAs(server, (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username);
    campaignId = await launchRunningCampaign(city, tree.city.id, { name: '“双争先”主题实践活动' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a branch secretary record a 党性教育 on a phone with a photo and two attendees', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await openMenu(page, 'activities');
    await page.getByTestId('activity-create-button').click();
    await page.getByTestId('activity-form').waitFor();

    await pickOption(page, 'activity-type', '党性教育');
    await pickOption(page, 'activity-form-select', '重温入党/入团誓词');
    expect(await page.getByTestId('activity-title').inputValue()).toBe('重温入党/入团誓词');
    await page.getByTestId('activity-title').fill('重温入团誓词主题团日');
    await page.getByTestId('activity-place').fill('学校礼堂');
    await page.getByTestId('activity-summary').fill('全体团员面向团旗重温入团誓词，书记讲话。');

    // The camera button opens the camera on a phone; both inputs take images only.
    const camera = page.locator('[data-testid=activity-photos] input[type=file][capture]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    expect(await camera.getAttribute('capture')).toBe('environment');
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 190, g: 30, b: 45 } } })
      .composite([
        { input: Buffer.from('<svg width="1200" height="800"><rect x="300" y="200" width="600" height="400" fill="#ffd700"/></svg>'), top: 0, left: 0 },
      ])
      .jpeg()
      .withMetadata({ exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1' } } })
      .toBuffer();
    await camera.setInputFiles({ name: 'IMG_20260415.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('[data-testid=activity-photos] .ant-image img').first().waitFor();

    await page.getByTestId('activity-attendees-open').click();
    await page.getByTestId(`attendee-option-${members.王小明}`).click();
    await page.getByTestId(`attendee-option-${members.李小红}`).click();
    expect(await page.getByTestId('activity-attendees-all').innerText()).toContain('3');
    await page.getByTestId('activity-attendees-done').click();
    expect(await page.getByTestId('activity-attendees-open').innerText()).toContain('2');
    // The task this activity is evidence for is linked by itself.
    await expect
      .poll(() => page.locator('[data-testid=activity-tasks] .ant-checkbox-wrapper-checked').filter({ hasText: '重温入党/入团誓词' }).count())
      .toBe(1);
    await noOverflow(page);
    await screenshot(page, 'activities-form-390');

    await page.getByTestId('activity-submit').click();
    await page.getByTestId('activity-detail').waitFor();
    const row = await server.ctx.db.selectFrom('activity').selectAll().executeTakeFirstOrThrow();
    activityId = row.id;
    expect(row).toMatchObject({
      campaign_id: campaignId,
      org_id: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词主题团日',
      held_on: isoToday(),
      attendee_count: 2,
    });
    expect(JSON.parse(row.task_keys)).toEqual(['party_education_oath']);
    const photo = await server.ctx.db.selectFrom('attachment').selectAll().executeTakeFirstOrThrow();
    expect((await sharp(server.ctx.files.localPath(photo.hash)).metadata()).exif).toBeUndefined();
    await page.locator('[data-testid=activity-gallery] .ant-image img').first().waitFor();
    expect(await page.getByTestId('activity-attendee-list').innerText()).toMatch(/王小明[\s\S]*李小红|李小红[\s\S]*王小明/);
    await noOverflow(page);
    await screenshot(page, 'activities-detail-390');

    await openMenu(page, 'activities');
    await page.getByTestId(`activity-row-${activityId}`).waitFor();
    expect(await page.getByTestId(`activity-row-${activityId}`).innerText()).toContain('重温入团誓词主题团日');
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await page.waitForTimeout(300); // the menu drawer's closing animation
    await noOverflow(page);
    await screenshot(page, 'activities-list-390');

    await page.getByTestId('activities-view-calendar').click();
    await page.getByTestId(`calendar-day-${isoToday()}`).waitFor();
    await page.locator(`[data-testid=calendar-day-list] [data-testid=calendar-activity-${activityId}]`).waitFor();
    await noOverflow(page);
    await screenshot(page, 'activities-calendar-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows it to the district on a desktop, which marks it notable', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district);
    await openMenu(page, 'activities');
    await page.getByTestId(`activity-row-${activityId}`).waitFor();
    expect(await page.getByTestId('activities-table').innerText()).toContain('高一(1)班团支部');
    await screenshot(page, 'activities-list-1440');

    await page.getByTestId('activities-view-calendar').click();
    await page.locator(`[data-testid=calendar-day-${isoToday()}] [data-testid=calendar-activity-${activityId}]`).waitFor();
    await screenshot(page, 'activities-calendar-1440');

    await page.getByTestId(`calendar-activity-${activityId}`).click();
    await page.getByTestId('activity-detail').waitFor();
    expect(await page.getByTestId('activity-edit').count()).toBe(1);
    await page.getByTestId('activity-notable-switch').click();
    await page.getByTestId('activity-notable-tag').waitFor();
    expect((await server.ctx.db.selectFrom('activity').select('notable').where('id', '=', activityId).executeTakeFirstOrThrow()).notable).toBe(1);
    await page.locator('[data-testid=activity-gallery] .ant-image').first().click();
    await page.locator('.ant-image-preview-img, .ant-image-preview img').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'activities-preview-1440.png') });
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview').first().waitFor({ state: 'hidden' });
    await screenshot(page, 'activities-detail-1440');

    await page.goto(`${server.baseUrl}/activities/${activityId}/edit`);
    await page.getByTestId('activity-form').waitFor();
    await screenshot(page, 'activities-form-1440');
    expect(errors).toEqual([]);
    await page.close();

    // The branch sees the star and hears of it; it cannot pick its own highlights.
    const phone = await newPhonePage(browser);
    await loginThroughForm(phone, server.baseUrl, secretary);
    await phone.goto(`${server.baseUrl}/activities/${activityId}`);
    await phone.getByTestId('activity-notable-tag').waitFor();
    expect(await phone.getByTestId('activity-notable-switch').count()).toBe(0);
    const n = await server.ctx.db.selectFrom('notification').select('title_zh').where('kind', '=', 'activity_notable').execute();
    expect(n[0].title_zh).toContain('红星区团委');
    await phone.close();
  });
});
