import { z } from 'zod';

/** A stored file as every capability shows it: its name, size and where to download it (and its thumbnail, for a photo). */
export const attachment = z.object({
  id: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  kind: z.enum(['file', 'photo']),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;
