import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMember, createUser, createTree, type Tree } from '../packages/server/test/factories.ts';
import { eligibleMember, eligibleUnit } from '../packages/server/test/honour-fixtures.ts';
import { isoToday } from '../packages/domain/src/common/dates.ts';
import { launchBrowser, newDesktopPage, newPhonePage, screenshot, startServer, watchPageErrors, type TestServer } from './harness.ts';
import { apiAs, day, inputByTestId, launchRunningCampaign, loginThroughForm, openMenu } from './helpers.ts';

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/** Creates the year's round from the honours page with the form's defaults; returns its id. */
async function createRound(page: Page) {
  await page.getByTestId('honour-round-create').click();
  await page.getByTestId('honour-round-name').waitFor();
  await page.getByTestId('honour-round-submit').click();
  await page.getByTestId('honour-round-title').waitFor();
  return Number(page.url().split('/').pop());
}

/**
 * 两红两优: the district creates the year's round at 1440 px, picks a candidate from the
 * eligible list (every rule checked from the data) and publishes the notice; a member on a 390 px
 * phone raises an objection; the district answers it; once the notice period is over (its dates
 * moved back in the database, as the service reads today's date) the final list is published and
 * the certificate PDF downloaded. A branch secretary fills volunteer hours on the phone.
 */
