import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { jobRepository } from '../jobs/repository.ts';
import { presentJob } from '../jobs/presenter.ts';
import { receiveXlsxUpload } from './upload.ts';

/** Stores the upload and queues its preview job; the client polls GET /jobs/{id}. */
export async function startImportJob(ctx: AppContext, actor: Actor, req: FastifyRequest, kind: 'member_import' | 'org_import', orgId: number) {
  const file = await receiveXlsxUpload(ctx, req);
  const job = await ctx.db.transaction().execute(async (trx) => {
    const j = await jobRepository.create(trx, {
      kind, params: { phase: 'preview', fileHash: file.hash, filename: file.filename, orgId }, user_id: actor.userId, grant_id: actor.grant.id, org_id: orgId, total: file.size,
    });
    await audit(trx, actor, { action: `${kind}.upload`, targetType: 'job', targetId: j.id, summary: { file: file.filename, bytes: file.size, orgId } });
    return j;
  });
  return presentJob(job);
}
