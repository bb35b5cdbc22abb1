import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Folder for the SQLite file, uploaded files and generated documents. */
  dataDir: string;
  /** postgres://… to run on PostgreSQL; unset means the embedded SQLite file. */
  databaseUrl: string | null;
  /** PostgreSQL schema to use (tests give each file its own). */
  databaseSchema: string | null;
  /** 32-byte key for field encryption of personal data; never stored in the database. */
  fieldKey: Buffer;
  /** Serve the built web app from this folder when it exists. */
  webDist: string | null;
  /** Load the demo city on first start. */
  demo: boolean;
  /** Cookies get the Secure flag (set when served over HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /** Run background jobs in this process. */
  runJobs: boolean;
  /** PostgreSQL pool size; null = two per CPU core, at least 4 (db/database.ts `defaultPoolSize`). */
  pgPoolSize?: number | null;
  /**
   * Fail a response that does not match its declared contract (http/contract.ts) instead of
   * logging it: on in tests and development (ZX_CONTRACT_CHECK=1), off in production.
   */
  contractCheck?: boolean;
  /** Name of the root organization created at install when the database has none (ZX_DEMO=0). */
  rootOrgName?: string;
  /** The clock of check-in tokens and windows, in epoch ms (tests set it; unset: Date.now). */
  clock?: () => number;
}

/**
 * The field-encryption key comes from ZX_FIELD_KEY (64 hex chars) or from a key file.
 * On first start a key file is created beside the data folder, never inside the database.
 */
export function loadFieldKey(dataDir: string, env = process.env): Buffer {
  const fromEnv = env.ZX_FIELD_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'hex');
    if (key.length !== 32) throw new Error('ZX_FIELD_KEY must be 64 hex characters (32 bytes)');
    return key;
  }
  const keyFile = env.ZX_FIELD_KEY_FILE ?? path.join(dataDir, 'field.key');
  if (existsSync(keyFile)) {
    restrictMode(keyFile, 0o600);
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`${keyFile} does not hold a 32-byte hex key`);
    return key;
  }
  mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600 });
  return key;
}

/**
 * The data folder, the database and the key are the server's alone (0700 / 0600), also when an
 * earlier version created them world-readable. A file the process does not own is left as it is.
 */
export function restrictMode(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') console.warn(`[zx] could not chmod ${mode.toString(8)} ${file}: ${code}`);
  }
}

function positiveInt(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

export function loadConfig(env = process.env): Config {
  const dataDir = path.resolve(env.ZX_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrictMode(dataDir, 0o700);
  const defaultDist = path.resolve(import.meta.dirname, '../../web/dist');
  const webDist = env.ZX_WEB_DIST ?? defaultDist;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: env.ZX_DB_SCHEMA || null,
    fieldKey: loadFieldKey(dataDir, env),
    webDist: existsSync(webDist) ? webDist : null,
    demo: env.ZX_DEMO !== '0',
    secureCookies: env.ZX_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    runJobs: env.ZX_RUN_JOBS !== '0',
    contractCheck: env.ZX_CONTRACT_CHECK === '1',
    pgPoolSize: env.ZX_PG_POOL_SIZE ? positiveInt(env.ZX_PG_POOL_SIZE, 'ZX_PG_POOL_SIZE') : null,
    rootOrgName: env.ZX_ROOT_ORG_NAME?.trim() || '团市委',
  };
}
