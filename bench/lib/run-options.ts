/** The command line of `npm run bench`: usage, parsing (prints the usage and exits on --help) and the run's sizes. */
import { parseArgs } from 'node:util';
import { XLSX_LAYOUTS, type XlsxLayout } from './roster.ts';
import { positiveInt } from './util.ts';

/** The heap cap `npm start` gives the server (scripts/start.sh): the import is measured as it runs there. */
export const SERVER_NODE_FLAGS = '--max-old-space-size=192';

export const HELP = `usage: npm run bench -- [--quick] [options]

  --quick               2,000 orgs / 50,000 members / 20,000 activities / 20,000-row import
                        (default: 20,000 / 500,000 / 200,000 / 100,000)
  --orgs N --members M  city size (override)
  --seed S              city seed (default 2026)
  --reps N              timed repetitions per measurement (default 300; at least 200 are recommended)
  --import-rows N       rows in the roster import (override)
  --activities N        activities recorded in the campaign of the dashboard section (override)
  --load-seconds S      length of the dashboard's mixed load over HTTP (default 30)
  --vus N               virtual users of the mixed load (default 8; each logs in, and logins are
                        limited to 30 a minute per address)
  --layouts L[,L]       .xlsx layouts to import: excel (shared strings before the sheet, as Excel saves),
                        exceljs (sheet first, as exceljs/the app's exports write) (default: excel)
  --pg-url URL          use this PostgreSQL (a fresh schema is created and dropped) instead of a throwaway one
  --no-pg | --no-sqlite skip a database
  --skip-subtree | --skip-dashboard | --skip-import | --skip-ballots | --skip-portal | --skip-checkin
  --portal-readers N    concurrent anonymous readers of the public portal section (default 200)
  --portal-seconds S    length of the portal load (default 10)
  --portal-posts N      approved posts of the portal's campaign (default 300)
  --portal-think-ms MS  how long a reader reads an answer before the next (default 1000, ± 50 %)
  --ballot-voters N     concurrent voters of the ballot section, each signed in on its own (default 50)
  --ballot-rounds N     sessions every voter casts in, one after the other (default 200: 10,000 timed casts at 50 voters, a few seconds)
  --checkin-members N   members checking in by QR code to one activity (default 1,000; sessions prepared, not timed)
  --checkin-concurrency N  check-ins in flight at once (default 100)
  --work-dir DIR        where the SQLite files and the .xlsx go (default: a new folder in $TMPDIR, removed after)
  --child-node-options=FLAGS  node flags for the import child (default: the server's, --max-old-space-size=192 as in scripts/start.sh)
                        (use the = form: the value starts with a dash)
  --keep                keep the work folder (and the PostgreSQL schema) afterwards`;

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        orgs: { type: 'string' },
        members: { type: 'string' },
        seed: { type: 'string' },
        reps: { type: 'string' },
        'import-rows': { type: 'string' },
        activities: { type: 'string' },
        'load-seconds': { type: 'string' },
        vus: { type: 'string' },
        layouts: { type: 'string' },
        'pg-url': { type: 'string' },
        'no-pg': { type: 'boolean', default: false },
        'no-sqlite': { type: 'boolean', default: false },
        'skip-subtree': { type: 'boolean', default: false },
        'skip-import': { type: 'boolean', default: false },
        'skip-dashboard': { type: 'boolean', default: false },
        'skip-ballots': { type: 'boolean', default: false },
        'skip-portal': { type: 'boolean', default: false },
        'portal-readers': { type: 'string' },
        'portal-seconds': { type: 'string' },
        'portal-posts': { type: 'string' },
        'portal-think-ms': { type: 'string' },
        'skip-checkin': { type: 'boolean', default: false },
        'checkin-members': { type: 'string' },
        'checkin-concurrency': { type: 'string' },
        'ballot-voters': { type: 'string' },
        'ballot-rounds': { type: 'string' },
        'work-dir': { type: 'string' },
        'child-node-options': { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
})();
export const a = parsed.values;

if (a.help) {
  console.log(HELP);
  process.exit(0);
}

export const mode = a.quick ? 'quick' : 'full';
export const scale = {
  orgs: positiveInt('orgs', a.orgs, a.quick ? 2_000 : 20_000),
  members: positiveInt('members', a.members, a.quick ? 50_000 : 500_000),
  seed: positiveInt('seed', a.seed, 2026),
};
export const reps = positiveInt('reps', a.reps, 300);
export const importRows = positiveInt('import-rows', a['import-rows'], a.quick ? 20_000 : 100_000);
export const activities = positiveInt('activities', a.activities, a.quick ? 20_000 : 200_000);
export const loadSeconds = positiveInt('load-seconds', a['load-seconds'], 30);
export const vus = positiveInt('vus', a.vus, 8);
export const ballotVoters = positiveInt('ballot-voters', a['ballot-voters'], 50);
export const ballotRounds = positiveInt('ballot-rounds', a['ballot-rounds'], 200);
export const portal = {
  readers: positiveInt('portal-readers', a['portal-readers'], 200),
  seconds: positiveInt('portal-seconds', a['portal-seconds'], 10),
  posts: positiveInt('portal-posts', a['portal-posts'], 300),
  thinkMs: positiveInt('portal-think-ms', a['portal-think-ms'], 1000),
};
export const checkinMembers = positiveInt('checkin-members', a['checkin-members'], 1000);
export const checkinConcurrency = positiveInt('checkin-concurrency', a['checkin-concurrency'], 100);
export const layouts = (a.layouts ?? 'excel').split(',').map((s) => s.trim()) as XlsxLayout[];
for (const l of layouts) if (!XLSX_LAYOUTS.includes(l)) throw new Error(`unknown layout "${l}" (${XLSX_LAYOUTS.join(', ')})`);
