import { Worker } from 'node:worker_threads';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadFieldKey, type Config } from '../../packages/server/src/config.ts';
import type { Target } from './city.ts';

/** The whole app on a bench city's database, as main.ts builds it: no web files, no demo, no job runner, warnings only. */
export function buildBenchApp(target: Target) {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    databaseSchema: target.schema,
    fieldKey: loadFieldKey(target.dataDir),
    webDist: null,
    demo: false,
    secureCookies: false,
    logLevel: 'warn',
    runJobs: false,
  };
  return buildApp({ config, logger: false });
}

/** A load generator (a .ts file beside this one) in a worker thread, with tsx registered so it runs as TypeScript. */
export function startTsWorker(fileName: string, workerData: unknown): Worker {
  const file = new URL(`./${fileName}`, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
