import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isoToday } from '@zx/domain';
import { createTree, createUser, type Tree } from '../packages/server/test/factories.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { loginThroughForm, openMenu } from './helpers.ts';

const daysFromToday = (n: number) => new Date(Date.parse(isoToday()) + n * 86_400_000).toISOString().slice(0, 10);

/** Picks an organization in an OrgSelect by typing part of its name. */
async function pickOrg(page: Page, testId: string, name: string) {
  await page.locator(`[data-testid=${testId}] input`).fill(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
}

/** 检查指导: a district inspector records a visit; the branch answers on a phone; the inspector closes the item. */
describe('inspections', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let inspector: { username: string };
  let visitId = 0;
  let itemId = 0;

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    inspector = await createUser(server.ctx, [{ role: 'inspector', org: tree.dA }]);
    // An older visit to a sibling branch whose item is past due, for the overdue list.
    const { id } = await server.ctx.db
      .insertInto('inspection')
      .values({
        campaign_id: null,
        org_id: tree.bA1b.id,
        org_path: tree.bA1b.path,
        visited_on: daysFromToday(-30),
        findings: '团支部台账不全',
        score: 72,
        inspector_user_id: null,
        inspector_name: '王督查',
        inspector_org_path: tree.dA.path,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.ctx.db
      .insertInto('rectification')
      .values({
        inspection_id: id,
        org_id: tree.bA1b.id,
        org_path: tree.bA1b.path,
        description: '补齐近三个月的团员大会记录',
        owner: '赵敏',
        due_on: daysFromToday(-5),
        status: 'open',
        answer: null,
        answered_at: null,
        answered_by: null,
        closed_at: null,
        closed_by: null,
        review_comment: null,
        reminded_at: null,
      })
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a district inspector record a visit to a branch with a rectification item (1440 px)', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, inspector.username);
    await openMenu(page, 'inspections');
    await page.getByTestId('inspection-create-button').click();
    await page.getByTestId('inspection-form-modal').waitFor();
    await pickOrg(page, 'inspection-form-org', '高一(1)班团支部');
    await page.getByTestId('inspection-form-findings').fill('团支部“三会一课”记录完整，主题团日活动开展规范；活动照片和签到表未及时归档。');
    await page.getByTestId('inspection-form-score').fill('88');
    await page.getByTestId('inspection-form-item-0-description').fill('补齐主题团日活动照片和签到表并上传');
    await page.getByTestId('inspection-form-item-0-owner').fill('李明');
    const due = page.getByTestId('inspection-form-item-0-due');
    await due.click();
    await due.fill(daysFromToday(14));
    await due.press('Enter');
    await screenshot(page, 'inspections-form-1440');
    await page.locator('[data-testid=inspection-form-modal] .ant-btn-primary').click();
    await page.getByTestId('inspection-detail').waitFor();

    const row = await server.ctx.db.selectFrom('inspection').selectAll().where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ score: 88, visited_on: isoToday(), inspector_org_path: tree.dA.path });
    const item = await server.ctx.db.selectFrom('rectification').selectAll().where('inspection_id', '=', row.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ owner: '李明', due_on: daysFromToday(14), status: 'open' });
    visitId = row.id;
    itemId = item.id;
    expect(await page.getByTestId(`rectification-status-${itemId}`).innerText()).toBe('待整改');
    await screenshot(page, 'inspections-detail-1440');

    await page.getByTestId('menu-inspections').click();
    await page.getByTestId(`inspection-row-${visitId}`).waitFor();
    await screenshot(page, 'inspections-list-1440');
    await page.getByTestId('inspections-tab-overdue').click();
    await page.getByTestId('overdue-table').getByText('补齐近三个月的团员大会记录').waitFor();
    expect(await page.getByTestId('overdue-table').innerText()).not.toContain('补齐主题团日活动照片');
    await screenshot(page, 'inspections-overdue-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the branch secretary answer the item on a phone (390 px)', async () => {
    const secretary = await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, secretary.username);
    await openMenu(page, 'inspections');
    await page.getByTestId(`inspection-row-${visitId}`).waitFor();
    expect(await page.getByTestId('inspection-create-button').count()).toBe(0);
    await screenshot(page, 'inspections-list-390');
    await page.getByTestId('inspections-tab-items').click();
    const input = page.getByTestId(`rectification-answer-input-${itemId}`);
    await input.fill('已补齐 3 次主题团日活动的照片和签到表，并上传至平台活动记录。');
    await screenshot(page, 'inspections-answer-390');
    await page.getByTestId(`rectification-answer-submit-${itemId}`).click();
    await page.locator('.ant-message').getByText('已提交答复').waitFor();
    expect((await server.ctx.db.selectFrom('rectification').select('status').where('id', '=', itemId).executeTakeFirstOrThrow()).status).toBe('answered');
    await page.goto(`${server.baseUrl}/inspections/${visitId}`);
    await page.getByTestId(`rectification-answer-${itemId}`).waitFor();
    expect(await page.getByTestId(`rectification-close-${itemId}`).count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'inspections-detail-390');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the inspector close the answered item', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, inspector.username);
    await page.goto(`${server.baseUrl}/inspections/${visitId}`);
    await page.getByTestId(`rectification-close-${itemId}`).click();
    await page.getByTestId('rectification-review-modal').waitFor();
    await page.getByTestId('rectification-review-comment').fill('经核实，已整改到位。');
    await page.locator('[data-testid=rectification-review-modal] .ant-btn-primary').click();
    await page.locator(`[data-testid=rectification-status-${itemId}][data-status=closed]`).waitFor();
    await page.getByTestId('rectification-review-modal').waitFor({ state: 'hidden' });
    const row = await server.ctx.db.selectFrom('rectification').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', review_comment: '经核实，已整改到位。' });
    await screenshot(page, 'inspections-closed-1440');
    expect(errors).toEqual([]);
    await page.close();
  });
});
