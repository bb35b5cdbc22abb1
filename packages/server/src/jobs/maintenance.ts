import type { AppContext } from '../context.ts';
import { auditRepository } from '../audit/repository.ts';
import { authRepository } from '../auth/repository.ts';
import { deviceRepository, throttleRepository } from '../auth/throttle-repository.ts';
import { getSecuritySettings } from '../settings/service.ts';
import { jobRepository } from './repository.ts';
import { importRepository } from '../imports/repository.ts';
import { attachmentRepository } from '../attachments/repository.ts';

const DAY = 86_400_000;

/**
 * Periodic housekeeping: expired sessions, audit rows past retention (the only deletes the
 * audit log ever sees), abandoned jobs and import staging rows older than a day.
 */
export async function runMaintenance(ctx: AppContext, now = Date.now()): Promise<{ auditPruned: number }> {
  const settings = await getSecuritySettings(ctx.db);
  const at = new Date(now).toISOString();
  await authRepository.deleteExpiredSessions(ctx.db, at, new Date(now - settings.sessionIdleMinutes * 60_000).toISOString());
  const auditPruned = await auditRepository.pruneOlderThan(ctx.database, new Date(now - settings.auditRetentionDays * DAY).toISOString());
  await jobRepository.failStale(ctx.db, new Date(now - 2 * 60_000).toISOString());
  const old = new Date(now - DAY).toISOString();
  await importRepository.deleteStagedRowsOfJobsBefore(ctx.db, old);
  await removeOldUploads(ctx, old);
  await authRepository.pruneRateLimits(ctx.db, at.slice(0, 16));
  await throttleRepository.prune(ctx.db, at);
  await deviceRepository.pruneExpired(ctx.db, at);
  return { auditPruned };
}

/**
 * Uploaded spreadsheets hold full ID and phone numbers: once a day has passed and no unfinished
 * job still needs one, the file and its row go. (Files are shared by content hash, hence the check.)
 */
async function removeOldUploads(ctx: AppContext, cutoffIso: string) {
  const files = await importRepository.uploadsBefore(ctx.db, cutoffIso);
  if (!files.length) return;
  const inUse = await jobRepository.fileHashesInUse(ctx.db, cutoffIso);
  // The same bytes may also have been uploaded as an attachment (a roster kept with a report).
  const attached = await attachmentRepository.referencedHashes(ctx.db, files);
  for (const hash of files) {
    if (inUse.has(hash)) continue;
    if (!attached.has(hash)) await ctx.files.remove(hash);
    await importRepository.removeUpload(ctx.db, hash);
  }
}
