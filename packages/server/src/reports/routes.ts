import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, isoDate, trimmed, XLSX_MIME } from '../http/schemas.ts';
import { createXlsxStream } from '../imports/xlsx.ts';
import { reportService } from './service.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { reportDetail, reportList, reportSubmission } from '@zx/contract/reports';

const tags = ['书面汇报 Written reports'];
const id = z.coerce.number().int().positive();
const params = z.object({ id });
const submissionParams = z.object({ id, orgId: id });
const paging = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
const boardStatus = z.enum(['submitted', 'late', 'missing', 'pending']);

const STATUS_ZH = { submitted: '按时提交', late: '逾期提交', missing: '逾期未交', pending: '待提交' } as const;

export const reportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/',
      {
        config: access('report.request', { body: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '向下级组织发起书面汇报 Ask units below for a written report',
          body: z.object({
            orgId: id,
            campaignId: id.nullable().optional(),
            taskKey: z.string().max(60).nullable().optional(),
            title: trimmed(1, 100),
            guidance: z.string().trim().max(5000).default(''),
            dueOn: isoDate,
            filter: z
              .object({ types: z.array(z.string().max(40)).max(20).optional(), depth: z.number().int().min(1).max(10).nullable().optional() })
              .default({}),
          }),
          response: { 201: reportDetail },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { filter, ...body } = req.body;
        const { id: created } = await reportService.create(ctx, actor, { ...body, filter: { types: filter.types, depth: filter.depth ?? undefined } });
        return reply.status(201).send(await reportService.get(ctx, actor, created, { page: 1, pageSize: 20 }));
      },
    );

    app.get(
      '/',
      {
        config: access('report.read', { query: { campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '发出的 / 收到的书面汇报 Requests sent by my subtree or addressed to my unit',
          querystring: z.object({ box: z.enum(['sent', 'received']).default('received'), campaignId: id.optional(), ...paging }),
          response: { 200: reportList },
        },
      },
      async (req) => reportService.list(ctx, requireActor(req), req.query),
    );

    app.get(
      '/:id',
      {
        config: access('report.read', { params: { id: 'reportRequest' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: "汇报详情：发起方看进度看板，被要求单位看本单位的汇报 The board (requesting side) or one unit's own submission",
          params,
          querystring: z.object({ orgId: id.optional(), status: boardStatus.optional(), ...paging }),
          response: { 200: reportDetail },
        },
      },
      async (req) => reportService.get(ctx, requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/:id/export',
      {
        config: access('report.read', { params: { id: 'reportRequest' } }),
        schema: { tags, summary: '导出进度看板 Export the board (.xlsx)', params, response: { 200: binary(XLSX_MIME) } },
      },
      async (req, reply) => {
        const { request, rows } = await reportService.exportRows(ctx, requireActor(req), req.params.id);
        const xlsx = createXlsxStream('汇报进度', [
          { header: '单位', width: 28 },
          { header: '上级组织', width: 24 },
          { header: '第一责任人', width: 12 },
          { header: '状态', width: 10 },
          { header: '提交时间', width: 22 },
          { header: '批阅意见', width: 40 },
        ]);
        void (async () => {
          for (const r of rows)
            xlsx.addRow([r.name, r.parent_name ?? '', r.responsible_person ?? '', STATUS_ZH[r.boardStatus], r.submitted_at ?? '', r.review_comment ?? '']);
          await xlsx.finish();
        })().catch((e) => xlsx.stream.destroy(e));
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', attachment(`${request.title}-汇报进度.xlsx`))
          .send(xlsx.stream);
      },
    );

    app.get(
      '/:id/submissions/:orgId',
      {
        config: access('report.read', { params: { id: 'reportRequest', orgId: 'org' } }),
        schema: { tags, summary: "一个单位的汇报 One unit's submission", params: submissionParams, response: { 200: reportSubmission } },
      },
      async (req) => reportService.submission(ctx, requireActor(req), req.params.id, req.params.orgId),
    );

    app.put(
      '/:id/submissions/:orgId',
      {
        config: access('report.submit', { params: { id: 'reportRequest', orgId: 'org' }, body: { 'attachmentIds[]': 'attachment' } }),
        schema: {
          tags,
          summary: '保存草稿或提交汇报 Save a draft or submit the report',
          params: submissionParams,
          body: z.object({ content: z.string().max(20_000).default(''), attachmentIds: z.array(id).max(20).default([]), submit: z.boolean().default(false) }),
          response: { 200: reportSubmission },
        },
      },
      async (req) => reportService.save(ctx, requireActor(req), req.params.id, req.params.orgId, req.body),
    );

    app.post(
      '/:id/submissions/:orgId/review',
      {
        config: access('report.request', { params: { id: 'reportRequest', orgId: 'org' } }),
        schema: {
          tags,
          summary: '批阅意见（发起方）Review comment (requesting side)',
          params: submissionParams,
          body: z.object({ comment: trimmed(1, 2000) }),
          response: { 200: reportSubmission },
        },
      },
      async (req) => reportService.review(ctx, requireActor(req), req.params.id, req.params.orgId, req.body.comment),
    );
  };
