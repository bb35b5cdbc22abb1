import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Job } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { authRepository } from '../auth/repository.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { jobRepository } from './repository.ts';
import { runMaintenance } from './maintenance.ts';
import { runReminders } from './reminders.ts';
import { runVoteSchedule } from '../votes/service.ts';
import { memberImportHandler } from '../members/import-job.ts';
import { orgImportHandler } from '../orgs/import-job.ts';

export type ReportProgress = (progress: number, total: number | null) => Promise<void>;
export type JobHandler = (ctx: AppContext, job: Job, actor: Actor, report: ReportProgress) => Promise<object>;

const HANDLERS: Record<string, JobHandler> = {
  member_import: memberImportHandler,
  org_import: orgImportHandler,
};

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
    const handler = HANDLERS[job.kind];
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
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lastMaintenance = 0;
  let lastReminders = 0;
  let lastVotes = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (!stopped && (await runNextJob(ctx, log))) {
        /* drain the queue */
      }
      // Rating and voting sessions open and close at their times (votes/service.ts).
      if (!stopped && Date.now() - lastVotes > 30_000) {
        lastVotes = Date.now();
        await runVoteSchedule(ctx);
      }
      if (!stopped && Date.now() - lastMaintenance > 5 * 60_000) {
        lastMaintenance = Date.now();
        await runMaintenance(ctx);
      }
      // Deadline reminders (inbox): each item is notified once (dedupe key), so an hourly pass
      // is the daily pass of the spec without waiting a day for items that enter the window.
      if (!stopped && Date.now() - lastReminders > 60 * 60_000) {
        lastReminders = Date.now();
        await runReminders(ctx);
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
