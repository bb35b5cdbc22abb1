import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam } from '../http/schemas.ts';
import { notFound } from '../http/errors.ts';
import { attachmentService } from './service.ts';
import { UPLOADERS } from './policy.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { attachment as attachmentSchema } from '@zx/contract/attachments';

const tags = ['附件 Attachments'];

/** Uploaded bytes are served as what their content was checked to be, never sniffed. */
const inlineable = (mime: string) => mime.startsWith('image/');

export const attachmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/',
      {
        config: access(UPLOADERS),
        schema: {
          tags,
          summary: '上传附件或照片（multipart：orgId、kind 在 file 之前）Upload a file or photo (multipart: orgId and kind before file)',
          consumes: ['multipart/form-data'],
          response: { 201: attachmentSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await attachmentService.upload(ctx, requireActor(req), req)),
    );

    app.get(
      '/:id',
      {
        config: access(['campaign.read', 'commitment.write'], { params: { id: 'attachment' } }),
        schema: { tags, summary: '下载附件 Download', params: idParam, response: { 200: binary('application/octet-stream') } },
      },
      async (req, reply) => {
        const a = await attachmentService.readable(ctx, requireActor(req), req.params.id);
        const disposition = attachment(a.name);
        return reply
          .type(a.mime)
          .header('content-disposition', inlineable(a.mime) ? disposition.replace(/^attachment/, 'inline') : disposition)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400')
          .send(ctx.files.read(a.hash));
      },
    );

    app.get(
      '/:id/thumb',
      {
        config: access(['campaign.read', 'commitment.write'], { params: { id: 'attachment' } }),
        schema: { tags, summary: '缩略图 Thumbnail (WebP)', params: idParam, response: { 200: binary('image/webp') } },
      },
      async (req, reply) => {
        const a = await attachmentService.readable(ctx, requireActor(req), req.params.id);
        if (!a.thumb_hash) throw notFound({ zh: '缩略图', en: 'Thumbnail' });
        return reply
          .type('image/webp')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400')
          .send(ctx.files.read(a.thumb_hash));
      },
    );
  };
