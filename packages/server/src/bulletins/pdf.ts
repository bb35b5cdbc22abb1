import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type * as Fontkit from 'fontkit';
import type PdfKit from 'pdfkit';
import { AppError } from '../http/errors.ts';
import { lazyLib } from '../lazy-lib.ts';
import { documentBlocks, LINE_PITCH_PT, PAGE, SIZE, type Block, type DocumentInput } from './document.ts';

/**
 * The PDF of a bulletin (pdfkit), in the same GB/T 9704 layout as the .docx, with a CJK font
 * embedded (subset) so it reads the same everywhere. The font is found once at start-up:
 *   1. ZX_PDF_FONT — a .ttf/.otf/.ttc path (a collection picks its Simplified Chinese face);
 *   2. fontconfig: `fc-match 'Noto Serif CJK SC'`, then 'Noto Sans CJK SC' (only if fontconfig
 *      really has that family — fc-match always answers with something);
 *   3. the Debian paths of fonts-noto-cjk and a few other common CJK packages.
 * A sans face (for 黑体 headings) and a bold serif (for the 小标宋-style title) are used when
 * present, else the body face. Without any CJK font the PDF answers 503 PDF_FONT_MISSING.
 */

const fontkit = lazyLib<typeof Fontkit>('fontkit');
const PDFDocument = lazyLib<typeof PdfKit>('pdfkit');

export interface PdfFace {
  path: string;
  postscriptName?: string;
}
export interface PdfFonts {
  body: PdfFace;
  title: PdfFace;
  heading: PdfFace;
}

const KNOWN_PATHS = {
  serif: [
    '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSerifCJK-Regular.ttc',
  ],
  serifBold: ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', '/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc'],
  sans: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/arphic/uming.ttc',
  ],
};

/** Opens a font file and returns the face that draws Chinese (a collection's SC face first). */
function usableFace(path: string): PdfFace | null {
  try {
    if (!existsSync(path)) return null;
    const f = fontkit().openSync(path) as Fontkit.Font | Fontkit.FontCollection;
    const faces: Fontkit.Font[] = 'fonts' in f ? f.fonts : [f];
    const ordered = [...faces.filter((x) => /sc\b|sc-|SC/.test(x.postscriptName)), ...faces];
    const face = ordered.find((x) => x.hasGlyphForCodePoint(0x901a) && x.hasGlyphForCodePoint(0x62a5)); // 通报
    if (!face) return null;
    return 'fonts' in f ? { path, postscriptName: face.postscriptName } : { path };
  } catch {
    return null;
  }
}

function fcMatch(family: string, style = ''): PdfFace | null {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}|%{family}|%{postscriptname}', `${family}${style}`], {
      encoding: 'utf8',
      timeout: 3000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [file, families, postscriptName] = out.split('|');
    if (
      !file ||
      !existsSync(file) ||
      !families
        ?.toLowerCase()
        .split(',')
        .some((n) => n.trim() === family.toLowerCase())
    )
      return null;
    return /\.(ttc|otc)$/i.test(file) ? { path: file, postscriptName } : { path: file };
  } catch {
    return null;
  }
}

const firstOf = (paths: string[]) => paths.map(usableFace).find(Boolean) ?? null;

let located: PdfFonts | null | undefined;

/** Finds the fonts once (cached); `refresh` re-reads the environment (tests). */
export function locatePdfFonts(refresh = false): PdfFonts | null {
  if (located !== undefined && !refresh) return located;
  const env = process.env.ZX_PDF_FONT;
  const body =
    (env ? usableFace(env) : null) ?? fcMatch('Noto Serif CJK SC') ?? fcMatch('Noto Sans CJK SC') ?? firstOf(KNOWN_PATHS.serif) ?? firstOf(KNOWN_PATHS.sans);
  if (!body) return (located = null);
  const fromEnv = !!env && body.path === env;
  located = {
    body,
    title: fromEnv ? body : (fcMatch('Noto Serif CJK SC', ':bold') ?? firstOf(KNOWN_PATHS.serifBold) ?? body),
    heading: fromEnv ? body : (fcMatch('Noto Sans CJK SC') ?? firstOf(KNOWN_PATHS.sans) ?? body),
  };
  return located;
}

/**
 * Parsed faces, kept for the life of the process: fontkit parses a CJK face's tables lazily, so
 * reusing the object makes the second PDF ~10× faster than re-reading a 20 MB collection.
 */
const faces = new Map<string, Fontkit.Font>();
function loadFace(face: PdfFace): Fontkit.Font {
  const key = `${face.path}#${face.postscriptName ?? ''}`;
  let f = faces.get(key);
  if (!f) {
    f = fontkit().create(readFileSync(face.path), face.postscriptName) as Fontkit.Font;
    faces.set(key, f);
  }
  return f;
}

export const pdfFontMissing = () =>
  new AppError(503, 'PDF_FONT_MISSING', {
    zh: '服务器未安装中文字体，无法生成 PDF。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）或设置 ZX_PDF_FONT 指向一个中文字体文件后重启。',
    en: 'No Chinese font is installed on the server, so the PDF cannot be made. Install fonts-noto-cjk (apt-get install fonts-noto-cjk) or point ZX_PDF_FONT at a CJK font file, then restart.',
  });

