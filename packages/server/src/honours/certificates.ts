import { HONOUR_NAMES, type HonourKind } from '@zx/domain';
import { locatePdfFonts, openPdf, type PdfFonts } from '../bulletins/pdf.ts';

/**
 * 荣誉证书: one A4 landscape page per award, with the CJK font of the bulletins embedded
 * (bulletins/pdf.ts finds it; without one the PDF answers 503 PDF_FONT_MISSING).
 */
export interface CertificateInput {
  name: string;
  kind: HonourKind;
  /** The member's organization (person honours); null for a unit. */
  orgName: string | null;
  issuerOrgName: string;
  year: number;
  awardedOn: string;
  certificateNo: string;
  roundName: string;
}

const RED = '#C8102E';
const GOLD = '#B8860B';

const cnDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

export async function certificatesPdf(list: CertificateInput[], title: string, fonts: PdfFonts | null = locatePdfFonts()): Promise<Buffer> {
  const { doc, done } = openPdf(
    { size: 'A4', layout: 'landscape', margin: 0, autoFirstPage: false, lang: 'zh-CN', info: { Title: title, Creator: 'Zhengxian' } },
    fonts,
  );

  for (const c of list) {
    doc.addPage();
    const w = doc.page.width;
    const h = doc.page.height;
    doc
      .save()
      .rect(24, 24, w - 48, h - 48)
      .lineWidth(6)
      .strokeColor(RED)
      .stroke()
      .restore();
    doc
      .save()
      .rect(36, 36, w - 72, h - 72)
      .lineWidth(1.5)
      .strokeColor(GOLD)
      .stroke()
      .restore();
    const inner = { x: 90, width: w - 180 };
    doc.font('title').fontSize(48).fillColor(RED).text('荣 誉 证 书', inner.x, 90, { width: inner.width, align: 'center' });
    doc.fillColor('black').font('body').fontSize(20);
    const who = c.orgName ? `${c.orgName}  ${c.name}` : c.name;
    doc.text(`${who}：`, inner.x, 200, { width: inner.width });
    doc.moveDown(0.6);
    doc.text(`在${c.year}年度工作中表现突出，经评选、公示，被评为`, inner.x + 40, doc.y, { width: inner.width - 40 });
    doc.moveDown(0.8);
    doc.font('heading').fontSize(36).fillColor(RED).text(`${c.year}年度${HONOUR_NAMES[c.kind].zh}`, inner.x, doc.y, { width: inner.width, align: 'center' });
    doc.moveDown(0.6);
    doc
      .font('body')
      .fontSize(20)
      .fillColor('black')
      .text('特发此证，以资鼓励。', inner.x + 40, doc.y, { width: inner.width - 40 });
    doc
      .font('body')
      .fontSize(20)
      .text(c.issuerOrgName, inner.x, h - 170, { width: inner.width - 20, align: 'right' });
    doc.text(cnDate(c.awardedOn), inner.x, h - 140, { width: inner.width - 20, align: 'right' });
    doc
      .fontSize(11)
      .fillColor('#555555')
      .text(`证书编号：${c.certificateNo}`, inner.x, h - 90, { width: inner.width, align: 'left' });
    doc.text(c.roundName, inner.x, h - 90, { width: inner.width, align: 'right' });
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
