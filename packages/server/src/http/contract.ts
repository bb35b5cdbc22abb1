import type { FastifyBaseLogger, FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { safeParse, $ZodType } from 'zod/v4/core';

/**
 * The response contract at run time. Every operation declares what it answers (`schema.response`,
 * zod schemas from @zx/contract). The answer is sent as the schema's output, so a field the
 * contract does not name never leaves the server.
 *
 * With `check` (tests, development) a response that does not match its schema, or that carries a
 * field the schema would drop, fails the request with a 500 that names the operation and the field:
 * the contract and the code cannot drift apart unnoticed. In production a mismatch is logged and
 * the answer sent as the handler built it, so a user never meets a 500 for a contract slip.
 */
export function contractSerializer(check: boolean, log: FastifyBaseLogger) {
  return ({ schema, method, url }: { schema: unknown; method: string; url: string }) => {
    if (!(schema instanceof $ZodType)) return (data: unknown) => JSON.stringify(data);
    return (data: unknown) => {
      const result = safeParse(schema, data);
      if (result.error) {
        const problem = `${method} ${url}: the response does not match its contract: ${result.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
          .join('; ')}`;
        if (check) throw new ResponseContractError(problem);
        log.error({ contract: problem }, 'response contract mismatch');
        return JSON.stringify(data);
      }
      if (check) {
        const dropped = droppedFields(data, result.data, '');
        if (dropped.length) throw new ResponseContractError(`${method} ${url}: fields missing from the response contract: ${dropped.slice(0, 10).join(', ')}`);
      }
      return JSON.stringify(result.data);
    };
  };
}

export class ResponseContractError extends Error {
  readonly code = 'RESPONSE_CONTRACT';
  readonly statusCode = 500;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Paths of fields present (and defined) in what the handler built but absent after the contract's parse. */
function droppedFields(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((v, i) => droppedFields(v, kept[i], `${at}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.entries(sent).flatMap(([k, v]) => {
    const path = at ? `${at}.${k}` : k;
    if (v === undefined) return [];
    if (!Object.hasOwn(kept, k)) return [path];
    return droppedFields(v, kept[k], path);
  });
}

/**
 * The OpenAPI transform: zod → JSON Schema (fastify-type-provider-zod), and a download declared
 * with `binary(mediaType)` shown as that media type instead of JSON.
 */
export function contractTransform(args: Parameters<typeof jsonSchemaTransform>[0]) {
  const out = jsonSchemaTransform(args) as { schema: FastifySchema & { response?: Record<string, unknown> }; url: string };
  const response = out.schema?.response;
  if (response) {
    for (const [status, s] of Object.entries(response)) {
      const json = s as { format?: string; contentMediaType?: string; description?: string };
      if (json?.format === 'binary' && json.contentMediaType) {
        response[status] = {
          description: json.description ?? json.contentMediaType,
          content: { [json.contentMediaType]: { schema: { type: 'string', format: 'binary' } } },
        };
      }
    }
  }
  return out;
}
