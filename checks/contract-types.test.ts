import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_TYPES_FILE, openApiDocument, renderContractTypes } from './contract-types.ts';
import { REPO_ROOT } from './files.ts';

/**
 * The web app's request and answer types come from packages/web/src/api/openapi.gen.ts, generated
 * from the OpenAPI the server builds from its zod schemas. A schema changed without regenerating
 * would leave the web app type-checked against yesterday's contract.
 */
type Doc = Record<string, unknown>;
type Schema = Record<string, unknown>;
type Paths = Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>>;

let doc: Doc;
beforeAll(async () => {
  doc = await openApiDocument();
});

/** Where two texts part, as a message that says what to run. */
function staleness(committed: string, generated: string): string | null {
  if (committed === generated) return null;
  const a = committed.split('\n');
  const b = generated.split('\n');
  const at = Math.max(
    0,
    a.findIndex((line, i) => line !== b[i]),
  );
  return (
    `${path.relative(REPO_ROOT, CONTRACT_TYPES_FILE)} is stale: it differs from the types generated from today's OpenAPI at line ${at + 1}\n` +
    `  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}\n` +
    'Run: npm run contract:types'
  );
}

describe('the web client types (openapi.gen.ts)', () => {
  it('are what npm run contract:types generates from the server OpenAPI today', async () => {
    const committed = readFileSync(CONTRACT_TYPES_FILE, 'utf8');
    expect(staleness(committed, await renderContractTypes(doc))).toBeNull();
  });

  it('would be stale after a change to a response schema', async () => {
    const today = await renderContractTypes(doc);
    const changed = structuredClone(doc);
    const csrf = (changed.paths as Paths)['/api/v1/auth/csrf'].get.responses['200'].content['application/json'].schema;
    csrf.properties = { ...(csrf.properties as Schema), csrfToken: { type: 'number' } };
    const message = staleness(today, await renderContractTypes(changed));
    expect(message).toContain('csrfToken: number;');
    expect(message).toContain('Run: npm run contract:types');
  });
});
