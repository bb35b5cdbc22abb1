/**
 * `npm run admin -- <command>` (scripts/admin.sh): changes the three system accounts from the
 * server's command line. It reads the same configuration as the server (config.ts: DATABASE_URL,
 * ZX_DATA_DIR, ZX_DB_SCHEMA, the field key) and works on SQLite and PostgreSQL alike.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { ensureReferenceData } from '../db/reference-data.ts';
import { FieldCipher } from '../pii/crypto.ts';
import { FileStore } from '../files/store.ts';
import { runAdminCommand } from './admin-commands.ts';
import { operator } from './system.ts';

process.umask(0o077);
const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, poolSize: 2 });
let code = 1;
try {
  await migrateToLatest(database, config.databaseSchema);
  await ensureReferenceData(database.db);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    dialect: database.dialect,
    cipher: new FieldCipher(config.fieldKey),
    files: new FileStore(path.join(config.dataDir, 'files')),
  };
  const result = await runAdminCommand(ctx, process.argv.slice(2), operator('[cli]'));
  for (const line of result.out) (result.code === 0 ? console.log : console.error)(line);
  code = result.code;
} catch (e) {
  console.error('admin command failed:', e instanceof Error ? e.message : e);
} finally {
  await database.destroy();
}
process.exit(code);
