import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import JSZip from 'jszip';
import { documentBlocks, LINE_PITCH_PT, PAGE, SIZE, type Block, type DocumentInput } from './document.ts';

/**
 * The .docx of a bulletin in the GB/T 9704-2012 layout: A4, margins 37/35/28/26 mm, red issuer
 * line and separator, 2号 小标宋 title, 3号 仿宋 body on a 28.95 pt line pitch with a two-character
 * first-line indent, 黑体 level-1 headings, 4号 page numbers "— N —" outside on odd/even pages.
 *
 * Fonts. Runs name the official fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 宋体) for East Asian text
 * with an eastAsia hint. The font table (word/fontTable.xml) gives each an ordered, comma
 * separated `w:altName` list (ISO/IEC 29500-1 §17.8.3.1: an application that cannot find the
 * primary name tries each alternate in turn) plus GB2312 charset and PANOSE family, so Word and
 * WPS on a machine without the official fonts use 仿宋/FangSong, then the Noto CJK fonts.
 */

/** Primary font and its fallbacks, in order. */
export const FONTS = {
  title: {
    name: '方正小标宋简体',
    alt: ['方正小标宋_GBK', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Noto Serif CJK SC', 'Source Han Serif SC'],
    family: 'roman',
    panose: '02000000000000000000',
  },
  body: {
    name: '仿宋_GB2312',
    alt: ['仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Source Han Serif SC'],
    family: 'modern',
    panose: '02010609030101010101',
  },
  heading: { name: '黑体', alt: ['SimHei', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC'], family: 'modern', panose: '02010609060101010101' },
  pageNumber: { name: '宋体', alt: ['SimSun', 'Noto Serif CJK SC', 'Source Han Serif SC'], family: 'auto', panose: '02010600030101010101' },
} as const;
type FontKey = keyof typeof FONTS;

/** Word stores lengths in twentieths of a point; cm are rounded to 0.1 pt the way Word does. */
export const mmToTwip = (mm: number) => Math.round((Math.round((mm / 25.4) * 72 * 10) / 10) * 20);
const pt = (x: number) => Math.round(x * 20);
const halfPt = (x: number) => Math.round(x * 2);

export const TWIPS = {
  width: 11906,
  height: 16838,
  top: mmToTwip(PAGE.top),
  bottom: mmToTwip(PAGE.bottom),
  left: mmToTwip(PAGE.left),
  right: mmToTwip(PAGE.right),
  linePitch: pt(LINE_PITCH_PT),
} as const;

const RED = 'FF0000';

function run(text: string, font: FontKey, size: number, extra: Partial<IRunOptions> = {}) {
  const f = FONTS[font].name;
  return new TextRun({ text, font: { ascii: f, eastAsia: f, hAnsi: f, cs: f, hint: 'eastAsia' }, size: halfPt(size), ...extra } as IRunOptions);
}

const bodyLine = { line: TWIPS.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const indent2 = { firstLine: pt(2 * SIZE.body), firstLineChars: 200 };

function issuerSize(text: string) {
  // The issuer line fits the 156 mm text block: shrink long names, never below 3号.
  const widthPt = ((PAGE.widthMm - PAGE.left - PAGE.right) / 25.4) * 72;
  return Math.max(SIZE.body, Math.min(36, Math.floor(widthPt / Math.max(1, [...text].length) - 2)));
}

function table(b: Extract<Block, { kind: 'table' }>) {
  const total = TWIPS.width - TWIPS.left - TWIPS.right;
  const widths = b.widths.map((w) => Math.floor((total * w) / 100));
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: b.left.includes(i) && !head ? AlignmentType.LEFT : AlignmentType.CENTER,
          spacing: { line: pt(SIZE.table * 1.5), lineRule: LineRuleType.EXACT },
          children: [run(text, head ? 'heading' : 'body', SIZE.table)],
        }),
      ],
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'issuer':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 0, after: 0, line: pt(issuerSize(block.text) * 1.3), lineRule: LineRuleType.EXACT },
          children: [run(block.text, 'title', issuerSize(block.text), { color: RED })],
        }),
      ];
    case 'number':
      // 发文字号: two blank lines below the issuer, centred.
      return [
        new Paragraph({ spacing: bodyLine, children: [] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: bodyLine, children: [run(block.text, 'body', SIZE.body)] }),
      ];
    case 'rule':
      // Red separator as wide as the text block, 4 mm under the number.
      return [
        new Paragraph({
          spacing: { before: 0, after: mmToTwip(4) * 2, line: pt(4), lineRule: LineRuleType.EXACT },
          border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } },
          children: [],
        }),
      ];
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 0, after: TWIPS.linePitch, line: pt(35), lineRule: LineRuleType.EXACT },
          children: [run(block.text, 'title', SIZE.title)],
        }),
      ];
    case 'addressee':
      return [new Paragraph({ spacing: bodyLine, children: [run(block.text, 'body', SIZE.body)] })];
    case 'heading':
      return [new Paragraph({ spacing: bodyLine, indent: indent2, keepNext: true, children: [run(block.text, 'heading', SIZE.body)] })];
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.BOTH, spacing: bodyLine, indent: indent2, children: [run(block.text, 'body', SIZE.body)] })];
    case 'table':
      return [table(block), new Paragraph({ spacing: bodyLine, children: [] })];
    case 'signature':
      // 落款: the date four characters from the right margin, the issuer above it.
      return [
        new Paragraph({ spacing: bodyLine, children: [] }),
        ...block.lines.map(
          (l) =>
            new Paragraph({ alignment: AlignmentType.RIGHT, spacing: bodyLine, indent: { right: pt(4 * SIZE.body) }, children: [run(l, 'body', SIZE.body)] }),
        ),
      ];
  }
}

/** 4号 page number between em dashes, one character in from the outside edge. */
function pageNumberFooter(side: 'odd' | 'even') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: pt(SIZE.pageNumber) } : { left: pt(SIZE.pageNumber) },
        children: [
          run('— ', 'pageNumber', SIZE.pageNumber),
          new TextRun({
            children: [PageNumber.CURRENT],
            font: { ascii: FONTS.pageNumber.name, eastAsia: FONTS.pageNumber.name, hAnsi: FONTS.pageNumber.name, hint: 'eastAsia' },
            size: halfPt(SIZE.pageNumber),
          }),
          run(' —', 'pageNumber', SIZE.pageNumber),
        ],
      }),
    ],
  });
}

function fontTableXml(): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const fonts = Object.values(FONTS).map(
    (f) =>
      `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.alt.join(','))}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts.join('') +
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    '</w:fonts>'
  );
}

export async function bulletinDocx(input: DocumentInput): Promise<Buffer> {
  const doc = new Document({
    creator: input.body.issuer,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: { ascii: FONTS.body.name, eastAsia: FONTS.body.name, hAnsi: FONTS.body.name, hint: 'eastAsia' }, size: halfPt(SIZE.body) } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: TWIPS.width, height: TWIPS.height },
            margin: { top: TWIPS.top, bottom: TWIPS.bottom, left: TWIPS.left, right: TWIPS.right, header: mmToTwip(15), footer: mmToTwip(25) },
          },
          grid: { type: DocumentGridType.LINES, linePitch: TWIPS.linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: documentBlocks(input).flatMap(render),
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  // docx writes a bare font table; ours carries the fallback chains.
  const zip = await JSZip.loadAsync(buffer);
  zip.file('word/fontTable.xml', fontTableXml());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
