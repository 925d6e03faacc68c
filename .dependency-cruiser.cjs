// Import rules that `npm run lint` enforces (docs/design.md, "Folders and what they may import").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle hides the order in which the pipeline runs: break it (move the shared type down a layer).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-host',
      severity: 'error',
      comment: 'The core (server/src/service) knows no editor, protocol, disk or process: hosts adapt it.',
      from: { path: '^server/src/service/' },
      to: { path: ['^server/src/(lsp|cli|node)/', '^client/', '^node_modules/(vscode-languageserver|vscode-languageclient|vscode-jsonrpc)'] },
    },
    {
      name: 'core-no-io-modules',
      severity: 'error',
      comment: 'The core reads files only through the injected Workspace and runs nothing.',
      from: { path: '^server/src/service/' },
      to: { dependencyTypes: ['core'], path: '^(fs|fs/promises|child_process|worker_threads|net|http|https|vscode)$' },
    },
    {
      name: 'catalog-is-a-leaf',
      severity: 'error',
      comment: 'The table of checks is used by the parsers and by types.ts: it imports nothing of the core (server/src/service/checks/catalog.ts).',
      from: { path: '^server/src/service/checks/catalog(\\.ts$|/)' },
      to: { path: '^server/src/', pathNot: '^server/src/service/checks/catalog(\\.ts$|/)' },
    },
    {
      name: 'client-is-thin',
      severity: 'error',
      comment: 'The client talks to the server through the protocol only; it does not import the core.',
      from: { path: '^client/' },
      to: { path: '^server/src/(service|lsp|cli|node)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(dist|node_modules|\\.e2e-cache)/' },
  },
};
