import type { AuditEntry as AuditEntryDto } from '@zx/contract/audit';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeRoot } from '../access/index.ts';
import { createXlsxStream } from '../imports/xlsx.ts';
import { audit } from './service.ts';
import { auditRepository, type AuditFilter } from './repository.ts';

/** What the audit admin filters the log by (timestamps with a time zone, as the query sent them). */
export type AuditQuery = Omit<AuditFilter, 'scopePath'>;

const toIso = (s?: string) => (s ? new Date(s).toISOString() : undefined);
const filterOf = (actor: Actor, { from, to, ...f }: AuditQuery): AuditFilter => ({
  scopePath: scopeRoot(actor, 'audit.read'),
  from: toIso(from),
  to: toIso(to),
  ...f,
});

type AuditRow = Awaited<ReturnType<ReturnType<typeof auditRepository.list>['rows']>>[number];

const present = (r: AuditRow): AuditEntryDto => ({
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
  summary: r.summary,
  ip: r.ip,
  outcome: r.outcome,
});

/** Only the audit admin reads the log (三员分立), within its subtree; reading it is itself not audited, exporting is. */
export const auditLogService = {
  async list(ctx: AppContext, actor: Actor, query: AuditQuery, page: { page: number; pageSize: number; order: 'asc' | 'desc' }) {
    const q = auditRepository.list(ctx.db, filterOf(actor, query), { limit: page.pageSize, offset: (page.page - 1) * page.pageSize, order: page.order });
    const [rows, total] = await Promise.all([q.rows(), q.count()]);
    return { items: rows.map(present), total, page: page.page, pageSize: page.pageSize };
  },

  /** The log as an .xlsx stream (at most 100,000 rows, oldest first); the export is audited before it starts. */
  async export(ctx: AppContext, actor: Actor, query: AuditQuery) {
    const filter = filterOf(actor, query);
    await audit(ctx.db, actor, { action: 'audit.export', summary: query });
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
        const rows = await auditRepository.list(ctx.db, filter, { limit: 2000, offset, order: 'asc' }).rows();
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
            r.summary ? JSON.stringify(r.summary) : '', // the stored text: it was written by JSON.stringify
          ]);
        if (rows.length < 2000) break;
      }
      await xlsx.finish();
    })().catch((e) => xlsx.stream.destroy(e));
    return xlsx.stream;
  },
};
