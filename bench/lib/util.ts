import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Latency summary in milliseconds. */
export interface Stats {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function stats(samplesMs: number[]): Stats {
  const s = [...samplesMs].sort((a, b) => a - b);
  // Nearest-rank percentile: the smallest sample with at least p% of samples at or below it.
  const pct = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    min: r(s[0]),
    p50: r(pct(50)),
    p95: r(pct(95)),
    p99: r(pct(99)),
    max: r(s[s.length - 1]),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export const fmtInt = (n: number) => n.toLocaleString('en-US');
export const fmtMs = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
export const fmtS = (s: number) => s.toFixed(s < 10 ? 2 : 1);
export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A plain text table; numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const width = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,]+( ?[a-zA-Z%/]+)?$|^—$/.test(String(r[i]))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(width[i] - [...s].length);
    return numeric[i] ? gap + s : s + gap;
  };
  const line = (r: string[]) => `| ${r.map(pad).join(' | ')} |`;
  return [line(headers), `|${width.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function tryRun(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const pkgVersion = (name: string) => {
  try {
    return JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return null;
  }
};

export interface MachineInfo {
  hostname: string;
  platform: string;
  kernel: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  sqlite: string | null;
  postgres: string | null;
  packages: Record<string, string | null>;
  git: { commit: string | null; dirty: boolean | null };
  /** 1/5/15-minute load averages when the run ended: other work on the machine skews timings. */
  loadAverage: number[];
}

export function machineInfo(extra: { sqlite?: string | null; postgres?: string | null } = {}): MachineInfo {
  const status = tryRun('git', ['status', '--porcelain']);
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite: extra.sqlite ?? null,
    postgres: extra.postgres ?? null,
    packages: Object.fromEntries(['better-sqlite3', 'pg', 'kysely', 'exceljs', 'fastify', 'tsx'].map((p) => [p, pkgVersion(p)])),
    git: { commit: tryRun('git', ['rev-parse', '--short', 'HEAD']), dirty: status === null ? null : status.length > 0 },
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** yyyy-mm-ddTHH-MM-SS (local time), safe in file names. */
export function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

export function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${v}"`);
  return n;
}
