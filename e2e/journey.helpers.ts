import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness.ts';

/** What journey.test.ts reads off its pages and out of the bulletin's .docx. */

export const text = async (page: Page, id: string) => (await page.getByTestId(id).innerText()).trim();
/** A full-page shot from the top (a phone's fixed header would otherwise be drawn where the page was scrolled to). */
export async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}
export const noOverflow = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

/** The figures of the city's dashboard as a user reads them. */
export interface Figures {
  members: string;
  participation: string;
  /** 参加 n / 团员 total */
  participants: string;
  submissionRate: string;
  /** 已提交 n / 应提交 total */
  submitted: string;
  approvalRate: string;
  /** 已通过 n / 应提交 total */
  approved: string;
  activities: string;
  /** the 党性教育 bar of 活动类型分布 */
  partyEducation: number;
  planTask: string;
  oathTask: string;
}

/** Reads the figures off an open dashboard page (its chart drawn). */
export async function readFigures(page: Page): Promise<Figures> {
  const hint = async (id: string, re: RegExp) => re.exec(await text(page, `kpi-${id}`))?.[1] ?? '';
  const byType = (await page.getByTestId('chart-by-type').getAttribute('aria-label')) ?? '';
  return {
    members: await text(page, 'kpi-members-value'),
    participation: await text(page, 'kpi-participation-value'),
    participants: await hint('participation', /参加 (\d+ \/ 团员 \d+)/),
    submissionRate: await text(page, 'kpi-plan-submission-value'),
    submitted: await hint('plan-submission', /已提交 (\d+ \/ 应提交 \d+)/),
    approvalRate: await text(page, 'kpi-plan-approval-value'),
    approved: await hint('plan-approval', /已通过 (\d+ \/ 应提交 \d+)/),
    activities: await text(page, 'kpi-activities-value'),
    partyEducation: Number(/党性教育：(\d+)/.exec(byType)?.[1] ?? NaN),
    planTask: await text(page, 'task-figure-plan'),
    oathTask: await text(page, 'task-figure-party_education_oath'),
  };
}

/** The text of the <w:t> runs of each paragraph of a .docx body, one string per paragraph (table cells included). */
export function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((s) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
}
/** Each table row of a .docx as its cells' text. */
export function docxRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => docxParagraphs(c[0]).join('')));
}
