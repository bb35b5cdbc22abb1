import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { loadDemoDataIfEmpty } from './demo/demo.ts';
import { startBackgroundWork } from './jobs/runner.ts';

const config = loadConfig();
const { app, ctx } = await buildApp({ config });

if (config.demo) {
  const accounts = await loadDemoDataIfEmpty(ctx);
  if (accounts) {
    const lines = accounts.map((a) => `  ${a.roleZh.padEnd(8, '　')} ${a.username.padEnd(18)} ${a.password}   (${a.orgName})`);
    console.log(['', '演示数据已载入 Demo data loaded. 演示账号 Demo accounts (shown once, write them down):', ...lines, ''].join('\n'));
  }
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
