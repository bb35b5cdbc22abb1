import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Job } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { authRepository } from '../auth/repository.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { jobRepository } from './repository.ts';

export type ReportProgress = (progress: number, total: number | null) => Promise<void>;
export type JobHandler = (ctx: AppContext, job: Job, actor: Actor, report: ReportProgress) => Promise<object>;

/** A periodic pass of the background work: it runs on the first tick, then when `everyMs` have passed since it last started. */
export interface Schedule {
  name: string;
  everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

/**
 * What the capabilities give the runner: a handler per job kind and the periodic passes, in the
 * order they run. src/capabilities.ts registers them at app start, so the runner imports no capability.
 */
export interface JobRegistry {
  handlers: Readonly<Record<string, JobHandler>>;
  schedules: readonly Schedule[];
}

let registry: JobRegistry | null = null;

/** Sets the job handlers and schedules (a second call replaces them). */
export function registerJobs(r: JobRegistry): void {
  registry = { handlers: { ...r.handlers }, schedules: [...r.schedules] };
}

function registered(): JobRegistry {
  if (!registry) throw new Error('jobs/runner.ts: no job handlers registered (buildApp wires them: src/capabilities.ts)');
  return registry;
}

const WORKER = `${hostname()}:${process.pid}`;

/** A job acts with the rights its creator's grant has when it runs, not when it was queued. */
async function actorForJob(ctx: AppContext, job: Job): Promise<Actor> {
  const grants = await authRepository.grantsOf(ctx.db, job.user_id);
  const g = grants.find((x) => x.id === job.grant_id);
  const user = await authRepository.findUserById(ctx.db, job.user_id);
  if (!g || !user || user.status !== 'active') throw forbidden();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    memberId: user.member_id,
    sessionId: `job:${job.id}`,
    ip: null,
    grant: { id: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.org_path, orgName: g.org_name },
  };
}

/** Runs one queued job if there is one; returns whether it did. */
export async function runNextJob(ctx: AppContext, log?: FastifyBaseLogger): Promise<boolean> {
  const { handlers } = registered();
  const job = await jobRepository.claimNext(ctx.db, WORKER);
  if (!job) return false;
  let last = 0;
  const report: ReportProgress = async (progress, total) => {
    const now = Date.now();
    if (now - last < 250 && progress !== total) return; // at most 4 progress writes a second
    last = now;
    await jobRepository.progress(ctx.db, job.id, progress, total);
  };
  try {
    const handler = handlers[job.kind];
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    const result = await handler(ctx, job, await actorForJob(ctx, job), report);
    await jobRepository.finish(ctx.db, job.id, 'succeeded', result, null);
  } catch (e) {
    const err =
      e instanceof AppError
        ? { code: e.code, messages: e.msg, errors: e.fieldErrors }
        : { code: 'JOB_FAILED', messages: { zh: '任务执行失败，请稍后重试', en: 'The job failed; try again later' } };
    if (!(e instanceof AppError)) log?.error({ err: e, jobId: job.id }, 'job failed');
    else if (e.cause) log?.warn?.({ err: e.cause, jobId: job.id, code: e.code }, 'job refused its input'); // e.g. why a file was unreadable
    await jobRepository.finish(ctx.db, job.id, 'failed', null, err);
  }
  return true;
}

/**
 * Polls for jobs and runs periodic maintenance until the returned stop function is called;
 * stop() resolves once a tick already running has finished (so the database can close).
 */
export function startBackgroundWork(ctx: AppContext, log?: FastifyBaseLogger): () => Promise<void> {
  const { schedules } = registered();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const lastRun = schedules.map(() => 0);
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (!stopped && (await runNextJob(ctx, log))) {
        /* drain the queue */
      }
      for (const [i, schedule] of schedules.entries()) {
        if (!stopped && Date.now() - lastRun[i] > schedule.everyMs) {
          lastRun[i] = Date.now();
          await schedule.run(ctx);
        }
      }
    } catch (e) {
      log?.error({ err: e }, 'background work failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), 300);
  };
  timer = setTimeout(() => (running = tick()), 50);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
