import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, isoDate, okResponse, trimmed } from '../http/schemas.ts';
import { bulletinService } from './service.ts';
import { locatePdfFonts } from './pdf.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { bulletin, bulletinList } from '@zx/contract/bulletins';

const tags = ['通报 Bulletins'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FORMULA =
  '完成度得分 Completion score (0–100) = 100 × Σ wᵢ·rᵢ / Σ wᵢ over the parts that apply: ' +
  'tasks r = tasksDone/tasksRequired (default w 0.5), plans r = plansApproved/plansRequired (0.2), ' +
  'participation r = participants/members (0.2), activities r = min(1, activities / units / activityTarget) (0.1, target 2 per unit). ' +
  'Weights are non-negative and add up to 1 (± 0.001). See docs/bulletins.md.';

/** Checked by the domain rule (validateScoreWeights) for bilingual field errors. */
const weight = z.number();
const paragraph = z.string().max(5000);

export const bulletinRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Find the PDF font at start-up (cached); a missing font is reported when a PDF is asked for.
    const fonts = locatePdfFonts();
    if (!fonts) app.log.warn('No CJK font found for bulletin PDFs: install fonts-noto-cjk or set ZX_PDF_FONT');

    app.get(
      '/',
      {
        config: access('bulletin.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '通报列表（草稿仅本级及上级的通报管理者可见；已发布的下级单位均可见）Bulletins I can read',
          querystring: z.object({
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            status: z.enum(['draft', 'published']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: bulletinList },
        },
      },
      async (req) => bulletinService.list(ctx, requireActor(req), req.query),
    );

    app.post(
      '/',
      {
        config: access('bulletin.write', { body: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '生成通报草稿 Generate a draft bulletin',
          description: FORMULA,
          body: z.object({
            campaignId: z.number().int().positive(),
            orgId: z.number().int().positive(),
            periodFrom: isoDate,
            periodTo: isoDate,
            weights: z.object({ tasks: weight, plans: weight, participation: weight, activities: weight, activityTarget: z.number() }).partial().optional(),
          }),
          response: { 201: bulletin },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await bulletinService.generate(ctx, actor, req.body);
        return reply.status(201).send(await bulletinService.get(ctx, actor, id));
      },
    );

    app.get(
      '/:id',
      {
        config: access('bulletin.read', { params: { id: 'bulletin' } }),
        schema: { tags, summary: '通报详情 A bulletin', params: idParam, response: { 200: bulletin } },
      },
      async (req) => bulletinService.get(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/:id',
      {
        config: access('bulletin.write', { params: { id: 'bulletin' }, body: { 'highlightIds[]': 'activity' } }),
        schema: {
          tags,
          summary: '修改草稿（标题、段落、亮点）Edit a draft (title, paragraphs, highlights)',
          params: idParam,
          body: z.object({
            title: trimmed(1, 200).optional(),
            addressee: z.string().max(200).optional(),
            opening: paragraph.optional(),
            overviewText: paragraph.optional(),
            requirements: z.array(paragraph).max(20).optional(),
            closing: paragraph.optional(),
            signature: z.string().max(100).optional(),
            dateLine: z.string().max(40).optional(),
            highlightIds: z.array(z.number().int().positive()).max(100).optional(),
          }),
          response: { 200: bulletin },
        },
      },
      async (req) => bulletinService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/:id/number',
      {
        config: access('bulletin.write', { params: { id: 'bulletin' } }),
        schema: {
          tags,
          summary: '编号（本单位本年度下一号）Number it: the next 〔YYYY〕N号 of the organization',
          params: idParam,
          body: z.object({ prefix: z.string().max(40).nullable().optional() }),
          response: { 200: bulletin },
        },
      },
      async (req) => bulletinService.number(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/:id/publish',
      {
        config: access('bulletin.write', { params: { id: 'bulletin' } }),
        schema: { tags, summary: '发布（通知全部下级）Publish to the subtree (one inbox notice)', params: idParam, response: { 200: bulletin } },
      },
      async (req) => bulletinService.publish(ctx, requireActor(req), req.params.id),
    );

    app.delete(
      '/:id',
      {
        config: access('bulletin.write', { params: { id: 'bulletin' } }),
        schema: { tags, summary: '删除草稿 Delete a draft', params: idParam, response: { 200: okResponse } },
      },
      async (req) => {
        await bulletinService.remove(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/:id/docx',
      {
        config: access('bulletin.read', { params: { id: 'bulletin' } }),
        schema: { tags, summary: '下载 Word（GB/T 9704 版式）Download .docx', params: idParam, response: { 200: binary(DOCX_MIME) } },
      },
      async (req, reply) => {
        const { content, filename } = await bulletinService.download(ctx, requireActor(req), req.params.id, 'docx');
        return reply.header('content-type', DOCX_MIME).header('content-disposition', attachment(filename)).send(content);
      },
    );

    app.get(
      '/:id/pdf',
      {
        config: access('bulletin.read', { params: { id: 'bulletin' } }),
        schema: {
          tags,
          summary: '下载 PDF（内嵌中文字体）Download PDF with an embedded CJK font',
          description: '503 PDF_FONT_MISSING when the server has no CJK font (install fonts-noto-cjk or set ZX_PDF_FONT).',
          params: idParam,
          response: { 200: binary('application/pdf') },
        },
      },
      async (req, reply) => {
        const { content, filename } = await bulletinService.download(ctx, requireActor(req), req.params.id, 'pdf');
        return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(filename)).send(content);
      },
    );
  };
