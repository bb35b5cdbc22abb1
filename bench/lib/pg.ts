import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './util.ts';

/** The newest /usr/lib/postgresql/<v>/bin with v >= 15 (what scripts/lib/postgres.sh looks for). */
export function findPgBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const found = readdirSync(base)
    .map((v) => ({ v: Number.parseInt(v, 10), bin: path.join(base, v, 'bin') }))
    .filter((x) => x.v >= 15 && ['postgres', 'initdb', 'pg_ctl'].every((b) => existsSync(path.join(x.bin, b))))
    .sort((a, b) => b.v - a.v);
  return found[0]?.bin ?? null;
}

export interface ThrowawayPg {
  url: string;
  dir: string;
  port: number;
  stop(): void;
}

/** Starts a throwaway server through bench/pg.sh (scripts/lib/postgres.sh's zx_pg_start). */
export function startThrowawayPg(): ThrowawayPg {
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'bench/pg.sh'), 'start'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench/pg.sh start failed (exit ${r.status})`);
  const vars = Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  if (!vars.PG_URL || !vars.PG_DIR) throw new Error(`bench/pg.sh start printed no PG_URL/PG_DIR: ${r.stdout}`);
  let stopped = false;
  return {
    url: vars.PG_URL,
    dir: vars.PG_DIR,
    port: Number(vars.PG_PORT),
    stop() {
      if (stopped) return;
      stopped = true;
      spawnSync('bash', [path.join(REPO_ROOT, 'bench/pg.sh'), 'stop', vars.PG_DIR], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    },
  };
}
