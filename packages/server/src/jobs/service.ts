import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict } from '../http/errors.ts';
import { jobRepository } from './repository.ts';

/** Jobs are private to the account that started them. */
const ownJob = (ctx: AppContext, actor: Actor, id: number) => requireAccess(ctx.db, actor, null, 'job', id);

export const jobService = {
  get: ownJob,

  /** A page of an import's problem rows and their total. */
  async issues(ctx: AppContext, actor: Actor, id: number, page: { page: number; pageSize: number }) {
    const job = await ownJob(ctx, actor, id);
    const [rows, total] = await Promise.all([
      jobRepository.issues(ctx.db, job.id, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
      jobRepository.issueCount(ctx.db, job.id),
    ]);
    return { rows, total };
  },

  /** The problem rows of an import's error report (at most 100,000). */
  async issuesForExport(ctx: AppContext, actor: Actor, id: number) {
    const job = await ownJob(ctx, actor, id);
    return { job, rows: await jobRepository.issuesForExport(ctx.db, job.id, 100_000) };
  },

  /** Queues the commit of a finished preview; refused when it is not one, or is already running. */
  async commit(ctx: AppContext, actor: Actor, id: number, mode: 'all' | 'valid_only') {
    const job = await ownJob(ctx, actor, id);
    const params = JSON.parse(job.params);
    const result = job.result ? JSON.parse(job.result) : null;
    if (job.status !== 'succeeded' || params.phase !== 'preview' || !result) {
      throw conflict('IMPORT_NOT_PREVIEWED', '该导入尚未完成预检或已经导入', 'This import is not a finished preview');
    }
    if (mode === 'all' && result.invalidRows > 0) {
      throw conflict(
        'IMPORT_HAS_ERRORS',
        `有 ${result.invalidRows} 行存在问题，请修正后重新上传，或选择“仅导入无误的行”`,
        `${result.invalidRows} row(s) have problems: fix and upload again, or import only the valid rows`,
      );
    }
    if (result.validRows === 0) throw conflict('IMPORT_NOTHING_VALID', '没有可导入的行', 'There are no valid rows to import');
    await ctx.db.transaction().execute(async (trx) => {
      const res = await jobRepository.requeue(trx, job.id, { ...params, phase: 'commit', mode, preview: result });
      if (Number(res.numUpdatedRows) !== 1) throw conflict('IMPORT_NOT_PREVIEWED', '该导入已在进行中', 'This import is already running');
      await audit(trx, actor, {
        action: `${job.kind}.commit`,
        targetType: 'job',
        targetId: job.id,
        summary: { mode, validRows: result.validRows, invalidRows: result.invalidRows },
      });
    });
    return (await jobRepository.get(ctx.db, job.id))!;
  },
};
