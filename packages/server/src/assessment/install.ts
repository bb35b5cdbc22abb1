import { BUILTIN_RUBRIC } from '@zx/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { rubricRepository } from './repository.ts';

/** Installs the built-in "五个方面" rubric (the template's rubricKey) on first start; never overwrites edits. */
export async function ensureBuiltinRubric(db: Kysely<DB>): Promise<void> {
  const r = BUILTIN_RUBRIC;
  const at = new Date().toISOString();
  await rubricRepository.insertIfMissing(db, {
    key: r.key,
    name_zh: r.nameZh,
    name_en: r.nameEn,
    definition: JSON.stringify(r),
    builtin: 1,
    created_at: at,
    updated_at: at,
    updated_by: null,
  });
}
