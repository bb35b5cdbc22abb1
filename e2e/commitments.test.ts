import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

const REPORT = '今年我对照年初公开的承诺，带领团支部每月开展主题团日，组织团员学习党史，发展了新团员，并在社区开展志愿服务。'.repeat(3);

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/**
 * 承诺 → 述职 on a phone: a branch secretary publishes two commitments and writes the year-end
 * report (refused until every commitment has a status); a member of the branch reads it.
 */
describe('commitments and the year-end report', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let cadreId: number;
  let secretary: { username: string };
  let member: { username: string; id: number };

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    cadreId = (await createMember(server.ctx, tree.bA1a, { name: '王书记', position: 'secretary' })).id;
    secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }], { memberId: cadreId });
    member = await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], {
      memberId: (await createMember(server.ctx, tree.bA1a, { name: '团员甲' })).id,
    });
    const city = await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }]);
    const campaignId = await launchRunningCampaign(await apiAs(server, city.username), tree.city.id, { name: '双争先' });
    const api = await apiAs(server, secretary.username);
    const act = await api.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'other',
      title: '社区志愿服务',
      heldOn: isoToday(),
      place: '青山社区',
      summary: '清扫楼道',
    });
    expect(act.status, JSON.stringify(act.body)).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a cadre publish commitments and submit the report on a 390 px phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'commitments-mine');
    await page.getByTestId('commitments-cadre').waitFor();
    for (const text of ['每月组织一次主题团日活动', '发展两名新团员']) {
      await page.getByTestId('commitment-add').click();
      await page.getByTestId('commitment-form-text').fill(text);
      await page.getByTestId('commitment-form-save').click();
      await page.getByTestId('commitment-form-text').waitFor({ state: 'detached' });
      await page.locator('[data-testid^=commitment-text-]').filter({ hasText: text }).waitFor();
    }
    await page.getByTestId('commitments-publish').click();
    await page.getByTestId('commitments-publish-confirm').click();
    await page.getByTestId('commitments-version-tag').filter({ hasText: '第 1 版' }).waitFor();
    expect(await page.locator('[data-testid^=commitment-revise-]').count()).toBe(2);
    await noOverflow(page);
    await screenshot(page, 'commitments-mine-390');

    const items = await server.ctx.db.selectFrom('commitment_item').select(['id', 'text']).where('state', '=', 'published').orderBy('seq').execute();
    await page.getByTestId('commitments-report-write').click();
    await page.getByTestId('report-editor').waitFor();
    await page.getByTestId('report-editor-content').fill(REPORT);
    expect(await page.getByTestId('report-editor-count').innerText()).toContain(`已写 ${REPORT.length} 字`);
    await page.getByTestId(`report-status-${items[0].id}-done`).click();
    // The second commitment has no status yet: the server refuses, the item says why.
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-submit-confirm').click();
    await page.getByTestId(`report-status-error-${items[1].id}`).waitFor();
    expect(await page.getByTestId(`report-status-error-${items[1].id}`).innerText()).toContain('请为每项承诺选择完成情况');
    await screenshot(page, 'commitments-report-error-390');

    await page.getByTestId(`report-activities-${items[0].id}`).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '社区志愿服务' }).click();
    await page.getByTestId(`report-item-${items[0].id}`).locator('.ant-card-head').click();
    await page.getByTestId(`report-status-${items[1].id}-partly`).click();
    await page.getByTestId(`report-note-${items[1].id}`).fill('发展了一名，另一名明年初入团');
    await noOverflow(page);
    await screenshot(page, 'commitments-report-editor-390');
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-submit-confirm').click();
    await page.getByTestId('commitments-report-status').filter({ hasText: '已提交' }).waitFor();
    await page.getByTestId('report-view-content').filter({ hasText: '今年我对照' }).waitFor();
    const report = await server.ctx.db.selectFrom('cadre_report').select(['status', 'content']).executeTakeFirstOrThrow();
    expect(report).toEqual({ status: 'submitted', content: REPORT });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a member of the branch read the commitments and the report on a phone, with a read receipt', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, member.username);
    await openMenu(page, 'commitments');
    await page.getByTestId(`commitments-row-${cadreId}`).click();
    await page.getByTestId('commitments-cadre-name').filter({ hasText: '王书记' }).waitFor();
    await page.getByTestId('report-view').waitFor();
    expect(await page.getByTestId('report-view-summary').innerText()).toMatch(/已完成 1[\s\S]*部分完成 1/);
    expect(await page.getByTestId('report-view').innerText()).toContain('社区志愿服务');
    expect(await page.getByTestId('commitment-add').count()).toBe(0);
    await noOverflow(page);
    await screenshot(page, 'commitments-member-report-390');
    const reads = await server.ctx.db.selectFrom('cadre_report_read').select('user_id').execute();
    expect(reads).toHaveLength(1);
    // 我的承诺 is in the member's menu too (a cadre may sign in as a member); without a position it says so.
    await openMenu(page, 'commitments-mine');
    expect(await page.getByTestId('commitments-mine-notcadre').innerText()).toContain('您目前没有担任团内职务');
    await screenshot(page, 'commitments-mine-notcadre-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the committee the board of its cadres on a desktop', async () => {
    const admin = await createUser(server.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
    const page = await newDesktopPage(browser);
    await loginThroughForm(page, server.baseUrl, admin.username);
    await page.goto(`${server.baseUrl}/commitments?subtree=1`);
    await page.getByTestId(`commitments-row-${cadreId}`).waitFor();
    expect(await page.getByTestId('commitments-board-totals').innerText()).toMatch(/团干部\s*1[\s\S]*已公开承诺\s*1[\s\S]*已提交述职\s*1/);
    await screenshot(page, 'commitments-board-1440');
    await page.close();
  });
});
