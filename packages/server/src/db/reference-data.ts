import { BUILTIN_RUBRIC, DEFAULT_ORG_TYPES, SHUANG_ZHENG_XIAN_TEMPLATE } from '@zx/domain';
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Rows every database needs (default organization types, the built-in template and rubric); safe at every start. */
export async function ensureReferenceData(db: Kysely<DB>): Promise<void> {
  await ensureBuiltinTemplate(db);
  await ensureBuiltinRubric(db);
  const have = await db.selectFrom('org_type').select('code').execute();
  const missing = DEFAULT_ORG_TYPES.filter((t) => !have.some((h) => h.code === t.code));
  if (have.length > 0 || missing.length === 0) return;
  await db
    .insertInto('org_type')
    .values(missing.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, rank: t.rank, holds_members: t.holdsMembers ? 1 : 0 })))
    .execute();
}

async function ensureBuiltinTemplate(db: Kysely<DB>) {
  const t = SHUANG_ZHENG_XIAN_TEMPLATE;
  const at = new Date().toISOString();
  await db
    .insertInto('campaign_template')
    .values({ key: t.key, name_zh: t.nameZh, name_en: t.nameEn, definition: JSON.stringify(t), builtin: 1, created_at: at, updated_at: at, updated_by: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Installs the built-in "五个方面" rubric (the template's rubricKey) on first start; never overwrites edits. */
async function ensureBuiltinRubric(db: Kysely<DB>): Promise<void> {
  const r = BUILTIN_RUBRIC;
  const at = new Date().toISOString();
  await db
    .insertInto('rubric')
    .values({ key: r.key, name_zh: r.nameZh, name_en: r.nameEn, definition: JSON.stringify(r), builtin: 1, created_at: at, updated_at: at, updated_by: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
