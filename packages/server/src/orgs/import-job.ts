import { isoToday, OrgRosterParser, pinyinFull, pinyinInitials, type FieldError, type OrgImportRow } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Job } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict } from '../http/errors.ts';
import { readSheetRows } from '../imports/sheet-reader.ts';
import { insertIssues, yieldToEventLoop } from '../imports/staging.ts';
import type { ReportProgress } from '../jobs/runner.ts';
import { importJobParams, type ImportJobParams } from '../jobs/repository.ts';
import { countOrgType } from './rollup.ts';
import { orgRepository } from './repository.ts';
import { contactPhoneColumns } from './contact.ts';
import { orgImportRepository as repo } from './import-repository.ts';

interface Parent {
  id: number | null;
  path: string;
  depth: number;
  typeCode: string;
  rowNumber?: number;
}

const err = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message: { zh, en } });

export const orgImportHandler = async (ctx: AppContext, job: Job, actor: Actor, report: ReportProgress) => {
  requireRole(actor, 'org.structure');
  const params = importJobParams(job);
  return params.phase === 'preview' ? preview(ctx, job, actor, params, report) : commit(ctx, job, actor, params, report);
};

/** Existing organizations the import may attach to: the import root's subtree, by code. */
async function parentsInScope(ex: Executor, rootPath: string, codes: string[]) {
  const map = new Map<string, Parent>();
  for (const r of await repo.activeByCodeInScope(ex, rootPath, codes)) map.set(r.code, { id: r.id, path: r.path, depth: r.depth, typeCode: r.type_code });
  return map;
}

async function preview(ctx: AppContext, job: Job, actor: Actor, params: ImportJobParams, report: ReportProgress) {
  const root = await requireAccess(ctx.db, actor, 'org.structure', 'org', params.orgId);
  const types = await orgRepository.types(ctx.db);
  const rank = new Map(types.map((t) => [t.code, t.rank]));
  const parser = new OrgRosterParser({ types: types.map((t) => ({ code: t.code, nameZh: t.name_zh })), today: isoToday() });
  const rows: { rowNumber: number; v?: OrgImportRow; errors: FieldError[] }[] = [];
  let headerRow: number | null = null;
  for await (const { rowNumber, cells, lastRow } of readSheetRows(ctx.files.localPath(params.fileHash))) {
    const out = parser.feed(rowNumber, cells);
    if (out.kind === 'skipped') {
      if (out.reason === 'header') headerRow = rowNumber;
      continue;
    }
    rows.push({ rowNumber, v: out.value, errors: [...out.errors] });
    if (rows.length % 500 === 0) {
      await report(lastRow ? Math.min(rowNumber, lastRow) : rowNumber, lastRow);
      await yieldToEventLoop();
    }
  }
  if (!parser.headerFound()) {
    const e = parser.missingHeaderError();
    throw new AppError(422, e.code, e.message, [e]);
  }

  // Codes: unique in the file and not used anywhere yet.
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    if (!r.v) continue;
    const seen = firstRow.get(r.v.code);
    if (seen !== undefined)
      r.errors.push(err('code', 'DUPLICATE_IN_FILE', `组织编码「${r.v.code}」与第 ${seen} 行重复`, `Code "${r.v.code}" repeats row ${seen}`));
    else firstRow.set(r.v.code, r.rowNumber);
  }
  const codes = [...firstRow.keys()];
  for (let i = 0; i < codes.length; i += 500) {
    const taken = new Set(await repo.codesTaken(ctx.db, codes.slice(i, i + 500)));
    for (const r of rows)
      if (r.v && taken.has(r.v.code)) r.errors.push(err('code', 'ORG_CODE_TAKEN', `组织编码「${r.v.code}」已被使用`, `Code "${r.v.code}" is already used`));
  }

  // Parents: an existing organization under the import root, or another row of the file.
  const existing = await parentsInScope(ctx.db, root.path, [...new Set(rows.flatMap((r) => (r.v?.parentCode ? [r.v.parentCode] : [])))]);
  // A code's first row is the one children attach to (later duplicates are errors themselves).
  const byCode = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (r.v && !byCode.has(r.v.code)) byCode.set(r.v.code, r);
  type Row = (typeof rows)[number];
  const checked = new Map<Row, Parent | null>();
  const visiting = new Set<Row>();
  /** Validates a row's parent chain once; a row is valid only if every row above it is. */
  const check = (row: Row): Parent | null => {
    if (checked.has(row)) return checked.get(row)!;
    visiting.add(row);
    const v = row.v!;
    let parent: Parent | null = null;
    if (!v.parentCode) {
      row.errors.push(err('parentCode', 'ORG_PARENT_REQUIRED', '上级组织编码不能为空', 'Parent code is required'));
    } else if (existing.has(v.parentCode)) {
      parent = existing.get(v.parentCode)!;
    } else if (byCode.has(v.parentCode)) {
      const up = byCode.get(v.parentCode)!;
      if (visiting.has(up)) {
        row.errors.push(err('parentCode', 'ORG_PARENT_CYCLE', `上级组织编码「${v.parentCode}」形成循环`, `Parent code "${v.parentCode}" forms a cycle`));
      } else {
        parent = check(up);
        if (!parent)
          row.errors.push(
            err('parentCode', 'ORG_PARENT_ROW_INVALID', `上级组织（第 ${up.rowNumber} 行）有错误，无法导入`, `The parent (row ${up.rowNumber}) has errors`),
          );
      }
    } else {
      row.errors.push(
        err(
          'parentCode',
          'ORG_PARENT_NOT_FOUND',
          `上级组织编码「${v.parentCode}」不存在或不在「${root.name}」之下`,
          `Parent code "${v.parentCode}" does not exist under "${root.name}"`,
        ),
      );
    }
    if (parent && (rank.get(parent.typeCode) ?? 0) >= (rank.get(v.typeCode) ?? 0)) {
      row.errors.push(err('type', 'ORG_TYPE_RANK', '组织类型不能与上级组织同级或更高', 'The type must rank below the parent organization'));
    }
    visiting.delete(row);
    const result = row.errors.length === 0 && parent ? { id: null, path: '', depth: parent.depth + 1, typeCode: v.typeCode, rowNumber: row.rowNumber } : null;
    checked.set(row, result);
    return result;
  };
  for (const r of rows) if (r.v) check(r);

  const valid = rows.filter((r) => r.v && r.errors.length === 0);
  const issues = rows.flatMap((r) => r.errors.map((e) => ({ rowNumber: r.rowNumber, error: e })));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.stageRows(trx, valid, (r) => {
      const v = r.v!;
      return {
        job_id: job.id,
        row_number: r.rowNumber,
        name: v.name,
        type_code: v.typeCode,
        code: v.code,
        parent_code: v.parentCode!,
        founded_on: v.foundedOn,
        responsible_person: v.responsiblePerson,
        ...contactPhoneColumns(ctx.cipher, v.contactPhone),
      };
    });
    await insertIssues(trx, job.id, issues);
  });
  await report(rows.length, rows.length);
  return {
    phase: 'preview',
    totalRows: rows.length,
    validRows: valid.length,
    invalidRows: rows.length - valid.length,
    issueCount: issues.length,
    headerRow,
    orgId: root.id,
  };
}

