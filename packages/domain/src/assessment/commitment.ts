import { fieldError, type FieldError } from '../common/messages.ts';

/**
 * 承诺 and 述职: a cadre (团干部, a member whose position is not 'none') publishes work
 * commitments for a year and, at year end, reports on each of them (团组字〔2021〕1号: the report
 * runs to about 2,000 characters and is written against the published commitments).
 */

/** Every number of the area, with its default; the server reads overrides from its settings. */
export interface CommitmentRules {
  /** Most commitments one cadre keeps for a year. */
  maxItems: number;
  /** Longest text of one commitment. */
  itemMaxLength: number;
  /** The length the report is expected to have (about 2,000 characters); shown, not enforced. */
  reportRecommendedLength: number;
  /** Shortest report that can be submitted (characters, whitespace not counted). */
  reportMinLength: number;
  /** Longest report that can be saved. */
  reportMaxLength: number;
  /** Longest note on one commitment's status. */
  noteMaxLength: number;
  /** Most activities plus attachments given as evidence for one commitment. */
  evidenceMax: number;
  /** Month (1–12) in which cadres without a submitted report are reminded. */
  reminderMonth: number;
}

export const DEFAULT_COMMITMENT_RULES: CommitmentRules = {
  maxItems: 20,
  itemMaxLength: 300,
  reportRecommendedLength: 2000,
  reportMinLength: 100,
  reportMaxLength: 6000,
  noteMaxLength: 500,
  evidenceMax: 20,
  reminderMonth: 12,
};

export const COMMITMENT_CATEGORIES = [
  { code: 'ideology', nameZh: '思想引领', nameEn: 'Political guidance' },
  { code: 'organization', nameZh: '组织建设', nameEn: 'Organization building' },
  { code: 'service', nameZh: '服务青年', nameEn: 'Serving young people' },
  { code: 'conduct', nameZh: '作风建设', nameEn: 'Work style' },
  { code: 'development', nameZh: '服务大局', nameEn: 'Local development' },
  { code: 'other', nameZh: '其他', nameEn: 'Other' },
] as const;
export type CommitmentCategory = (typeof COMMITMENT_CATEGORIES)[number]['code'];

/** How far a commitment was kept, as the cadre reports it. */
export const COMMITMENT_OUTCOMES = [
  { code: 'done', nameZh: '已完成', nameEn: 'Done' },
  { code: 'partly', nameZh: '部分完成', nameEn: 'Partly done' },
  { code: 'not_done', nameZh: '未完成', nameEn: 'Not done' },
] as const;
export type CommitmentOutcome = (typeof COMMITMENT_OUTCOMES)[number]['code'];
export const COMMITMENT_OUTCOME_CODES = COMMITMENT_OUTCOMES.map((o) => o.code) as [CommitmentOutcome, ...CommitmentOutcome[]];

/** A cadre is a member holding a League position. */
export const isCadrePosition = (position: string) => position !== 'none';

/** Characters as a reader counts them (字数): code points, whitespace not counted. */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

export interface CommitmentItemInput {
  text: string;
  category?: string | null;
  dueOn?: string | null;
}

/**
 * One commitment: some text within the limit, a known category if any, and a due date inside
 * the year it is made for.
 */
export function validateCommitmentItem(item: CommitmentItemInput, year: number, rules: CommitmentRules = DEFAULT_COMMITMENT_RULES): FieldError[] {
  const errors: FieldError[] = [];
  const text = item.text.trim();
  if (!text) errors.push(fieldError('text', 'COMMITMENT_TEXT_REQUIRED', '请填写承诺内容', 'Write the commitment'));
  else if ([...text].length > rules.itemMaxLength) {
    errors.push(fieldError('text', 'COMMITMENT_TEXT_TOO_LONG', `承诺内容不能超过 ${rules.itemMaxLength} 个字`, `At most ${rules.itemMaxLength} characters`));
  }
  if (item.category && !COMMITMENT_CATEGORIES.some((c) => c.code === item.category)) {
    errors.push(fieldError('category', 'COMMITMENT_CATEGORY_UNKNOWN', '请选择承诺类别', 'Choose a category'));
  }
  if (item.dueOn && (item.dueOn < `${year}-01-01` || item.dueOn > `${year}-12-31`)) {
    errors.push(fieldError('dueOn', 'COMMITMENT_DUE_OUTSIDE_YEAR', `完成时限须在 ${year} 年内`, `The due date must lie within ${year}`));
  }
  return errors;
}

