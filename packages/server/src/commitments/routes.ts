import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COMMITMENT_OUTCOME_CODES } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, isoDate, trimmed } from '../http/schemas.ts';
import { notFound } from '../http/errors.ts';
import { categoryCodes, commitmentRulesSchema, commitmentService } from './service.ts';
import { access } from '../access/guard.ts';
import { cadreList, cadreReportView, cadreYear, commitmentItem, commitmentItemRemoved, commitmentRules, reportFileDownload } from '@zx/contract/commitments';

const tags = ['承诺与述职 Commitments and year-end reports'];
const id = z.number().int().positive();
const year = z.coerce.number().int().min(2000).max(2100);
const cadreParams = z.object({ memberId: z.coerce.number().int().positive(), year });

const itemBody = z.object({
  text: trimmed(1, 2000),
  category: z.enum(categoryCodes).nullable().optional(),
  dueOn: isoDate.nullable().optional(),
});
const reportBody = z.object({
  content: z.string().max(50000),
  items: z
    .array(
      z.object({
        commitmentId: id,
        status: z.enum(COMMITMENT_OUTCOME_CODES).nullable().optional(),
        note: z.string().max(5000).nullable().optional(),
        activityIds: z.array(id).max(100).optional(),
        attachmentIds: z.array(id).max(100).optional(),
      }),
    )
    .max(100),
});

