import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, XLSX_MIME } from '../http/schemas.ts';
import { conflict } from '../http/errors.ts';
import { requireAccess } from '../access/index.ts';
import { buildWorkbook } from '../imports/xlsx.ts';
import { audit } from '../audit/service.ts';
import { jobRepository } from './repository.ts';
import { presentJob } from './presenter.ts';
import { access } from '../access/guard.ts';
import { download } from '../http/download.ts';
import { importIssuePage, job as jobSchema } from '@zx/contract/jobs';

const tags = ['任务 Jobs'];

/** Jobs are private to the account that started them. */
const ownJob = (ctx: AppContext, actor: Actor, id: number) => requireAccess(ctx.db, actor, null, 'job', id);

const issuesOf = (ctx: AppContext, jobId: number) => ctx.db.selectFrom('import_issue').where('job_id', '=', jobId);

export const jobRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id',
      {
        config: access('signedIn', { params: { id: 'job' } }),
        schema: { tags, summary: '任务状态与进度 Job status and progress', params: idParam, response: { 200: jobSchema } },
      },
      async (req) => presentJob(await ownJob(ctx, requireActor(req), req.params.id)),
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
      async (req) => {
        const job = await ownJob(ctx, requireActor(req), req.params.id);
        const en = /^en/i.test(req.headers['accept-language'] ?? '');
        const [rows, total] = await Promise.all([
          issuesOf(ctx, job.id)
            .selectAll()
            .orderBy('row_number')
            .orderBy('field')
            .limit(req.query.pageSize)
            .offset((req.query.page - 1) * req.query.pageSize)
            .execute(),
          issuesOf(ctx, job.id)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow(),
        ]);
        return {
          items: rows.map((r) => ({
            rowNumber: r.row_number,
            field: r.field,
            code: r.code,
            message: en ? r.message_en : r.message_zh,
            messages: { zh: r.message_zh, en: r.message_en },
          })),
          total: Number(total.n),
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    );

    app.get(
      '/:id/issues/export',
      {
        config: access('signedIn', { params: { id: 'job' } }),
        schema: { tags, summary: '导出问题行 Error report (.xlsx)', params: idParam, response: { 200: download(XLSX_MIME) } },
      },
      async (req, reply) => {
        const job = await ownJob(ctx, requireActor(req), req.params.id);
        const rows = await issuesOf(ctx, job.id).selectAll().orderBy('row_number').limit(100_000).execute();
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
        schema: {
          tags,
          summary: '确认导入 Commit a previewed import',
          params: idParam,
          body: z.object({ mode: z.enum(['all', 'valid_only']) }),
          response: { 202: jobSchema },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const job = await ownJob(ctx, actor, req.params.id);
        const params = JSON.parse(job.params);
        const result = job.result ? JSON.parse(job.result) : null;
        if (job.status !== 'succeeded' || params.phase !== 'preview' || !result) {
          throw conflict('IMPORT_NOT_PREVIEWED', '该导入尚未完成预检或已经导入', 'This import is not a finished preview');
        }
        if (req.body.mode === 'all' && result.invalidRows > 0) {
          throw conflict(
            'IMPORT_HAS_ERRORS',
            `有 ${result.invalidRows} 行存在问题，请修正后重新上传，或选择“仅导入无误的行”`,
            `${result.invalidRows} row(s) have problems: fix and upload again, or import only the valid rows`,
          );
        }
        if (result.validRows === 0) throw conflict('IMPORT_NOTHING_VALID', '没有可导入的行', 'There are no valid rows to import');
        await ctx.db.transaction().execute(async (trx) => {
          const res = await jobRepository.requeue(trx, job.id, { ...params, phase: 'commit', mode: req.body.mode, preview: result });
          if (Number(res.numUpdatedRows) !== 1) throw conflict('IMPORT_NOT_PREVIEWED', '该导入已在进行中', 'This import is already running');
          await audit(trx, actor, {
            action: `${job.kind}.commit`,
            targetType: 'job',
            targetId: job.id,
            summary: { mode: req.body.mode, validRows: result.validRows, invalidRows: result.invalidRows },
          });
        });
        return reply.status(202).send(presentJob((await jobRepository.get(ctx.db, job.id))!));
      },
    );
  };
