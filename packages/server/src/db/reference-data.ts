import { DEFAULT_ORG_TYPES } from '@zx/domain';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Rows every database needs (the default organization types); safe to run at every start. */
export async function ensureReferenceData(db: Kysely<DB>): Promise<void> {
  const have = await db.selectFrom('org_type').select('code').execute();
  const missing = DEFAULT_ORG_TYPES.filter((t) => !have.some((h) => h.code === t.code));
  if (have.length > 0 || missing.length === 0) return;
  await db
    .insertInto('org_type')
    .values(missing.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, rank: t.rank, holds_members: t.holdsMembers ? 1 : 0 })))
    .execute();
}