/**
 * Years that are open: commitments are made for this year or the next (published in December
 * for the coming year); a report is written for this year or the last (述职 is often held in
 * January for the year just ended).
 */
export function commitmentYearOpen(year: number, today: string): boolean {
  const current = Number(today.slice(0, 4));
  return year === current || year === current + 1;
}
export function reportYearOpen(year: number, today: string): boolean {
  const current = Number(today.slice(0, 4));
  return year === current || year === current - 1;
}

/** Publishing needs something new to publish and stays within the number of commitments allowed. */
export function validatePublish(drafts: number, revisions: number, published: number, rules: CommitmentRules = DEFAULT_COMMITMENT_RULES): FieldError[] {
  if (drafts + revisions === 0) return [fieldError('items', 'COMMITMENT_NOTHING_TO_PUBLISH', '没有待公开的承诺', 'There is nothing new to publish')];
  if (published + drafts > rules.maxItems) {
    return [fieldError('items', 'COMMITMENT_TOO_MANY', `每年最多公开 ${rules.maxItems} 项承诺`, `At most ${rules.maxItems} commitments a year`)];
  }
  return [];
}

export interface ReportItemInput {
  commitmentId: number;
  status: CommitmentOutcome | null;
  note: string | null;
  evidenceCount: number;
}

/**
 * What a year-end report needs before it is submitted: every published commitment has a status,
 * a commitment not (fully) kept says why, and the text is long enough to be a report and no
 * longer than the limit. Errors are addressed by the commitment's position in `commitmentIds`.
 */
export function validateReportSubmission(
  content: string,
  items: ReportItemInput[],
  commitmentIds: number[],
  rules: CommitmentRules = DEFAULT_COMMITMENT_RULES,
): FieldError[] {
  const errors: FieldError[] = [];
  const chars = countChars(content);
  if (chars < rules.reportMinLength) {
    errors.push(
      fieldError(
        'content',
        'REPORT_TOO_SHORT',
        `述职报告至少 ${rules.reportMinLength} 字（建议约 ${rules.reportRecommendedLength} 字），当前 ${chars} 字`,
        `The report needs at least ${rules.reportMinLength} characters (about ${rules.reportRecommendedLength} recommended); it has ${chars}`,
      ),
    );
  }
  if ([...content].length > rules.reportMaxLength) {
    errors.push(
      fieldError(
        'content',
        'REPORT_TOO_LONG',
        `述职报告不能超过 ${rules.reportMaxLength} 字`,
        `The report may have at most ${rules.reportMaxLength} characters`,
      ),
    );
  }
  if (commitmentIds.length === 0)
    errors.push(
      fieldError('items', 'REPORT_NO_COMMITMENTS', '尚未公开任何承诺，不能提交述职报告', 'No commitments were published; there is nothing to report on'),
    );
  const byId = new Map(items.map((i) => [i.commitmentId, i]));
  commitmentIds.forEach((id, i) => {
    const item = byId.get(id);
    if (!item?.status) {
      errors.push(fieldError(`items.${i}.status`, 'COMMITMENT_STATUS_REQUIRED', '请为每项承诺选择完成情况', 'Give every commitment a status'));
    } else if (item.status !== 'done' && !item.note?.trim()) {
      errors.push(fieldError(`items.${i}.note`, 'COMMITMENT_NOTE_REQUIRED', '部分完成或未完成的承诺请说明原因', 'Say why a commitment was not (fully) kept'));
    }
  });
  return errors;
}

export function reportSummary(items: { status: string | null }[]) {
  return {
    total: items.length,
    done: items.filter((i) => i.status === 'done').length,
    partly: items.filter((i) => i.status === 'partly').length,
    notDone: items.filter((i) => i.status === 'not_done').length,
  };
}

/** A file or photo given as evidence in a year-end report, with its download links. */
export interface ReportFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  kind: 'file' | 'photo';
  url: string;
  thumbUrl: string | null;
}

/** GET /commitments/cadres/{memberId}/{year}/report — a cadre's year-end report (the rating page reads it too). */
export interface CadreReportView {
  id: number;
  memberId: number;
  cadreName: string;
  position: string;
  orgId: number;
  orgName: string;
  year: number;
  status: 'draft' | 'submitted';
  content: string;
  submittedAt: string | null;
  readCount: number;
  summary: { total: number; done: number; partly: number; notDone: number };
  items: {
    commitmentId: number;
    text: string;
    category: string | null;
    dueOn: string | null;
    status: CommitmentOutcome | null;
    note: string | null;
    activities: { id: number; title: string; heldOn: string; type: string }[];
    attachments: ReportFile[];
  }[];
}
