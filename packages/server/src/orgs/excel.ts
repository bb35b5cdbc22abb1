import { makeTemplateRows } from '@zx/domain';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { buildWorkbook, createXlsxStream } from '../imports/xlsx.ts';
import { startImportJob } from '../imports/start.ts';
import { orgRepository } from './repository.ts';

export async function orgImportTemplate(ctx: AppContext): Promise<Buffer> {
  const types = await orgRepository.types(ctx.db);
  const t = makeTemplateRows('orgs', { orgTypes: types.map((x) => ({ code: x.code, nameZh: x.name_zh })) });
  return buildWorkbook([
    { name: '组织', rows: [t.headers, t.example], widths: t.headers.map(() => 20) },
    { name: '填写说明', rows: [['填写说明'], ...t.notes.map((n) => [n])], widths: [100] },
  ]);
}

export async function startOrgImport(ctx: AppContext, actor: Actor, req: FastifyRequest) {
  requireRole(actor, 'org.structure');
  return startImportJob(ctx, actor, req, 'org_import', 'parentId');
}

const STATUS_ZH: Record<string, string> = { active: '在用', inactive: '已停用', merged: '已合并' };

/** The subtree as .xlsx in the import template's columns, so an export can be edited and re-imported. */
export async function exportOrgs(ctx: AppContext, actor: Actor, rootId?: number) {
  scopeRoot(actor, 'org.read');
  const root = await requireAccess(ctx.db, actor, 'org.read', 'org', rootId ?? actor.grant.orgId);
  const typeName = new Map((await orgRepository.types(ctx.db)).map((t) => [t.code, t.name_zh]));
  const xlsx = createXlsxStream('组织', [
    { header: '组织名称', width: 30 },
    { header: '组织类型', width: 10 },
    { header: '组织编码', width: 16 },
    { header: '上级组织编码', width: 16 },
    { header: '成立日期', width: 12 },
    { header: '第一责任人', width: 12 },
    { header: '联系电话', width: 16 },
    { header: '状态', width: 8 },
    { header: '层级', width: 6 },
    { header: '在册团员（含下级）', width: 12 },
  ]);
  await audit(ctx.db, actor, { action: 'org.export', targetType: 'organization', targetId: root.id });
  void (async () => {
    for (let after = ''; ; ) {
      const rows = await orgRepository.exportPage(ctx.db, root.path, after, 2000);
      for (const r of rows) {
        xlsx.addRow([
          r.name,
          typeName.get(r.type_code) ?? r.type_code,
          r.code,
          r.parent_code ?? '',
          r.founded_on ?? '',
          r.responsible_person ?? '',
          r.contact_phone_masked ?? '',
          STATUS_ZH[r.status] ?? r.status,
          r.depth,
          r.subtree_member_count,
        ]);
      }
      if (rows.length < 2000) break;
      after = rows[rows.length - 1].path;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await xlsx.finish();
  })().catch((e) => xlsx.stream.destroy(e));
  return { filename: `组织-${root.name}.xlsx`, stream: xlsx.stream };
}
