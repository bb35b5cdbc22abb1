/**
 * Every column that stores a copy of an organization's materialized path, declared once.
 * Scoped reads compare these copies with the actor's subtree, so when a subtree moves (a move
 * or a merge) each copy must follow it — or the old district keeps reading the rows and the new
 * one gets 404. `org-paths.test.ts` reads the live schema of both databases and fails when a
 * table has a path column that is not declared here.
 *
 * - 'follows': rewritten with the subtree (the row belongs to the organization where it is now);
 * - 'history': a record of where something happened then, never rewritten (the audit log).
 */
export const ORG_PATH_COLUMNS = [
  { table: 'organization', column: 'path', kind: 'follows', note: 'the tree itself: rewritten by orgRepository.rewriteSubtree' },
  { table: 'campaign', column: 'org_path', kind: 'follows' },
  { table: 'attachment', column: 'org_path', kind: 'follows' },
  { table: 'activity', column: 'org_path', kind: 'follows' },
  { table: 'report_request', column: 'org_path', kind: 'follows' },
  { table: 'report_submission', column: 'org_path', kind: 'follows' },
  { table: 'inspection', column: 'org_path', kind: 'follows' },
  { table: 'inspection', column: 'inspector_org_path', kind: 'follows' },
  { table: 'rectification', column: 'org_path', kind: 'follows' },
  { table: 'bulletin', column: 'org_path', kind: 'follows' },
  { table: 'notification', column: 'org_path', kind: 'follows' },
  { table: 'vote_session', column: 'org_path', kind: 'follows' },
  { table: 'member_evaluation', column: 'org_path', kind: 'follows' },
  { table: 'exemplar', column: 'nominee_org_path', kind: 'follows' },
  { table: 'exemplar', column: 'nominator_org_path', kind: 'follows' },
  { table: 'exemplar', column: 'selector_org_path', kind: 'follows' },
  { table: 'benchmark', column: 'org_path', kind: 'follows' },
  { table: 'catch_up_measure', column: 'org_path', kind: 'follows' },
  { table: 'honour_round', column: 'org_path', kind: 'follows' },
  { table: 'honour_candidate', column: 'org_path', kind: 'follows' },
  { table: 'honour_candidate', column: 'recommender_org_path', kind: 'follows' },
  { table: 'honour_award', column: 'org_path', kind: 'follows' },
  { table: 'honour_objection', column: 'objector_org_path', kind: 'follows' },
  { table: 'notice', column: 'org_path', kind: 'follows' },
  { table: 'post', column: 'org_path', kind: 'follows' },
  { table: 'media_coverage', column: 'org_path', kind: 'follows' },
  { table: 'audit_log', column: 'org_path', kind: 'history', note: 'where the actor acted at the time; the log is append-only' },
] as const satisfies ReadonlyArray<{ table: string; column: string; kind: 'follows' | 'history'; note?: string }>;

/** A column name that holds an organization path. */
export const isPathColumn = (name: string) => name === 'path' || name.endsWith('_path');

/** The copies a move rewrites (the organization table itself is rewritten first, by the move). */
export const FOLLOWING_PATHS = ORG_PATH_COLUMNS.filter((c) => c.kind === 'follows' && c.table !== 'organization');
