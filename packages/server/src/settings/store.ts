import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';

/**
 * The `setting` table: one JSON document per key (security, evaluation, honours, commitment rules).
 * Each area owns its schema and defaults; this is only where the text is read and written.
 */
export async function readSetting(ex: Executor, key: string): Promise<string | undefined> {
  const row = await ex.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(ex: Executor, key: string, value: unknown, userId: number): Promise<void> {
  const json = JSON.stringify(value);
  const at = nowIso();
  await ex
    .insertInto('setting')
    .values({ key, value: json, updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at, updated_by: userId }))
    .execute();
}
