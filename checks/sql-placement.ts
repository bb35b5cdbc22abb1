import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * SQL lives in repositories (docs/architecture.md): a measured check. Every server source file
 * that is not a test, not under src/db/ or the demo seeder src/demo/ (bulk fixture rows on an empty
 * database at first start, never reached from a route) and not a repository (`repository.ts`,
 * `repository/*.ts`, `*.repository.ts`, `*-repository.ts`) is scanned for query-builder calls, SQL
 * templates, dialect branches and JSON.parse (a JSON column is parsed by the repository that reads
 * it); the counts may only fall (checks/sql-placement-baseline.json, rewritten by
 * `npm run checks:baseline`).
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCANNED = 'packages/server/src';
export const BASELINE_FILE = path.join(ROOT, 'checks', 'sql-placement-baseline.json');

/** What counts, by kind. Each match is one occurrence. */
export const PATTERNS: Record<'sql' | 'dialect' | 'json', RegExp[]> = {
  sql: [
    // Kysely's query starts (also inside sub-queries: eb.selectFrom(…)).
    /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/g,
    // Raw SQL: sql`…`, sql<T>`…`, and sql.ref / sql.raw / sql.lit / sql.join / sql.table / sql.id / sql.val.
    /\bsql\s*(?:<[^`;]*?>)?\s*`/g,
    /\bsql\.(?:ref|raw|lit|join|table|id|val)\s*(?:<[^(;]*?>)?\s*\(/g,
    // Schema changes and compiled queries run by hand.
    /\.schema\s*\.\s*(?:create|alter|drop)\w*\s*\(/g,
    /\.executeQuery\s*\(/g,
  ],
  dialect: [
    // `ctx.dialect === 'postgres'`, `dialect !== 'sqlite'` and the other way round.
    /\bdialect\s*[!=]==?\s*['"](?:postgres|sqlite)['"]/g,
    /['"](?:postgres|sqlite)['"]\s*[!=]==?\s*[\w.]*\bdialect\b/g,
    /\bis(?:Postgres|Sqlite|SQLite|Pg)\b/g,
  ],
  // A JSON text column is parsed where it is read: the repository returns the typed value.
  json: [/\bJSON\.parse\s*\(/g],
};

export interface FileCount {
  sql: number;
  dialect: number;
  json: number;
  total: number;
}

/** Files that may hold SQL and dialect branches (paths relative to the repository root, '/'-separated). */
export const mayHoldSql = (rel: string) =>
  rel.startsWith(`${SCANNED}/db/`) || rel.startsWith(`${SCANNED}/demo/`) || /(^|[/.-])repository\.ts$/.test(rel) || /(^|\/)repository\/[^/]+\.ts$/.test(rel);

/** Drops comments, so prose about `.selectFrom(` does not count (a `//` after ':' or a quote is taken for a URL and kept). */
export const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

export function countIn(text: string): FileCount {
  const code = stripComments(text);
  const count = (res: RegExp[]) => res.reduce((n, re) => n + (code.match(re)?.length ?? 0), 0);
  const sql = count(PATTERNS.sql);
  const dialect = count(PATTERNS.dialect);
  const json = count(PATTERNS.json);
  return { sql, dialect, json, total: sql + dialect + json };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The files outside repositories and db/ with SQL or a dialect branch, sorted by path. `root` is the repository root. */
export function scan(root = ROOT): Record<string, FileCount> {
  const out: Record<string, FileCount> = {};
  for (const file of walk(path.join(root, SCANNED)).sort()) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (mayHoldSql(rel)) continue;
    const c = countIn(readFileSync(file, 'utf8'));
    if (c.total) out[rel] = c;
  }
  return out;
}

export const baselineOf = (found: Record<string, FileCount>): Record<string, number> =>
  Object.fromEntries(Object.entries(found).map(([file, c]) => [file, c.total]));

export const readBaseline = (file = BASELINE_FILE): Record<string, number> => JSON.parse(readFileSync(file, 'utf8'));

/**
 * What differs from the baseline, one message per file: SQL in a file the baseline does not
 * list, a count that grew, and a count that fell (then the baseline must be lowered in the same commit).
 */
export function compare(found: Record<string, FileCount>, baseline: Record<string, number>): string[] {
  const messages: string[] = [];
  const what = (c: FileCount) => `${c.sql} query-builder/SQL call(s), ${c.dialect} dialect branch(es), ${c.json} JSON column parse(s)`;
  for (const [file, c] of Object.entries(found)) {
    const was = baseline[file];
    if (was === undefined) messages.push(`${file}: ${c.total} new (${what(c)}) outside a repository: move them into the capability's repository.ts`);
    else if (c.total > was) messages.push(`${file}: ${c.total}, was ${was} (${what(c)}): what was added belongs in the capability's repository.ts`);
    else if (c.total < was) messages.push(`${file}: ${c.total}, baseline ${was}: SQL moved out, good — lower the baseline (npm run checks:baseline)`);
  }
  for (const [file, was] of Object.entries(baseline)) {
    if (!found[file]) messages.push(`${file}: 0, baseline ${was}: no SQL left (or the file is gone) — lower the baseline (npm run checks:baseline)`);
  }
  return messages;
}
