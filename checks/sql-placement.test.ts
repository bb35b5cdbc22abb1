import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineOf, compare, countIn, readBaseline, scan } from './sql-placement.ts';

/**
 * SQL lives in repositories. Query-builder calls, SQL templates, dialect branches and JSON.parse
 * (JSON columns are parsed by the repository that reads them) outside repository files, src/db/
 * and the demo seeder are counted per file against checks/sql-placement-baseline.json:
 * a file may not start holding SQL, a count may not grow, and a count that fell must be lowered
 * in the baseline in the same commit (`npm run checks:baseline`), so it only shrinks.
 */
describe('SQL and JSON column parsing outside repositories', () => {
  it('holds no more than the baseline, file by file, and the baseline is up to date', () => {
    const messages = compare(scan(), readBaseline());
    if (messages.length) console.error(`SQL outside repositories (checks/sql-placement-baseline.json):\n  ${messages.join('\n  ')}`);
    expect(messages).toEqual([]);
  });

  it('counts query starts, SQL templates and dialect branches, not prose', () => {
    const code = [
      "const rows = await ctx.db.selectFrom('member').select(['id']).execute();",
      "await trx.insertInto('audit_log').values(row).execute();",
      "await trx.updateTable('job').set({ status }).where('id', '=', id).execute();",
      "await trx.deleteFrom('session').where('user_id', '=', id).execute();",
      'const n = sql<number>`count(*)`;',
      "const c = sql.ref<string>('o.type_code');",
      "const op = ctx.dialect === 'postgres' ? 'ilike' : 'like';",
      "if ('sqlite' !== database.dialect) return;",
      '// a comment about .selectFrom( and sql`x` does not count',
      "/* nor does ctx.dialect === 'postgres' in a block comment */",
      "const url = 'http://example.org/selectFrom'; // a URL is not a comment start",
      'const photos = JSON.parse(row.photo_ids) as number[];',
      '// JSON.parse( in a comment does not count',
    ].join('\n');
    expect(countIn(code)).toEqual({ sql: 6, dialect: 2, json: 1, total: 9 });
  });

  describe('bites (a fixture tree in a temp dir)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'zx-sql-placement-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    const S = 'packages/server/src';
    const query = "await ex.selectFrom('t').selectAll().execute();\n";
    write(`${S}/things/service.ts`, query + query);
    write(`${S}/things/routes.ts`, "const op = ctx.dialect === 'postgres' ? 'ilike' : 'like';\n");
    write(`${S}/things/plain.ts`, 'export const x = 1;\n');
    // Where SQL belongs, and tests: never counted.
    write(`${S}/things/repository.ts`, query);
    write(`${S}/other/repository/rounds.ts`, query);
    write(`${S}/other/award.repository.ts`, query);
    write(`${S}/other/tier-repository.ts`, query);
    write(`${S}/demo/seed.ts`, query);
    write(`${S}/db/database.ts`, `${query}const b = dialect === 'sqlite';\n`);
    write(`${S}/things/things.test.ts`, query);

    it('counts only files outside repositories, db/ and tests', () => {
      expect(baselineOf(scan(root))).toEqual({ [`${S}/things/routes.ts`]: 1, [`${S}/things/service.ts`]: 2 });
    });

    it('passes against its own baseline', () => {
      expect(compare(scan(root), baselineOf(scan(root)))).toEqual([]);
    });

    it('fails for a new file with SQL, a count that grew, and a count that fell or went to zero', () => {
      const messages = compare(scan(root), {
        [`${S}/things/service.ts`]: 1, // grew: 2 now
        [`${S}/gone.ts`]: 3, // fell to 0
        // things/routes.ts missing: new
      });
      expect(messages).toEqual([
        `${S}/things/routes.ts: 1 new (0 query-builder/SQL call(s), 1 dialect branch(es), 0 JSON column parse(s)) outside a repository: move them into the capability's repository.ts`,
        `${S}/things/service.ts: 2, was 1 (2 query-builder/SQL call(s), 0 dialect branch(es), 0 JSON column parse(s)): what was added belongs in the capability's repository.ts`,
        `${S}/gone.ts: 0, baseline 3: no SQL left (or the file is gone) — lower the baseline (npm run checks:baseline)`,
      ]);
      expect(compare(scan(root), { [`${S}/things/service.ts`]: 5, [`${S}/things/routes.ts`]: 1 })).toEqual([
        `${S}/things/service.ts: 2, baseline 5: SQL moved out, good — lower the baseline (npm run checks:baseline)`,
      ]);
    });
  });
});
