/**
 * Member roster (团员花名册) import: a row-streaming parser for the messy spreadsheets League
 * branches actually keep — title rows above the header, decorated header texts, full-width
 * digits, dates in every format, IDs stored as numbers, signature rows at the bottom.
 *
 * The parser holds O(1) state (the header's column map). Duplicate detection across rows is
 * the caller's job.
 */
export * from './roster-columns.ts';
export { cleanPersonName, parseGender, parsePosition } from './roster-fields.ts';
export { validateMemberRecord } from './roster-row.ts';
export * from './roster-parser.ts';
export * from './import-template.ts';
