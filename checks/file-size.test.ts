import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sourceFiles } from './files.ts';

/**
 * Files by flow: no TypeScript file over 400 lines, tests included, except the i18n catalogues
 * (one file per feature and language, long by nature) and generated files (the web client's
 * path types, `npm run contract:types`).
 */
const MAX_LINES = 400;
const GENERATED = new Set(['packages/web/src/api/openapi.gen.ts']);
const exempt = (file: string) => file.includes('/i18n/') || GENERATED.has(file);

/** The files over the limit, with their length. */
const overLimit = (files: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(files)
      .filter(([file]) => !exempt(file))
      .map(([file, text]) => [file, text.split('\n').length - 1] as const)
      .filter(([, n]) => n > MAX_LINES),
  );

describe('file size', () => {
  it(`no source file is over ${MAX_LINES} lines outside the i18n catalogues`, () => {
    const files = Object.fromEntries(sourceFiles().map((f) => [f, readFileSync(path.join(REPO_ROOT, f), 'utf8')]));
    expect(overLimit(files), 'split these files by what they do').toEqual({});
  });

  it('bites: a file of 401 lines is named, 400 lines and a long catalogue are not', () => {
    const lines = (n: number) => 'x\n'.repeat(n);
    expect(overLimit({ 'a/long.ts': lines(401), 'a/fits.ts': lines(400), 'web/src/i18n/zh-CN/plans.ts': lines(900) })).toEqual({ 'a/long.ts': 401 });
  });
});
