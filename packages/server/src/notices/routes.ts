import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { QUIZ_MAX_OPTIONS, QUIZ_MAX_QUESTIONS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, isoDate, okResponse, trimmed } from '../http/schemas.ts';
import { notFound } from '../http/errors.ts';
import { access } from '../access/guard.ts';
import { campaignNotice, myNoticeDetail, myNoticeList, noticeFile, noticeList, noticeReceipts, quizResult } from '@zx/contract/notices';
import { noticeService } from './service.ts';

const tags = ['通知与知晓率 Notices'];
const id = z.number().int().positive();

const content = z.object({
  title: trimmed(1, 100),
  body: trimmed(1, 10_000),
  attachmentIds: z.array(id).max(10).default([]),
  /** Chosen units below the sender; null or empty: its whole subtree. */
  targetOrgIds: z.array(id).max(200).nullable().default(null),
  quiz: z
    .object({
      questions: z
        .array(
          z.object({
            text: trimmed(0, 300),
            kind: z.enum(['single', 'multiple']),
            options: z.array(z.string().trim().max(200)).max(QUIZ_MAX_OPTIONS + 4),
            correct: z.array(z.number().int().min(0).max(20)).max(QUIZ_MAX_OPTIONS + 4),
          }),
        )
        .max(QUIZ_MAX_QUESTIONS + 5),
      passMark: z.object({ kind: z.enum(['count', 'percent']), value: z.number().int().min(0).max(100) }),
    })
    .nullable()
    .default(null),
  /** Attempts at the quiz; null: unlimited. */
  maxAttempts: z.number().int().min(1).max(10).nullable().default(null),
  dueOn: isoDate.nullable().default(null),
});
const writeIds = { 'attachmentIds[]': 'attachment', 'targetOrgIds[]': 'org' } as const;

/** Mounted under /notices: the cadres' notices and receipts, and the member's own (/mine). */
export const noticeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mine',
      { config: access('notice.receive'), schema: { tags, summary: '我的通知 Notices addressed to me', response: { 200: myNoticeList } } },
      async (req) => noticeService.mine(ctx, requireActor(req)),
    );

    app.get(
      '/mine/:id',
      {
        config: access('notice.receive', { params: { id: 'receivedNotice' } }),
        schema: {
          tags,
          summary: '阅读通知（首次阅读留回执）Read a notice (the first read is the receipt)',
          params: idParam,
          response: { 200: myNoticeDetail },
        },
      },
      async (req) => noticeService.open(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/mine/:id/acknowledge',
      {
        config: access('notice.receive', { params: { id: 'receivedNotice' } }),
        schema: { tags, summary: '确认已知晓（幂等）Acknowledge (idempotent)', params: idParam, response: { 200: myNoticeDetail } },
      },
      async (req) => noticeService.acknowledge(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/mine/:id/answers',
      {
        config: access('notice.receive', { params: { id: 'receivedNotice' } }),
        schema: {
          tags,
          summary: '提交知晓测试（服务器评分）Answer the quiz (graded on the server)',
          params: idParam,
          body: z.object({ answers: z.record(z.string().regex(/^\d{1,2}$/), z.array(z.number().int().min(0).max(20)).max(QUIZ_MAX_OPTIONS)) }),
          response: { 200: quizResult },
        },
      },
      async (req) => noticeService.answer(ctx, requireActor(req), req.params.id, req.body.answers),
    );

    // The file is reached through the notice addressed to the member (not through the file's own scope).
    app.get(
      '/mine/:id/files/:attachmentId',
      {
        config: access('notice.receive', { params: { id: 'receivedNotice' } }),
        schema: {
          tags,
          summary: '通知附件 A file of a notice addressed to me',
          params: idParam.extend({ attachmentId: z.coerce.number().int().positive() }),
          querystring: z.object({ thumb: z.enum(['0', '1']).default('0') }),
          response: { 200: noticeFile },
        },
      },
      async (req, reply) => {
        const f = await noticeService.file(ctx, requireActor(req), req.params.id, req.params.attachmentId);
        const thumb = req.query.thumb === '1';
        if (thumb && !f.thumb_hash) throw notFound({ zh: '缩略图', en: 'Thumbnail' });
        const disposition = attachment(f.name);
        return reply
          .type(thumb ? 'image/webp' : f.mime)
          .header('content-disposition', f.mime.startsWith('image/') ? disposition.replace(/^attachment/, 'inline') : disposition)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400')
          .send(ctx.files.read(thumb ? f.thumb_hash! : f.hash));
      },
    );

    app.get(
      '/',
      {
        config: access('notice.read', { query: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '本级及下级发出的通知 Notices in scope',
          querystring: z.object({ campaignId: z.coerce.number().int().positive().optional(), orgId: z.coerce.number().int().positive().optional() }),
          response: { 200: noticeList },
        },
      },
      async (req) => noticeService.list(ctx, requireActor(req), req.query),
    );

    app.post(
      '/',
      {
        config: access('notice.write', { body: { campaignId: 'campaign', orgId: 'org', ...writeIds } }),
        schema: {
          tags,
          summary: '起草通知 Draft a notice',
          body: content.extend({ campaignId: id, orgId: id }),
          response: { 201: campaignNotice },
        },
      },
      async (req, reply) => {
        const { campaignId, orgId, ...input } = req.body;
        return reply.status(201).send(await noticeService.create(ctx, requireActor(req), campaignId, orgId, input));
      },
    );

    app.get(
      '/:id',
      {
        config: access('notice.read', { params: { id: 'notice' } }),
        schema: { tags, summary: '通知详情 A notice', params: idParam, response: { 200: campaignNotice } },
      },
      async (req) => noticeService.get(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/:id',
      {
        config: access('notice.write', { params: { id: 'notice' }, body: writeIds }),
        schema: {
          tags,
          summary: '修改草稿（发送后内容冻结）Change a draft (frozen once sent)',
          params: idParam,
          body: content,
          response: { 200: campaignNotice },
        },
      },
      async (req) => noticeService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/:id',
      {
        config: access('notice.write', { params: { id: 'notice' } }),
        schema: { tags, summary: '删除草稿 Delete a draft', params: idParam, response: { 200: okResponse } },
      },
      async (req) => {
        await noticeService.remove(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/send',
      {
        config: access('notice.write', { params: { id: 'notice' } }),
        schema: { tags, summary: '发送（确定收件团员，留痕）Send (fixes the recipients; audited)', params: idParam, response: { 200: campaignNotice } },
      },
      async (req) => noticeService.send(ctx, requireActor(req), req.params.id),
    );

    app.get(
      '/:id/receipts',
      {
        config: access('notice.read', { params: { id: 'notice' } }),
        schema: { tags, summary: '回执：已读、已知晓、已通过 Receipts', params: idParam, response: { 200: noticeReceipts } },
      },
      async (req) => noticeService.receipts(ctx, requireActor(req), req.params.id),
    );
  };
