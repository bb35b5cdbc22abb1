/**
 * `npm run seed -- --orgs N --members M --seed S [--database-url postgres://…] [--schema S]
 *                  [--data-dir DIR] [--reset]`
 *
 * Fills an empty database with a deterministic synthetic city (same options and seed → same
 * rows, apart from the random nonces of the encrypted fields). Refuses to touch a database that
 * already holds organizations, members or accounts (or someone else's tables) unless --reset,
 * which deletes the SQLite file / drops and recreates the PostgreSQL schema first.
 *
 * Defaults follow the app: DATABASE_URL, ZX_DB_SCHEMA, ZX_DATA_DIR (./data). The field key is
 * ZX_FIELD_KEY or DIR/field.key (created when missing), exactly as the app loads it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePassword, type Role } from '@zx/domain';
import { describeTarget, inspect, isEmpty, open, reset, seedCity, type Target } from './lib/city.ts';
import { hashPassword } from '../packages/server/src/auth/passwords.ts';
import { nowIso } from '../packages/server/src/db/database.ts';
import { fmtInt, mb, positiveInt } from './lib/util.ts';

const HELP = `usage: npm run seed -- --orgs N --members M [--seed S] [--database-url URL] [--schema NAME] [--data-dir DIR] [--reset]

  --orgs N            organizations in the city (default 1100)
  --members M         members (default 20000)
  --seed S            generator seed (default 2026)
  --database-url URL  postgres://… (default $DATABASE_URL; none = SQLite DIR/zhengxian.sqlite)
  --schema NAME       PostgreSQL schema (default $ZX_DB_SCHEMA or public); created when missing
  --data-dir DIR      data folder: SQLite file and field.key (default $ZX_DATA_DIR or ./data)
  --reset             drop what is there first (SQLite: delete the file; PostgreSQL: drop + recreate the schema)
  --accounts          also create sysadmin (system_admin) and city.admin (org_admin) at the city root,
                      with generated passwords printed once`;

/** Two logins for a seeded city (loadDemoDataIfEmpty skips a database that already has organizations). */
async function createAccounts(target: Target, rootId: number): Promise<{ username: string; password: string; role: Role }[]> {
  const database = open(target);
  const out: { username: string; password: string; role: Role }[] = [];
  try {
    const at = nowIso();
    for (const [username, role, display] of [
      ['sysadmin', 'system_admin', '系统管理员'],
      ['city.admin', 'org_admin', '市级组织管理员'],
    ] as const) {
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await database.db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('user_account')
          .values({
            username,
            display_name: display,
            phone_enc: null,
            phone_hash: null,
            phone_masked: null,
            password_hash: passwordHash,
            member_id: null,
            status: 'active',
            must_change_password: 1,
            password_changed_at: at,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('role_grant').values({ user_id: id, role, org_id: rootId, created_at: at, created_by: null }).execute();
      });
      out.push({ username, password, role });
    }
  } finally {
    await database.destroy();
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string' },
      members: { type: 'string' },
      seed: { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean', default: false },
      accounts: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const opts = {
    orgs: positiveInt('orgs', values.orgs, 1100),
    members: positiveInt('members', values.members, 20_000),
    seed: positiveInt('seed', values.seed, 2026),
  };
  if (opts.orgs < 12) throw new Error('--orgs must be at least 12 (a city, 10 districts and a branch)');
  const databaseUrl = values['database-url'] ?? (process.env.DATABASE_URL || null);
  const target: Target = {
    databaseUrl,
    dataDir: path.resolve(values['data-dir'] ?? process.env.ZX_DATA_DIR ?? 'data'),
    schema: databaseUrl ? (values.schema ?? (process.env.ZX_DB_SCHEMA || null)) : null,
  };
  if (!databaseUrl && values.schema) throw new Error('--schema only applies to PostgreSQL (--database-url)');

  console.log(`seed: ${describeTarget(target)}`);
  console.log(
    `      ${fmtInt(opts.orgs)} organizations, ${fmtInt(opts.members)} members, seed ${opts.seed}; field key from ${process.env.ZX_FIELD_KEY ? 'ZX_FIELD_KEY' : (process.env.ZX_FIELD_KEY_FILE ?? path.join(target.dataDir, 'field.key'))}`,
  );

  const before = await inspect(target);
  if (!isEmpty(before)) {
    const what = before.foreignTables.length
      ? `it holds tables that are not Zhengxian's (${before.foreignTables.slice(0, 5).join(', ')}${before.foreignTables.length > 5 ? ', …' : ''})`
      : `it holds ${fmtInt(before.orgs)} organizations, ${fmtInt(before.members)} members and ${fmtInt(before.users)} accounts`;
    if (!values.reset) {
      console.error(`seed: refusing to run: the database is not empty — ${what}.\n      Run again with --reset to drop everything in it first.`);
      return 2;
    }
    console.log(`seed: --reset: dropping the existing data (${what})`);
    await reset(target);
  }

  const r = await seedCity(target, opts, (line) => console.log(line));
  console.log(
    `seed: done in ${r.seconds.total.toFixed(1)} s (migrate ${r.seconds.migrate.toFixed(1)} s, generate ${r.seconds.generate.toFixed(1)} s, ` +
      `${target.databaseUrl ? 'vacuum analyze' : 'checkpoint'} ${r.seconds.analyze.toFixed(1)} s): ${fmtInt(r.orgs)} organizations, ${fmtInt(r.members)} members ` +
      `(${fmtInt(r.membersPerSecond)} members/s)${r.sqliteBytes !== null ? `, file ${mb(r.sqliteBytes)} MB` : ''}`,
  );
  console.log(
    `      city root id ${r.city.rootId}; districts ${r.city.districtIds[0]}…${r.city.districtIds.at(-1)}; committees ${r.city.committeeIds[0]}…${r.city.committeeIds.at(-1)}; branches ${r.city.branchIds[0]}…${r.city.branchIds.at(-1)}`,
  );
  if (values.accounts) {
    for (const a of await createAccounts(target, r.city.rootId))
      console.log(`      account ${a.username.padEnd(11)} ${a.password}   (${a.role} at the city root; shown once)`);
  } else {
    console.log('      no accounts were created (the app loads demo accounts only into an empty database): run with --accounts for two admin logins.');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`seed: failed: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.ZX_DEBUG) console.error(e);
    process.exit(1);
  },
);
