import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { makeIdCard } from '@zx/domain';
import { nowMs } from './util.ts';

/**
 * A realistic 团员花名册 the way branches keep them: a merged title row and a 填报单位 line
 * above the header, a 序号 column, header texts that are synonyms rather than the template's
 * (出生年月, 公民身份号码, 手机号码), dates partly as real date cells and partly typed as text,
 * some mobiles stored as numbers, a signature row at the bottom.
 *
 * Every data row is valid. ID numbers use region prefix 98xxxx (the city generator uses 99xxxx,
 * neither exists) and mobiles the synthetic block 171xxxxxxxx (the generator uses 170…), so the
 * file never collides with a seeded city and never holds a real person's number.
 *
 * Layouts (what a streaming reader meets first matters for its memory and its progress bar):
 *  - 'excel'   text in xl/sharedStrings.xml, placed with the workbook parts BEFORE the worksheet,
 *              the way files saved by Excel/WPS usually are (the exceljs file, re-zipped in that order);
 *  - 'exceljs' as exceljs's streaming writer leaves it (and as the app's own exports are): the
 *              worksheet first, then sharedStrings.xml, workbook.xml and its rels. exceljs's
 *              streaming reader must then copy the whole worksheet to a temp file before it can
 *              parse a row (it needs the shared strings and the workbook rels first).
 */
export type XlsxLayout = 'excel' | 'exceljs';
export const XLSX_LAYOUTS: XlsxLayout[] = ['excel', 'exceljs'];

export async function writeRosterXlsx(file: string, rows: number, opts: { seed?: number; layout?: XlsxLayout; idOffset?: number } = {}) {
  const layout = opts.layout ?? 'excel';
  const t0 = nowMs();
  let a = (opts.seed ?? 7) >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (s: string) => s[Math.floor(rand() * s.length)];
  const SURNAMES =
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
  const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彬鑫浩宇轩然涵睿博文欣怡梓萱子豪晨阳思远佳琪雨彤俊熙诗一诺若曦嘉';
  const p2 = (n: number) => String(n).padStart(2, '0');

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('团员花名册');
  sheet.columns = [8, 10, 6, 12, 22, 14, 11, 12, 16].map((width) => ({ width }));
  const title = sheet.addRow(['临江区团委直属青年突击队团支部团员花名册']);
  sheet.mergeCells('A1:I1');
  title.font = { bold: true, size: 16 };
  title.commit();
  sheet.addRow(['填报单位：（盖章）', null, null, null, null, null, '填报日期：2025年11月']).commit();
  sheet.addRow(['序号', '姓名', '性别', '出生年月', '公民身份号码', '手机号码', '入团时间', '团内职务', '备注']).commit();

  const positions = ['团支部书记', '副书记', '组织委员', '宣传委员'];
  const offset = opts.idOffset ?? 0;
  for (let i = 0; i < rows; i++) {
    const n = i + offset; // ID numbers and mobiles: unique for n < 10,000,000
    const year = 1998 + Math.floor(rand() * 12); // 16–27 years old in 2025
    const month = 1 + Math.floor(rand() * 12);
    const dayOfMonth = 1 + Math.floor(rand() * 28);
    const birth = `${year}${p2(month)}${p2(dayOfMonth)}`;
    const idCard = makeIdCard(`98${String(n % 10000).padStart(4, '0')}`, birth, String(Math.floor(n / 10000) % 1000).padStart(3, '0'));
    const male = Number(idCard[16]) % 2 === 1;
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
    const r = rand();
    const birthCell =
      r < 0.7 ? new Date(Date.UTC(year, month - 1, dayOfMonth)) : r < 0.9 ? `${year}-${p2(month)}-${p2(dayOfMonth)}` : `${year}年${month}月${dayOfMonth}日`;
    const phoneDigits = `171${String(n).padStart(8, '0')}`;
    const phone = rand() < 0.2 ? Number(phoneDigits) : phoneDigits;
    const joinYear = Math.min(2024, year + 14 + Math.floor(rand() * 3));
    const joined = rand() < 0.5 ? `${joinYear}-05` : new Date(Date.UTC(joinYear, 4, 4));
    const position = i < positions.length ? positions[i] : rand() < 0.8 ? '团员' : '';
    const note = rand() < 0.02 ? '流动团员' : '';
    const row = sheet.addRow([i + 1, name, male ? '男' : '女', birthCell, idCard, phone, joined, position, note]);
    if (birthCell instanceof Date) row.getCell(4).numFmt = 'yyyy-mm-dd';
    if (joined instanceof Date) row.getCell(7).numFmt = 'yyyy-mm';
    row.commit();
  }
  sheet.addRow([]).commit();
  sheet.addRow(['填表人：王小明', null, null, '审核人：李书记', null, '联系电话：17100000000']).commit();
  sheet.commit();
  await workbook.commit();
  if (layout === 'excel') await reorderZip(file);
  return { file, rows, layout, bytes: statSync(file).size, seconds: (nowMs() - t0) / 1000, entries: zipEntryNames(file) };
}

/** Parts a reader needs before the cells, first: the order Excel-saved workbooks usually have. */
const EXCEL_ORDER = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/theme/theme1.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];

async function reorderZip(file: string) {
  // jszip comes with exceljs (it is not a dependency of the project itself).
  const JSZip = createRequire(import.meta.url)('jszip') as typeof import('jszip');
  const src = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(src.files).filter((n) => !src.files[n].dir);
  const ordered = [...EXCEL_ORDER.filter((n) => names.includes(n)), ...names.filter((n) => !EXCEL_ORDER.includes(n))];
  const dst = new JSZip();
  for (const n of ordered) dst.file(n, await src.files[n].async('nodebuffer'), { createFolders: false });
  const buf = await dst.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  writeFileSync(`${file}.tmp`, buf);
  renameSync(`${file}.tmp`, file);
}

/** Entry names in stored order, read from the local file headers. */
export function zipEntryNames(file: string): string[] {
  const b = readFileSync(file);
  const out: string[] = [];
  for (let i = 0; i + 30 <= b.length && b.readUInt32LE(i) === 0x04034b50; ) {
    const flags = b.readUInt16LE(i + 6);
    const size = b.readUInt32LE(i + 18);
    const nameLen = b.readUInt16LE(i + 26);
    const extraLen = b.readUInt16LE(i + 28);
    out.push(b.toString('utf8', i + 30, i + 30 + nameLen));
    if (flags & 0x08 && size === 0) {
      // sizes follow the data in a descriptor: scan for the next header
      const next = b.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), i + 30 + nameLen + extraLen);
      const central = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 30 + nameLen + extraLen);
      if (next < 0 || (central >= 0 && central < next)) break;
      i = next;
      continue;
    }
    i += 30 + nameLen + extraLen + size;
  }
  return out;
}
