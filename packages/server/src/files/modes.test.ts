import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './store.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';

/** The data folder, the database, the field key and uploads are the server's alone (issue 11). */
const base = mkdtempSync(path.join(tmpdir(), 'zx-modes-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('file modes', () => {
  it('uploads: folders 0700, files 0600', async () => {
    const root = path.join(base, 'files');
    const store = new FileStore(root);
    const { hash } = await store.put(Readable.from([Buffer.from('身份证号 110101200001011234')]), 1024);
    const file = store.localPath(hash);
    expect(mode(file)).toBe(0o600);
    for (const dir of [root, path.join(root, 'tmp'), path.dirname(file), path.dirname(path.dirname(file))]) expect(mode(dir), dir).toBe(0o700);
  });

  it('the data folder 0700 and the field key 0600, also when an earlier version left them open', () => {
    const fresh = path.join(base, 'fresh');
    const config = loadConfig({ ZX_DATA_DIR: fresh });
    expect(config.dataDir).toBe(fresh);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(path.join(fresh, 'field.key'))).toBe(0o600);

    const old = path.join(base, 'old');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    writeFileSync(path.join(old, 'field.key'), `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    chmodSync(path.join(old, 'field.key'), 0o644);
    loadConfig({ ZX_DATA_DIR: old });
    expect(mode(old)).toBe(0o700);
    expect(mode(path.join(old, 'field.key'))).toBe(0o600);
  });

  it('the SQLite database and its WAL files 0600, also an existing world-readable one', async () => {
    const dir = path.join(base, 'db');
    mkdirSync(dir, { mode: 0o700 });
    const database = openDatabase({ databaseUrl: null, dataDir: dir });
    await database.db.schema.createTable('probe').addColumn('x', 'text').execute();
    await database.db
      .insertInto('probe' as never)
      .values({ x: '1' } as never)
      .execute();
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['zhengxian.sqlite', 'zhengxian.sqlite-wal', 'zhengxian.sqlite-shm']));
    for (const f of files) expect(mode(path.join(dir, f)), f).toBe(0o600);
    await database.destroy();

    for (const f of readdirSync(dir)) chmodSync(path.join(dir, f), 0o644);
    const again = openDatabase({ databaseUrl: null, dataDir: dir });
    await again.db
      .insertInto('probe' as never)
      .values({ x: '2' } as never)
      .execute();
    expect(readdirSync(dir)).toHaveLength(3);
    for (const f of readdirSync(dir)) expect(mode(path.join(dir, f)), f).toBe(0o600);
    await again.destroy();
  });
});
