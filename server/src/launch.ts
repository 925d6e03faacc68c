/**
 * What the client starts (`dist/server.js`): loads the language server bundle (`dist/citelensServer.js`) with a
 * V8 code cache kept in the extension's storage (`CITELENS_CODE_CACHE`, a folder, set by the client), so a new
 * server does not parse and compile 2.7 MB of JavaScript again: ~60 ms of its ~500 ms start-up budget
 * (BENCHMARKS.md). Without the variable, or when anything about the cache fails, the bundle is loaded as Node
 * would load it.
 *
 * Hand-written because Node 20 has no compile cache of its own (`module.enableCompileCache` arrived in Node 22),
 * nor does VS Code give one to a language server's process.
 *
 * The cache is named by a hash of the bundle's text and V8's version: V8 checks only the source's length and its
 * own flags before using cached code, so a new bundle of the same length must never meet an old cache. It is
 * written when the process ends, once it has run (the functions compiled by then are in it), and only when there
 * was no usable one; a rejected one (another V8, other flags) is written again, and older bundles' are deleted.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { CODE_CACHE_ENV } from './serverProcess';

const bundle = join(__dirname, 'citelensServer.js');
const cacheDir = process.env[CODE_CACHE_ENV];

if (cacheDir) runWithCodeCache(bundle, cacheDir);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle chosen at run time, not an import
else require(bundle);

function runWithCodeCache(file: string, dir: string): void {
  const source = readFileSync(file, 'utf8');
  const name = createHash('sha256').update(source).update(process.versions.v8).update(process.execArgv.join(' ')).digest('hex').slice(0, 24);
  const cacheFile = join(dir, `server-${name}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) saveOnExit(script, dir, cacheFile);
  // Run as `require` would: the bundle's own module, exports, require, __filename and __dirname.
  const module = new Module(file, require.main);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  require.cache[file] = module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, module.require.bind(module) as NodeJS.Require, module, file, dirname(file));
  module.loaded = true;
}

/** Writes the code cache when the process ends (the LSP `exit` notification, or the client's SIGTERM). */
function saveOnExit(script: Script, dir: string, cacheFile: string): void {
  let saved = false;
  const save = (): void => {
    if (saved) return;
    saved = true;
    try {
      mkdirSync(dir, { recursive: true });
      // Written beside and renamed: a reader never sees half a file.
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
      // Caches of earlier bundles (the extension was updated) are of no use any more.
      for (const other of readdirSync(dir)) if (/^server-[0-9a-f]+\.bin$/.test(other) && join(dir, other) !== cacheFile) rmSync(join(dir, other), { force: true });
    } catch {
      // A read-only or full disk: the next start compiles again.
    }
  };
  process.on('exit', save);
  process.once('SIGTERM', () => {
    save();
    process.exit(0);
  });
}
