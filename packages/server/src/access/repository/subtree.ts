import { sql } from 'kysely';
import { subtreeRange } from '../paths.ts';

/** SQL predicate: the path column `column` lies in the subtree rooted at `path`. Repositories use it with a root the access module gave them. */
export function pathInSubtree(column: string, path: string) {
  const [lo, hi] = subtreeRange(path);
  return sql<boolean>`(${sql.ref(column)} >= ${lo} and ${sql.ref(column)} < ${hi})`;
}
