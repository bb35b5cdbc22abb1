import type { BulletinBlock, BulletinDocumentInput } from '@zx/domain';

export { bulletinBlocks as documentBlocks } from '@zx/domain';
export type Block = BulletinBlock;
export type DocumentInput = BulletinDocumentInput;

/** Page geometry of GB/T 9704-2012 on A4, in millimetres. */
export const PAGE = { widthMm: 210, heightMm: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;
/** Sizes in points: 2号 = 22 pt (title), 3号 = 16 pt (body), 4号 = 14 pt (page numbers), 小四 = 12 pt (tables). */
export const SIZE = { title: 22, body: 16, pageNumber: 14, table: 12 } as const;
/** 22 lines of 28 characters on the 156 × 225 mm text block: a line pitch of about 28.95 pt. */
export const LINE_PITCH_PT = 28.95;
