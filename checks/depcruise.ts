import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

/**
 * dependency-cruiser with the repository's rules (.dependency-cruiser.cjs) over the packages,
 * for checks/dependencies.test.ts and `npm run checks:baseline`.
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONFIG_FILE = path.join(ROOT, '.dependency-cruiser.cjs');
/** Violations that are known and may only go away (dependency-cruiser's baseline format: `depcruise --output-type baseline`). */
export const KNOWN_VIOLATIONS_FILE = path.join(ROOT, '.dependency-cruiser-known-violations.json');
/** What is cruised, relative to the repository root. */
export const CRUISED = ['packages/server/src', 'packages/server/test', 'packages/domain/src', 'packages/web/src'];

/** The names of the rules in the config. */
export async function ruleNames(): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG_FILE);
  return (options.ruleSet?.forbidden ?? []).map((r) => r.name ?? '(unnamed)');
}

/** Every violation of the config's rules in `dirs` (relative to `baseDir`), none ignored. */
export async function violations(dirs = CRUISED, baseDir = ROOT): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(CONFIG_FILE);
  const { output } = await cruise(dirs, { ...options, baseDir, validate: true, outputType: 'json' });
  const result: ICruiseResult = typeof output === 'string' ? JSON.parse(output) : output;
  return result.summary.violations;
}

/** One line per violation: the rule, the import, and the cycle when there is one. */
export const describeViolation = (v: IViolation) =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle?.length ? ` (cycle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

export const readKnown = (file = KNOWN_VIOLATIONS_FILE): IViolation[] => JSON.parse(readFileSync(file, 'utf8'));
