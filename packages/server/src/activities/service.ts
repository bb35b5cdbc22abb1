import type { ActivityTypeCode, PartyEducationForm } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { loadCampaign, refreshUnits, tasksOf } from '../campaigns/rollup.ts';
import { presentAttachments } from '../attachments/service.ts';
import { notify } from '../inbox/service.ts';
import { demoSiteOfActivity, linkDemoSiteVisit } from '../exemplars/sites.ts';
import { activityRepository as repo, type ActivityFilter } from './repository.ts';
import { checked, idsInReach, type ActivityBody } from './checks.ts';

export type { ActivityBody };
import { activityPolicy, notableByLevelAbove } from './policy.ts';

function presentItem(r: {
  id: number;
  campaign_id: number;
  campaign_name: string;
  org_id: number;
  org_name: string;
  type: string;
  form: string | null;
  title: string;
  held_on: string;
  place: string;
  photo_ids: number[];
  notable: number;
  attendee_count: number;
  created_at: string;
}) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    orgId: r.org_id,
    orgName: r.org_name,
    type: r.type as ActivityTypeCode,
    form: r.form as PartyEducationForm | null,
    title: r.title,
    heldOn: r.held_on,
    place: r.place,
    attendeeCount: r.attendee_count,
    notable: r.notable === 1,
    photoCount: r.photo_ids.length,
    coverThumbUrl: r.photo_ids.length ? `/api/v1/attachments/${r.photo_ids[0]}/thumb` : null,
    createdAt: r.created_at,
  };
}

