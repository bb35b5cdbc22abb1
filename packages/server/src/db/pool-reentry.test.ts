import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Decision 0006: the PostgreSQL pool is small, so code holding a transaction must never wait for
 * a second pooled connection. This reads every server source file and fails on a query through
 * `ctx.db` (or a bare `db.`) inside a `transaction().execute(async (trx) => { ... })` callback.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Line numbers of pool queries inside transaction callbacks in source text `s`. */
function poolUsesInsideTransactions(s: string): number[] {
  const found: number[] = [];
  for (const m of s.matchAll(/transaction\(\)\.execute\(async \(\w+\) => \{/g)) {
    let i = m.index! + m[0].length;
    let depth = 1;
    while (depth && i < s.length) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}') depth--;
      i++;
    }
    const body = s.slice(m.index! + m[0].length, i);
    for (const u of body.matchAll(/\bctx\.db\b|(?<![.\w])db\.(selectFrom|insertInto|updateTable|deleteFrom|transaction)\b/g)) {
      found.push(s.slice(0, m.index! + m[0].length + u.index!).split('\n').length);
    }
  }
  return found;
}

describe('transactions and the pool', () => {
  it('never query through the pool while holding a transaction', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = sources(root);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => poolUsesInsideTransactions(readFileSync(f, 'utf8')).map((line) => `${path.relative(root, f)}:${line}`));
    expect(offenders).toEqual([]);
  });

  it('recognizes the pattern it forbids, and only that', () => {
    const bad =
      'await ctx.db.transaction().execute(async (trx) => {\n  if (x) { await trx.selectFrom("a"); }\n  await ctx.db.selectFrom("b");\n});\nawait ctx.db.selectFrom("c");\n';
    expect(poolUsesInsideTransactions(bad)).toEqual([3]);
    expect(poolUsesInsideTransactions('await db.transaction().execute(async (trx) => { await trx.selectFrom("a"); });')).toEqual([]);
  });
});
