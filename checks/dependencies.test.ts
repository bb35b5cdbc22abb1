import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IViolation } from 'dependency-cruiser';
import { describeViolation, readKnown, ruleNames, violations } from './depcruise.ts';

/**
 * The import rules of .dependency-cruiser.cjs hold over the packages. Violations known today are
 * listed in .dependency-cruiser-known-violations.json; the list may only shrink (rewrite it with
 * `npm run checks:baseline` in the commit that fixes one).
 */

const key = (v: IViolation) => describeViolation(v);

describe('dependency rules', () => {
  it('finds no import breaking a rule beyond the known ones, and every known one still there', async () => {
    const found = await violations();
    const known = readKnown();
    const knownKeys = new Set(known.map(key));
    const foundKeys = new Set(found.map(key));
    const fresh = [...foundKeys].filter((k) => !knownKeys.has(k));
    const gone = [...knownKeys].filter((k) => !foundKeys.has(k));
    const report = [
      ...fresh.map((k) => `new violation — ${k}`),
      ...gone.map((k) => `fixed, good: remove it from .dependency-cruiser-known-violations.json (npm run checks:baseline) — ${k}`),
    ];
    if (report.length) console.error(`dependency rules (.dependency-cruiser.cjs):\n  ${report.join('\n  ')}`);
    expect(report).toEqual([]);
  });

  describe('each rule bites (a fixture tree in a temp dir)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zx-depcruise-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };

    const S = 'packages/server/src';
    // Broken on purpose, one import per rule (and nothing else).
    write(`${S}/loop/a.ts`, "import { b } from './b.ts';\nexport const a = () => b;\n");
    write(`${S}/loop/b.ts`, "import { a } from './a.ts';\nexport const b = () => a;\n");
    write('packages/web/src/x.tsx', "import { y } from './y.tsx';\nexport const x = () => y;\n");
    write('packages/web/src/y.tsx', "import { x } from './x.tsx';\nexport const y = () => x;\n");
    write(
      `${S}/things/routes.ts`,
      "import { thingRepository } from './repository.ts';\nimport { openDatabase } from '../db/database.ts';\nimport { sql } from 'kysely';\nimport { thingService } from './service.ts';\nexport const thingRoutes = [thingRepository, openDatabase, sql, thingService];\n",
    );
    write(`${S}/things/repository.ts`, "import { thingService } from './service.ts';\nexport const thingRepository = { thingService };\n");
    write(`${S}/things/service.ts`, 'export const thingService = {};\nexport type Thing = { id: number };\n');
    write(`${S}/other/service.ts`, "import { thingRoutes } from '../things/routes.ts';\nexport const otherService = thingRoutes;\n");
    write(`${S}/db/database.ts`, "import { thingService } from '../things/service.ts';\nexport const openDatabase = () => thingService;\n");
    write(
      `${S}/campaigns/rollup.ts`,
      "import { facts } from '../assessment/facts.ts';\nimport { range } from '../access/paths.ts';\nexport const rollup = [facts, range];\n",
    );
    write(`${S}/assessment/facts.ts`, 'export const facts = 1;\n');
    write(`${S}/access/paths.ts`, 'export const range = 1;\n');
    write(
      `${S}/jobs/runner.ts`,
      "import { handler } from '../orgs/import-job.ts';\nimport { jobRepository } from './repository.ts';\nexport const runner = [handler, jobRepository];\n",
    );
    write(`${S}/jobs/repository.ts`, 'export const jobRepository = 1;\n');
    write(`${S}/orgs/import-job.ts`, 'export const handler = 1;\n');
    write(`${S}/app.ts`, "import { thingRoutes } from './things/routes.ts';\nexport const app = thingRoutes;\n");
    write('packages/domain/src/rule.ts', "import { x } from '../../web/src/x.tsx';\nexport const rule = x;\n");
    write('packages/web/src/page.ts', "import type { Thing } from '../../server/src/things/service.ts';\nexport const page = (t: Thing) => t.id;\n");
    write('node_modules/kysely/package.json', '{ "name": "kysely", "version": "0.0.0", "main": "index.js" }\n');
    write('node_modules/kysely/index.js', 'exports.sql = 1;\n');

    let cruised: Promise<IViolation[]> | undefined;
    const fixtureViolations = () => (cruised ??= violations(['packages'], dir));

    it('reports exactly the broken imports, under the rule each breaks (a cycle once)', async () => {
      const found = await fixtureViolations();
      const pairs = [...new Set(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`))].sort();
      expect(pairs).toEqual(
        [
          `no-circular: ${S}/loop/a.ts → ${S}/loop/b.ts`,
          'no-circular: packages/web/src/x.tsx → packages/web/src/y.tsx',
          `routes-not-to-sql: ${S}/things/routes.ts → ${S}/things/repository.ts`,
          `routes-not-to-sql: ${S}/things/routes.ts → ${S}/db/database.ts`,
          `routes-not-to-sql: ${S}/things/routes.ts → node_modules/kysely/index.js`,
          `repository-not-to-service-or-routes: ${S}/things/repository.ts → ${S}/things/service.ts`,
          `only-app-imports-routes: ${S}/other/service.ts → ${S}/things/routes.ts`,
          `db-imports-no-capability: ${S}/db/database.ts → ${S}/things/service.ts`,
          `rollup-imports-no-capability: ${S}/campaigns/rollup.ts → ${S}/assessment/facts.ts`,
          `runner-imports-no-capability: ${S}/jobs/runner.ts → ${S}/orgs/import-job.ts`,
          'domain-imports-no-app: packages/domain/src/rule.ts → packages/web/src/x.tsx',
          `web-imports-no-server: packages/web/src/page.ts → ${S}/things/service.ts`,
        ].sort(),
      );
    });

    it('has a fixture for every rule of the config', async () => {
      const found = new Set((await fixtureViolations()).map((v) => v.rule.name));
      expect((await ruleNames()).filter((name) => !found.has(name))).toEqual([]);
    });
  });
});