describe('honours (两红两优)', () => {
  let server: TestServer;
  let browser: Browser;
  let tree: Tree;
  let district: string;
  let secretary: string;
  let member: string;
  let wang = 0;
  let roundId = 0;
  let otherDistrict: string; // org admin at 临江区团委: runs a round open to recommendations
  let hospital: string; // org admin at 临江医院团委: recommends from below
  let nurse = 0;
  const year = Number(isoToday().slice(0, 4));

  beforeAll(async () => {
    server = await startServer();
    tree = await createTree(server.ctx);
    browser = await launchBrowser();
    const city = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.city }])).username;
    district = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dA }])).username;
    secretary = (await createUser(server.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username;
    const campaignId = await launchRunningCampaign(await apiAs(server, city), tree.city.id, { name: '双争先' });
    wang = await eligibleMember(server.ctx, tree.bA1a, year, { name: '王青' });
    await eligibleMember(server.ctx, tree.bA1b, year, { name: '赵敏' });
    await eligibleUnit(server.ctx, { ...tree.bA1a, typeCode: 'branch' }, year, campaignId);
    const li = (await createMember(server.ctx, tree.bA1a, { name: '李明' })).id;
    for (const name of ['周洋', '吴桐', '郑悦']) await createMember(server.ctx, tree.bA1a, { name });
    member = (await createUser(server.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: li })).username;
    otherDistrict = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.dB }])).username;
    hospital = (await createUser(server.ctx, [{ role: 'org_admin', org: tree.cB1 }])).username;
    nurse = await eligibleMember(server.ctx, tree.bB1a, year, { name: '孙护士' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a round, lists the eligible, adds a candidate and publishes the notice at 1440 px', async () => {
    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district);
    await openMenu(page, 'honours');
    // The rules are read here and set by the city.
    await page.getByTestId('honour-settings').click();
    await page.getByTestId('honour-settings-form').waitFor();
    expect(await inputByTestId(page, 'honour-setting-minVolunteerHours').inputValue()).toMatch(/^20(\.0)?$/);
    expect(await page.getByTestId('honour-settings-save').count()).toBe(0);
    await page.keyboard.press('Escape');
    roundId = await createRound(page);
    expect(await page.getByTestId('honour-round-status').innerText()).toBe('筹备中');
    expect(await page.getByTestId('honour-quota-usage-excellent_member').innerText()).toBe('0 / 1');

    await page.getByTestId('honour-tab-excellent_member').click();
    const row = page.getByTestId(`honour-eligible-excellent_member-m:${wang}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('志愿服务时长：30');
    // The ineligible ones, with the failed rule, on request.
    await page.getByTestId('honour-show-ineligible-excellent_member').click();
    await page.getByTestId('honour-eligible-table-excellent_member').getByText('李明').waitFor();
    expect(await page.getByTestId('honour-eligible-table-excellent_member').innerText()).toContain('评议优秀次数：0');
    await screenshot(page, 'honours-eligible-1440');
    await page.getByTestId(`honour-add-excellent_member-m:${wang}`).click();
    await page.getByTestId('honour-candidates-table-excellent_member').getByText('王青').waitFor();
    await expect.poll(() => page.getByTestId('honour-quota-usage-excellent_member').innerText()).toBe('1 / 1');
    await page.getByTestId('honour-tab-red_flag_branch').click();
    await page.getByTestId(`honour-add-red_flag_branch-o:${tree.bA1a.id}`).click();
    await expect.poll(() => page.getByTestId('honour-quota-usage-red_flag_branch').innerText()).toBe('1 / 1');

    await page.getByTestId('honour-publish').click();
    await page.getByTestId('honour-publish-confirm').click();
    await expect.poll(() => page.getByTestId('honour-round-status').innerText()).toBe('公示中');
    await page.getByTestId('honour-notice-banner').waitFor();
    await screenshot(page, 'honours-round-notice-1440');
    expect(errors).toEqual([]);
  });

  it('lets a member raise an objection on a 390 px phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, member);
    await openMenu(page, 'honours');
    await page.getByTestId(`honour-round-card-${roundId}`).click();
    await page.getByTestId('honour-notice-list').waitFor();
    await noOverflow(page);
    await screenshot(page, 'honours-notice-member-390');
    const candidate = (
      await server.ctx.db
        .selectFrom('honour_candidate')
        .select('id')
        .where('round_id', '=', roundId)
        .where('kind', '=', 'excellent_member')
        .executeTakeFirstOrThrow()
    ).id;
    await page.getByTestId(`honour-object-${candidate}`).click();
    await page.getByTestId('honour-objection-reason').fill('太短');
    await page.getByTestId('honour-objection-submit').click();
    await page.getByText('请写明异议理由（至少 10 个字）').waitFor();
    await page.getByTestId('honour-objection-reason').fill('该同学登记的志愿服务时长与社区记录不一致，请核实。');
    await page.getByTestId('honour-objection-contact').fill('13900001111');
    await noOverflow(page);
    await screenshot(page, 'honours-objection-form-390');
    await page.getByTestId('honour-objection-submit').click();
    await page.getByTestId('honour-my-objections').waitFor();
    expect(await page.getByTestId('honour-my-objections').innerText()).toContain('待处理');
    await noOverflow(page);
    expect(errors).toEqual([]);
  });

  it('handles the objection, finalizes after the notice and downloads the certificate', async () => {
    // The district's page on a phone: cards, nothing wider than the screen.
    const phone = await newPhonePage(browser);
    const phoneErrors = watchPageErrors(phone);
    await loginThroughForm(phone, server.baseUrl, district);
    await phone.goto(`${server.baseUrl}/honours/${roundId}`);
    await phone.getByTestId('honour-tab-excellent_member').click();
    await phone.getByText('王青').first().waitFor();
    await noOverflow(phone);
    await screenshot(phone, 'honours-round-district-390');
    expect(phoneErrors).toEqual([]);
    await phone.close();

    const page = await newDesktopPage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, district);
    await page.goto(`${server.baseUrl}/honours/${roundId}`);
    await page.getByTestId('honour-finalize-blockers').waitFor();
    expect(await page.getByTestId('honour-finalize').isDisabled()).toBe(true);
    await page.getByTestId('honour-tab-objections').click();
    const objection = (await server.ctx.db.selectFrom('honour_objection').select('id').where('round_id', '=', roundId).executeTakeFirstOrThrow()).id;
    expect(await page.getByTestId(`honour-objection-${objection}`).innerText()).toContain('13900001111');
    await page.getByTestId(`honour-handle-${objection}`).click();
    await page.getByTestId('honour-handle-reply').fill('经核实，社区志愿服务记录共 30 小时，登记无误，异议不成立。');
    await page.getByTestId('honour-handle-submit').click();
    await expect.poll(() => page.getByTestId(`honour-objection-${objection}`).innerText()).toContain('异议不成立');

    // The notice period passes.
    await server.ctx.db
      .updateTable('honour_round')
      .set({ notice_starts_on: day(-8), notice_ends_on: day(-1) })
      .where('id', '=', roundId)
      .execute();
    await page.reload();
    await page.getByTestId('honour-finalize').click();
    await page.getByTestId('honour-awards').waitFor();
    expect(await page.getByTestId('honour-round-status').innerText()).toBe('已确定');
    await screenshot(page, 'honours-final-1440');
    const award = (
      await server.ctx.db
        .selectFrom('honour_award')
        .select('id')
        .where('round_id', '=', roundId)
        .where('kind', '=', 'excellent_member')
        .executeTakeFirstOrThrow()
    ).id;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`honour-certificate-${award}`).click()]);
    expect(download.suggestedFilename()).toMatch(/^荣誉证书-ZX-\d{4}-YXTY-\d+-0001\.pdf$/);
    const pdf = (await readFile((await download.path())!)).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toMatch(/\/FontFile[23]/);
    // The district's dues page on a desktop: its own row and one per unit directly under it, the inputs side by side.
    await page.goto(`${server.baseUrl}/honours/data?tab=dues`);
    const row = page.getByTestId(`honour-dues-${tree.cA1.id}`);
    await row.waitFor();
    const input = (name: string) =>
      page.locator(`input[data-testid="honour-dues-${name}-${tree.cA1.id}"], [data-testid="honour-dues-${name}-${tree.cA1.id}"] input`).first();
    const due = (await input('due').boundingBox())!;
    const arrears = (await input('arrears').boundingBox())!;
    expect(Math.abs(due.y - arrears.y)).toBeLessThan(4);
    await screenshot(page, 'honours-dues-1440');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the member the reply, and lets a secretary fill volunteer hours on the phone', async () => {
    const page = await newPhonePage(browser);
    const errors = watchPageErrors(page);
    await loginThroughForm(page, server.baseUrl, member);
    await page.goto(`${server.baseUrl}/honours/${roundId}`);
    await page.getByTestId('honour-my-objections').waitFor();
    expect(await page.getByTestId('honour-my-objections').innerText()).toContain('登记无误');
    await page.getByTestId('honour-awards').waitFor();
    await noOverflow(page);
    await screenshot(page, 'honours-final-member-390');

    const sec = await newPhonePage(browser);
    const secErrors = watchPageErrors(sec);
    await loginThroughForm(sec, server.baseUrl, secretary);
    await openMenu(sec, 'honours-data');
    const li = (await server.ctx.db.selectFrom('member').select('id').where('name', '=', '李明').executeTakeFirstOrThrow()).id;
    const input = sec.locator(`input[data-testid="honour-hours-${li}"], [data-testid="honour-hours-${li}"] input`).first();
    await input.fill('3.3');
    await sec.getByTestId('honour-hours-save').click();
    await sec.getByText('时长最小单位为 0.5 小时').first().waitFor();
    await input.fill('24.5');
    await sec.getByTestId('honour-hours-save').click();
    await expect
      .poll(async () =>
        Number((await server.ctx.db.selectFrom('volunteer_year_hours').select('hours_tenths').where('member_id', '=', li).executeTakeFirst())?.hours_tenths),
      )
      .toBe(245);
    await noOverflow(sec);
    await screenshot(sec, 'honours-volunteer-hours-390');
    // The honour shows on the member's page with its certificate.
    await sec.goto(`${server.baseUrl}/members/${wang}`);
    await sec.getByTestId('honour-history').getByText('优秀团员').waitFor();
    await noOverflow(sec);
    await screenshot(sec, 'honours-member-history-390');
    await sec.goto(`${server.baseUrl}/honours/data`);
    await sec.getByTestId('honour-data-tab-dues').click();
    await sec.getByTestId(`honour-dues-${tree.bA1a.id}`).waitFor();
    // The dues inputs fill the card's width on a phone, and a figure entered there is saved.
    const dueInput = sec.locator(`input[data-testid="honour-dues-due-${tree.bA1a.id}"], [data-testid="honour-dues-due-${tree.bA1a.id}"] input`).first();
    const card = (await sec.getByTestId(`honour-dues-${tree.bA1a.id}`).boundingBox())!;
    const saveButton = (await sec.getByTestId(`honour-dues-save-${tree.bA1a.id}`).boundingBox())!;
    expect(saveButton.width).toBeGreaterThan(card.width * 0.8);
    expect((await dueInput.boundingBox())!.width).toBeGreaterThan(card.width * 0.4);
    await dueInput.fill('40');
    await sec.locator(`input[data-testid="honour-dues-arrears-${tree.bA1a.id}"], [data-testid="honour-dues-arrears-${tree.bA1a.id}"] input`).first().fill('3');
    await sec.getByTestId(`honour-dues-save-${tree.bA1a.id}`).click();
    await expect
      .poll(
        async () =>
          await server.ctx.db
            .selectFrom('dues_record')
            .select(['members_due', 'members_in_arrears'])
            .where('org_id', '=', tree.bA1a.id)
            .where('year', '=', year)
            .executeTakeFirst(),
      )
      .toEqual({ members_due: 40, members_in_arrears: 3 });
    await sec.waitForTimeout(300);
    await noOverflow(sec);
    await screenshot(sec, 'honours-dues-390');
    expect(errors).toEqual([]);
    expect(secErrors).toEqual([]);
  });

  it('takes a recommendation from below: the district opens them, a committee recommends on a phone, the district accepts', async () => {
    const desk = await newDesktopPage(browser);
    const deskErrors = watchPageErrors(desk);
    await loginThroughForm(desk, server.baseUrl, otherDistrict);
    await openMenu(desk, 'honours');
    const round = await createRound(desk);
    await desk.getByTestId('honour-open-recommendations').click();
    await expect.poll(() => desk.getByTestId('honour-round-status').innerText()).toBe('推荐中');

    // The hospital committee's admin on a phone: the eligible list holds its own subtree only.
    const phone = await newPhonePage(browser);
    const phoneErrors = watchPageErrors(phone);
    await loginThroughForm(phone, server.baseUrl, hospital);
    await openMenu(phone, 'honours');
    await phone.getByTestId(`honour-round-card-${round}`).click();
    await phone.getByTestId('honour-tab-excellent_member').click();
    await phone.getByTestId(`honour-eligible-excellent_member-m:${nurse}`).waitFor();
    expect(await phone.getByTestId('honour-eligible-cards-excellent_member').innerText()).not.toContain('王青'); // another district's member
    expect(await phone.getByTestId('honour-publish').count()).toBe(0);
    await phone.getByTestId(`honour-add-excellent_member-m:${nurse}`).click();
    await phone.getByText('已推荐，等待上级采纳').waitFor();
    const candidate = await server.ctx.db
      .selectFrom('honour_candidate')
      .select(['id', 'status', 'recommender_org_id'])
      .where('round_id', '=', round)
      .executeTakeFirstOrThrow();
    expect(candidate).toMatchObject({ status: 'recommended', recommender_org_id: tree.cB1.id });
    const card = phone.getByTestId(`honour-candidate-${candidate.id}`);
    await card.waitFor();
    expect(await card.innerText()).toContain('临江医院团委 推荐');
    expect(await card.innerText()).toContain('待采纳');
    expect(await phone.getByTestId(`honour-accept-${candidate.id}`).count()).toBe(0); // deciding is the district's
    await noOverflow(phone);
    await screenshot(phone, 'honours-recommend-390');

    // The district sees who recommended whom and accepts.
    await desk.reload();
    await desk.getByTestId('honour-tab-excellent_member').click();
    const row = desk.getByTestId(`honour-candidate-${candidate.id}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('临江医院团委');
    await desk.getByTestId(`honour-accept-${candidate.id}`).click();
    await expect
      .poll(async () => (await server.ctx.db.selectFrom('honour_candidate').select('status').where('id', '=', candidate.id).executeTakeFirstOrThrow()).status)
      .toBe('candidate');
    await expect.poll(() => row.innerText()).toContain('候选');
    await screenshot(desk, 'honours-recommendation-accepted-1440');
    expect(deskErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });
});
