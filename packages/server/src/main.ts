import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { loadDemoDataIfEmpty } from './demo/demo.ts';
import { startBackgroundWork } from './jobs/runner.ts';
import { accountLines, installSystemAccounts, operator } from './accounts/system.ts';

// Files this process creates (the SQLite database, uploads, the field key) are its own: 0600 / 0700.
process.umask(0o077);
const config = loadConfig();
const { app, ctx } = await buildApp({ config });

// First start: the demo city (unless ZX_DEMO=0) and, in any case, the three system accounts.
const demo = config.demo ? await loadDemoDataIfEmpty(ctx) : null;
const installed = await installSystemAccounts(ctx, operator('[install]'), { rootOrgName: config.rootOrgName });
const system = [...(demo ?? []).filter((a) => a.system), ...(installed ?? [])];
if (system.length) {
  console.log(
    [
      '',
      '系统账号 System accounts (三员分立; shown once, write them down; each must change its password at first login;',
      'afterwards only the server command line changes them: npm run admin -- list | reset-password | unlock | disable | enable | create):',
      ...accountLines(system),
      '',
    ].join('\n'),
  );
}
const business = (demo ?? []).filter((a) => !a.system);
if (business.length) {
  console.log(['', '演示数据已载入 Demo data loaded. 演示账号 Demo accounts (shown once, write them down):', ...accountLines(business), ''].join('\n'));
}

const stop = config.runJobs ? startBackgroundWork(ctx, app.log) : async () => {};
let closing = false;
const shutdown = async () => {
  // Ctrl-C reaches the server twice under npm start: from the terminal and from the supervisor.
  if (closing) return;
  closing = true;
  await stop();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
console.log(`争先 Zhengxian 已启动: http://localhost:${config.port}  (API 文档 /api/docs, 数据库 ${ctx.dialect})`);
