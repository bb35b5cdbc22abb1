import { ageOn, isoToday, makeTemplateRows, POSITIONS, MEMBER_STATUSES } from '@zx/domain';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { buildWorkbook, createXlsxStream } from '../imports/xlsx.ts';
import { startImportJob } from '../imports/start.ts';
import { memberRepository } from './repository.ts';

export async function memberImportTemplate(): Promise<Buffer> {
  const t = makeTemplateRows('members');
  return buildWorkbook([
    { name: '团员名册', rows: [t.headers, t.example], widths: t.headers.map(() => 18) },
    { name: '填写说明', rows: [['填写说明'], ...t.notes.map((n) => [n])], widths: [100] },
  ]);
}

export async function startMemberImport(ctx: AppContext, actor: Actor, req: FastifyRequest) {
  requireRole(actor, 'member.write');
  return startImportJob(ctx, actor, req, 'member_import', 'orgId');
}

const POSITION_ZH = new Map<string, string>(POSITIONS.map((p) => [p.code, p.nameZh]));
const STATUS_ZH = new Map<string, string>(MEMBER_STATUSES.map((s) => [s.code, s.nameZh]));

/**
 * Streams the roster as .xlsx, masked by default: the masked ID, the age in years instead of the
 * birth date (see members/policy.ts). Full ID/phone numbers and birth dates need member.reveal
 * and leave an audit row.
 */
export async function exportMembers(ctx: AppContext, actor: Actor, q: { orgId?: number; subtree: boolean; full: boolean }) {
  const org = await requireAccess(ctx.db, actor, q.full ? 'member.reveal' : 'member.read', 'org', q.orgId ?? actor.grant.orgId);
  const roster = { orgId: org.id, orgPath: org.path, subtree: q.subtree };
  const xlsx = createXlsxStream('团员名册', [
    { header: '序号', width: 8 },
    { header: '姓名', width: 12 },
    { header: '性别', width: 6 },
    { header: q.full ? '出生日期' : '年龄', width: 12 },
    { header: '身份证号', width: 22 },
    { header: '手机号', width: 14 },
    { header: '入团时间', width: 12 },
    { header: '团内职务', width: 12 },
    { header: '状态', width: 10 },
    { header: '所在组织', width: 28 },
    { header: '组织编码', width: 14 },
    { header: '备注', width: 30 },
  ]);
  await audit(ctx.db, actor, {
    action: q.full ? 'member.export_full' : 'member.export',
    targetType: 'organization',
    targetId: org.id,
    summary: { subtree: q.subtree },
  });
  const today = isoToday();
  void (async () => {
    let n = 0;
    // Keyset pages by id so memory stays flat and each page is an index seek.
    for (let lastId = 0; ; ) {
      const rows = await memberRepository.exportPage(ctx.db, roster, lastId, 2000);
      if (rows.length) lastId = rows[rows.length - 1].id;
      for (const r of rows) {
        xlsx.addRow([
          ++n,
          r.name,
          r.gender === 'male' ? '男' : '女',
          q.full ? r.birth_date : ageOn(r.birth_date, today),
          q.full ? ctx.cipher.decrypt(r.id_card_enc) : r.id_card_masked,
          q.full ? (r.phone_enc ? ctx.cipher.decrypt(r.phone_enc) : '') : (r.phone_masked ?? ''),
          r.joined_on ?? '',
          POSITION_ZH.get(r.position) ?? r.position,
          STATUS_ZH.get(r.status) ?? r.status,
          r.org_name,
          r.org_code,
          r.note ?? '',
        ]);
      }
      if (rows.length < 2000) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await xlsx.finish();
  })().catch((e) => xlsx.stream.destroy(e));
  return { filename: `团员名册-${org.name}${q.full ? '-完整' : ''}.xlsx`, stream: xlsx.stream };
}
