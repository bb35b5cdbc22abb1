import { composeService } from './compose.ts';
import { receiptService } from './receipts.ts';
import { receiveService } from './receive.ts';

/** 通知与知晓率 as the routes see it: the cadres' drafts and sending, the receipts, and the member's side. */
export const noticeService = { ...composeService, ...receiptService, ...receiveService };
export type { NoticeInput } from './compose.ts';
