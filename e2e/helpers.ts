import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../packages/server/test/factories.ts';

/** Logs in through the form and waits for the home page. */
export async function loginThroughForm(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD) {
  await page.goto(baseUrl + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-org-name').waitFor();
}

/** Opens a menu entry on either layout (the phone keeps the menu in a drawer). */
export async function openMenu(page: Page, key: string) {
  const burger = page.getByTestId('mobile-menu-button');
  if (await burger.isVisible()) await burger.click();
  await page.getByTestId(`menu-${key}`).click();
}
