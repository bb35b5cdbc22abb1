import { isoToday, RosterParser, type FieldError, type MemberImportRow } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { bulkTransaction, nowIso } from '../db/database.ts';
import type { Job, Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict } from '../http/errors.ts';
import { orgRepository } from '../orgs/repository.ts';
import { readSheetRows } from '../imports/sheet-reader.ts';
import { ancestorDeltas, insertIssues, yieldToEventLoop } from '../imports/staging.ts';
import type { ReportProgress } from '../jobs/runner.ts';
import { importJobParams, type ImportJobParams } from '../jobs/repository.ts';
import { idCardColumns, phoneColumns } from './pii.ts';
import { memberImportRepository as repo } from './import-repository.ts';

const BATCH = 1000;
const err = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message: { zh, en } });

export const memberImportHandler = async (ctx: AppContext, job: Job, actor: Actor, report: ReportProgress) => {
  requireRole(actor, 'member.write');
  const params = importJobParams(job);
  if (params.phase !== 'preview') return commit(ctx, job, actor, params, report);
  try {
    return await preview(ctx, job, actor, params, report);
  } catch (e) {
    // A file that fails halfway (a limit reached in the sheet, a damaged part) leaves nothing staged.
    await repo.clearStaged(ctx.db, job.id);
    throw e;
  }
};

/**
 * Pass 1: stream the sheet, validate every row, stage valid rows (already encrypted) and
 * record every problem with its row number. Nothing touches the roster yet.
 */
async function preview(ctx: AppContext, job: Job, actor: Actor, params: ImportJobParams, report: ReportProgress) {
  const target = await requireAccess(ctx.db, actor, 'member.write', 'org', params.orgId);
  const holds = new Map((await orgRepository.types(ctx.db)).map((t) => [t.code, !!t.holds_members]));
  const parser = new RosterParser({ today: isoToday() });
  const firstRowOfId = new Map<string, number>();
  const orgByCode = new Map<string, Organization | FieldError>();
  let totalRows = 0,
    validRows = 0,
    invalidRows = 0,
    issueCount = 0,
    headerRow: number | null = null;
  // Progress in sheet rows, against the sheet's declared size when it has one.
  let at: { done: number; total: number | null } = { done: 0, total: null };
  let staged: { rowNumber: number; orgId: number; v: MemberImportRow; hash: string }[] = [];
  let issues: { rowNumber: number; error: FieldError }[] = [];

  const resolveOrg = async (code: string | null): Promise<Organization | FieldError> => {
    if (!code || code === target.code) return target;
    if (!orgByCode.has(code)) {
      const o = await orgRepository.findByCodeInScope(ctx.db, target.path, code);
      orgByCode.set(
        code,
        o ??
          err(
            'orgCode',
            'ORG_CODE_NOT_FOUND',
            `组织编码「${code}」不存在或不在「${target.name}」之下`,
            `Organization code "${code}" does not exist under "${target.name}"`,
          ),
      );
    }
    return orgByCode.get(code)!;
  };

  const flush = async () => {
    // Rows whose ID is already on any roster are problems too (one person, one roster).
    if (staged.length) {
      const existing = await repo.idCardHashesOnRoster(
        ctx.db,
        staged.map((s) => s.hash),
      );
      const fresh = staged.filter((s) => !existing.has(s.hash));
      for (const s of staged.filter((x) => existing.has(x.hash))) {
        issues.push({
          rowNumber: s.rowNumber,
          error: err(
            'idCard',
            'MEMBER_DUPLICATE_ID_CARD',
            `身份证号「${s.v.idCard.slice(0, 3)}…${s.v.idCard.slice(-4)}」已在团员名册中（可能在其他组织，请办理组织关系转接）`,
            'This ID number is already on a roster (use a transfer)',
          ),
        });
        validRows--;
        invalidRows++;
      }
      await ctx.db.transaction().execute(async (trx) => {
        await repo.stageRows(trx, fresh, (s) => ({
          job_id: job.id,
          row_number: s.rowNumber,
          org_id: s.orgId,
          name: s.v.name,
          gender: s.v.gender,
          birth_date: s.v.birthDate,
          ...idCardColumns(ctx.cipher, s.v.idCard),
          ...phoneColumns(ctx.cipher, s.v.phone),
          joined_on: s.v.joinedOn,
          position: s.v.position,
          note: s.v.note,
        }));
        await insertIssues(trx, job.id, issues);
      });
    } else if (issues.length) {
      await insertIssues(ctx.db, job.id, issues);
    }
    issueCount += issues.length;
    staged = [];
    issues = [];
    await report(at.done, at.total);
    await yieldToEventLoop();
  };

  for await (const { rowNumber, cells, lastRow } of readSheetRows(ctx.files.localPath(params.fileHash))) {
    at = { done: lastRow ? Math.min(rowNumber, lastRow) : rowNumber, total: lastRow };
    const out = parser.feed(rowNumber, cells);
    if (out.kind === 'skipped') {
      if (out.reason === 'header') headerRow = rowNumber;
      continue;
    }
    totalRows++;
    const errors = [...out.errors];
    let orgId = target.id;
    let hash = '';
    if (out.value) {
      const org = await resolveOrg(out.value.orgCode);
      if ('field' in org) errors.push(org);
      else if (org.status !== 'active' || !holds.get(org.type_code)) {
        errors.push(
          err(
            'orgCode',
            'ORG_TYPE_HOLDS_NO_MEMBERS',
            `「${org.name}」不是可以直接管理团员的在用基层组织`,
            `"${org.name}" is not an active organization that holds members`,
          ),
        );
      } else orgId = org.id;
      hash = ctx.cipher.hash(out.value.idCard);
      const first = firstRowOfId.get(hash);
      if (first !== undefined) errors.push(err('idCard', 'DUPLICATE_IN_FILE', `身份证号与第 ${first} 行重复`, `The ID number repeats row ${first}`));
      else firstRowOfId.set(hash, rowNumber);
    }
    if (errors.length || !out.value) {
      invalidRows++;
      for (const e of errors) issues.push({ rowNumber, error: e });
    } else {
      validRows++;
      staged.push({ rowNumber, orgId, v: out.value, hash });
    }
    if (staged.length + issues.length >= BATCH) await flush();
  }
  if (!parser.headerFound()) {
    const e = parser.missingHeaderError();
    throw new AppError(422, e.code, e.message, [e]);
  }
  at = { done: at.total ?? at.done, total: at.total ?? at.done };
  await flush();
  return { phase: 'preview', totalRows, validRows, invalidRows, issueCount, headerRow, orgId: target.id };
}

