import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, day, loginThroughForm, openMenu } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/**
 * 述职评议: the branch secretary creates and opens a cadre rating on a desktop; a representative
 * rates the cadres on a 390 px phone (one ballot, then only "已投票"); the secretary closes the
 * session and reads the result with counts, satisfaction and flags.
 */
describe('cadre rating by the representatives', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let secretary: { username: string };
  const reps: { username: string; memberId: number }[] = [];
  let sessionId = 0;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    await createMember(server.ctx, tree.bA1a, { name: '张书记', position: 'secretary' });
    await createMember(server.ctx, tree.bA1a, { name: '李副书记', position: 'deputy_secretary' });
    const fresh = await createMember(server.ctx, tree.bA1a, { name: '王委员', position: 'organization_member' });
    await server.ctx.db
      .updateTable('member')
      .set({ position_since: day(-20) })
      .where('id', '=', fresh.id)
      .execute();
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
    for (const name of ['代表赵', '代表钱', '代表孙', '代表李', '代表周']) {
      const m = await createMember(server.ctx, tree.bA1a, { name });
      const u = await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: m.id });
      reps.push({ username: u.username, memberId: m.id });
    }
    const api = await apiAs(server, secretary.username);
    expect((await api.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the secretary create and open a rating session on a desktop', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'votes');
    await page.getByTestId('votes-page').waitFor();
    await page.getByText('团员代表', { exact: true }).click();
    await page.getByTestId(`votes-rep-${reps[0].memberId}`).waitFor();
    await screenshot(page, 'votes-reps-1440');
    await page.getByText('评议会', { exact: true }).click();
    await page.getByTestId('votes-new-rating').click();
    await page.getByTestId('votes-rating-preview').waitFor();
    expect(await page.getByTestId('votes-rating-preview').innerText()).toContain('2 名团干部参评，1 名免评');
    await screenshot(page, 'votes-new-1440');
    await page.getByTestId('votes-rating-save').click();
    await page.getByTestId('votes-session').waitFor();
    sessionId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('votes-session-open').click();
    await page.getByTestId('votes-open-confirm').click();
    await page.getByTestId('votes-session-close').waitFor();
    expect(await page.getByTestId('votes-session-turnout').innerText()).toContain('0/5 人已投');
    await page.getByTestId('votes-result-sealed').waitFor();
    await screenshot(page, 'votes-session-open-1440');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets a representative rate the cadres on a 390 px phone, once', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, reps[0].username);
    await openMenu(page, 'votes-mine');
    await page.getByTestId(`votes-mine-card-${sessionId}`).click();
    await page.getByTestId('ballot-page').waitFor();
    const subjects = await server.ctx.db.selectFrom('vote_subject').select(['id', 'exempt']).where('session_id', '=', sessionId).orderBy('ordinal').execute();
    const onBallot = subjects.filter((s) => s.exempt === 0);
    expect(onBallot).toHaveLength(2);
    expect(await page.locator('[data-testid^=ballot-subject-]').count()).toBe(2);
    await page.getByTestId(`ballot-no-report-${onBallot[0].id}`).waitFor();
    await page.getByTestId(`ballot-option-${onBallot[0].id}-satisfied`).click();
    await page.getByTestId(`ballot-option-${onBallot[1].id}-basic`).click();
    await noOverflow(page);
    await screenshot(page, 'votes-ballot-390');
    await page.getByTestId('ballot-submit').click();
    await page.getByTestId('ballot-confirm').click();
    await page.getByTestId('ballot-voted').waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^=ballot-option-]').count()).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'votes-voted-390');
    // One ballot in the box, no voter on it.
    expect(await server.ctx.db.selectFrom('vote_ballot').select(['id', 'answers']).where('session_id', '=', sessionId).execute()).toHaveLength(1);
    expect(errors).toEqual([]);

    // The other representatives vote through the API (one dissatisfied with the deputy).
    for (const [i, r] of reps.slice(1).entries()) {
      const api = await apiAs(server, r.username);
      const res = await api.post(`/api/v1/votes/sessions/${sessionId}/ballot`, {
        answers: { [onBallot[0].id]: 'satisfied', [onBallot[1].id]: i < 3 ? 'dissatisfied' : 'basic' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    await page.context().close();
  });

  it('shows the result once the secretary closes the session', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await page.goto(`${server.baseUrl}/votes/sessions/${sessionId}`);
    await page.getByTestId('votes-session-close').click();
    await page.getByTestId('votes-close-confirm').click();
    await page.getByTestId('votes-result-table').waitFor();
    const subjects = await server.ctx.db.selectFrom('vote_subject').select(['id', 'exempt']).where('session_id', '=', sessionId).orderBy('ordinal').execute();
    const [first, second] = subjects.filter((s) => s.exempt === 0);
    const firstRow = await page.getByTestId(`votes-result-row-${first.id}`).innerText();
    expect(firstRow).toContain('100%');
    const secondRow = await page.getByTestId(`votes-result-row-${second.id}`).innerText();
    expect(secondRow).toContain('40%');
    expect(secondRow).toContain('需跟踪');
    await screenshot(page, 'votes-result-1440');
    expect(errors).toEqual([]);
    await page.context().close();

    const phone = await newPhonePage(browser);
    await loginThroughForm(phone, server.baseUrl, reps[0].username);
    await phone.goto(`${server.baseUrl}/votes/ballot/${sessionId}`);
    await phone.getByTestId('ballot-view-result').click();
    await phone.getByTestId(`votes-result-card-${second.id}`).waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'votes-result-390');
    await phone.context().close();
  });
});
