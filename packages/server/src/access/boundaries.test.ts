import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * "Who may" lives in one room: only the access module (access/) and the per-capability
 * policies (<capability>/policy.ts) look at the actor's grant — its organization path or its
 * role — to decide anything. A service that derives scope by hand is a copy of the ritual that
 * one day misses a check; this test names it.
 */
const SRC = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bactor\.grant\.(orgPath|role)\b/, 'reads the grant to decide scope or role'],
  [/\b(roleAllows|roleActions|assertAllowed|hasSubtreeScope|orgInScope)\(/, 'calls a scope or role helper'],
  [/\b(can|hasSubtree|atTop|covers|isBelow|isOwnOrg)\(/, 'decides on the grant outside a policy'],
  [/from '\.\.\/auth\/scope\.ts'/, 'imports the old scope helpers'],
];

/** Files that record the grant (the audit row names who acted, with which role, where) without deciding anything. */
const RECORDS = new Set(['audit/service.ts']);

const mayDecide = (rel: string) => rel.startsWith('access/') || rel.endsWith('/policy.ts') || RECORDS.has(rel);

function violations() {
  const out = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (mayDecide(rel)) continue;
    const text = readFileSync(file, 'utf8');
    const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
    if (found.length) out.set(rel, found);
  }
  return out;
}

describe('authorization boundaries', () => {
  it('keeps grant-based decisions in access/ and the policies', () => {
    expect([...violations()].map(([rel, why]) => `${rel}: ${why.join('; ')}`)).toEqual([]);
  });

  it('finds a violation when there is one (the scan itself works)', () => {
    const probe = "if (actor.grant.role === 'org_admin') return;";
    expect(FORBIDDEN.some(([re]) => re.test(probe))).toBe(true);
  });
});
