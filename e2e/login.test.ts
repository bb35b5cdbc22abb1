import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTree, createUser, TEST_PASSWORD, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';

describe('login', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let admin: { id: number; username: string };

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    admin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an org admin logs in on a phone and sees their organization', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    // An unauthenticated visit to / lands on the login page.
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'login-390');

    await page.getByTestId('login-username').fill(admin.username);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();

    const orgName = page.getByTestId('home-org-name');
    await orgName.waitFor();
    expect(await orgName.innerText()).toContain('红星中学团委');
    expect(new URL(page.url()).pathname).toBe('/');
    // Below 768 px the menu lives in a drawer behind ☰.
    expect(await page.getByTestId('mobile-menu-button').isVisible()).toBe(true);
    await screenshot(page, 'home-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a wrong password shows an error in Chinese and stays on the login page', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').fill(admin.username);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('logs in on a desktop and shows the organization in the header', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'login-1440');
    await page.getByTestId('login-username').fill(admin.username);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-org-name').waitFor();
    expect(await page.getByTestId('home-org-name').innerText()).toContain('红星中学团委');
    expect(await page.getByTestId('current-org').innerText()).toContain('红星中学团委');
    expect(await page.getByTestId('side-menu').isVisible()).toBe(true);
    await screenshot(page, 'home-1440');
    expect(errors).toEqual([]);
    await page.close();
  });
});
