import type { z } from 'zod';
import { binary } from '@zx/contract/common';

/**
 * A download's response schema: the contract's `binary(mediaType)` for the OpenAPI, typed so the
 * handler may send the bytes as they come (a Buffer or a stream); the serializer never sees them.
 */
export const download = (mediaType: string) => binary(mediaType) as unknown as z.ZodType<unknown>;
