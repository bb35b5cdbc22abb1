import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { scopeRoot } from '../access/index.ts';
import { attachment, isoDateTime, XLSX_MIME } from '../http/schemas.ts';
import { createXlsxStream } from '../imports/xlsx.ts';
import { audit } from './service.ts';
import { auditRepository } from './repository.ts';
import { access } from '../access/guard.ts';
import { download } from '../http/download.ts';
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
const toIso = (s?: string) => (s ? new Date(s).toISOString() : undefined);

const present = (r: Awaited<ReturnType<ReturnType<typeof auditRepository.list>['rows']>>[number]) => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  username: r.username,
  role: r.role,
  orgId: r.org_id,
  orgName: r.org_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  summary: r.summary ? JSON.parse(r.summary) : null,
  ip: r.ip,
  outcome: r.outcome,
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
        const actor = requireActor(req);
        const scopePath = scopeRoot(actor, 'audit.read');
        const { page, pageSize, order, from, to, ...f } = req.query;
        const q = auditRepository.list(
          ctx.db,
          { scopePath, from: toIso(from), to: toIso(to), ...f },
          { limit: pageSize, offset: (page - 1) * pageSize, order },
        );
        const [rows, total] = await Promise.all([q.rows(), q.count()]);
        return { items: rows.map(present), total, page, pageSize };
      },
    );

    app.get(
      '/export',
      {
        config: access('audit.read'),
        schema: { tags, summary: '导出审计日志 Export (.xlsx, at most 100,000 rows)', querystring: filter, response: { 200: download(XLSX_MIME) } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const scopePath = scopeRoot(actor, 'audit.read');
        const { from, to, ...f } = req.query;
        await audit(ctx.db, actor, { action: 'audit.export', summary: req.query });
        const xlsx = createXlsxStream('审计日志', [
          { header: '时间', width: 24 },
          { header: '用户', width: 16 },
          { header: '角色', width: 14 },
          { header: '组织', width: 24 },
          { header: '操作', width: 24 },
          { header: '对象', width: 14 },
          { header: '对象ID', width: 10 },
          { header: '结果', width: 8 },
          { header: 'IP', width: 16 },
          { header: '摘要', width: 60 },
        ]);
        void (async () => {
          for (let offset = 0; offset < 100_000; offset += 2000) {
            const rows = await auditRepository
              .list(ctx.db, { scopePath, from: toIso(from), to: toIso(to), ...f }, { limit: 2000, offset, order: 'asc' })
              .rows();
            for (const r of rows)
              xlsx.addRow([
                r.at,
                r.username ?? '',
                r.role ?? '',
                r.org_name ?? r.org_id ?? '',
                r.action,
                r.target_type ?? '',
                r.target_id ?? '',
                r.outcome,
                r.ip ?? '',
                r.summary ?? '',
              ]);
            if (rows.length < 2000) break;
          }
          await xlsx.finish();
        })().catch((e) => xlsx.stream.destroy(e));
        return reply.type(XLSX_MIME).header('content-disposition', attachment('审计日志.xlsx')).send(xlsx.stream);
      },
    );
  };
