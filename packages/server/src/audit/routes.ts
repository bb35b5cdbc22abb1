import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, isoDateTime, XLSX_MIME } from '../http/schemas.ts';
import { auditLogService } from './log.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { auditPage } from '@zx/contract/audit';

const tags = ['审计 Audit'];
const filter = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  action: z.string().max(60).optional(),
  username: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(40).optional(),
});
/** Only the audit admin reads the log (三员分立); reading it is itself not audited, exporting is. */
export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('audit.read'),
        schema: {
          tags,
          summary: '审计日志 Audit log',
          querystring: filter.extend({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
            order: z.enum(['asc', 'desc']).default('desc'),
          }),
          response: { 200: auditPage },
        },
      },
      async (req) => {
        const { page, pageSize, order, ...query } = req.query;
        return auditLogService.list(ctx, requireActor(req), query, { page, pageSize, order });
      },
    );

    app.get(
      '/export',
      {
        config: access('audit.read'),
        schema: { tags, summary: '导出审计日志 Export (.xlsx, at most 100,000 rows)', querystring: filter, response: { 200: binary(XLSX_MIME) } },
      },
      async (req, reply) => {
        const stream = await auditLogService.export(ctx, requireActor(req), req.query);
        return reply.type(XLSX_MIME).header('content-disposition', attachment('审计日志.xlsx')).send(stream);
      },
    );
  };
