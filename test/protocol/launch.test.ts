// dist/server.js loads the server bundle with a V8 code cache kept in the folder the client names
// (CITELENS_CODE_CACHE, the extension's storage): written when a server without one exits, used by the next,
// replaced when unusable, and never in the way of the server starting.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CODE_CACHE_ENV } from '../../server/src/protocol';
import { LspClient } from '../helpers/lspClient';

const root = mkdtempSync(join(tmpdir(), 'citelens-launch-'));
const cache = join(root, 'code-cache');
writeFileSync(join(root, 'refs.bib'), '@article{known, title = {A known work}, author = {Doe, Jane}, year = {2020}}\n');
writeFileSync(join(root, 'm.md'), '---\nbibliography: refs.bib\n---\n# Review\n\nAs shown [@known] and [@missing].\n');
after(() => rmSync(root, { recursive: true, force: true }));

/** Starts the server with the cache folder, returns the codes it publishes for m.md, and lets it exit. */
async function session(): Promise<string[]> {
  const { client } = await LspClient.start({ root, env: { [CODE_CACHE_ENV]: cache } });
  const uri = await client.open(join(root, 'm.md'));
  const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0, 20_000).catch(async (error) => {
    await client.stop();
    throw error;
  });
  await client.stop();
  return published.diagnostics.map((d) => String(d.code)).sort();
}

const cacheFiles = () => readdirSync(cache).filter((f) => f.endsWith('.bin'));

test('the first server writes the code cache when it exits; the next uses it and leaves it alone', async () => {
  const first = await session();
  assert.deepEqual(first, ['unresolved-citation']);
  const files = cacheFiles();
  assert.equal(files.length, 1, `one cache file: ${files.join(', ')}`);
  const file = join(cache, files[0]);
  assert.ok(statSync(file).size > 100_000, 'the cache holds the compiled server');
  const written = statSync(file).mtimeMs;
  assert.deepEqual(await session(), first, 'a server loaded from the cache behaves the same');
  assert.equal(statSync(file).mtimeMs, written, 'a usable cache is not written again');
});

test('a corrupt cache does not stop the server, and is replaced; caches of older bundles are deleted', async () => {
  const [name] = cacheFiles();
  writeFileSync(join(cache, name), 'not a code cache');
  writeFileSync(join(cache, 'server-0123456789abcdef01234567.bin'), 'an older bundle’s cache');
  assert.deepEqual(await session(), ['unresolved-citation']);
  assert.deepEqual(cacheFiles(), [name]);
  assert.ok(readFileSync(join(cache, name)).length > 100_000, 'rewritten');
});
