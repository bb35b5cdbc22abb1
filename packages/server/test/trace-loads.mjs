// Module hooks for lazy-lib.test.ts: appends every ES module URL the process resolves to the file
// named by ZX_TRACE_FILE (CommonJS `require` calls are not seen here; the test reads require.cache).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(process.env.ZX_TRACE_FILE, `${result.url}\n`);
  return result;
}
