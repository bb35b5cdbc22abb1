import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HONOUR_KINDS, type HonourKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, isoDate } from '../http/schemas.ts';
import { honourService as svc } from './service.ts';
import { honourDataService as data } from './data.ts';
import { honourSettingsSchema } from './settings.ts';
import { certificatesPdf } from './certificates.ts';
import { access } from '../access/guard.ts';
import { binary, ok } from '@zx/contract/common';
import {
  candidateAdded,
  duesList,
  eligibleList,
  heldHonours,
  honourRound,
  honourSettingsPage,
  objectionRaised,
  roundList,
  volunteerHoursList,
  volunteerHoursSaved,
} from '@zx/contract/honours';

const tags = ['两红两优 Honours'];
/** Honours pages: in scope (honour.read), or a public notice covering one's organization (honour.notice, a plain member too). */
const READ = ['honour.read', 'honour.notice'] as const;
/** Awards: in scope (honour.read), or one's own (self.read, a plain member too). */
const OWN_AWARDS = ['honour.read', 'self.read'] as const;
const id = z.number().int().positive();
const kind = z.enum(HONOUR_KINDS);
const year = z.coerce.number().int().min(2000).max(2100);
const quotaPercent = z
  .object(Object.fromEntries(HONOUR_KINDS.map((k) => [k, z.number().optional()])) as Record<HonourKind, z.ZodOptional<z.ZodNumber>>)
  .partial();

const roundBody = z.object({
  orgId: id.optional(),
  name: z.string().max(200),
  year: z.number().int(),
  referenceDate: z.string().max(20),
  kinds: z.array(kind).max(4),
  quotaPercent: quotaPercent.optional(),
  noticeDays: z.number().int().optional(),
  requireLowerTitle: z.boolean().optional(),
  campaignId: id.nullable().optional(),
});

