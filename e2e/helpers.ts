import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../packages/server/test/factories.ts';
import { TestClient } from '../packages/server/test/client.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import type { TestServer } from './harness.ts';

/** The day `offset` days from today on the platform's (China's) calendar, as YYYY-MM-DD. */
export const day = (offset: number) => new Date(Date.parse(`${isoToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** An API client signed in as `username`, to set data up through the API before the browser opens. */
export async function apiAs(server: TestServer, username: string) {
  const c = new TestClient(server.app);
  expect((await c.login(username)).status).toBe(200);
  return c;
}

/**
 * Launches the built-in 双争先 template at `orgId` with today in 全面实施 (动员准备 ended 31 days
 * ago, so its tasks are overdue); returns the campaign id.
 */
export async function launchRunningCampaign(client: TestClient, orgId: number, campaign: { name: string; slogan?: string }) {
  const templateId = (await client.get('/api/v1/templates')).body[0].id;
  const created = await client.post('/api/v1/campaigns', {
    templateId,
    orgId,
    ...campaign,
    phases: [
      { key: 'mobilization', startsOn: day(-60), endsOn: day(-31) },
      { key: 'implementation', startsOn: day(-30), endsOn: day(30) },
      { key: 'deepening', startsOn: day(31), endsOn: day(60) },
      { key: 'summary', startsOn: day(61), endsOn: day(90) },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as number;
}

/** A unit's plan submitted by its secretary and approved by the committee above it. */
export async function approvedPlan(
  branch: TestClient,
  committee: TestClient,
  campaignId: number,
  orgId: number,
  plan: { theme: string; contentHtml: string; targets: object[] },
) {
  const submitted = await branch.post(`/api/v1/campaigns/${campaignId}/plans/${orgId}/submit`, plan);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await committee.post(`/api/v1/campaigns/${campaignId}/plans/${orgId}/review`, { decision: 'approve' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

/** Logs in through the form and waits for the home page. */
export async function loginThroughForm(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-org-name').waitFor();
}

/**
 * Logs in an account that must change its password first (the three system accounts from the
 * install, an account just created or reset): the app shows only the change form until it is done.
 */
export async function loginChangingPassword(page: Page, baseUrl: string, username: string, password: string, newPassword: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('forced-password-change').waitFor();
  await page.getByTestId('password-current').fill(password);
  await page.getByTestId('password-new').fill(newPassword);
  await page.getByTestId('password-confirm').fill(newPassword);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('home-org-name').waitFor();
}

/** Opens a menu entry on either layout (the phone keeps the menu in a drawer). */
export async function openMenu(page: Page, key: string) {
  const burger = page.getByTestId('mobile-menu-button');
  if (await burger.isVisible()) await burger.click();
  await page.getByTestId(`menu-${key}`).click();
}

/**
 * Picks an option of an antd Select by its label and waits until the select shows it. Under a
 * pinned CPU the dropdown can still be sliding in when the option is clicked and the click lands
 * beside it; the pick is then tried again rather than the test reading the old value later.
 */
export async function pickOption(page: Page, testId: string, option: string) {
  const select = page.getByTestId(testId);
  const open = select.getByRole('combobox');
  const shown = select.filter({ hasText: option });
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await open.getAttribute('aria-expanded')) !== 'true') await select.click();
    await choice.click({ timeout: 10_000 }).catch(() => undefined);
    if (
      await shown.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`select ${testId} did not take the option ${option}`);
}

/** An antd input by test id (the id sits on the input or on its wrapper). */
export const inputByTestId = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

/**
 * Fills a unit's plan on the plans page: theme, a heading and a paragraph of plan text, a first
 * target of `firstTarget`'s kind and a custom indicator tagged to a local development goal.
 */
export async function writePlan(page: Page, firstTarget: 'red_flag' | 'star_tier'): Promise<void> {
  await inputByTestId(page, 'plan-theme').fill('青春建功“双争先”');
  await page.getByTestId('plan-editor-content').click();
  await page.getByTestId('plan-editor-tool-h2').click();
  await page.keyboard.type('一、活动目标');
  await page.keyboard.press('Enter');
  await page.keyboard.type('以争创五四红旗团支部为目标，每月开展一次主题团日活动。');
  await page.getByTestId('plan-target-add').click();
  await page.getByTestId(`plan-target-add-${firstTarget}`).click();
  await page.getByTestId('plan-target-0').waitFor();
  await page.getByTestId('plan-target-add').click();
  await page.getByTestId('plan-target-add-custom_kpi').click();
  await inputByTestId(page, 'plan-target-1-label').fill('志愿服务时长');
  await inputByTestId(page, 'plan-target-1-value').fill('300');
  await inputByTestId(page, 'plan-target-1-unit').fill('小时');
  await inputByTestId(page, 'plan-target-1-goal').fill('学赶苏南、后来居上');
}