export const commitmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/rules',
      {
        config: access('commitment.read'),
        schema: {
          tags,
          summary: '承诺与述职的规则（字数、条数、提醒月份）Rules: lengths, number of commitments, reminder month',
          response: { 200: commitmentRules },
        },
      },
      async () => commitmentService.rules(ctx),
    );

    app.put(
      '/rules',
      {
        config: access('campaign.manage'),
        schema: {
          tags,
          summary: '修改规则（仅最高一级的组织管理员）Change the rules (top-level admin only)',
          body: commitmentRulesSchema,
          response: { 200: commitmentRules },
        },
      },
      async (req) => commitmentService.saveRules(ctx, requireActor(req), req.body),
    );

    app.get(
      '/cadres',
      {
        config: access('commitment.read', { query: { orgId: 'commitmentOrg' } }),
        schema: {
          tags,
          summary: "承诺公示：组织的团干部及其承诺、述职状态 An organization's cadres with their commitments and report state",
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            year,
            subtree: z.enum(['0', '1']).default('0'),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: cadreList },
        },
      },
      async (req) => {
        const { subtree, ...q } = req.query;
        return commitmentService.list(ctx, requireActor(req), { ...q, subtree: subtree === '1' });
      },
    );

    app.get(
      '/cadres/:memberId/:year',
      {
        config: access('commitment.read', { params: { memberId: 'cadre' } }),
        schema: {
          tags,
          summary: "团干部某年的承诺、公开历史和述职状态 A cadre's commitments, history and report state for a year",
          params: cadreParams,
          response: { 200: cadreYear },
        },
      },
      async (req) => commitmentService.get(ctx, requireActor(req), req.params.memberId, req.params.year),
    );

    app.post(
      '/cadres/:memberId/:year/items',
      {
        config: access('commitment.write', { params: { memberId: 'cadre' } }),
        schema: { tags, summary: '新增承诺（草稿）Add a commitment (draft)', params: cadreParams, body: itemBody, response: { 201: commitmentItem } },
      },
      async (req, reply) => reply.status(201).send(await commitmentService.addItem(ctx, requireActor(req), req.params.memberId, req.params.year, req.body)),
    );

    app.post(
      '/cadres/:memberId/:year/publish',
      {
        config: access('commitment.write', { params: { memberId: 'cadre' } }),
        schema: {
          tags,
          summary: '公开承诺（形成新版本，公开后不可修改）Publish the drafts as a new, frozen version',
          params: cadreParams,
          body: z.object({ note: z.string().trim().max(500).nullable().optional() }).optional(),
          response: { 200: cadreYear },
        },
      },
      async (req) => commitmentService.publish(ctx, requireActor(req), req.params.memberId, req.params.year, req.body?.note ?? null),
    );

    app.patch(
      '/items/:id',
      {
        config: access('commitment.write', { params: { id: 'commitmentItem' } }),
        schema: { tags, summary: '修改承诺草稿 Edit a draft commitment', params: idParam, body: itemBody.partial(), response: { 200: commitmentItem } },
      },
      async (req) => commitmentService.updateItem(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/items/:id',
      {
        config: access('commitment.write', { params: { id: 'commitmentItem' } }),
        schema: { tags, summary: '删除承诺草稿 Delete a draft commitment', params: idParam, response: { 200: commitmentItemRemoved } },
      },
      async (req) => {
        await commitmentService.removeItem(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/items/:id/revise',
      {
        config: access('commitment.write', { params: { id: 'commitmentItem' } }),
        schema: {
          tags,
          summary: '修订已公开的承诺（生成待公开的修订稿）Revise a published commitment (a draft that replaces it when published)',
          params: idParam,
          body: itemBody,
          response: { 201: commitmentItem },
        },
      },
      async (req, reply) => reply.status(201).send(await commitmentService.revise(ctx, requireActor(req), req.params.id, req.body)),
    );

    app.get(
      '/cadres/:memberId/:year/report',
      {
        config: access('commitment.read', { params: { memberId: 'cadre' } }),
        schema: {
          tags,
          summary: '述职报告（本组织团员可读；记录已阅）The year-end report (members of the organization read it; records a read receipt)',
          params: cadreParams,
          response: { 200: cadreReportView },
        },
      },
      async (req) => commitmentService.report(ctx, requireActor(req), req.params.memberId, req.params.year),
    );

    app.put(
      '/cadres/:memberId/:year/report',
      {
        config: access('commitment.write', {
          params: { memberId: 'cadre' },
          body: { 'items[].commitmentId': 'commitmentItem', 'items[].activityIds[]': 'activity', 'items[].attachmentIds[]': 'attachment' },
        }),
        schema: { tags, summary: '保存述职报告草稿 Save the report draft', params: cadreParams, body: reportBody, response: { 200: cadreReportView } },
      },
      async (req) => commitmentService.saveReport(ctx, requireActor(req), req.params.memberId, req.params.year, req.body),
    );

    app.post(
      '/cadres/:memberId/:year/report/submit',
      {
        config: access('commitment.write', {
          params: { memberId: 'cadre' },
          body: { 'items[].commitmentId': 'commitmentItem', 'items[].activityIds[]': 'activity', 'items[].attachmentIds[]': 'attachment' },
        }),
        schema: {
          tags,
          summary: '提交述职报告（每项承诺须有完成情况）Submit the report (every commitment needs a status)',
          params: cadreParams,
          body: reportBody.partial().optional(),
          response: { 200: cadreReportView },
        },
      },
      async (req) => commitmentService.submitReport(ctx, requireActor(req), req.params.memberId, req.params.year, req.body),
    );

    // The file is reached through the report, not by its own right (a member reads the files of a
    // report they may read, not the attachment itself): the service serves only a file the report
    // legitimately holds — listed in an item and stored under the cadre's organization.
    app.get(
      '/cadres/:memberId/:year/report/files/:attachmentId',
      {
        config: access('commitment.read', { params: { memberId: 'cadre' } }),
        schema: {
          tags,
          summary: '述职报告的佐证附件 A file given as evidence in the report',
          params: cadreParams.extend({ attachmentId: z.coerce.number().int().positive() }),
          querystring: z.object({ thumb: z.enum(['0', '1']).default('0') }),
          response: { 200: reportFileDownload },
        },
      },
      async (req, reply) => {
        const f = await commitmentService.reportFile(ctx, requireActor(req), req.params.memberId, req.params.year, req.params.attachmentId);
        const thumb = req.query.thumb === '1';
        if (thumb && !f.thumb_hash) throw notFound({ zh: '缩略图', en: 'Thumbnail' });
        const disposition = attachment(f.name);
        return (
          reply
            .type(thumb ? 'image/webp' : f.mime)
            .header('content-disposition', f.mime.startsWith('image/') ? disposition.replace(/^attachment/, 'inline') : disposition)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, max-age=86400')
            // Bytes, not JSON: the stream bypasses the serializer (the contract documents it as binary).
            .send(ctx.files.read(thumb ? f.thumb_hash! : f.hash))
        );
      },
    );
  };
