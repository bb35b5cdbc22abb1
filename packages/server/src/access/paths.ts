/**
 * Materialized paths ('/1/23/456/'): a subtree is a half-open range. Every descendant path
 * starts with `path` and sorts below the path whose trailing '/' is replaced by '0' (the next
 * byte). Paths hold only digits and '/', compared bytewise (COLLATE "C" on PostgreSQL).
 */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** `path` is `root` or below it. */
export const isInSubtree = (root: string, path: string) => path.startsWith(root);

/** The top of the tree ('/1/'): deployment-wide settings and templates are set only there. */
export const isRootPath = (path: string) => /^\/\d+\/$/.test(path);

/** Ids on a path, root first: '/1/23/456/' → [1, 23, 456]. */
export const idsOnPath = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The paths of `path` and every ancestor, root first: '/1/23/' → ['/1/', '/1/23/']. */
export const pathsUpTo = (path: string) => idsOnPath(path).map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);

/** The parent's path ('/1/23/456/' → '/1/23/'); '' for the root. */
export const parentPath = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);
