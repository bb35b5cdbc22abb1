import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sourceFiles } from './files.ts';

/**
 * Files by flow: no TypeScript file over 400 lines, tests included, except the i18n catalogues
 * (one file per feature and language, long by nature).
 */
const MAX_LINES = 400;
const exempt = (file: string) => file.includes('/i18n/');

function oversizedFiles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of sourceFiles()) {
    if (exempt(file)) continue;
    const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').length - 1;
    if (lines > MAX_LINES) out[file] = lines;
  }
  return out;
}

describe('file size', () => {
  it(`no source file is over ${MAX_LINES} lines outside the i18n catalogues`, () => {
    expect(oversizedFiles(), 'split these files by what they do').toEqual({});
  });
});
