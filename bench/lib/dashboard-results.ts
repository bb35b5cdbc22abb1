/** The dashboard bench's targets, options and the shape of its results. */
import type { PhaseDates } from '@zx/domain';
import type { LoadResult, Op } from './dashboard-load.ts';
import type { Stats } from './util.ts';

export const DASHBOARD_TARGETS = { cityP95Ms: 20, maxStallMs: 50 } as const;

export interface DashboardOptions {
  activities: number;
  reps: number;
  loadSeconds: number;
  vus: number;
  seed: number;
  soloReps: number;
  log: (line: string) => void;
  fail: (msg: string) => void;
}

export interface Check {
  label: string;
  rollup: number;
  recount: number;
  ok: boolean;
}

export interface LatencyResult {
  label: string;
  id: number;
  name: string;
  orgsInSubtree: number;
  children: number;
  bytes: number;
  ms: Stats;
}

export interface LoadRow {
  op: Op;
  n: number;
  errors: number;
  ms: Stats | null;
  /** Server side (request in → response closed), for comparison with the client's view. */
  serverMs: Stats | null;
  solo: { n: number; errors: number; ms: Stats | null; maxStallMs: number; maxStallNetMs: number | null };
}

export interface Stall {
  atS: number;
  ms: number;
  /** Of the ticker's interval: the main thread on a CPU, and runnable but waiting for one (the machine was busy). */
  cpuMs: number | null;
  runQueueMs: number | null;
  /** Requests the server had in hand during the stall, by type. */
  inFlight: Record<string, number>;
}

export interface DashboardResult {
  campaignId: number;
  phases: PhaseDates[];
  today: string;
  prep: {
    activities: number;
    attendance: number;
    insertSeconds: number;
    activityOrgs: number;
    refreshSeconds: number;
    refreshChunk: number;
    plans: number;
    planInsertSeconds: number;
    planRefreshSeconds: number;
    analyzeSeconds: number;
  };
  checks: Check[];
  latency: LatencyResult[];
  load: {
    seconds: number;
    vus: number;
    requests: number;
    errors: number;
    rows: LoadRow[];
    eventLoop: {
      histogramMaxMs: number;
      histogramP99Ms: number;
      histogramMeanMs: number;
      tickerMaxStallMs: number;
      stallsOver20: number;
      stallsOver50: number;
      /** The longest stall less the time the thread sat runnable waiting for a CPU (/proc/thread-self/schedstat); null off Linux. */
      tickerMaxStallNetMs: number | null;
    };
    stalls: Stall[];
    slowest: LoadResult['slowest'];
    errorSamples: LoadResult['errorSamples'];
    created: number;
    deleted: number;
    afterChecks: Check[];
  } | null;
  ok: boolean;
}
