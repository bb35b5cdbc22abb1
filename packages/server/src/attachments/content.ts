import path from 'node:path';
import type Sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.ts';
import { lazyLib } from '../lazy-lib.ts';

// Photos come one at a time; libvips' operation cache only costs memory here.
const sharp = lazyLib<typeof Sharp>('sharp', (lib) => lib.cache(false));

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const LONG_EDGE = 2560;
const THUMB_EDGE = 320;
/** ~50 megapixels: refuses decompression bombs long before libvips' own limit. */
const MAX_INPUT_PIXELS = 50_000_000;

export type AttachmentKind = 'file' | 'photo';

interface Detected {
  mime: string;
  /** Extensions a file of this content may carry in its name. */
  exts: string[];
  image: boolean;
}

const IMAGES: Record<string, Detected> = {
  jpg: { mime: 'image/jpeg', exts: ['jpg', 'jpeg', 'jfif', 'jpe'], image: true },
  png: { mime: 'image/png', exts: ['png'], image: true },
  webp: { mime: 'image/webp', exts: ['webp'], image: true },
};
const DOCUMENTS: Record<string, Detected> = {
  pdf: { mime: 'application/pdf', exts: ['pdf'], image: false },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'], image: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'], image: false },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', exts: ['pptx'], image: false },
};
/** Legacy Office files share one container format (OLE/CFB); the name tells which one. */
const CFB_BY_EXT: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel' };
const TEXT_EXTS = ['txt', 'csv', 'md', 'log'];

export const typeRefused = (kind: AttachmentKind) =>
  kind === 'photo'
    ? new AppError(422, 'ATTACHMENT_TYPE_REFUSED', { zh: '照片只能是 JPG、PNG 或 WebP 图片', en: 'A photo must be a JPEG, PNG or WebP image' })
    : new AppError(422, 'ATTACHMENT_TYPE_REFUSED', {
        zh: '不支持此文件类型，或文件内容与扩展名不符（支持 PDF、Word、Excel、PowerPoint、图片和纯文本）',
        en: 'This file type is not accepted, or its content does not match its name (PDF, Word, Excel, PowerPoint, images and plain text are)',
      });

export const tooLarge = (kind: AttachmentKind) =>
  kind === 'photo'
    ? new AppError(413, 'ATTACHMENT_TOO_LARGE', { zh: '照片不能超过 10 MB', en: 'A photo must not exceed 10 MB' })
    : new AppError(413, 'ATTACHMENT_TOO_LARGE', { zh: '文件不能超过 20 MB', en: 'A file must not exceed 20 MB' });

const extOf = (name: string) => path.extname(name).slice(1).toLowerCase();

/** Plain text: valid UTF-8 (or GB18030, as Chinese Windows saves it) without control bytes. */
function textCharset(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  // eslint-disable-next-line no-control-regex
  const control = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;
  for (const charset of ['utf-8', 'gb18030']) {
    try {
      const text = new TextDecoder(charset, { fatal: true }).decode(buf);
      if (!control.test(text)) return charset;
    } catch {
      /* not this charset */
    }
  }
  return null;
}

/**
 * What the bytes are, judged by content (the name and the declared type are not trusted).
 * A photo must be an image; a file may be a document, an image or plain text, and its name's
 * extension must agree with its content.
 */
export async function detect(buf: Buffer, name: string, kind: AttachmentKind): Promise<Detected> {
  const found = await fileTypeFromBuffer(buf);
  const ext = extOf(name);
  if (kind === 'photo') {
    const img = found && IMAGES[found.ext];
    if (!img) throw typeRefused(kind);
    return img;
  }
  let d: Detected | undefined;
  if (found && (IMAGES[found.ext] || DOCUMENTS[found.ext])) d = IMAGES[found.ext] ?? DOCUMENTS[found.ext];
  else if (found?.ext === 'cfb' && CFB_BY_EXT[ext]) d = { mime: CFB_BY_EXT[ext], exts: [ext], image: false };
  else if (!found) {
    const charset = textCharset(buf);
    if (charset) d = { mime: `text/plain; charset=${charset}`, exts: TEXT_EXTS, image: false };
  }
  if (!d?.exts.includes(ext)) throw typeRefused(kind);
  return d;
}

export interface ProcessedImage {
  data: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Turns the way the camera held the phone into pixels (EXIF orientation), caps the long edge
 * and re-encodes: sharp writes no metadata unless asked, so EXIF (GPS included), XMP and IPTC
 * are gone. The thumbnail is WebP (small, keeps transparency).
 */
export async function processImage(buf: Buffer, mime: string, kind: AttachmentKind): Promise<ProcessedImage> {
  const open = () => sharp()(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  try {
    let pipeline = open().resize({ width: LONG_EDGE, height: LONG_EDGE, fit: 'inside', withoutEnlargement: true });
    pipeline =
      mime === 'image/png'
        ? pipeline.png({ compressionLevel: 9 })
        : mime === 'image/webp'
          ? pipeline.webp({ quality: 85 })
          : pipeline.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumb = await sharp()(data)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { data, thumb, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw typeRefused(kind);
  }
}

/** The stored name: the original, without any path, with an extension that matches a re-encoded photo. */
export function storedName(original: string, detected: Detected): string {
  const base =
    path
      .basename(original.replaceAll('\\', '/'))
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 200) || 'file';
  if (detected.exts.includes(extOf(base))) return base;
  const stem = base.slice(0, base.length - path.extname(base).length) || 'photo';
  return `${stem}.${detected.exts[0]}`;
}
