import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE, baselineOf, ROOT, scan } from './sql-placement.ts';
import { KNOWN_VIOLATIONS_FILE, violations } from './depcruise.ts';

/**
 * `npm run checks:baseline`: rewrites the two baselines the checks compare against —
 * checks/sql-placement-baseline.json (SQL and dialect branches outside repositories, per file) and
 * .dependency-cruiser-known-violations.json (import rules broken today). Run it after moving SQL
 * into a repository or fixing an import, and commit the lower numbers with the change; a baseline
 * that grows is a change to review.
 */
const sql = baselineOf(scan());
writeFileSync(BASELINE_FILE, `${JSON.stringify(sql, null, 2)}\n`);
const known = await violations();
writeFileSync(KNOWN_VIOLATIONS_FILE, `${JSON.stringify(known, null, 2)}\n`);

// As Biome formats them, so `biome ci` stays green after a rewrite.
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', BASELINE_FILE, KNOWN_VIOLATIONS_FILE], { stdio: 'ignore' });

const total = Object.values(sql).reduce((a, b) => a + b, 0);
console.log(`${path.relative(ROOT, BASELINE_FILE)}: ${Object.keys(sql).length} files, ${total} occurrences`);
console.log(`${path.relative(ROOT, KNOWN_VIOLATIONS_FILE)}: ${known.length} known violation(s)`);