export const honourRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/settings',
      {
        config: access(READ),
        schema: { tags, summary: '两红两优评选规则设置 Honour rules and quotas (defaults for new rounds)', response: { 200: honourSettingsPage } },
      },
      async (req) => svc.settings(ctx, requireActor(req)),
    );
    app.put(
      '/settings',
      {
        config: access('honour.manage'),
        schema: {
          tags,
          summary: '修改评选规则（顶层组织）Change the honour rules (top of the tree)',
          body: honourSettingsSchema,
          response: { 200: honourSettingsPage },
        },
      },
      async (req) => svc.saveSettings(ctx, requireActor(req), req.body),
    );

    app.get(
      '/rounds',
      {
        config: access(READ, { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '评选列表（可见的）Honour rounds I may see',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            status: z.enum(['draft', 'recommending', 'notice', 'final']).optional(),
            year: year.optional(),
          }),
          response: { 200: roundList },
        },
      },
      async (req) => svc.list(ctx, requireActor(req), req.query),
    );

    app.post(
      '/rounds',
      {
        config: access('honour.manage', { body: { orgId: 'org', campaignId: 'campaign' } }),
        schema: { tags, summary: '创建评选 Create an honour round', body: roundBody, response: { 201: honourRound } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const newId = await svc.create(ctx, actor, req.body);
        return reply.status(201).send(await svc.get(ctx, actor, newId));
      },
    );

    app.get(
      '/rounds/:id',
      {
        config: access(READ, { params: { id: 'honourRound' } }),
        schema: { tags, summary: '评选详情：名额、候选名单、异议、最终名单 Round page', params: idParam, response: { 200: honourRound } },
      },
      async (req) => svc.get(ctx, requireActor(req), req.params.id),
    );

    app.patch(
      '/rounds/:id',
      {
        config: access('honour.manage', { params: { id: 'honourRound' }, body: { campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '修改评选设置（公示前）Change the round before the notice',
          params: idParam,
          body: roundBody.omit({ orgId: true, year: true }).partial(),
          response: { 200: honourRound },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await svc.update(ctx, actor, req.params.id, req.body);
        return svc.get(ctx, actor, req.params.id);
      },
    );

    app.get(
      '/rounds/:id/eligible',
      {
        config: access('honour.manage', { params: { id: 'honourRound' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '符合条件的对象（逐条规则核验）Eligible members or units with every rule checked',
          params: idParam,
          querystring: z.object({
            kind,
            orgId: z.coerce.number().int().positive().optional(),
            all: z.enum(['0', '1']).default('0'),
            q: z.string().trim().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          }),
          response: { 200: eligibleList },
        },
      },
      async (req) => svc.eligible(ctx, requireActor(req), req.params.id, { ...req.query, all: req.query.all === '1' }),
    );

    app.post(
      '/rounds/:id/candidates',
      {
        config: access('honour.manage', { params: { id: 'honourRound' }, body: { memberId: 'member', orgId: 'org' } }),
        schema: {
          tags,
          summary: '列入候选名单（本级）或推荐（下级）Add a candidate, or recommend one from below',
          params: idParam,
          body: z.object({ kind, memberId: id.nullable().optional(), orgId: id.nullable().optional(), note: z.string().max(1000).nullable().optional() }),
          response: { 201: candidateAdded },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const candidateId = await svc.addCandidate(ctx, actor, req.params.id, req.body);
        return reply.status(201).send({ id: candidateId, round: await svc.get(ctx, actor, req.params.id) });
      },
    );

    app.post(
      '/rounds/:id/open-recommendations',
      {
        config: access('honour.manage', { params: { id: 'honourRound' } }),
        schema: { tags, summary: '开放下级推荐 Open recommendations to the organizations below', params: idParam, response: { 200: honourRound } },
      },
      async (req) => {
        const actor = requireActor(req);
        await svc.openRecommendations(ctx, actor, req.params.id);
        return svc.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/rounds/:id/publish',
      {
        config: access('honour.manage', { params: { id: 'honourRound' } }),
        schema: {
          tags,
          summary: '发布公示 Publish the candidate list for public notice',
          params: idParam,
          body: z.object({ startsOn: isoDate.optional() }),
          response: { 200: honourRound },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await svc.publish(ctx, actor, req.params.id, req.body.startsOn);
        return svc.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/rounds/:id/finalize',
      {
        config: access('honour.manage', { params: { id: 'honourRound' } }),
        schema: { tags, summary: '确定最终名单（公示期满且异议处理完毕）Finalize after the notice', params: idParam, response: { 200: honourRound } },
      },
      async (req) => {
        const actor = requireActor(req);
        await svc.finalize(ctx, actor, req.params.id);
        return svc.get(ctx, actor, req.params.id);
      },
    );

    app.get(
      '/rounds/:id/certificates.pdf',
      {
        config: access('honour.manage', { params: { id: 'honourRound' } }),
        schema: { tags, summary: '全部荣誉证书（PDF）All certificates of the round', params: idParam, response: { 200: binary('application/pdf') } },
      },
      async (req, reply) => {
        const { roundName, certificates } = await svc.roundCertificates(ctx, requireActor(req), req.params.id);
        const pdf = await certificatesPdf(certificates, roundName);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', attachment(`${roundName}-荣誉证书.pdf`))
          .send(pdf);
      },
    );

    app.post(
      '/candidates/:id/decide',
      {
        config: access('honour.manage', { params: { id: 'honourCandidate' } }),
        schema: {
          tags,
          summary: '采纳或不采纳下级推荐 Accept or turn down a recommendation',
          params: idParam,
          body: z.object({ decision: z.enum(['accept', 'reject']) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await svc.decide(ctx, requireActor(req), req.params.id, req.body.decision);
        return { ok: true as const };
      },
    );

    app.post(
      '/candidates/:id/remove',
      {
        config: access('honour.manage', { params: { id: 'honourCandidate' } }),
        schema: { tags, summary: '移出名单（公示前）Take off the list before the notice', params: idParam, response: { 200: ok } },
      },
      async (req) => {
        await svc.remove(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/candidates/:id/objections',
      {
        config: access('honour.notice', { params: { id: 'honourCandidate' } }),
        schema: {
          tags,
          summary: '对公示对象提出异议（实名，仅评选单位可见）Raise an objection during the notice',
          params: idParam,
          body: z.object({ reason: z.string().max(2000), contact: z.string().max(200).nullable().optional() }),
          response: { 201: objectionRaised },
        },
      },
      async (req, reply) => reply.status(201).send({ id: await svc.object(ctx, requireActor(req), req.params.id, req.body) }),
    );

    app.post(
      '/objections/:id/handle',
      {
        config: access('honour.manage', { params: { id: 'honourObjection' } }),
        schema: {
          tags,
          summary: '处理异议并答复（属实则撤销候选资格）Handle an objection and reply',
          params: idParam,
          body: z.object({ decision: z.enum(['upheld', 'dismissed']), reply: z.string().max(2000) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await svc.handle(ctx, requireActor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    app.get(
      '/awards',
      {
        config: access(OWN_AWARDS, { query: { memberId: 'member', orgId: 'org' } }),
        schema: {
          tags,
          summary: '团员或组织获得的荣誉 Honours of a member or a unit',
          querystring: z.object({ memberId: z.coerce.number().int().positive().optional(), orgId: z.coerce.number().int().positive().optional() }),
          response: { 200: heldHonours },
        },
      },
      async (req) => svc.history(ctx, requireActor(req), req.query),
    );

    app.get(
      '/awards/:id/certificate.pdf',
      {
        config: access(OWN_AWARDS, { params: { id: 'honourAward' } }),
        schema: { tags, summary: '荣誉证书（PDF，内嵌中文字体）Certificate', params: idParam, response: { 200: binary('application/pdf') } },
      },
      async (req, reply) => {
        const certificate = await svc.awardCertificate(ctx, requireActor(req), req.params.id);
        const pdf = await certificatesPdf([certificate], `${certificate.name}-${certificate.certificateNo}`);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', attachment(`荣誉证书-${certificate.certificateNo}.pdf`))
          .send(pdf);
      },
    );

    app.get(
      '/volunteer-hours',
      {
        config: access('member.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '志愿服务时长（本组织团员，按年度）Volunteer hours of the members of a unit',
          querystring: z.object({ orgId: z.coerce.number().int().positive(), year }),
          response: { 200: volunteerHoursList },
        },
      },
      async (req) => data.volunteerHours(ctx, requireActor(req), req.query),
    );

    app.put(
      '/volunteer-hours',
      {
        config: access('member.write', { body: { orgId: 'org', 'entries[].memberId': 'member' } }),
        schema: {
          tags,
          summary: '批量填报志愿服务时长 Save a year of volunteer hours',
          body: z.object({ orgId: id, year: z.number().int(), entries: z.array(z.object({ memberId: id, hours: z.number().nullable() })).max(1000) }),
          response: { 200: volunteerHoursSaved },
        },
      },
      async (req) => data.saveVolunteerHours(ctx, requireActor(req), req.body),
    );

    app.get(
      '/dues',
      {
        config: access('honour.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '团费收缴情况（本组织及直属下级）Dues of a unit and its children',
          querystring: z.object({ orgId: z.coerce.number().int().positive(), year }),
          response: { 200: duesList },
        },
      },
      async (req) => data.dues(ctx, requireActor(req), req.query),
    );

    app.put(
      '/dues',
      {
        config: access('org.write', { body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: "填报团费收缴 Save a unit's dues for a year",
          body: z.object({ orgId: id, year: z.number().int(), membersDue: z.number().int(), membersInArrears: z.number().int() }),
          response: { 200: ok },
        },
      },
      async (req) => data.saveDues(ctx, requireActor(req), req.body),
    );
  };
