import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_SRC, sourceFiles } from '../../test/source-files.ts';

/**
 * "Who may" lives in one room: only the access module (access/) and the per-capability
 * policies (<capability>/policy.ts) look at the actor's grant — its organization path or its
 * role — to decide anything. A service that derives scope by hand is a copy of the ritual that
 * one day misses a check; this test names it.
 */
const SRC = SERVER_SRC;
const sources = sourceFiles;

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
