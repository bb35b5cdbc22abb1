import { hoursToTenths, isoToday, validateVolunteerEntry, VOLUNTEER_LIMITS, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { VolunteerEntryStatus } from '../db/schema.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { AppError, validationFailed } from '../http/errors.ts';
import { notEditable, notPending, ownEntry, volunteerPolicy as policy } from './policy.ts';
import { volunteerRepository as repo, type VolunteerRow } from './repository.ts';

/**
 * 为青年服务 (docs/volunteer.md): a member logs service, the branch verifies or rejects it with a
 * reason, and the honour rules read the verified hours (the view volunteer_year_hours).
 */
export interface VolunteerInput {
  memberId?: number;
  servedOn: string;
  hours: number;
  description: string;
  photoId?: number | null;
  activityId?: number | null;
}

async function present(ex: Executor, actor: Actor, rows: VolunteerRow[]) {
  const photos = new Map(
    (
      await presentAttachments(
        ex,
        rows.flatMap((r) => (r.photo_id ? [r.photo_id] : [])),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    memberName: r.member_name,
    orgId: r.org_id,
    orgName: r.org_name,
    servedOn: r.served_on,
    year: r.year,
    hours: r.hours_tenths / 10,
    description: r.description,
    photo: (r.photo_id && photos.get(r.photo_id)) || null,
    activity: r.activity_id && r.activity_title ? { id: r.activity_id, title: r.activity_title } : null,
    status: r.status,
    reason: r.reason,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    reviewedAt: r.reviewed_at,
    canEdit: policy.edit(actor, r),
    canReview: r.status === 'pending' && policy.review(actor, r),
  }));
}

/** The member, photo and activity of an entry, each in reach and fitting; every field rule at once. */
async function checkedInput(trx: Executor, actor: Actor, member: { id: number; org_path: string; status: string }, v: VolunteerInput) {
  const errors: FieldError[] = validateVolunteerEntry(v, isoToday());
  if (v.description.length > VOLUNTEER_LIMITS.description)
    errors.push({ field: 'description', code: 'FIELD_TOO_LONG', message: { zh: '服务内容过长', en: 'The description is too long' } });
  if (member.status !== 'active')
    errors.push({
      field: 'memberId',
      code: 'VOLUNTEER_MEMBER_INACTIVE',
      message: { zh: '只有在册团员可以登记志愿服务', en: 'Only active members log volunteer service' },
    });
  if (v.photoId) {
    try {
      await attachmentsUsable(trx, actor, [v.photoId], { path: member.org_path }, { field: 'photoId', kind: 'photo' });
    } catch (e) {
      if (e instanceof AppError && e.status === 422) errors.push(...e.fieldErrors);
      else throw e;
    }
  }
  if (v.activityId) {
    const a = await requireAccess(trx, actor, 'volunteer.log', 'checkin_activity', v.activityId);
    if (!isInSubtree(a.org_path, member.org_path))
      errors.push({
        field: 'activityId',
        code: 'VOLUNTEER_ACTIVITY_NOT_MEMBERS',
        message: { zh: '关联的活动须是该团员所在组织（或上级）的活动', en: "The activity must be one of the member's organization or above" },
      });
  }
  if (errors.length) throw validationFailed(errors);
}

export const volunteerService = {
  async mine(ctx: AppContext, actor: Actor, year: number) {
    if (!actor.memberId) return { year, verifiedHours: 0, pendingHours: 0, items: [] };
    const rows = await repo.ofMember(ctx.db, actor.memberId, year);
    const sum = (s: VolunteerEntryStatus) => rows.filter((r) => r.status === s).reduce((n, r) => n + r.hours_tenths, 0) / 10;
    return { year, verifiedHours: sum('verified'), pendingHours: sum('pending'), items: await present(ctx.db, actor, rows) };
  },

  async list(ctx: AppContext, actor: Actor, q: { orgId: number; status?: VolunteerEntryStatus; year?: number; page: number; pageSize: number }) {
    const org = await requireAccess(ctx.db, actor, 'volunteer.verify', 'org', q.orgId);
    const { rows, total } = await repo.page(
      ctx.db,
      { orgPath: org.path, status: q.status, year: q.year },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: await present(ctx.db, actor, rows), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    await requireAccess(ctx.db, actor, null, 'volunteer_entry', id);
    return (await present(ctx.db, actor, [(await repo.byId(ctx.db, id))!]))[0];
  },

  /** A member logs their own service; a secretary logs it for a member they manage (someone else verifies it). */
  async create(ctx: AppContext, actor: Actor, input: VolunteerInput) {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const memberId = input.memberId ?? actor.memberId;
      if (!memberId) throw validationFailed([{ field: 'memberId', code: 'FIELD_REQUIRED', message: { zh: '请选择团员', en: 'Choose the member' } }]);
      const forSelf = memberId === actor.memberId;
      const member = await requireAccess(trx, actor, forSelf ? 'volunteer.log' : 'member.write', 'member', memberId);
      await checkedInput(trx, actor, member, input);
      const at = nowIso();
      const { id } = await repo.insert(trx, {
        member_id: member.id,
        served_on: input.servedOn,
        year: Number(input.servedOn.slice(0, 4)),
        hours_tenths: hoursToTenths(input.hours),
        description: input.description.trim(),
        photo_id: input.photoId ?? null,
        activity_id: input.activityId ?? null,
        status: 'pending',
        reason: null,
        source: forSelf ? 'member' : 'secretary',
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
        reviewed_at: null,
        reviewed_by: null,
      });
      await audit(trx, actor, {
        action: 'volunteer.log',
        targetType: 'volunteer_service',
        targetId: id,
        summary: { memberId: member.id, servedOn: input.servedOn, hours: input.hours },
      });
      return id;
    });
    return volunteerService.get(ctx, actor, id);
  },

  /** Corrects an entry that is not verified; it goes (back) to the branch as pending. */
  async update(ctx: AppContext, actor: Actor, id: number, input: Partial<VolunteerInput>) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'volunteer.log', 'volunteer_entry', id);
      if (e.status === 'verified' || e.source === 'entered') throw notEditable();
      if (!policy.edit(actor, e)) throw new AppError(403, 'VOLUNTEER_NOT_AUTHOR', { zh: '只能修改本人登记的记录', en: 'Only the author edits an entry' });
      const next = {
        servedOn: input.servedOn ?? e.served_on,
        hours: input.hours ?? e.hours_tenths / 10,
        description: input.description ?? e.description,
        photoId: input.photoId !== undefined ? input.photoId : e.photo_id,
        activityId: input.activityId !== undefined ? input.activityId : e.activity_id,
      };
      const member = await requireAccess(trx, actor, null, 'member', e.member_id);
      await checkedInput(trx, actor, member, {
        ...next,
        photoId: input.photoId !== undefined ? input.photoId : null,
        activityId: input.activityId !== undefined ? input.activityId : null,
      });
      await repo.update(trx, id, {
        served_on: next.servedOn,
        year: Number(next.servedOn.slice(0, 4)),
        hours_tenths: hoursToTenths(next.hours),
        description: next.description.trim(),
        photo_id: next.photoId,
        activity_id: next.activityId,
        status: 'pending',
        updated_at: nowIso(),
      });
      await audit(trx, actor, {
        action: 'volunteer.update',
        targetType: 'volunteer_service',
        targetId: id,
        summary: { before: { servedOn: e.served_on, hours: e.hours_tenths / 10, status: e.status }, changed: Object.keys(input) },
      });
    });
    return volunteerService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'volunteer.log', 'volunteer_entry', id);
      if (e.status === 'verified' || e.source === 'entered') throw notEditable();
      if (!policy.edit(actor, e)) throw new AppError(403, 'VOLUNTEER_NOT_AUTHOR', { zh: '只能撤回本人登记的记录', en: 'Only the author withdraws an entry' });
      await repo.delete(trx, id);
      await audit(trx, actor, {
        action: 'volunteer.delete',
        targetType: 'volunteer_service',
        targetId: id,
        summary: { memberId: e.member_id, hours: e.hours_tenths / 10 },
      });
    });
    return { ok: true as const };
  },

  /** The branch verifies or rejects (with a reason) a pending entry. */
  async review(ctx: AppContext, actor: Actor, id: number, input: { decision: 'verify' | 'reject'; reason?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'volunteer.verify', 'volunteer_entry', id);
      if (actor.memberId === e.member_id || actor.userId === e.created_by) throw ownEntry();
      if (!policy.review(actor, e)) throw ownEntry();
      if (e.status !== 'pending') throw notPending();
      const reason = input.reason?.trim() || null;
      if (input.decision === 'reject' && !reason)
        throw validationFailed([{ field: 'reason', code: 'FIELD_REQUIRED', message: { zh: '退回须填写原因', en: 'A rejection needs a reason' } }]);
      const at = nowIso();
      await repo.update(trx, id, {
        status: input.decision === 'verify' ? 'verified' : 'rejected',
        reason: input.decision === 'reject' ? reason : null,
        reviewed_at: at,
        reviewed_by: actor.userId,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: input.decision === 'verify' ? 'volunteer.verify' : 'volunteer.reject',
        targetType: 'volunteer_service',
        targetId: id,
        summary: { memberId: e.member_id, year: e.year, hours: e.hours_tenths / 10, reason },
      });
    });
    return volunteerService.get(ctx, actor, id);
  },
};