const MM = 72 / 25.4;
const RED = '#FF0000';

/**
 * A PDF document with the CJK faces registered as 'body', 'title' and 'heading'; `done` gives the
 * bytes after `doc.end()`. Every PDF the app writes (bulletins, certificates) starts here.
 */
export function openPdf(options: PDFKit.PDFDocumentOptions, fonts: PdfFonts | null = locatePdfFonts()): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  if (!fonts) throw pdfFontMissing();
  const doc = new (PDFDocument())(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit face as a source too (PDFFontFactory.open checks for .layout).
  doc.registerFont('body', loadFace(fonts.body) as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('title', loadFace(fonts.title) as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('heading', loadFace(fonts.heading) as unknown as PDFKit.Mixins.PDFFontSource);
  return { doc, done };
}

export async function bulletinPdf(input: DocumentInput, fonts: PdfFonts | null = locatePdfFonts()): Promise<Buffer> {
  const { doc, done } = openPdf(
    {
      size: 'A4',
      margins: { top: PAGE.top * MM, bottom: PAGE.bottom * MM, left: PAGE.left * MM, right: PAGE.right * MM },
      bufferPages: true,
      lang: 'zh-CN',
      info: { Title: input.title, Author: input.body.issuer, Creator: 'Zhengxian' },
    },
    fonts,
  );

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  /** Text at `size` on a fixed line pitch: pdfkit adds lineGap below each line's own height. */
  const set = (font: 'body' | 'title' | 'heading', size: number, pitch = LINE_PITCH_PT) => {
    doc.font(font).fontSize(size);
    return Math.max(0, pitch - doc.currentLineHeight(true));
  };
  const blank = (lines = 1) => {
    doc.y += LINE_PITCH_PT * lines;
  };
  /** Starts a new page unless `height` more points fit (a heading never ends a page). */
  const keep = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  const draw = (b: Block) => {
    doc.x = left;
    switch (b.kind) {
      case 'issuer': {
        const size = Math.max(SIZE.body, Math.min(36, Math.floor(width / Math.max(1, [...b.text].length) - 2)));
        const lineGap = set('title', size, size * 1.3);
        doc.fillColor(RED).text(b.text, left, doc.y, { width, align: 'center', lineGap }).fillColor('black');
        break;
      }
      case 'number':
        blank();
        doc.text(b.text, left, doc.y, { width, align: 'center', lineGap: set('body', SIZE.body) });
        break;
      case 'rule': {
        const y = doc.y + 4 * MM;
        doc
          .save()
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(1.5)
          .strokeColor(RED)
          .stroke()
          .restore();
        doc.y = y + 8 * MM;
        break;
      }
      case 'title':
        doc.text(b.text, left, doc.y, { width, align: 'center', lineGap: set('title', SIZE.title, 35) });
        blank();
        break;
      case 'addressee':
        doc.text(b.text, left, doc.y, { width, lineGap: set('body', SIZE.body) });
        break;
      case 'heading':
        keep(3 * LINE_PITCH_PT);
        doc.text(b.text, left, doc.y, { width, indent: 2 * SIZE.body, lineGap: set('heading', SIZE.body) });
        break;
      case 'paragraph':
        doc.text(b.text, left, doc.y, { width, indent: 2 * SIZE.body, align: 'justify', lineGap: set('body', SIZE.body) });
        break;
      case 'table':
        keep(4 * SIZE.table * 2);
        doc.font('body').fontSize(SIZE.table);
        doc.table({
          position: { x: left, y: doc.y + 4 },
          maxWidth: width,
          columnStyles: b.widths.map((w) => (width * w) / 100),
          defaultStyle: { padding: [4, 3], border: 0.75, align: { x: 'center', y: 'center' } },
          data: [
            b.header.map((h) => ({ text: h, font: { src: 'heading', size: SIZE.table }, type: 'TH' as const })),
            ...b.rows.map((r) =>
              r.map((c, i) => ({
                text: c,
                font: { src: 'body', size: SIZE.table },
                ...(b.left.includes(i) ? { align: { x: 'left' as const, y: 'center' as const } } : {}),
              })),
            ),
          ],
        });
        doc.x = left;
        blank(0.5);
        break;
      case 'signature':
        blank();
        for (const l of b.lines) doc.text(l, left, doc.y, { width: width - 4 * SIZE.body, align: 'right', lineGap: set('body', SIZE.body) });
        break;
    }
  };
  for (const b of documentBlocks(input)) draw(b);

  // 4号 page numbers "— N —", one character in from the outside edge, 7 mm under the text block.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const n = i + 1;
    doc
      .font('body')
      .fontSize(SIZE.pageNumber)
      .text(`— ${n} —`, left + SIZE.pageNumber, doc.page.height - bottom + 7 * MM, {
        width: width - 2 * SIZE.pageNumber,
        align: n % 2 === 1 ? 'right' : 'left',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
