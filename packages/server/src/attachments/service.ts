import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireAll } from '../access/index.ts';
import { attachmentPolicy, MEMBER_DAILY_UPLOADS } from './policy.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { AppError, badRequest, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { attachmentRepository as repo } from './repository.ts';
import { detect, MAX_FILE_BYTES, MAX_PHOTO_BYTES, processImage, storedName, tooLarge, type AttachmentKind } from './content.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.byIds>>>[number];

export function presentAttachment(a: Row) {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    kind: a.kind,
    width: a.width,
    height: a.height,
    url: `/api/v1/attachments/${a.id}`,
    thumbUrl: a.thumb_hash ? `/api/v1/attachments/${a.id}/thumb` : null,
  };
}
export type PresentedAttachment = ReturnType<typeof presentAttachment>;

function field(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  const f = (Array.isArray(v) ? v[0] : v) as { type?: string; value?: unknown } | undefined;
  return f && f.type === 'field' ? String(f.value) : undefined;
}

/**
 * Files named in a body must be ones the actor may read itself (404 otherwise, as for any id out
 * of scope: a member reaches only what they uploaded), and belong to `org`'s subtree and be of
 * `kind`, when given (422: they exist for the actor but do not fit here). Call it in the
 * transaction that stores the ids.
 */
export async function attachmentsUsable(
  trx: Executor,
  actor: Actor,
  ids: number[],
  org: { path: string },
  opts: { field?: string; kind?: AttachmentKind } = {},
): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const rows = await requireAll(trx, actor, null, 'attachment', unique, opts.field ?? 'attachmentIds');
  const ok = rows.filter((r) => isInSubtree(org.path, r.org_path) && (!opts.kind || r.kind === opts.kind));
  if (ok.length !== unique.length) {
    throw validationFailed([
      {
        field: opts.field ?? 'attachmentIds',
        code: 'ATTACHMENT_NOT_USABLE',
        message:
          opts.kind === 'photo'
            ? { zh: '照片不存在或不属于本组织', en: 'A photo does not exist or belongs to another organization' }
            : { zh: '附件不存在或不属于本组织', en: 'An attachment does not exist or belongs to another organization' },
      },
    ]);
  }
}

/** Display objects for stored ids, in their order; ids that no longer exist are skipped. */
export async function presentAttachments(ex: Executor, ids: number[]): Promise<PresentedAttachment[]> {
  const byId = new Map((await repo.byIds(ex, [...new Set(ids)])).map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [presentAttachment(byId.get(id)!)] : []));
}

export const attachmentService = {
  /** Receives one multipart upload: fields `orgId` and `kind` first, then the `file`. */
  async upload(ctx: AppContext, actor: Actor, req: FastifyRequest) {
    if (!attachmentPolicy.upload(actor)) throw forbidden();
    if (!req.isMultipart()) throw badRequest('UPLOAD_REQUIRED', '请选择要上传的文件', 'Choose a file to upload');
    const file = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
    if (!file) throw badRequest('UPLOAD_REQUIRED', '请选择要上传的文件', 'Choose a file to upload');
    const kindField = field(file.fields, 'kind');
    const orgId = Number(field(file.fields, 'orgId'));
    const errors = [];
    if (kindField !== 'file' && kindField !== 'photo')
      errors.push({
        field: 'kind',
        code: 'FIELD_INVALID_VALUE',
        message: { zh: '类型应为 file 或 photo（须在文件之前发送）', en: "kind must be 'file' or 'photo' (sent before the file)" },
      });
    if (!Number.isInteger(orgId) || orgId <= 0)
      errors.push({
        field: 'orgId',
        code: 'FIELD_REQUIRED',
        message: { zh: '请指定所属组织（须在文件之前发送）', en: 'orgId is required (sent before the file)' },
      });
    if (errors.length) {
      file.file.resume();
      throw validationFailed(errors);
    }
    const kind = kindField as AttachmentKind;
    let org: Awaited<ReturnType<typeof uploadOrg>>;
    try {
      org = await uploadOrg(ctx, actor, orgId, kind);
    } catch (e) {
      file.file.resume();
      throw e;
    }
    let buf: Buffer;
    try {
      buf = await file.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(kind);
      throw e;
    }
    if (buf.length > (kind === 'photo' ? MAX_PHOTO_BYTES : MAX_FILE_BYTES)) throw tooLarge(kind);
    const detected = await detect(buf, file.filename, kind);
    const name = storedName(file.filename, detected);
    let body = buf;
    let image: Awaited<ReturnType<typeof processImage>> | null = null;
    if (detected.image) {
      // Every image is re-encoded, whatever the kind: no upload keeps its EXIF/GPS.
      image = await processImage(buf, detected.mime, kind);
      body = image.data;
    }
    const stored = await ctx.files.put(Readable.from(body), MAX_FILE_BYTES);
    const thumb = image ? await ctx.files.put(Readable.from(image.thumb), MAX_FILE_BYTES) : null;
    const row = await ctx.db.transaction().execute(async (trx) => {
      const { id } = await repo.insert(trx, {
        hash: stored.hash,
        name,
        mime: detected.mime,
        size: stored.size,
        kind,
        thumb_hash: thumb?.hash ?? null,
        width: image?.width ?? null,
        height: image?.height ?? null,
        org_id: org.id,
        org_path: org.path,
        uploaded_by: actor.userId,
        created_at: nowIso(),
      });
      await audit(trx, actor, {
        action: 'attachment.upload',
        targetType: 'attachment',
        targetId: id,
        summary: { name, mime: detected.mime, size: stored.size, kind, orgId: org.id },
      });
      return (await repo.byIds(trx, [id]))[0];
    });
    return presentAttachment(row);
  },

  /** Higher units see their subtree: readable iff the attachment's organization is in it; a member reads what they uploaded. */
  readable: (ctx: AppContext, actor: Actor, id: number) => requireAccess(ctx.db, actor, null, 'attachment', id),
};

/**
 * The organization a file is stored under: one in the actor's subtree, or — for a member (no
 * subtree), who uploads evidence for their own report — their own organization, whatever was asked.
 */
async function uploadOrg(ctx: AppContext, actor: Actor, orgId: number, kind: AttachmentKind) {
  if (attachmentPolicy.uploadsAnywhereInScope(actor)) return requireAccess(ctx.db, actor, null, 'org', orgId);
  const me = actor.memberId ? await requireAccess(ctx.db, actor, null, 'member', actor.memberId) : null;
  if (!me || me.org_id !== orgId) throw notFound({ zh: '组织', en: 'Organization' });
  if (!attachmentPolicy.memberMayUpload(me, kind)) {
    throw new AppError(403, 'UPLOAD_CADRES_ONLY', {
      zh: '团员账号只能上传志愿服务照片；述职报告的佐证材料由在任团干部上传',
      en: 'With a member account one uploads photos of volunteer service; evidence files for a year-end report are for serving cadres',
    });
  }
  const since = new Date(Date.now() - 86_400_000).toISOString();
  if ((await repo.uploadsSince(ctx.db, actor.userId, since)) >= MEMBER_DAILY_UPLOADS) {
    throw new AppError(429, 'UPLOAD_DAILY_LIMIT', {
      zh: `今日已上传 ${MEMBER_DAILY_UPLOADS} 个文件，请明天再上传`,
      en: `${MEMBER_DAILY_UPLOADS} files were uploaded today; upload more tomorrow`,
    });
  }
  return { id: me.org_id, path: me.org_path };
}
