import { validateDues, volunteerHoursError, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, notFoundIn, outOfScope, requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { validationFailed } from '../http/errors.ts';
import { honourDataPolicy as policy } from './policy.ts';
import { honourDataRepository as repo } from './repository.ts';

/**
 * The data the honour rules read that nothing else records: 志愿服务时长 per member and year
 * (entered by whoever may edit the member — a branch secretary fills the whole branch in one
 * list) and 团费收缴 per unit and year (read with honour.read, entered with org.write for the unit).
 */
export const honourDataService = {
  async volunteerHours(ctx: AppContext, actor: Actor, q: { orgId: number; year: number }) {
    const org = await requireAccess(ctx.db, actor, 'member.read', 'org', q.orgId);
    const rows = await repo.volunteerHours(ctx.db, org.id, q.year);
    return {
      org: { id: org.id, name: org.name },
      year: q.year,
      canEdit: policy.editHours(actor, org),
      items: rows.map((r) => ({
        memberId: r.id,
        name: r.name,
        position: r.position,
        hours: r.hours_tenths == null ? null : Number(r.hours_tenths) / 10,
        updatedAt: r.updated_at ?? null,
      })),
    };
  },

  /** Saves a year's hours for members of the organization (null clears one); all or nothing. */
  async saveVolunteerHours(ctx: AppContext, actor: Actor, input: { orgId: number; year: number; entries: Array<{ memberId: number; hours: number | null }> }) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'member.write', 'org', input.orgId);
      const errors: FieldError[] = [];
      if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
        errors.push({ field: 'year', code: 'HONOUR_YEAR_INVALID', message: { zh: '年度应在 2000—2100 之间', en: 'The year must be between 2000 and 2100' } });
      input.entries.forEach((e, i) => {
        const err = e.hours == null ? null : volunteerHoursError(e.hours, `entries.${i}.hours`);
        if (err) errors.push(err);
      });
      // A member out of the actor's reach, or outside the organization's subtree, answers like a missing one (docs/decisions/0004).
      const reachable = new Map(
        (
          await accessibleRows(
            trx,
            actor,
            'member.write',
            'member',
            input.entries.map((e) => e.memberId),
          )
        ).map((m) => [m.id, m]),
      );
      const refused = input.entries.flatMap((e, i) => {
        const m = reachable.get(e.memberId);
        return m && isInSubtree(org.path, m.org_path) ? [] : [outOfScope(`entries.${i}.memberId`, 'member')];
      });
      if (refused.length) throw notFoundIn('member', refused);
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      let changed = 0;
      for (const e of input.entries) {
        if (e.hours == null) {
          changed += await repo.deleteVolunteerHours(trx, e.memberId, input.year);
          continue;
        }
        const tenths = Math.round(e.hours * 10);
        await repo.upsertVolunteerHours(trx, { member_id: e.memberId, year: input.year, hours_tenths: tenths, updated_at: at, updated_by: actor.userId });
        changed++;
      }
      await audit(trx, actor, {
        action: 'honour.volunteer_hours',
        targetType: 'organization',
        targetId: org.id,
        summary: { year: input.year, entries: input.entries.map((e) => [e.memberId, e.hours]) },
      });
      return { changed };
    });
  },

  /** The dues of the organization and of its direct children for a year. */
  async dues(ctx: AppContext, actor: Actor, q: { orgId: number; year: number }) {
    const org = await requireAccess(ctx.db, actor, 'honour.read', 'org', q.orgId);
    const units = await repo.dues(ctx.db, org.id, q.year);
    const canEdit = policy.editDues(actor, org);
    return {
      org: { id: org.id, name: org.name },
      year: q.year,
      items: units.map((u) => ({
        orgId: u.id,
        name: u.name,
        typeCode: u.type_code,
        self: u.id === org.id,
        activeMembers: Number(u.direct_member_count),
        membersDue: u.members_due == null ? null : Number(u.members_due),
        membersInArrears: u.members_in_arrears == null ? null : Number(u.members_in_arrears),
        updatedAt: u.updated_at ?? null,
        canEdit,
      })),
    };
  },

  async saveDues(ctx: AppContext, actor: Actor, input: { orgId: number; year: number; membersDue: number; membersInArrears: number }) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'org.write', 'org', input.orgId);
      const errors = validateDues(input);
      if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
        errors.push({ field: 'year', code: 'HONOUR_YEAR_INVALID', message: { zh: '年度应在 2000—2100 之间', en: 'The year must be between 2000 and 2100' } });
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      const before = await repo.duesRecord(trx, org.id, input.year);
      await repo.upsertDues(trx, {
        org_id: org.id,
        year: input.year,
        members_due: input.membersDue,
        members_in_arrears: input.membersInArrears,
        updated_at: at,
        updated_by: actor.userId,
      });
      await audit(trx, actor, {
        action: 'honour.dues',
        targetType: 'organization',
        targetId: org.id,
        summary: { year: input.year, before: before ?? null, after: { membersDue: input.membersDue, membersInArrears: input.membersInArrears } },
      });
      return { ok: true as const };
    });
  },
};
