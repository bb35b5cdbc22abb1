import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database, Dialect } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { FieldCipher } from './pii/crypto.ts';
import type { FileStore } from './files/store.ts';

/** What every service needs: built once in buildApp and passed down explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  dialect: Dialect;
  cipher: FieldCipher;
  files: FileStore;
}
