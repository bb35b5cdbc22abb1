import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, refType } from './column-types.ts';

/**
 * QR check-in and 为青年服务 volunteer service (issue 13; docs/decisions/0016-checkin-and-volunteer-service.md).
 * - A check-in is a row of the activity's attendance with `source = 'qr'`: one attendee list,
 *   whoever picked it. `activity_checkin` says whether check-in is open and with which margin.
 * - Volunteer service is a log of entries a branch verifies. The hand-typed yearly totals of
 *   `volunteer_hours` become one verified entry per member and year, marked as entered before
 *   issue 13, and the table gives way to the view `volunteer_year_hours` (verified hours per
 *   member and year) that the honour rules read.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);

  await db.schema
    .alterTable('activity_attendance')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('hand'))
    .execute();
  await db.schema.alterTable('activity_attendance').addColumn('checked_in_at', 'text').execute();

  await db.schema
    .createTable('activity_checkin')
    .addColumn('activity_id', ref, (c) => c.primaryKey().references('activity.id'))
    .addColumn('margin_hours', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', ref)
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', ref)
    .execute();

  await db.schema
    .createTable('volunteer_service')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('served_on', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('hours_tenths', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('photo_id', ref, (c) => c.references('attachment.id'))
    // No foreign key: a deleted activity leaves the service it was linked to standing.
    .addColumn('activity_id', ref)
    .addColumn('status', 'text', (c) => c.notNull()) // pending | verified | rejected
    .addColumn('reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // member | secretary | entered
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', ref)
    .execute();
  await db.schema.createIndex('volunteer_service_member_idx').on('volunteer_service').columns(['member_id', 'year', 'status']).execute();
  await db.schema.createIndex('volunteer_service_status_idx').on('volunteer_service').columns(['status', 'member_id']).execute();

  await sql`
    insert into volunteer_service (member_id, served_on, year, hours_tenths, description, photo_id, activity_id, status, reason, source,
                                   created_at, created_by, updated_at, reviewed_at, reviewed_by)
    select member_id, ${sql.raw(dialect === 'postgres' ? `year::text || '-01-01'` : `year || '-01-01'`)}, year, hours_tenths,
           '年度志愿服务时长（录入 before issue 13）', null, null, 'verified', null, 'entered',
           updated_at, updated_by, updated_at, updated_at, updated_by
    from volunteer_hours`.execute(db);
  await db.schema.dropTable('volunteer_hours').execute();

  await db.schema
    .createView('volunteer_year_hours')
    .as(
      db
        .selectFrom('volunteer_service')
        .select(['member_id', 'year', sql<number>`sum(hours_tenths)`.as('hours_tenths'), sql<string>`max(updated_at)`.as('updated_at')])
        .where('status', '=', 'verified')
        .groupBy(['member_id', 'year']),
    )
    .execute();
}
