import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { migrateToLatest, openDatabase, type Database } from './db/database.ts';
import { FieldCipher } from './pii/crypto.ts';
import { FileStore } from './files/store.ts';
import { registerErrorHandling, registerNotFound } from './http/problem.ts';
import { registerInputTextCheck } from './http/input-text.ts';
import { registerNoStore } from './http/cache.ts';
import { contractSerializer, contractTransform } from './http/contract.ts';
import { registerAuthHooks } from './auth/hooks.ts';
import { describeRule, registerAccessGuard, type AccessRule } from './access/guard.ts';
import { authRoutes } from './auth/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { memberRoutes, meRoutes } from './members/routes.ts';
import { activationRoutes } from './activation/routes.ts';
import { homeRoutes, recordRoutes } from './home/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { jobRoutes } from './jobs/routes.ts';
import { campaignRoutes, templateRoutes } from './campaigns/routes.ts';
import { inboxRoutes } from './inbox/routes.ts';
import { bulletinRoutes } from './bulletins/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { inspectionRoutes, rectificationRoutes } from './inspections/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { activityRoutes } from './activities/routes.ts';
import { checkinRoutes } from './checkin/routes.ts';
import { volunteerRoutes } from './volunteer/routes.ts';
import { assessmentMiscRoutes, assessmentRoutes, rubricRoutes } from './assessment/routes.ts';
import { voteRoutes } from './votes/routes.ts';
import { commitmentRoutes } from './commitments/routes.ts';
import { evaluationRoutes } from './evaluation/routes.ts';
import { exemplarRoutes } from './exemplars/routes.ts';
import { benchmarkRoutes, measureRoutes } from './benchmarking/routes.ts';
import { honourRoutes } from './honours/routes.ts';
import { noticeRoutes } from './notices/routes.ts';
import { pledgeRoutes } from './pledges/routes.ts';
import { publicityRoutes } from './publicity/routes.ts';
import { publicRoutes } from './publicity/public-routes.ts';
import { ensureReferenceData } from './db/reference-data.ts';
import { wireCapabilities } from './capabilities.ts';

export type App = FastifyInstance;

export interface BuildOptions {
  config: Config;
  /** An already open database (tests share one per file); otherwise opened from config. */
  database?: Database;
  /** false: no logging; an object: a Fastify logger option (tests capture the log this way). */
  logger?: boolean | Record<string, unknown>;
}

/** Builds the whole app without listening: main.ts listens, tests use app.inject(). */
export async function buildApp(opts: BuildOptions): Promise<{ app: App; ctx: AppContext }> {
  const { config } = opts;
  wireCapabilities();
  const database =
    opts.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, poolSize: config.pgPoolSize });
  await migrateToLatest(database, config.databaseSchema);
  await ensureReferenceData(database.db);

  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    dialect: database.dialect,
    cipher: new FieldCipher(config.fieldKey),
    files: new FileStore(path.join(config.dataDir, 'files')),
  };

  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Query strings can carry searched ID or phone numbers: log the path only.
            serializers: {
              req: (req: { method: string; url: string; ip: string }) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
            },
            ...(typeof opts.logger === 'object' ? opts.logger : {}),
          },
    trustProxy: process.env.ZX_TRUST_PROXY === '1',
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(contractSerializer(config.contractCheck ?? false, app.log));
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: over plain HTTP on a LAN address it would send the browser to https.
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // HSTS only behind HTTPS (ZX_SECURE_COOKIES=1): over plain HTTP it means nothing, and a browser
    // that met it on the name once would refuse the plain-HTTP deployment afterwards.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });

  await app.register(swagger, {
    openapi: {
      info: {
        title: '争先 Zhengxian API',
        description: '双争先主题实践活动平台 REST API. Errors are RFC 9457 problem+json with a stable `code`.',
        version: '1.0.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zx_session' } } },
      security: [{ session: [] }],
    },
    // Every operation carries its access rule (who may call it, which ids it takes) as `x-access`.
    transform: (args) => {
      const out = contractTransform(args);
      const rule = (args.route as { config?: { access?: AccessRule } }).config?.access;
      return rule ? { ...out, schema: { ...out.schema, 'x-access': describeRule(rule) } } : out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuthHooks(app, ctx);
  registerAccessGuard(app, ctx);
  registerInputTextCheck(app);
  registerNoStore(app);
  await app.register(
    async (api) => {
      await api.register(authRoutes(ctx), { prefix: '/auth' });
      await api.register(orgRoutes(ctx), { prefix: '/orgs' });
      await api.register(memberRoutes(ctx), { prefix: '/members' });
      await api.register(meRoutes(ctx), { prefix: '/me' });
      await api.register(accountRoutes(ctx), { prefix: '/accounts' });
      await api.register(auditRoutes(ctx), { prefix: '/audit' });
      await api.register(settingsRoutes(ctx), { prefix: '/settings' });
      await api.register(jobRoutes(ctx), { prefix: '/jobs' });
      await api.register(templateRoutes(ctx), { prefix: '/templates' });
      await api.register(campaignRoutes(ctx), { prefix: '/campaigns' });
      await api.register(dashboardRoutes(ctx), { prefix: '/campaigns' });
      await api.register(planRoutes(ctx), { prefix: '/campaigns' });
      await api.register(inboxRoutes(ctx), { prefix: '/inbox' });
      await api.register(bulletinRoutes(ctx), { prefix: '/bulletins' });
      await api.register(reportRoutes(ctx), { prefix: '/report-requests' });
      await api.register(inspectionRoutes(ctx), { prefix: '/inspections' });
      await api.register(rectificationRoutes(ctx), { prefix: '/rectifications' });
      await api.register(attachmentRoutes(ctx), { prefix: '/attachments' });
      await api.register(activityRoutes(ctx), { prefix: '/activities' });
      await api.register(checkinRoutes(ctx), { prefix: '/activities' });
      await api.register(volunteerRoutes(ctx), { prefix: '/volunteer' });
      await api.register(voteRoutes(ctx), { prefix: '/votes' });
      await api.register(rubricRoutes(ctx), { prefix: '/rubrics' });
      await api.register(assessmentRoutes(ctx), { prefix: '/campaigns' });
      await api.register(assessmentMiscRoutes(ctx), { prefix: '/assessment' });
      await api.register(commitmentRoutes(ctx), { prefix: '/commitments' });
      await api.register(evaluationRoutes(ctx), { prefix: '/evaluations' });
      await api.register(exemplarRoutes(ctx), { prefix: '/exemplars' });
      await api.register(benchmarkRoutes(ctx), { prefix: '/benchmarks' });
      await api.register(measureRoutes(ctx), { prefix: '/measures' });
      await api.register(honourRoutes(ctx), { prefix: '/honours' });
      await api.register(publicityRoutes(ctx), { prefix: '/publicity' });
      await api.register(publicRoutes(ctx), { prefix: '/public' });
      await api.register(activationRoutes(ctx), { prefix: '/activation' });
      await api.register(homeRoutes(ctx), { prefix: '/home' });
      await api.register(recordRoutes(ctx), { prefix: '/me' });
      await api.register(noticeRoutes(ctx), { prefix: '/notices' });
      await api.register(pledgeRoutes(ctx), { prefix: '/pledges' });
    },
    { prefix: '/api/v1' },
  );

  if (config.webDist) {
    await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  registerNotFound(app, !!config.webDist);

  app.addHook('onClose', async () => {
    if (!opts.database) await database.destroy();
  });
  return { app, ctx };
}
