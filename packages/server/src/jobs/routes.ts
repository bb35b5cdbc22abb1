import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, XLSX_MIME } from '../http/schemas.ts';
import { jobService } from './service.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { importIssuePage, job as jobSchema } from '@zx/contract/jobs';

const tags = ['任务 Jobs'];

export const jobRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id',
      {
        config: access('signedIn', { params: { id: 'job' } }),
        schema: { tags, summary: '任务状态与进度 Job status and progress', params: idParam, response: { 200: jobSchema } },
      },
      async (req) => jobService.get(ctx, requireActor(req), req.params.id),
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
          response: { 200: importIssuePage },
        },
      },
      async (req) => jobService.issues(ctx, requireActor(req), req.params.id, req.query, /^en/i.test(req.headers['accept-language'] ?? '')),
    );

    app.get(
      '/:id/issues/export',
      {
        config: access('signedIn', { params: { id: 'job' } }),
        schema: { tags, summary: '导出问题行 Error report (.xlsx)', params: idParam, response: { 200: binary(XLSX_MIME) } },
      },
      async (req, reply) => {
        const { filename, workbook } = await jobService.issuesWorkbook(ctx, requireActor(req), req.params.id);
        return reply.type(XLSX_MIME).header('content-disposition', attachment(filename)).send(workbook);
      },
    );

    app.post(
      '/:id/commit',
      {
        config: access(['member.write', 'org.structure'], { params: { id: 'job' } }),
        schema: {
          tags,
          summary: '确认导入 Commit a previewed import',
          params: idParam,
          body: z.object({ mode: z.enum(['all', 'valid_only']) }),
          response: { 202: jobSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await jobService.commit(ctx, requireActor(req), req.params.id, req.body.mode)),
    );
  };
