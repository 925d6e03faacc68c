// Bundles the three hosts of the core into dist/: the VS Code client, the language server and the CLI.
// Type-checking is `tsc --noEmit` (npm run lint); esbuild only strips types, which keeps builds under a second.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');

/**
 * citation-js's `util/fetchFile` requires node-fetch and sync-fetch (with http, https, zlib, whatwg-url) at load
 * time, ~11 ms of every start, for URL inputs Citelens never passes (it reads no network). Both become a stub
 * that refuses to fetch; the `Headers` class keeps citation-js's `instanceof` checks working.
 */
const noFetch = {
  name: 'no-fetch',
  setup(build) {
    build.onResolve({ filter: /^(node-fetch|sync-fetch)$/ }, (args) => ({ path: args.path, namespace: 'no-fetch' }));
    build.onLoad({ filter: /.*/, namespace: 'no-fetch' }, () => ({
      loader: 'js',
      contents: `class Headers extends Map {}
function fetch() { throw new Error('Citelens does not read from the network'); }
fetch.Headers = Headers;
fetch.default = fetch;
module.exports = fetch;`,
    }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // citation-js ships optional dependencies it never loads for our formats.
  external: ['vscode'],
  plugins: [noFetch],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  // The client starts dist/server.js, which loads dist/citelensServer.js with a V8 code cache (server/src/launch.ts).
  { entryPoints: ['server/src/launch.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/citelensServer.js' },
  // Learns large bibliographies' topics off the server's thread (server/src/node/topicLearner.ts).
  { entryPoints: ['server/src/node/topicWorker.ts'], outfile: 'dist/topicWorker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

for (const entry of entries) {
  const options = { ...common, ...entry };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
