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