/**
 * Staged rows moved onto the roster per statement of a commit. On SQLite a statement runs
 * synchronously: 500 rows take ~10 ms at a city of 50,000 members and ~25 ms at 500,000, where the
 * whole 100,000-row import as one statement froze the server for 1–6 s (decision 0009).
 */
export const COMMIT_CHUNK_ROWS = 500;

/**
 * Pass 2: one transaction moves the staged rows onto the roster in chunks of COMMIT_CHUNK_ROWS
 * and updates the roll-ups. The event loop takes turns between the statements; the transaction
 * keeps the import all-or-nothing: a failure anywhere rolls back every chunk (and puts the staged
 * rows back). On SQLite the transaction holds the one connection, so other requests' queries wait
 * for it; their other work, and requests that need no database, go on. It is a bulkTransaction:
 * on SQLite foreign keys are not enforced in it, so the organizations are checked here.
 */
async function commit(ctx: AppContext, job: Job, actor: Actor, params: ImportJobParams, report: ReportProgress) {
  const total = params.preview?.validRows ?? null;
  await report(0, total);
  const result = await bulkTransaction(ctx.db, ctx.database, async (trx) => {
    const target = await requireAccess(trx, actor, 'member.write', 'org', params.orgId);
    if (target.status !== 'active') throw conflict('ORG_INACTIVE', '目标组织已停用', 'The target organization is not active');

    // Chunks are ranges of COMMIT_CHUNK_ROWS spreadsheet row numbers (so at most that many rows;
    // fewer where rows were skipped). Ranges with both ends keep every statement on the staging
    // table's primary key: a "next 500 after n" page made PostgreSQL, which has no statistics on
    // rows just staged, sort the rest of the job for every page.
    const span = await repo.stagedSpan(trx, job.id);
    const chunks: { from: number; to: number }[] = [];
    if (span) {
      for (let from = span.lo; from <= span.hi; from += COMMIT_CHUNK_ROWS) chunks.push({ from, to: from + COMMIT_CHUNK_ROWS - 1 });
    }
    // First pass: how many rows go to each organization, and whether anyone was put on a roster
    // since the preview (then nothing is imported).
    const perOrgCount = new Map<number, number>();
    let clashes = 0;
    for (const { from, to } of chunks) {
      for (const c of await repo.stagedCountsPerOrg(trx, job.id, from, to)) perOrgCount.set(c.orgId, (perOrgCount.get(c.orgId) ?? 0) + c.n);
      clashes += await repo.stagedAlreadyOnRoster(trx, job.id, from, to);
      await yieldToEventLoop();
    }
    if (clashes > 0) {
      throw conflict(
        'IMPORT_STALE',
        `预检后有 ${clashes} 人已被登记到名册，请重新上传以获得最新的检查结果`,
        `${clashes} person(s) were added to a roster after the preview; upload again`,
      );
    }
    // Every organization the rows go to still exists (member.org_id's reference, checked here).
    const orgIds = [...perOrgCount.keys()];
    const perOrg = (await repo.orgPaths(trx, orgIds)).map((o) => ({ org_id: o.id, path: o.path, n: perOrgCount.get(o.id)! }));
    if (perOrg.length !== orgIds.length)
      throw conflict('IMPORT_STALE', '部分组织在预检后已变更，请重新上传', 'Some organizations changed after the preview; upload again');

    const at = nowIso();
    for (const { from, to } of chunks) {
      await repo.moveOntoRoster(trx, ctx.dialect, job.id, from, to, at);
      await yieldToEventLoop();
    }

    for (const o of perOrg) await orgRepository.addToDirectCount(trx, o.org_id, o.n);
    for (const [orgId, delta] of ancestorDeltas(perOrg.map((o) => ({ path: o.path, delta: o.n })))) {
      await orgRepository.addToSubtreeCounts(trx, [orgId], delta);
    }
    const imported = perOrg.reduce((sum, o) => sum + o.n, 0);
    const skipped = params.preview?.invalidRows ?? 0;
    await audit(trx, actor, {
      action: 'member.import',
      targetType: 'organization',
      targetId: target.id,
      summary: { jobId: job.id, file: params.filename, imported, skipped, mode: params.mode },
    });
    return { phase: 'committed', imported, skipped };
  });
  await report(result.imported, result.imported);
  return result;
}
