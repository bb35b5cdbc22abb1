import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { jobRepository } from '../jobs/repository.ts';
import { presentJob } from '../jobs/presenter.ts';
import { receiveXlsxUpload } from './upload.ts';
import { requireAccess } from '../access/index.ts';
import { validationFailed } from '../http/errors.ts';

function parseOrgId(raw: string, field: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw validationFailed([{ field, code: 'FIELD_INVALID_TYPE', message: { zh: '组织编号无效', en: 'Invalid organization id' } }]);
  return n;
}

/**
 * Stores the upload and queues its preview job; the client polls GET /jobs/{id}. The target
 * organization comes from the query string or a multipart field sent before the file, and is
 * checked against the actor's scope before any job exists.
 */
export async function startImportJob(ctx: AppContext, actor: Actor, req: FastifyRequest, kind: 'member_import' | 'org_import', param: 'orgId' | 'parentId') {
  const action = kind === 'member_import' ? 'member.write' : 'org.structure';
  const fromQuery = (req.query as Record<string, string | undefined>)?.[param];
  if (fromQuery !== undefined) await requireAccess(ctx.db, actor, action, 'org', parseOrgId(fromQuery, param));
  const file = await receiveXlsxUpload(ctx, req);
  const raw = fromQuery ?? file.fields[param];
  const orgId = raw === undefined ? actor.grant.orgId : parseOrgId(raw, param);
  await requireAccess(ctx.db, actor, action, 'org', orgId);
  const job = await ctx.db.transaction().execute(async (trx) => {
    const j = await jobRepository.create(trx, {
      kind,
      params: { phase: 'preview', fileHash: file.hash, filename: file.filename, orgId },
      user_id: actor.userId,
      grant_id: actor.grant.id,
      org_id: orgId,
      total: null,
    });
    await audit(trx, actor, { action: `${kind}.upload`, targetType: 'job', targetId: j.id, summary: { file: file.filename, bytes: file.size, orgId } });
    return j;
  });
  return presentJob(job);
}
