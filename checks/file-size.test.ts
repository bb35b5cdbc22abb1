import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sourceFiles } from './files.ts';

/**
 * Files by flow: no TypeScript file over 400 lines, tests included, except the i18n catalogues
 * (one file per feature and language, long by nature) and generated files (the web client's
 * path types, `npm run contract:types`). The files still over the limit are listed
 * with their length today: a listed file may only shrink, and leaves the list once it fits.
 */
const MAX_LINES = 400;
const GENERATED = new Set(['packages/web/src/api/openapi.gen.ts']);
const exempt = (file: string) => file.includes('/i18n/') || GENERATED.has(file);
const STILL_TOO_LONG: Record<string, number> = {
  'e2e/journey.test.ts': 408,
  'packages/server/src/pii/pii.test.ts': 409,
  'packages/server/src/bulletins/bulletins.test.ts': 427,
  'packages/server/src/activities/activities.test.ts': 429,
  'packages/server/src/reports/reports.test.ts': 502,
  'packages/server/src/members/import.test.ts': 507,
  'packages/server/src/votes/votes.test.ts': 508,
  'packages/server/src/assessment/assessment.test.ts': 521,
  'packages/server/src/honours/honours.test.ts': 543,
  'packages/server/src/auth/scope.test.ts': 647,
  'packages/domain/src/people/roster-import.test.ts': 653,
};

function lengths(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of sourceFiles()) {
    if (!exempt(file)) out[file] = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').length - 1;
  }
  return out;
}

describe('file size', () => {
  const all = lengths();

  it(`no source file is over ${MAX_LINES} lines outside the i18n catalogues and the listed ones`, () => {
    const over = Object.entries(all).filter(([file, n]) => n > MAX_LINES && !(file in STILL_TOO_LONG));
    expect(Object.fromEntries(over), 'split these files by what they do').toEqual({});
  });

  it('a listed file only shrinks, and leaves the list once it fits', () => {
    const wrong = Object.entries(STILL_TOO_LONG).flatMap(([file, limit]) => {
      const n = all[file];
      if (n === undefined || n <= MAX_LINES) return [`${file}: ${n ?? 'gone'} lines now — remove it from STILL_TOO_LONG`];
      return n > limit ? [`${file}: ${n} lines, was ${limit} — split it rather than grow it`] : [];
    });
    expect(wrong).toEqual([]);
  });
});