async function commit(ctx: AppContext, job: Job, actor: Actor, params: ImportJobParams, report: ReportProgress) {
  const staged = await repo.stagedRows(ctx.db, job.id);
  await report(0, staged.length);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const root = await requireAccess(trx, actor, 'org.structure', 'org', params.orgId);
    const taken = staged.length
      ? await repo.codesTaken(
          trx,
          staged.slice(0, 30000).map((s) => s.code),
        )
      : [];
    if (taken.length)
      throw conflict(
        'IMPORT_STALE',
        `预检后组织编码 ${taken.slice(0, 5).join('、')} 已被使用，请重新上传`,
        'Some codes were taken after the preview; upload again',
      );
    const known = await parentsInScope(trx, root.path, [...new Set(staged.map((s) => s.parent_code))]);
    let pending = staged;
    const at = nowIso();
    let done = 0;
    while (pending.length) {
      const next: typeof staged = [];
      for (const s of pending) {
        const parent = known.get(s.parent_code);
        if (!parent) {
          next.push(s);
          continue;
        }
        const { id } = await orgRepository.insert(trx, {
          parent_id: parent.id,
          path: `${parent.path}pending-${s.row_number}/`,
          depth: parent.depth + 1,
          type_code: s.type_code,
          name: s.name,
          code: s.code,
          pinyin_initials: pinyinInitials(s.name),
          pinyin_full: pinyinFull(s.name),
          founded_on: s.founded_on,
          responsible_person: s.responsible_person,
          contact_phone_enc: s.contact_phone_enc,
          contact_phone_masked: s.contact_phone_masked,
          status: 'active',
          merged_into_id: null,
          created_at: at,
          updated_at: at,
        });
        const path = `${parent.path}${id}/`;
        await orgRepository.setPath(trx, id, path);
        await countOrgType(trx, { path, type_code: s.type_code }, 1);
        known.set(s.code, { id, path, depth: parent.depth + 1, typeCode: s.type_code });
        done++;
      }
      if (next.length === pending.length)
        throw conflict('IMPORT_STALE', '部分上级组织在预检后已变更，请重新上传', 'Some parents changed after the preview; upload again');
      pending = next;
    }
    await repo.clearStaged(trx, job.id);
    await audit(trx, actor, {
      action: 'org.import',
      targetType: 'organization',
      targetId: root.id,
      summary: { jobId: job.id, file: params.filename, created: done, mode: params.mode },
    });
    return done;
  });
  await report(created, created);
  return { phase: 'committed', imported: created, skipped: params.preview?.invalidRows ?? 0 };
}
