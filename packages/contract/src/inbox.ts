import { z } from 'zod';
import { page, timestamp } from './common.ts';

/** 消息: the notices an account receives. */

export const notice = z.object({
  id: z.number().int(),
  kind: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const noticePage = page(notice);
export const unreadCount = z.object({ unread: z.number().int() });
export const markedRead = z.object({ marked: z.number().int() });

export type Notice = z.infer<typeof notice>;
export type NoticePage = z.infer<typeof noticePage>;
export type UnreadCount = z.infer<typeof unreadCount>;
