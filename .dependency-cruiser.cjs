// Import rules that `npm run lint` enforces (docs/design.md, "Folders and what they may import").
/** A layer rule: modules matching `from` may not import modules matching any of `above`. */
function layer(name, comment, from, above) {
  return { name: `layer-${name}`, severity: 'error', comment, from: { path: from }, to: { path: above } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // Layers of the core, lowest first (docs/design.md, "Folders"): a folder never imports one above it.
    layer('util', 'util/ holds leaf helpers: it imports nothing of ours', '^server/src/service/util/', ['^server/src/service/(?!util/)']),
    layer('problems', 'problems/ (the table of checks and the problem constructor) sits under the parsers: it imports only types.ts and util/', '^server/src/service/problems/', ['^server/src/service/(?!util/|problems/|types\\.ts$)']),
    layer('text', 'text/ (the line index) imports only util/', '^server/src/service/text/', ['^server/src/service/(?!(util|text)/)']),
    layer('parsers', 'the parsers (markdown/, bibtex/, taxonomy/) read text; they know nothing of resolution, checks or features', '^server/src/service/(markdown|bibtex|taxonomy)/', ['^server/src/service/(resolve|topicFit|checks|pipeline|features|renumber)/', '^server/src/service/(createService|service|caches|diagnostics)\\.ts$']),
    layer('resolve', 'resolve/ links citations to works; it knows nothing of topic fit, checks or features', '^server/src/service/resolve/', ['^server/src/service/(topicFit|checks|pipeline|features|renumber)/', '^server/src/service/(createService|service|caches|diagnostics)\\.ts$']),
    layer('topicFit', 'topicFit/ scores claims and works; checks, the pipeline and features use it, not the reverse', '^server/src/service/topicFit/', ['^server/src/service/(checks|pipeline|features|renumber)/', '^server/src/service/(createService|service|caches|diagnostics)\\.ts$']),
    layer('checks', 'checks/ find problems in a resolved manuscript; the pipeline and features use them', '^server/src/service/checks/', ['^server/src/service/(pipeline|features|renumber)/', '^server/src/service/(createService|service|caches)\\.ts$']),
    layer('pipeline', 'only the service runs the pipeline', '^server/src/service/(?!pipeline/|createService\\.ts)', ['^server/src/service/pipeline/']),
    layer('features', 'features and edits work on an Analysis; they never run the pipeline', '^server/src/service/(features|renumber)/', ['^server/src/service/pipeline/', '^server/src/service/(createService|service)\\.ts$']),
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
      comment: 'The table of checks is used by the parsers and by types.ts: it imports nothing of the core (server/src/service/problems/catalog.ts).',
      from: { path: '^server/src/service/problems/catalog(\\.ts$|/)' },
      to: { path: '^server/src/', pathNot: '^server/src/service/problems/catalog(\\.ts$|/)' },
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
