import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, XLSX_MIME } from '../http/schemas.ts';
import { buildWorkbook } from '../imports/xlsx.ts';
import { jobService } from './service.ts';
import { presentJob } from './presenter.ts';
import { access } from '../access/guard.ts';

const tags = ['任务 Jobs'];

export const jobRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id',
      { config: access('signedIn', { params: { id: 'job' } }), schema: { tags, summary: '任务状态与进度 Job status and progress', params: idParam } },
      async (req) => presentJob(await jobService.get(ctx, requireActor(req), req.params.id)),
    );

    app.get(
      '/:id/issues',
      {
        config: access('signedIn', { params: { id: 'job' } }),
        schema: {
          tags,
          summary: '导入问题行 Import issues',
          params: idParam,
          querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
        },
      },
      async (req) => {
        const en = /^en/i.test(req.headers['accept-language'] ?? '');
        const { rows, total } = await jobService.issues(ctx, requireActor(req), req.params.id, req.query);
        return {
          items: rows.map((r) => ({
            rowNumber: r.row_number,
            field: r.field,
            code: r.code,
            message: en ? r.message_en : r.message_zh,
            messages: { zh: r.message_zh, en: r.message_en },
          })),
          total,
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    );

    app.get(
      '/:id/issues/export',
      { config: access('signedIn', { params: { id: 'job' } }), schema: { tags, summary: '导出问题行 Error report (.xlsx)', params: idParam } },
      async (req, reply) => {
        const { job, rows } = await jobService.issuesForExport(ctx, requireActor(req), req.params.id);
        const buf = await buildWorkbook([
          {
            name: '问题行',
            widths: [10, 16, 28, 70, 70],
            rows: [['行号', '列', '错误代码', '问题说明', 'Problem'], ...rows.map((r) => [r.row_number, r.field, r.code, r.message_zh, r.message_en])],
          },
        ]);
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', attachment(`导入问题清单-${job.id}.xlsx`))
          .send(buf);
      },
    );

    app.post(
      '/:id/commit',
      {
        config: access(['member.write', 'org.structure'], { params: { id: 'job' } }),
        schema: { tags, summary: '确认导入 Commit a previewed import', params: idParam, body: z.object({ mode: z.enum(['all', 'valid_only']) }) },
      },
      async (req, reply) => {
        const job = await jobService.commit(ctx, requireActor(req), req.params.id, req.body.mode);
        return reply.status(202).send(presentJob(job));
      },
    );
  };
