import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/server/src: the tests that read the server's own code (labels, boundaries) start here. */
export const SERVER_SRC = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'src');

/** Every .ts file below `dir` that is not a test. */
export function sourceFiles(dir = SERVER_SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}