export const activityService = {
  async list(ctx: AppContext, actor: Actor, q: Omit<ActivityFilter, 'orgPath' | 'orgId'> & { orgId?: number }, page: { page: number; pageSize: number }) {
    const org = await requireAccess(ctx.db, actor, 'activity.read', 'org', q.orgId ?? actor.grant.orgId);
    const { rows, total } = await repo.page(
      ctx.db,
      ctx.dialect,
      { ...q, orgId: org.id, orgPath: org.path },
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
    );
    return { items: rows.map(presentItem), total, page: page.page, pageSize: page.pageSize };
  },

  /** One month of the subtree's activities, for a calendar. */
  async calendar(ctx: AppContext, actor: Actor, q: { campaignId?: number; orgId?: number; month: string }) {
    const org = await requireAccess(ctx.db, actor, 'activity.read', 'org', q.orgId ?? actor.grant.orgId);
    const rows = await repo.calendar(ctx.db, {
      orgId: org.id,
      orgPath: org.path,
      subtree: true,
      campaignId: q.campaignId,
      from: `${q.month}-01`,
      to: `${q.month}-31`,
    });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type as ActivityTypeCode,
      form: r.form as PartyEducationForm | null,
      heldOn: r.held_on,
      orgName: r.org_name,
      notable: r.notable === 1,
    }));
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    const a = await requireAccess(ctx.db, actor, 'activity.read', 'activity', id);
    const campaign = await loadCampaign(ctx.db, a.campaign_id);
    const tasks = campaign ? tasksOf(campaign.definition) : [];
    const attendees = await repo.attendees(ctx.db, a.id);
    return {
      ...presentItem(a),
      summary: a.summary,
      minutes: a.minutes,
      updatedAt: a.updated_at,
      campaign: { id: a.campaign_id, name: a.campaign_name },
      tasks: a.task_keys.map((k) => {
        const t = tasks.find((x) => x.key === k);
        return { key: k, nameZh: t?.nameZh ?? k, nameEn: t?.nameEn ?? k, phaseKey: t?.phaseKey ?? null };
      }),
      photoIds: a.photo_ids,
      photos: await presentAttachments(ctx.db, a.photo_ids),
      attendees: attendees.map((m) => ({
        id: m.id,
        name: m.name,
        orgId: m.org_id,
        orgName: m.org_name,
        active: m.status === 'active',
        source: m.source,
        checkedInAt: m.checked_in_at,
      })),
      canEdit: activityPolicy.edit(actor, { path: a.org_path }),
      canMarkNotable: activityPolicy.markNotable(actor, { path: a.org_path }),
      demoSite: await demoSiteOfActivity(ctx.db, a.id),
    };
  },

  async create(ctx: AppContext, actor: Actor, input: ActivityBody) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'activity.write', 'org', input.orgId);
      if (input.notable && !activityPolicy.markNotable(actor, org)) throw notableByLevelAbove();
      await idsInReach(trx, actor, input);
      const v = await checked(
        trx,
        actor,
        org,
        {
          campaignId: input.campaignId,
          orgId: org.id,
          type: input.type,
          form: input.form ?? null,
          title: input.title,
          heldOn: input.heldOn,
          place: input.place,
          summary: input.summary,
          minutes: input.minutes ?? null,
          taskKeys: input.taskKeys ?? [],
          photoIds: input.photoIds ?? [],
          attendeeIds: input.attendeeIds ?? [],
        },
        { date: true, photos: true },
      );
      const at = nowIso();
      const attendeeIds = v.attendeeIds ?? [];
      const { id } = await repo.insert(trx, {
        campaign_id: v.campaign.id,
        org_id: org.id,
        org_path: org.path,
        type: input.type,
        form: v.form,
        title: input.title,
        held_on: input.heldOn,
        place: input.place,
        summary: input.summary,
        minutes: v.minutes,
        task_keys: v.taskKeys,
        photo_ids: v.photoIds,
        notable: input.notable ? 1 : 0,
        attendee_count: attendeeIds.length,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      });
      await repo.setAttendance(trx, id, attendeeIds);
      if (input.type === 'demo_site_visit') await linkDemoSiteVisit(trx, actor, id, input.type, input.demoSiteId);
      await audit(trx, actor, {
        action: 'activity.create',
        targetType: 'activity',
        targetId: id,
        summary: {
          campaignId: v.campaign.id,
          orgId: org.id,
          type: input.type,
          form: v.form,
          title: input.title,
          heldOn: input.heldOn,
          attendees: attendeeIds.length,
          photos: v.photoIds.length,
        },
      });
      await refreshUnits(trx, v.campaign.id, [org.id, ...(await repo.memberOrgIds(trx, attendeeIds))]);
      return id;
    });
  },

  async update(ctx: AppContext, actor: Actor, id: number, input: Partial<ActivityBody>) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', id);
      const org = await requireAccess(trx, actor, 'activity.write', 'org', input.orgId ?? a.org_id);
      const orgChanged = org.id !== a.org_id;
      if (input.notable !== undefined && input.notable !== (a.notable === 1) && !activityPolicy.markNotable(actor, org)) throw notableByLevelAbove();
      await idsInReach(trx, actor, input);
      const type = input.type ?? a.type;
      const before = await repo.attendeeIds(trx, id);
      const campaignId = input.campaignId ?? a.campaign_id;
      const v = await checked(
        trx,
        actor,
        org,
        {
          campaignId,
          orgId: org.id,
          type,
          // A type change drops what only the old type had (the form, the minutes) unless given again.
          form: input.form !== undefined ? input.form : type === 'party_education' ? a.form : null,
          title: input.title ?? a.title,
          heldOn: input.heldOn ?? a.held_on,
          place: input.place ?? a.place,
          summary: input.summary ?? a.summary,
          minutes: input.minutes !== undefined ? input.minutes : type === 'symposium' ? a.minutes : null,
          taskKeys: input.taskKeys ?? a.task_keys,
          photoIds: input.photoIds ?? a.photo_ids,
          attendeeIds: input.attendeeIds ?? (orgChanged ? before : null),
        },
        { date: input.heldOn !== undefined || campaignId !== a.campaign_id, photos: input.photoIds !== undefined || orgChanged },
      );
      // A hand edit never drops a QR check-in: removing one is its own audited request (checkin/).
      const qr = v.attendeeIds ? await repo.qrAttendeeIds(trx, id) : [];
      const after = v.attendeeIds ? [...new Set([...v.attendeeIds, ...qr])] : before;
      await repo.update(trx, id, {
        campaign_id: campaignId,
        org_id: org.id,
        org_path: org.path,
        type,
        form: v.form,
        title: input.title ?? a.title,
        held_on: input.heldOn ?? a.held_on,
        place: input.place ?? a.place,
        summary: input.summary ?? a.summary,
        minutes: v.minutes,
        task_keys: v.taskKeys,
        photo_ids: v.photoIds,
        notable: input.notable === undefined ? a.notable : input.notable ? 1 : 0,
        attendee_count: after.length,
        updated_at: nowIso(),
      });
      if (v.attendeeIds) await repo.setAttendance(trx, id, after);
      await linkDemoSiteVisit(trx, actor, id, type, input.demoSiteId);
      const added = after.filter((m) => !before.includes(m));
      const removed = before.filter((m) => !after.includes(m));
      await audit(trx, actor, {
        action: 'activity.update',
        targetType: 'activity',
        targetId: id,
        summary: {
          changed: Object.keys(input).filter((k) => k !== 'attendeeIds'),
          attendeesAdded: added.length,
          attendeesRemoved: removed.length,
          before: { campaignId: a.campaign_id, orgId: a.org_id, type: a.type, heldOn: a.held_on },
        },
      });
      if (campaignId !== a.campaign_id) {
        await refreshUnits(trx, a.campaign_id, [a.org_id, ...(await repo.memberOrgIds(trx, before))]);
        await refreshUnits(trx, campaignId, [org.id, ...(await repo.memberOrgIds(trx, after))]);
      } else {
        await refreshUnits(trx, campaignId, [a.org_id, org.id, ...(await repo.memberOrgIds(trx, [...added, ...removed]))]);
      }
    });
    return activityService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', id);
      const attendees = await repo.attendeeIds(trx, id);
      const orgs = await repo.memberOrgIds(trx, attendees);
      await repo.delete(trx, id);
      await audit(trx, actor, {
        action: 'activity.delete',
        targetType: 'activity',
        targetId: id,
        summary: { campaignId: a.campaign_id, orgId: a.org_id, type: a.type, title: a.title, heldOn: a.held_on, attendees: attendees.length },
      });
      await refreshUnits(trx, a.campaign_id, [a.org_id, ...orgs]);
    });
  },

  /** 亮点: picked by a unit above the activity's organization; the unit hears of it. */
  async setNotable(ctx: AppContext, actor: Actor, id: number, notable: boolean) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await requireAccess(trx, actor, 'activity.write', 'activity', id);
      if (!activityPolicy.markNotable(actor, { path: a.org_path })) throw notableByLevelAbove();
      if ((a.notable === 1) === notable) return;
      await repo.update(trx, id, { notable: notable ? 1 : 0 });
      await audit(trx, actor, {
        action: notable ? 'activity.mark_notable' : 'activity.unmark_notable',
        targetType: 'activity',
        targetId: id,
        summary: { orgId: a.org_id, title: a.title },
      });
      if (notable) {
        await notify(trx, {
          org: { id: a.org_id, path: a.org_path },
          kind: 'activity_notable',
          titleZh: `「${a.title}」被${actor.grant.orgName}评为亮点活动`,
          titleEn: `"${a.title}" was picked as a notable activity by ${actor.grant.orgName}`,
          link: `/activities/${id}`,
        });
      }
    });
    return activityService.get(ctx, actor, id);
  },
};
