import type { FastifyInstance } from 'fastify';

/**
 * API answers carry personal and business data (a revealed ID number, a roster export, the audit
 * log): no browser or proxy keeps them. Every /api response gets `Cache-Control: no-store` unless
 * its route set its own (attachment and photo downloads keep `private, max-age=…`; the public portal's
 * routes, publicity/public-routes.ts, are the one `public` exception: they answer only approved posts).
 */
export function registerNoStore(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
