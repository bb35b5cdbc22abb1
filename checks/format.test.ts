import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './files.ts';

/** Biome formats and lints the repository (biome.json); `npx biome check --write .` fixes what it can. */
const biome = (args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/@biomejs/biome/bin/biome'), ...args, '--colors=off'], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('format and lint', () => {
  it('the repository is formatted and has no lint errors (biome ci)', () => {
    const run = biome(['ci', '--diagnostic-level=error', '.']);
    expect(run.status, `${run.stdout}\n${run.stderr}\nRun: npx biome check --write .`).toBe(0);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'zx-format-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a file that is not formatted, and on a lint error', () => {
    const unformatted = path.join(dir, 'unformatted.ts');
    writeFileSync(unformatted, 'export const a = {b:1}\n');
    expect(biome(['ci', `--config-path=${REPO_ROOT}`, unformatted]).status).not.toBe(0);
    const linted = path.join(dir, 'linted.ts');
    writeFileSync(linted, 'export function f(xs: number[]) {\n  return xs.forEach((x) => x + 1);\n}\n');
    const run = biome(['ci', `--config-path=${REPO_ROOT}`, linted]);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('useIterableCallbackReturn');
  });

  it('passes a formatted file without findings', () => {
    const clean = path.join(dir, 'clean.ts');
    writeFileSync(clean, 'export const a = { b: 1 };\n');
    expect(biome(['ci', `--config-path=${REPO_ROOT}`, clean]).status).toBe(0);
  });
});
