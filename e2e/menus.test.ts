import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '@zx/domain';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign, loginThroughForm } from './helpers.ts';

/**
 * Walk the app as each role would: every entry of the role's menu opens a page whose requests
 * are answered, never refused. A menu entry that leads to 403 is a promise the role cannot keep;
 * a page that re-requests an answer in a loop (a plain member's 方案与目标 once asked for a 403
 * 1,373 times in one visit) is caught by the request count.
 */
let server: TestServer;
let browser: Browser;
let tree: Tree;
const users = new Map<Role, string>();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  tree = await createTree(server.ctx);
  const cityAdmin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
  await launchRunningCampaign(await apiAs(server, cityAdmin.username), tree.city.id, { name: '2026年“双争先”主题实践活动' });
  const member = await createMember(server.ctx, tree.bA1a, { name: '陈晓' });
  const placements: Array<[Role, keyof Tree, number?]> = [
    ['member', 'bA1a', member.id],
    ['branch_secretary', 'bA1a'],
    ['org_admin', 'cA1'],
    ['inspector', 'dA'],
    ['system_admin', 'city'],
    ['security_admin', 'city'],
    ['audit_admin', 'city'],
  ];
  for (const [role, at, memberId] of placements) users.set(role, (await createUser(server.ctx, [{ role, org: tree[at] }], { memberId })).username);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The hrefs of the side menu as the page shows it (opening the phone's drawer first). */
async function menuLinks(page: Page): Promise<string[]> {
  const burger = page.getByTestId('mobile-menu-button');
  if (await burger.isVisible()) await burger.click();
  await page.getByTestId('side-menu').waitFor();
  const links = await page.locator('[data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  if (await burger.isVisible()) await page.keyboard.press('Escape');
  return [...new Set(links.filter(Boolean))];
}

async function walk(page: Page, role: Role) {
  const refused: string[] = [];
  let apiCalls = 0;
  let pending = 0;
  let lastSettled = Date.now();
  const isApi = (u: string) => new URL(u).pathname.startsWith('/api/');
  page.on('request', (req) => {
    if (isApi(req.url())) pending++;
  });
  const settle = () => {
    pending = Math.max(0, pending - 1);
    lastSettled = Date.now();
  };
  page.on('requestfailed', (req) => {
    if (isApi(req.url())) settle();
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/api/')) return;
    apiCalls++;
    settle();
    if (res.status() === 403 || res.status() === 401) refused.push(`${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
  });
  /** The page has asked what it asks on opening: no API request in flight for 250 ms (a loop would keep them coming). */
  const apiIdle = async () => {
    const until = Date.now() + 15_000;
    while (Date.now() < until && (pending > 0 || Date.now() - lastSettled < 250)) await page.waitForTimeout(100);
  };
  await loginThroughForm(page, server.baseUrl, users.get(role)!);
  const links = await menuLinks(page);
  expect(links.length, `${role} has a menu`).toBeGreaterThan(0);
  const visits: Array<{ href: string; calls: number; refused: string[] }> = [];
  for (const href of links) {
    const before = apiCalls;
    const refusedBefore = refused.length;
    lastSettled = Date.now();
    // Through the menu, as a person does (the app stays loaded between pages).
    const burger = page.getByTestId('mobile-menu-button');
    if (await burger.isVisible()) await burger.click();
    await page.locator(`[data-testid^="menu-"][href="${href}"]`).click();
    await page.waitForURL((u) => u.pathname === href || u.pathname.startsWith(`${href}/`) || href === '/dashboard' || href === '/tasks');
    await apiIdle();
    visits.push({ href, calls: apiCalls - before, refused: refused.slice(refusedBefore) });
    const guard = await page.locator('.ant-result-403').count();
    expect(guard, `${role} ${href} shows the 403 page`).toBe(0);
  }
  return { links, visits };
}

describe("every entry of every role's menu", () => {
  const roles: Role[] = ['member', 'branch_secretary', 'org_admin', 'inspector', 'system_admin', 'security_admin', 'audit_admin'];
  for (const role of roles) {
    it(`opens without a refusal or a request loop for the ${role}`, async () => {
      const page = role === 'member' || role === 'branch_secretary' ? await newPhonePage(browser) : await newDesktopPage(browser);
      try {
        const { links, visits } = await walk(page, role);
        for (const v of visits) {
          expect(v.refused, `${role} ${v.href}`).toEqual([]);
          expect(v.calls, `${role} ${v.href} made ${v.calls} API calls`).toBeLessThan(40);
        }
        if (role === 'member') {
          // A plain member's menu: their own things, nothing that needs a cadre's post.
          expect(links).not.toContain('/plans');
          expect(links).not.toContain('/members');
          // Voting, peer comments (评议) and objections (公示) are reachable from the menu, not only via the inbox.
          expect(links).toEqual(expect.arrayContaining(['/votes/mine', '/profile', '/record', '/evaluations', '/honours']));
          expect(links).not.toContain('/activation');
          await page.goto(`${server.baseUrl}/`);
          await page.getByTestId('home-org-name').waitFor();
          await screenshot(page, 'menus-member-home-390');
          await page.getByTestId('mobile-menu-button').click();
          await page.getByTestId('side-menu').waitFor();
          await screenshot(page, 'menus-member-menu-390');
        }
        if (role === 'system_admin') {
          expect(links).toEqual(expect.arrayContaining(['/settings/org-types', '/settings/templates']));
          expect(links).not.toContain('/members');
          expect(links).not.toContain('/orgs');
        }
      } finally {
        await page.context().close();
      }
    }, 180_000);
  }
});
