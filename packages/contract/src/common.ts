import { z } from 'zod';

/**
 * Building blocks of the response contract. Each capability's file (plans.ts, honours.ts …)
 * describes what its operations answer with these; the server declares them as `response`
 * schemas and the web app takes its types from them (`z.infer`), so there is one description.
 */

/** An ISO date `YYYY-MM-DD`. */
export const isoDate = z.string().meta({ format: 'date' });
/** An ISO timestamp as the server stores it. */
export const timestamp = z.string().meta({ format: 'date-time' });
export const id = z.number().int();

/** A text in both UI languages. */
export const localizedText = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedText>;

/** One page of a list: the rows, the total behind them, and where the page is. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** `{ ok: true }`, the answer of an action that returns nothing else. */
export const ok = z.object({ ok: z.literal(true) });

/**
 * A file download (PDF, .docx, .xlsx, an image …). The server sends bytes, not JSON: the OpenAPI
 * shows the media type and the response is not serialized through the schema; a handler sends a
 * Buffer or a stream as it is (hence `any`: the bytes are not JSON).
 */
export const binary = (mediaType: string) => z.any().meta({ format: 'binary', contentMediaType: mediaType });
