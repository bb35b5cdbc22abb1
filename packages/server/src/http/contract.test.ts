import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { contractSerializer } from './contract.ts';

/**
 * The written API contract: every operation says what it answers, and an answer that drifts from
 * what it says fails (http/contract.ts). Tags still being described are listed here until they are
 * done; the list only shrinks.
 */
const PENDING_TAGS = new Set<string>([]);

interface Operation {
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const operations = () => {
  const spec = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );
};
const describesSuccess = (op: Operation) =>
  Object.entries(op.responses ?? {}).some(([status, r]) => /^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema !== undefined));

describe('the API contract', () => {
  it('every operation declares the schema of its successful answer', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(200);
    const missing = all.filter(({ op }) => !(op.tags ?? []).some((tag) => PENDING_TAGS.has(tag)) && !describesSuccess(op)).map(({ name }) => name);
    expect(missing, 'operations without a response schema').toEqual([]);
  });

  it('lists as pending only tags that still have an operation without a response schema', () => {
    const stillPending = new Set(
      operations()
        .filter(({ op }) => !describesSuccess(op))
        .flatMap(({ op }) => op.tags ?? []),
    );
    expect(
      [...PENDING_TAGS].filter((tag) => !stillPending.has(tag)),
      'tags done: remove them from PENDING_TAGS',
    ).toEqual([]);
  });
});

describe('a response that drifts from its contract', () => {
  const logged: unknown[] = [];
  const appWith = async (check: boolean, answer: unknown) => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    const log = { ...app.log, error: (o: unknown) => logged.push(o) } as typeof app.log;
    app.setSerializerCompiler(contractSerializer(check, log));
    app.get('/x', { schema: { response: { 200: z.object({ id: z.number(), name: z.string() }) } } }, async () => answer as { id: number; name: string });
    await app.ready();
    return app;
  };

  it('fails in tests when the answer carries a field the contract does not name', async () => {
    const app = await appWith(true, { id: 1, name: '临江区团委', secret: 'x' });
    const res = await app.inject('/x');
    expect(res.statusCode).toBe(500);
    await app.close();
  });

  it('fails in tests when a field has the wrong type', async () => {
    const app = await appWith(true, { id: '1', name: '临江区团委' });
    expect((await app.inject('/x')).statusCode).toBe(500);
    await app.close();
  });

  it('in production sends only the named fields, and logs a mismatch instead of failing the user', async () => {
    const extra = await appWith(false, { id: 1, name: '临江区团委', secret: 'x' });
    expect((await extra.inject('/x')).json()).toEqual({ id: 1, name: '临江区团委' });
    await extra.close();
    const wrong = await appWith(false, { id: '1', name: '临江区团委' });
    const res = await wrong.inject('/x');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '1', name: '临江区团委' });
    expect(JSON.stringify(logged)).toContain('GET /x');
    await wrong.close();
  });

  it('passes an answer that matches', async () => {
    const app = await appWith(true, { id: 1, name: '临江区团委' });
    expect((await app.inject('/x')).json()).toEqual({ id: 1, name: '临江区团委' });
    await app.close();
  });
});
