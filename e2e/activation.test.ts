import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { nowIso } from '../packages/server/src/db/database.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, day, launchRunningCampaign, loginThroughForm } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/**
 * A member gets an account without paperwork (docs/activation.md) and lands on a home that is a
 * to-do list (docs/home.md): the branch secretary issues the branch's codes in one step and
 * prints the sheet; the member, on a 390 px phone, opens the card's link, sets a password, is
 * signed in and sees their ballot among the to-dos, then their own record.
 */
describe('activation and home on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let secretary: string;
  let memberId: number;
  let ballotId: number;
  let code = '';
  const PASSWORD = 'Hongqi-2026-Tuanyuan!';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tree = await createTree(server.ctx);
    const city = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
    await launchRunningCampaign(await apiAs(server, city.username), tree.city.id, { name: '2026年“双争先”主题实践活动' });
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    memberId = (await createMember(server.ctx, tree.bA1a, { name: '陈晓' })).id;
    await createMember(server.ctx, tree.bA1a, { name: '林一' });
    await createMember(server.ctx, tree.bA1a, { name: '欧阳娜娜' });
    // An open rating with the member on its roll: their first to-do.
    const at = nowIso();
    ballotId = (
      await server.ctx.db
        .insertInto('vote_session')
        .values({
          org_id: tree.bA1a.id,
          org_path: tree.bA1a.path,
          kind: 'cadre_rating',
          title_zh: '团支部书记述职评议',
          title_en: 'Rating of the branch secretary',
          scale: 'satisfaction3',
          settings: '{}',
          roll_source: 'explicit',
          status: 'open',
          report_year: null,
          opens_at: null,
          closes_at: `${day(5)}T10:00:00.000Z`,
          opened_at: at,
          closed_at: null,
          ballot_count: null,
          result: null,
          ref_type: null,
          ref_id: null,
          created_at: at,
          created_by: null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await server.ctx.db.insertInto('vote_roll').values({ session_id: ballotId, member_id: memberId }).execute();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the secretary issue the branch’s codes in one step and shows the printable sheet', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary);
    await page.getByTestId('home-todos').waitFor();
    await page.goto(`${server.baseUrl}/activation`);
    await page.getByTestId(`activation-member-${memberId}`).waitFor();
    await noOverflow(page);
    await screenshot(page, 'activation-roster-390');
    await page.getByTestId('activation-issue-all').click();
    await page.getByTestId('activation-issue-all-ok').click();
    await page.getByTestId('activation-sheet').waitFor();
    const card = page.getByTestId(`activation-card-${memberId}`);
    await card.waitFor();
    expect(await page.locator('[data-testid^=activation-card-]').count()).toBe(3);
    expect(await card.innerText()).toContain('陈晓');
    expect(await card.locator('canvas, svg').count()).toBeGreaterThan(0); // the QR code
    code = (await card.getByTestId('activation-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await noOverflow(page);
    await screenshot(page, 'activation-sheet-390');
    expect(errors).toEqual([]);
    await page.context().close();

    const desk = await newDesktopPage(browser);
    await loginThroughForm(desk, server.baseUrl, secretary);
    await desk.goto(`${server.baseUrl}/activation`);
    await desk.getByTestId(`activation-member-${memberId}`).waitFor();
    expect(await desk.getByTestId(`activation-member-${memberId}`).innerText()).toContain('待激活');
    await screenshot(desk, 'activation-roster-1440');
    await desk.context().close();
  });

  it('lets the member activate with the card’s link on a phone, land on home and see their ballot', async () => {
    expect(code).not.toBe('');
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await page.goto(`${server.baseUrl}/activate?code=${encodeURIComponent(code)}`);
    await page.getByTestId('activate-card').waitFor();
    expect(await page.getByTestId('activate-code').inputValue()).toBe(code);
    await screenshot(page, 'activate-390');
    await page.getByTestId('activate-password').fill(PASSWORD);
    await page.getByTestId('activate-confirm').fill(PASSWORD);
    await page.getByTestId('activate-submit').click();
    await page.getByTestId('activate-done').waitFor();
    await screenshot(page, 'activate-done-390');
    await page.getByTestId('activate-go-home').click();
    await page.getByTestId('home-org-name').waitFor();
    const ballot = page.getByTestId(`todo-ballot:${ballotId}`);
    await ballot.waitFor();
    expect(await ballot.innerText()).toContain('团支部书记述职评议');
    await page.getByTestId('home-campaign-phase').waitFor();
    await page.getByTestId('home-record').waitFor();
    expect(await page.getByTestId('home-shortcuts').count()).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'home-member-390');
    // The to-do leads to the ballot paper; the record is one tap away.
    await ballot.click();
    await page.waitForURL(`**/votes/ballot/${ballotId}`);
    await page.goto(`${server.baseUrl}/record`);
    await page.getByTestId('record-page').waitFor();
    expect(await page.locator('.ant-result-403').count()).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'record-390');
    expect(errors).toEqual([]);
    await page.context().close();

    // The same code a second time: refused, nothing revealed.
    const again = await newPhonePage(browser);
    await again.goto(`${server.baseUrl}/activate?code=${encodeURIComponent(code)}`);
    await again.getByTestId('activate-password').fill(PASSWORD);
    await again.getByTestId('activate-confirm').fill(PASSWORD);
    await again.getByTestId('activate-submit').click();
    await again.getByTestId('activate-error').waitFor();
    expect(await again.getByTestId('activate-error').innerText()).toContain('激活码无效');
    await again.context().close();
  });

  it('shows a secretary’s home on a desktop: to-dos and a handful of shortcuts', async () => {
    const page = await newDesktopPage(browser);
    await loginThroughForm(page, server.baseUrl, secretary);
    await page.getByTestId('home-todos').waitFor();
    await page.locator('[data-testid^="todo-task:"], [data-testid^="todo-plan:"]').first().waitFor();
    const shortcuts = await page.locator('[data-testid^=home-link-]').count();
    expect(shortcuts).toBeGreaterThan(0);
    expect(shortcuts).toBeLessThanOrEqual(5);
    await screenshot(page, 'home-secretary-1440');
    await page.context().close();
  });

  it('shows the activated member’s home and record, and the activation page, on a desktop', async () => {
    const page = await newDesktopPage(browser);
    await page.goto(`${server.baseUrl}/activate`);
    await page.getByTestId('activate-card').waitFor();
    await page.getByTestId('activate-mode-self').click();
    await page.getByTestId('activate-idcard').waitFor();
    await screenshot(page, 'activate-self-1440');
    await loginThroughForm(page, server.baseUrl, `m${memberId}`, PASSWORD);
    await page.getByTestId(`todo-ballot:${ballotId}`).waitFor();
    await screenshot(page, 'home-member-1440');
    await page.goto(`${server.baseUrl}/record`);
    await page.getByTestId('record-page').waitFor();
    await screenshot(page, 'record-1440');
    await page.context().close();
  });
});
