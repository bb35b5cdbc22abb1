import { COMMITMENT_CATEGORIES } from '@zx/domain';
import { commitmentRulesService } from './rules.ts';
import { commitmentBoard } from './board.ts';
import { commitmentItems } from './items.ts';
import { commitmentReports } from './reports.ts';

export { commitmentRules, commitmentRulesSchema } from './rules.ts';
export { cadreReportOf, cadreReportStatus } from './present.ts';
export type { ItemBody } from './items.ts';
export type { ReportBody } from './reports.ts';

/**
 * A cadre's commitments and year-end report, assembled from its flows: the rules (rules.ts), the
 * board and a cadre's year (board.ts), the commitments (items.ts), the report (reports.ts); who
 * may read or write a cadre's year: cadre-year.ts.
 */
export const commitmentService = {
  ...commitmentRulesService,
  ...commitmentBoard,
  ...commitmentItems,
  ...commitmentReports,
};

/** Position names for messages and lists. */
export const categoryCodes = COMMITMENT_CATEGORIES.map((c) => c.code) as [string, ...string[]];
