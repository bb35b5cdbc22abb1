import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { AttachmentTable } from '../db/schema.ts';

export const attachmentRepository = {
  insert: (ex: Executor, row: Insertable<AttachmentTable>) => ex.insertInto('attachment').values(row).returning('id').executeTakeFirstOrThrow(),

  /** How many files the account uploaded since `sinceIso` (the member role's daily limit). */
  uploadsSince: async (ex: Executor, userId: number, sinceIso: string) =>
    Number(
      (
        await ex
          .selectFrom('attachment')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('uploaded_by', '=', userId)
          .where('created_at', '>=', sinceIso)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  byIds: (ex: Executor, ids: number[]) => (ids.length ? ex.selectFrom('attachment').selectAll().where('id', 'in', ids).execute() : Promise.resolve([])),

  /** Content hashes still referenced by an attachment (original or thumbnail). */
  referencedHashes: async (ex: Executor, hashes: string[]): Promise<Set<string>> => {
    if (!hashes.length) return new Set();
    const rows = await ex
      .selectFrom('attachment')
      .select(['hash', 'thumb_hash'])
      .where((eb) => eb.or([eb('hash', 'in', hashes), eb('thumb_hash', 'in', hashes)]))
      .execute();
    return new Set(rows.flatMap((r) => [r.hash, r.thumb_hash]).filter((h): h is string => !!h));
  },
};
