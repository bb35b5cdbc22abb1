import type { Job as JobDto, PreviewResult } from '@zx/contract/jobs';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Job } from '../db/schema.ts';

/**
 * The params of an import job (the roster's and the organizations'): its file and phase and, once
 * committed, the mode and the preview it commits. Every job kind so far is an import.
 */
export interface ImportJobParams {
  phase: 'preview' | 'commit';
  fileHash: string;
  filename: string;
  orgId: number;
  mode?: 'all' | 'valid_only';
  preview?: PreviewResult;
}

/** A job as the jobs capability reads it: its JSON columns parsed. */
export interface JobRecord extends Omit<Job, 'params' | 'result' | 'error'> {
  params: ImportJobParams;
  /** What the job answered: an import's preview figures, or what its commit did. */
  result: JobDto['result'];
  error: JobDto['error'];
}

/** A job row's params, typed: how a job handler reads the row it is given (the runner passes the row as claimed). */
export const importJobParams = (job: Pick<Job, 'params'>): ImportJobParams => JSON.parse(job.params);

/** The read model of a job row (the access module's `job` kind returns it too). */
export const jobRecord = (row: Job): JobRecord => ({
  ...row,
  params: importJobParams(row),
  result: row.result ? JSON.parse(row.result) : null,
  error: row.error ? JSON.parse(row.error) : null,
});

export const jobRepository = {
  async create(ex: Executor, row: { kind: string; params: ImportJobParams; user_id: number; grant_id: number; org_id: number; total?: number | null }) {
    const job = await ex
      .insertInto('job')
      .values({
        kind: row.kind,
        status: 'queued',
        params: JSON.stringify(row.params),
        user_id: row.user_id,
        grant_id: row.grant_id,
        org_id: row.org_id,
        total: row.total ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return jobRecord(job);
  },

  get: async (ex: Executor, id: number) => {
    const row = await ex.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    return row && jobRecord(row);
  },

  /** One page of an import's issue rows, in row order, and how many there are. */
  async issues(ex: Executor, jobId: number, page: { limit: number; offset: number }) {
    const issues = ex.selectFrom('import_issue').where('job_id', '=', jobId);
    const [rows, total] = await Promise.all([
      issues.selectAll().orderBy('row_number').orderBy('field').limit(page.limit).offset(page.offset).execute(),
      issues.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  /** An import's issue rows for the error report (at most `limit`). */
  issuesForReport: (ex: Executor, jobId: number, limit: number) =>
    ex.selectFrom('import_issue').selectAll().where('job_id', '=', jobId).orderBy('row_number').limit(limit).execute(),

  /**
   * Claims the oldest queued job. The status re-check in the UPDATE makes the claim atomic when
   * several app instances poll one PostgreSQL: only one UPDATE matches. Returns the row as the
   * runner hands it to the kind's handler, which reads its params with importJobParams.
   */
  claimNext: (ex: Executor, worker: string): Promise<Job | undefined> =>
    ex
      .updateTable('job')
      .set({ status: 'running', locked_by: worker, started_at: nowIso(), heartbeat_at: nowIso() })
      .where('id', '=', (eb) => eb.selectFrom('job').select('id').where('status', '=', 'queued').orderBy('id').limit(1))
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst(),

  progress: (ex: Executor, id: number, progress: number, total: number | null) =>
    ex.updateTable('job').set({ progress, total, heartbeat_at: nowIso() }).where('id', '=', id).execute(),

  finish: (ex: Executor, id: number, status: 'succeeded' | 'failed', result: object | null, error: object | null) =>
    ex
      .updateTable('job')
      .set({ status, result: result ? JSON.stringify(result) : null, error: error ? JSON.stringify(error) : null, finished_at: nowIso(), locked_by: null })
      .where('id', '=', id)
      .execute(),

  requeue: (ex: Executor, id: number, params: ImportJobParams) =>
    ex
      .updateTable('job')
      .set({ status: 'queued', params: JSON.stringify(params), progress: 0, total: null, error: null, finished_at: null })
      .where('id', '=', id)
      .where('status', '=', 'succeeded')
      .executeTakeFirst(),

  /** Jobs whose worker died (no heartbeat for 2 minutes) are failed so the user can retry. */
  failStale: (ex: Executor, cutoffIso: string) =>
    ex
      .updateTable('job')
      .set({
        status: 'failed',
        error: JSON.stringify({ code: 'JOB_ABANDONED', messages: { zh: '任务中断，请重新上传', en: 'The job was interrupted; upload again' } }),
        finished_at: nowIso(),
      })
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', cutoffIso)
      .execute(),

  /** The files that jobs still unfinished, or created since `cutoffIso`, were given (their params' fileHash). */
  async fileHashesInUse(ex: Executor, cutoffIso: string): Promise<Set<string | undefined>> {
    const jobs = await ex
      .selectFrom('job')
      .select('params')
      .where((eb) => eb.or([eb('status', 'in', ['queued', 'running']), eb('created_at', '>=', cutoffIso)]))
      .execute();
    return new Set(jobs.map((j) => (JSON.parse(j.params) as { fileHash?: string }).fileHash));
  },
};
