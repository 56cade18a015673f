// The layers of docs/architecture.md, checked by `npm test` (scripts/test.mjs runs `npm run layers`).
// An exception goes in .dependency-cruiser-known-violations.json (the visible allowlist), which is
// empty: `depcruise --ignore-known` fails on anything not listed there.
//
//   core ← ingest ← heap | alloc | locks | timeline ← case ← gate ← report ← pipeline ← app/api ← app/node ← cli, electron
//   renderer → app/api, core, report (presentation, analysis ids), case (saved types), capabilities' view.ts, ingest/caseOptions

/** Test code may import upwards (a capability's test runs the pipeline on a real sample). */
const SOURCE = { pathNot: '(^|/)tests/|\\.test\\.tsx?$' };
const CAPABILITY = '^analyzers/(heap|alloc|locks|timeline)/';

const below = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.join(', ')}`,
  from: { path: from, ...SOURCE },
  to: { path: '^analyzers/', pathNot: allowed.map((a) => `^analyzers/${a}/`) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'an import circle (type imports count: one value import on the loop and one entry point breaks)',
      from: {},
      to: { circular: true },
    },
    below('core-is-the-bottom', '^analyzers/core/', ['core']),
    below('ingest-contract', '^analyzers/ingest/', ['core', 'ingest']),
    {
      name: 'capabilities-are-independent',
      severity: 'error',
      comment: 'a capability imports core and the ingest contract, never another capability or a layer above',
      from: { path: CAPABILITY, ...SOURCE },
      to: { path: '^analyzers/', pathNot: ['^analyzers/(core|ingest)/', '^analyzers/$1/'] },
    },
    below('case-layer', '^analyzers/case/', ['core', 'ingest', 'heap', 'alloc', 'locks', 'timeline', 'case']),
    below('gate-layer', '^analyzers/gate/', ['core', 'ingest', 'heap', 'alloc', 'locks', 'timeline', 'case', 'gate']),
    below('report-layer', '^analyzers/report/', ['core', 'ingest', 'heap', 'alloc', 'locks', 'timeline', 'case', 'gate', 'report']),
    below('pipeline-layer', '^analyzers/pipeline/', ['core', 'ingest', 'heap', 'alloc', 'locks', 'timeline', 'case', 'gate', 'report', 'pipeline']),
    {
      name: 'app-api-is-browser-safe',
      severity: 'error',
      comment: 'analyzers/app/api is what the renderer may use: no Node-side app code, no pipeline',
      from: { path: '^analyzers/app/api/', ...SOURCE },
      to: { path: ['^analyzers/app/node/', '^analyzers/pipeline/'] },
    },
    {
      name: 'app-api-no-node',
      severity: 'error',
      comment: 'analyzers/app/api runs in the browser too',
      from: { path: '^analyzers/app/api/', ...SOURCE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'analyzers-are-below-hosts',
      severity: 'error',
      comment: 'the analysis core never imports a host',
      from: { path: '^analyzers/' },
      to: { path: '^(cli|electron|renderer)/' },
    },
    {
      name: 'analyzers-no-ui-or-electron',
      severity: 'error',
      comment: 'plain TypeScript: no React, DOM libraries or Electron in analyzers/',
      from: { path: '^analyzers/' },
      to: { path: 'node_modules/(react|react-dom|recharts|electron|@tanstack)/' },
    },
    {
      name: 'hosts-do-not-import-each-other',
      severity: 'error',
      comment: 'cli, electron and renderer share code only through analyzers/',
      from: { path: '^(cli|electron|renderer)/' },
      to: { path: '^(cli|electron|renderer)/', pathNot: '^$1/' },
    },
    {
      name: 'renderer-presents',
      severity: 'error',
      comment:
        'the renderer imports the browser-safe app API, core vocabulary and formatting, the report model, the saved case types, the case options and each capability\'s view types — it does not parse or analyze',
      from: { path: '^renderer/', ...SOURCE },
      to: {
        path: '^analyzers/',
        pathNot: [
          '^analyzers/core/',
          '^analyzers/app/api/',
          '^analyzers/report/(reportModel|reportFormat|buildReport|chartGeometry|trendGeometry|icicleGeometry|analysisIds|exportFormats)\\.ts$',
          '^analyzers/case/(caseResult|queryRows|reportEdits|saved/[^/]+)\\.ts$',
          '^analyzers/ingest/caseOptions\\.ts$',
          `${CAPABILITY}view[A-Za-z]*\\.ts$`,
        ],
      },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'the renderer runs in a sandboxed page: no Node built-ins',
      from: { path: '^renderer/', ...SOURCE },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
