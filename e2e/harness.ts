/**
 * End-to-end harness: the real server (buildApp) in this process on a free loopback port,
 * serving the built web app, and Debian's Chromium driven by playwright-core.
 *
 *   const server = await startServer();          // server.baseUrl, server.ctx, server.app
 *   const browser = await launchBrowser();
 *   const page = await newPhonePage(browser);
 *   await page.goto(server.baseUrl + '/login');
 *   await screenshot(page, 'login-390');          // → .tmp/screenshots/login-390.png
 *   await browser.close(); await server.close();
 */
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp, type App } from '../packages/server/src/app.ts';
import type { Config } from '../packages/server/src/config.ts';
import type { AppContext } from '../packages/server/src/context.ts';
import { startBackgroundWork } from '../packages/server/src/jobs/runner.ts';
import { openTestDatabase } from '../packages/server/test/db.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(REPO_ROOT, 'packages/web/dist');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.tmp/screenshots');
export const CHROMIUM_PATH = process.env.ZX_CHROMIUM ?? '/usr/bin/chromium';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  baseUrl: string;
  ctx: AppContext;
  app: App;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** Overrides for the Config (dataDir and fieldKey are always fresh). */
  config?: Partial<Config>;
  /** Print the server's request log (also on with ZX_E2E_LOG=1). */
  log?: boolean;
}

/**
 * Builds the whole app in-process on a fresh database (SQLite in a temp folder, or a fresh
 * PostgreSQL schema when ZX_TEST_DB=postgres), starts the background job runner, and listens
 * on 127.0.0.1 with a random port. Always `await server.close()` in afterAll.
 */
export async function startServer(opts: StartServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST}/index.html not found: run npm run build -w @zx/web (scripts/test.sh does it)`);
  }
  const testDb = await openTestDatabase();
  const log = opts.log ?? process.env.ZX_E2E_LOG === '1';
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: testDb.dataDir,
    databaseUrl: testDb.databaseUrl,
    databaseSchema: testDb.schema,
    fieldKey: randomBytes(32),
    webDist: WEB_DIST,
    demo: false,
    secureCookies: false,
    logLevel: log ? 'info' : 'warn',
    runJobs: true,
    contractCheck: true,
    ...opts.config,
  };
  let app: App | undefined;
  let stopJobs: () => Promise<void> = async () => {};
  try {
    const built = await buildApp({ config, database: testDb.database, logger: log ? undefined : false });
    app = built.app;
    if (config.runJobs) stopJobs = startBackgroundWork(built.ctx, app.log);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    let closed = false;
    const server: TestServer = {
      baseUrl: `http://127.0.0.1:${port}`,
      ctx: built.ctx,
      app,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await stopJobs();
          await built.app.close();
        } finally {
          await testDb.cleanup();
        }
      },
    };
    return server;
  } catch (err) {
    await stopJobs();
    await app?.close().catch(() => {});
    await testDb.cleanup().catch(() => {});
    throw err;
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (apt-get install chromium fonts-noto-cjk); `npx playwright install` cannot work here. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium fonts-noto-cjk (scripts/test.sh does it)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const COMMON: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

export const PHONE: BrowserContextOptions = {
  ...COMMON,
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { ...COMMON, viewport: { width: 1440, height: 900 } };

/** A page in its own context (own cookies), so tests do not share sessions. Closing the page closes its context. */
export async function newPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context: BrowserContext = await browser.newContext(options);
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  return page;
}

/** 390×844 phone, 2× pixels, touch, zh-CN. */
export const newPhonePage = (browser: Browser, extra: BrowserContextOptions = {}) => newPage(browser, { ...PHONE, ...extra });
/** 1440×900 desktop, zh-CN. */
export const newDesktopPage = (browser: Browser, extra: BrowserContextOptions = {}) => newPage(browser, { ...DESKTOP, ...extra });

/**
 * Saves a full-page PNG to .tmp/screenshots/<name>.png and returns its path. Running CSS
 * animations (a dialog still zooming in) are finished first, so the picture shows the final layout.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Collects what the page reports as broken: uncaught exceptions, console errors (other than
 * Chromium's notes on 4xx responses) and failed /api responses (status >= 500). Assert `expect(errors).toEqual([])` at the end of a test.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx response as a console error (e.g. the 401 of /auth/me before login):
    // expected answers, not bugs. 5xx responses are caught below.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    errors.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500 && new URL(res.url()).pathname.startsWith('/api/')) {
      errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
    }
  });
  return errors;
}
