import { CHECKIN, checkinMarginError, checkinSlot, checkinWindow, inCheckinWindow } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { AppError, conflict, validationFailed } from '../http/errors.ts';
import { checkinRepository as repo } from './repository.ts';
import { checkToken, checkinToken } from './token.ts';

/**
 * QR check-in (签到; docs/checkin.md). The secretary opens check-in for an activity and shows a
 * code that rotates every 30 s; a member who scans it is added to the activity's attendance with
 * source 'qr' — the same list the secretary picks by hand — and the participants figure of the
 * member's unit is refreshed in the same transaction.
 */
const now = (ctx: AppContext) => ctx.config.clock?.() ?? Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const outsideWindow = () =>
  new AppError(422, 'CHECKIN_OUTSIDE_WINDOW', {
    zh: '不在活动签到时间内（活动当天及前后余量）',
    en: "Outside the activity's check-in window (its day and the margin)",
  });
const closed = () => conflict('CHECKIN_CLOSED', '签到尚未开启或已结束', 'Check-in is not open for this activity');
const refused = (code: string, zh: string, en: string) => new AppError(403, code, { zh, en });

export const checkinService = {
  /** The secretary's screen: state, the current token (while open and in the window), the live count. */
  async state(ctx: AppContext, actor: Actor, activityId: number) {
    const a = await requireAccess(ctx.db, actor, 'activity.write', 'activity', activityId);
    const s = await repo.session(ctx.db, activityId);
    const t = now(ctx);
    const margin = s?.margin_hours ?? CHECKIN.defaultMarginHours;
    const w = checkinWindow(a.held_on, margin);
    const inWindow = t >= w.from && t < w.to;
    const open = !!s && !s.closed_at;
    const live = open && inWindow;
    const counts = await repo.counts(ctx.db, activityId);
    const recent = await repo.recent(ctx.db, activityId, 20);
    return {
      activityId: a.id,
      title: a.title,
      heldOn: a.held_on,
      orgName: a.org_name,
      open,
      openedAt: s?.opened_at ?? null,
      closedAt: s?.closed_at ?? null,
      marginHours: margin,
      window: { from: iso(w.from), to: iso(w.to) },
      inWindow,
      path: live ? `/checkin/${a.id}?t=${encodeURIComponent(checkinToken(ctx.config.fieldKey, a.id, s.opened_at, t))}` : null,
      rotatesAt: live ? iso((checkinSlot(t) + 1) * CHECKIN.slotMs) : null,
      slotSeconds: CHECKIN.slotMs / 1000,
      checkedIn: counts.qr,
      attendeeCount: counts.all,
      recent: recent.map((r) => ({ memberId: r.id, name: r.name, orgName: r.org_name, checkedInAt: r.checked_in_at ?? '' })),
    };
  },

  /** Opens (or re-opens, invalidating earlier codes) check-in; only inside the activity's window. */
  async open(ctx: AppContext, actor: Actor, activityId: number, marginHours: number = CHECKIN.defaultMarginHours) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', activityId);
      const err = checkinMarginError(marginHours);
      if (err) throw validationFailed([err]);
      const t = now(ctx);
      if (!inCheckinWindow(a.held_on, marginHours, t)) throw outsideWindow();
      await repo.open(trx, { activity_id: a.id, margin_hours: marginHours, opened_at: iso(t), opened_by: actor.userId });
      await audit(trx, actor, { action: 'activity.checkin_open', targetType: 'activity', targetId: a.id, summary: { marginHours, heldOn: a.held_on } });
    });
    return checkinService.state(ctx, actor, activityId);
  },

  async close(ctx: AppContext, actor: Actor, activityId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', activityId);
      const s = await repo.session(trx, a.id);
      if (!s || s.closed_at) throw closed();
      await repo.close(trx, a.id, iso(now(ctx)), actor.userId);
      await audit(trx, actor, {
        action: 'activity.checkin_close',
        targetType: 'activity',
        targetId: a.id,
        summary: { checkedIn: (await repo.counts(trx, a.id)).qr },
      });
    });
    return checkinService.state(ctx, actor, activityId);
  },

  /** What the member's landing page shows. */
  async info(ctx: AppContext, actor: Actor, activityId: number) {
    const a = await requireAccess(ctx.db, actor, 'activity.checkin', 'checkin_activity', activityId);
    const s = await repo.session(ctx.db, a.id);
    const mine = actor.memberId ? await repo.attendance(ctx.db, a.id, actor.memberId) : undefined;
    return {
      activityId: a.id,
      title: a.title,
      heldOn: a.held_on,
      orgName: a.org_name,
      open: !!s && !s.closed_at && inCheckinWindow(a.held_on, s.margin_hours, now(ctx)),
      checkedIn: !!mine,
      checkedInAt: mine?.checked_in_at ?? null,
    };
  },

  /** A member checks in with the token of the code they scanned. Idempotent: a second scan answers alreadyCheckedIn. */
  async checkIn(ctx: AppContext, actor: Actor, activityId: number, token: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.checkin', 'checkin_activity', activityId);
      const s = await repo.session(trx, a.id);
      if (!s || s.closed_at) throw closed();
      const t = now(ctx);
      const check = checkToken(ctx.config.fieldKey, a.id, s.opened_at, token, t);
      if (check === 'expired')
        throw new AppError(422, 'CHECKIN_TOKEN_EXPIRED', {
          zh: '二维码已过期，请扫描屏幕上最新的二维码',
          en: 'This code has expired: scan the one on the screen now',
        });
      if (check === 'invalid') throw new AppError(422, 'CHECKIN_TOKEN_INVALID', { zh: '签到二维码无效', en: 'This check-in code is not valid' });
      if (!inCheckinWindow(a.held_on, s.margin_hours, t)) throw outsideWindow();
      const me = actor.memberId ? await repo.member(trx, actor.memberId) : undefined;
      if (!me) throw refused('CHECKIN_MEMBER_ONLY', '请使用团员账号签到', 'Check in with a member account');
      if (me.status !== 'active') throw refused('CHECKIN_MEMBER_INACTIVE', '只有在册团员可以签到', 'Only active members check in');
      if (!isInSubtree(a.org_path, me.org_path))
        throw refused(
          'CHECKIN_NOT_IN_UNIT',
          '您不是举办此活动的组织（含下级）的团员，不能签到',
          "You are not a member of the activity's organization or its units",
        );
      const at = iso(t);
      if (!(await repo.insert(trx, a.id, me.id, at))) {
        const row = await repo.attendance(trx, a.id, me.id);
        return { activityId: a.id, title: a.title, alreadyCheckedIn: true, source: row?.source ?? 'qr', checkedInAt: row?.checked_in_at ?? null };
      }
      await repo.recount(trx, a.id);
      await audit(trx, actor, { action: 'activity.checkin', targetType: 'activity', targetId: a.id, summary: { memberId: me.id } });
      await refreshUnits(trx, a.campaign_id, [me.org_id]);
      return { activityId: a.id, title: a.title, alreadyCheckedIn: false, source: 'qr' as const, checkedInAt: at };
    });
  },

  /** Takes a member off the attendance (a QR check-in is removed only this way, never by a hand edit of the list). */
  async remove(ctx: AppContext, actor: Actor, activityId: number, memberId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', activityId);
      const m = await requireAccess(trx, actor, 'activity.write', 'member', memberId);
      const before = await repo.attendance(trx, a.id, m.id);
      if (!before) throw conflict('CHECKIN_NOT_ATTENDING', '该团员不在此活动的参加人员中', 'This member is not on the attendance');
      await repo.remove(trx, a.id, m.id);
      await repo.recount(trx, a.id);
      await audit(trx, actor, {
        action: 'activity.checkin_remove',
        targetType: 'activity',
        targetId: a.id,
        summary: { memberId: m.id, source: before.source },
      });
      await refreshUnits(trx, a.campaign_id, [m.org_id]);
    });
    return { ok: true as const };
  },
};
