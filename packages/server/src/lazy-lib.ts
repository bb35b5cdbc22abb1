import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A library loaded on its first use instead of at start-up. The image and PDF libraries (sharp,
 * pdfkit with fontkit, docx) weigh 10–30 MB resident each and serve a few rare requests, so a
 * server that never draws a PDF does not carry them (docs/architecture.md, "Memory").
 */
export function lazyLib<T>(name: string, init?: (lib: T) => void): () => T {
  let lib: T | undefined;
  return () => {
    if (lib === undefined) {
      lib = require(name) as T;
      init?.(lib);
    }
    return lib;
  };
}
