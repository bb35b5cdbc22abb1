import { open } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { FileTooLargeError } from '../files/store.ts';
import { badRequest, AppError } from '../http/errors.ts';
import { nowIso } from '../db/database.ts';
import { importRepository } from './repository.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Receives one uploaded .xlsx into the file store; its type is checked by content, not name. */
export async function receiveXlsxUpload(
  ctx: AppContext,
  req: FastifyRequest,
): Promise<{ hash: string; size: number; filename: string; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw badRequest('UPLOAD_REQUIRED', '请上传 Excel 文件（.xlsx）', 'Upload an Excel (.xlsx) file');
  const file = await req.file();
  if (!file) throw badRequest('UPLOAD_REQUIRED', '请上传 Excel 文件（.xlsx）', 'Upload an Excel (.xlsx) file');
  let stored: { hash: string; size: number };
  try {
    stored = await ctx.files.put(file.file, MAX_IMPORT_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', { zh: '文件超过 50 MB', en: 'The file is larger than 50 MB' });
    }
    throw e;
  }
  if (file.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { zh: '文件超过 50 MB', en: 'The file is larger than 50 MB' });
  const fh = await open(ctx.files.localPath(stored.hash), 'r');
  const head = Buffer.alloc(4);
  await fh.read(head, 0, 4, 0);
  await fh.close();
  // An .xlsx is a zip archive; legacy .xls (OLE, D0 CF 11 E0) gets a specific hint.
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw badRequest(
      'UPLOAD_XLS_UNSUPPORTED',
      '不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再上传',
      'Legacy .xls files are not supported; save as .xlsx and upload again',
    );
  }
  if (!head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw badRequest('UPLOAD_NOT_XLSX', '文件不是有效的 Excel（.xlsx）文件', 'The file is not a valid Excel (.xlsx) file');
  }
  await importRepository.recordUpload(ctx.db, { hash: stored.hash, size: stored.size, mime: XLSX_MIME, at: nowIso() });
  // Text fields sent before the file (e.g. orgId) arrive with it.
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(file.fields)) {
    const f = Array.isArray(v) ? v[0] : v;
    if (f && f.type === 'field') fields[k] = String(f.value);
  }
  return { ...stored, filename: file.filename.slice(0, 200), fields };
}
