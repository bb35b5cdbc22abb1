/**
 * Which way imports may point (docs/architecture.md, "Dependencies"). Checked by
 * checks/dependencies.test.ts (`npm test -- checks`); by hand:
 *   npx depcruise --config .dependency-cruiser.cjs packages/server/src packages/server/test packages/domain/src packages/web/src
 *
 * Server layers, top to bottom: app.ts (wiring) → routes → service (and the capability's other
 * rooms) → repository → db/. The campaign roll-up and the job runner sit below the capabilities:
 * a capability registers its unit facts, job handlers and schedules with them (src/capabilities.ts).
 */

const SERVER = '^packages/server/src/';
/** Folders under src/ that are infrastructure, not a capability: anything may import them. */
const INFRASTRUCTURE = `${SERVER}(access|auth|db|http|files|pii)/`;
// Path patterns are arrays of alternatives (dependency-cruiser refuses nested quantifiers as unsafe).
/** A routes file: `routes.ts`, `member-routes.ts`, `routes/index.ts` … */
const ROUTES = [`${SERVER}.*routes[^/]*\\.ts$`, `${SERVER}.*/routes/`];
/** A repository: `repository.ts`, `repository/*.ts`, `*.repository.ts`, `*-repository.ts`. */
const REPOSITORY = [`${SERVER}.*/repository\\.ts$`, `${SERVER}.*/repository/`, `${SERVER}.*[.-]repository\\.ts$`];
/** A service: `service.ts`, `service/*.ts`, `*.service.ts`. */
const SERVICE = [`${SERVER}.*/service\\.ts$`, `${SERVER}.*/service/`, `${SERVER}.*\\.service\\.ts$`];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles in the server, its tests, the domain or the web app: a cycle means two modules are one module, or a registration is missing.',
      severity: 'error',
      from: { path: '^packages/(server/src|server/test|domain/src|web/src)/' },
      to: { circular: true },
    },
    {
      name: 'routes-not-to-sql',
      comment: 'A routes file is HTTP and schemas: it calls a service, never a repository, the database module or Kysely.',
      severity: 'error',
      from: { path: ROUTES },
      to: { path: [...REPOSITORY, `${SERVER}db/database\\.ts$`, '(^|/)node_modules/kysely/'] },
    },
    {
      name: 'domain-imports-no-app',
      comment: 'packages/domain is pure rules: it imports nothing from the server or the web app.',
      severity: 'error',
      from: { path: '^packages/domain/' },
      to: { path: ['^packages/(server|web)/', '(^|/)node_modules/@zx/(server|web)/'] },
    },
    {
      name: 'web-imports-no-server',
      comment: 'The web app talks to the server only over the API: no imports of server code, type-only ones included.',
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: ['^packages/server/', '(^|/)node_modules/@zx/server/'] },
    },
    {
      name: 'rollup-imports-no-capability',
      comment: 'campaigns/rollup.ts sits below the capabilities: each exports the unit facts it feeds into the roll-up and src/capabilities.ts registers them.',
      severity: 'error',
      from: { path: `${SERVER}campaigns/rollup\\.ts$` },
      to: { path: `${SERVER}[^/]+/`, pathNot: [INFRASTRUCTURE, `${SERVER}campaigns/`] },
    },
    {
      name: 'runner-imports-no-capability',
      comment: 'jobs/runner.ts sits below the capabilities: each exports its job handlers and schedules and src/capabilities.ts registers them.',
      severity: 'error',
      from: { path: `${SERVER}jobs/runner\\.ts$` },
      to: { path: `${SERVER}[^/]+/`, pathNot: [INFRASTRUCTURE, `${SERVER}jobs/`] },
    },
    {
      name: 'repository-not-to-service-or-routes',
      comment: 'Data flows route → service → repository: a repository never imports a service or a routes file.',
      severity: 'error',
      from: { path: REPOSITORY },
      to: { path: [...SERVICE, ...ROUTES] },
    },
    {
      name: 'only-app-imports-routes',
      comment: 'Routes are the top layer: only app.ts registers them (and tests may call their helpers).',
      severity: 'error',
      from: { path: SERVER, pathNot: [`${SERVER}app\\.ts$`, '\\.test\\.ts$', ...ROUTES] },
      to: { path: ROUTES },
    },
    {
      name: 'db-imports-no-capability',
      comment: 'db/ (connection, migrations, schema types, reference rows, path columns) is the bottom layer: it imports nothing of the server outside db/.',
      severity: 'error',
      from: { path: `${SERVER}db/` },
      to: { path: `${SERVER}[^/]+/`, pathNot: `${SERVER}db/` },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: ['(^|/)dist/'] },
    // Type-only imports count: a type import of server code from the web app is still a dependency on it.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: false,
  },
};
