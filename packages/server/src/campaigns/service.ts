import { currentPhase, isoToday, validatePhaseDates, validateTemplate, type CampaignTemplate, type PhaseDates } from '@zx/domain';
import type { Campaign, Template } from '@zx/contract/campaigns';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { findAccessible, notFoundIn, outOfScope, requireAccess, requireRole, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { orgRepository } from '../orgs/repository.ts';
import { campaignRepository as repo } from './repository.ts';
import { refreshCampaign } from './rollup.ts';
import { campaignPolicy } from './policy.ts';
import type { CampaignModel, TemplateModel } from './model.ts';

/** A campaign as the API shows it to `actor`, with the phase in force today. */
export function presentCampaign(c: CampaignModel, actor: Actor, today = isoToday()): Campaign {
  const { definition, dates } = c;
  const byDate = currentPhase(dates, today);
  const phaseKey = c.manualPhaseKey ?? byDate?.key ?? null;
  const phase = dates.find((d) => d.key === phaseKey);
  return {
    id: c.id,
    name: c.name,
    slogan: c.slogan,
    orgId: c.orgId,
    orgName: c.orgName,
    templateId: c.templateId,
    phases: definition.phases.map((p) => ({
      key: p.key,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      descriptionZh: p.descriptionZh,
      taskCount: p.tasks.length,
      ...dates.find((d) => d.key === p.key),
    })),
    currentPhase: phaseKey,
    phaseMode: c.manualPhaseKey ? 'manual' : 'dates',
    daysLeft: phase ? Math.max(0, Math.round((Date.parse(phase.endsOn) - Date.parse(today)) / 86_400_000)) : null,
    status: today < dates[0]?.startsOn ? 'upcoming' : today > dates[dates.length - 1]?.endsOn && !c.manualPhaseKey ? 'finished' : 'running',
    clonedFromId: c.clonedFromId,
    createdAt: c.createdAt,
    /** Launched at the actor's organization or below it: the actor may reschedule and clone it. */
    canManage: campaignPolicy.manage(actor, c),
  };
}

function presentTemplate(t: TemplateModel): Template {
  return { id: t.id, key: t.key, nameZh: t.nameZh, nameEn: t.nameEn, builtin: t.builtin, definition: t.definition, updatedAt: t.updatedAt };
}

function checkedDates(definition: CampaignTemplate, phases: PhaseDates[]) {
  const r = validatePhaseDates(definition, phases);
  if (!r.ok) throw validationFailed(r.errors);
  return r.value;
}

export const campaignService = {
  /** Templates are read by whoever launches campaigns (campaign.manage) and by the system admin who edits them. */
  async templates(ctx: AppContext, actor: Actor) {
    if (!campaignPolicy.templateReader(actor)) throw forbidden();
    return (await repo.templates(ctx.db)).map(presentTemplate);
  },

  async template(ctx: AppContext, actor: Actor, id: number) {
    return presentTemplate(await requireAccess(ctx.db, actor, campaignPolicy.templateReader(actor) ?? 'template.write', 'template', id));
  },

  /** Templates are shared by the whole deployment: only the system admin, at the top of the tree, edits them. */
  async updateTemplate(ctx: AppContext, actor: Actor, id: number, definition: CampaignTemplate) {
    requireRole(actor, 'template.write');
    if (!campaignPolicy.editTemplate(actor)) throw forbidden();
    const types = (await orgRepository.types(ctx.db)).map((t) => t.code);
    const errors = validateTemplate(definition, types);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const t = await requireAccess(trx, actor, 'template.write', 'template', id);
      await repo.updateTemplate(trx, id, { definition: { ...definition, key: t.key }, updatedAt: nowIso(), updatedBy: actor.userId });
      await audit(trx, actor, {
        action: 'template.update',
        targetType: 'campaign_template',
        targetId: id,
        summary: { phases: definition.phases.map((p) => `${p.key}:${p.tasks.length}`) },
      });
    });
    return campaignService.template(ctx, actor, id);
  },

  async list(ctx: AppContext, actor: Actor) {
    return (await repo.listVisible(ctx.db, scopeRoot(actor, 'campaign.read'), 200)).map((c) => presentCampaign(c, actor));
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    return presentCampaign(await requireAccess(ctx.db, actor, 'campaign.read', 'campaign', id), actor);
  },

  /** Launches a campaign from a template at an organization; it covers that subtree. */
  async create(
    ctx: AppContext,
    actor: Actor,
    input: { templateId: number; orgId: number; name: string; slogan?: string | null; phases: PhaseDates[]; clonedFromId?: number | null },
  ) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'campaign.manage', 'org', input.orgId);
      const t = await findAccessible(trx, actor, 'campaign.manage', 'template', input.templateId);
      if (!t) throw notFoundIn('template', [outOfScope('templateId', 'template')]);
      const dates = checkedDates(t.definition, input.phases);
      const { id } = await repo.insert(trx, {
        templateId: t.id,
        orgId: org.id,
        orgPath: org.path,
        name: input.name,
        slogan: input.slogan ?? null,
        definition: t.definition,
        dates,
        clonedFromId: input.clonedFromId ?? null,
        createdAt: nowIso(),
        createdBy: actor.userId,
      });
      await audit(trx, actor, {
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: id,
        summary: { name: input.name, orgId: org.id, templateId: t.id, phases: dates, clonedFromId: input.clonedFromId ?? null },
      });
      return id;
    });
  },

  async updateSchedule(ctx: AppContext, actor: Actor, id: number, input: { phases?: PhaseDates[]; manualPhaseKey?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'campaign.manage', 'campaign', id);
      const { definition } = c;
      const dates = input.phases ? checkedDates(definition, input.phases) : null;
      if (input.manualPhaseKey && !definition.phases.some((p) => p.key === input.manualPhaseKey)) {
        throw validationFailed([{ field: 'manualPhaseKey', code: 'PHASE_UNKNOWN', message: { zh: '没有这个阶段', en: 'No such phase' } }]);
      }
      await repo.updateSchedule(trx, id, { dates, manualPhaseKey: input.manualPhaseKey, updatedAt: nowIso() });
      // Activity evidence counts activities held within a task's phase: new dates, new figures.
      if (dates) await refreshCampaign(trx, id);
      await audit(trx, actor, {
        action: input.manualPhaseKey !== undefined ? 'campaign.switch_phase' : 'campaign.schedule',
        targetType: 'campaign',
        targetId: id,
        summary: {
          before: { phases: c.dates, manualPhaseKey: c.manualPhaseKey },
          after: { phases: dates ?? undefined, manualPhaseKey: input.manualPhaseKey },
        },
      });
    });
    return campaignService.get(ctx, actor, id);
  },

  /** Next year's campaign (长效机制): same organization, the template as it stands now, new dates. */
  async clone(ctx: AppContext, actor: Actor, id: number, input: { name: string; slogan?: string | null; phases: PhaseDates[] }) {
    const c = await requireAccess(ctx.db, actor, 'campaign.manage', 'campaign', id);
    return campaignService.create(ctx, actor, {
      templateId: c.templateId,
      orgId: c.orgId,
      name: input.name,
      slogan: input.slogan ?? c.slogan,
      phases: input.phases,
      clonedFromId: c.id,
    });
  },
};
