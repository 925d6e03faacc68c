/**
 * No network, no programs run: the built language server, with a preload that makes every socket connect, DNS
 * look-up, HTTP(S)/TLS request, fetch and child process fail and be logged, goes through a whole session on the
 * example workspace (open, change, hover, completion, definition, Check Workspace, coverage); the core does a
 * full analysis in-process under the same patches. The log must stay empty.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { LspClient } from '../helpers/lspClient';
import { repoRoot } from '../helpers/shared';

const preload = join(__dirname, '..', 'helpers', 'noNetworkPreload.cjs');
const example = join(repoRoot, 'examples/genai-healthcare');

test('a whole server session on the example opens no socket and runs no program', async () => {
  const root = mkdtempSync(join(tmpdir(), 'citelens-nonet-'));
  cpSync(example, root, { recursive: true });
  const networkLog = join(root, 'network.log');
  const { client } = await LspClient.start({ root, env: { NODE_OPTIONS: `--require ${preload}`, CITELENS_NETWORK_LOG: networkLog } });
  try {
    const path = join(root, 'manuscript.md');
    const uri = await client.open(path);
    await client.diagnostics(uri);
    const next = client.nextDiagnostics(uri);
    await client.insert(uri, client.text(uri).length, '\nAlso [1] and [@zzz].\n');
    await next;
    const at = client.at(uri, '(LLMs)[|1]');
    await client.request('textDocument/hover', { textDocument: { uri }, position: at });
    await client.request('textDocument/definition', { textDocument: { uri }, position: at });
    await client.request('textDocument/completion', { textDocument: { uri }, position: client.at(uri, '[@z|zz]') });
    await client.request('textDocument/documentLink', { textDocument: { uri } });
    await client.request('workspace/executeCommand', { command: 'citelens.server.checkWorkspace', arguments: [{}] });
    await client.request('citelens/coverage', { uri }).catch(() => null);
    const bib = join(root, 'references.bib');
    const bibUri = await client.open(bib);
    await client.diagnostics(bibUri);
  } finally {
    await client.stop();
  }
  assert.ok(!client.stderr.join('').includes('network and processes are forbidden'), client.stderr.join(''));
  const attempts = existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '';
  assert.equal(attempts, '', `network or process attempts:\n${attempts}`);
});

test('a full analysis in-process opens no socket and runs no program', async () => {
  const networkLog = join(mkdtempSync(join(tmpdir(), 'citelens-nonet-')), 'network.log');
  process.env.CITELENS_NETWORK_LOG = networkLog;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(preload);
  const files = Object.fromEntries(['manuscript.md', 'references.bib', 'taxonomy.yaml'].map((f) => [`/w/${f}`, readFileSync(join(example, f), 'utf8')]));
  const analysis = await createCitelensService(MemoryWorkspace.of(files, ['/w'])).analyze('/w/manuscript.md');
  planRenumber(analysis, { compactRanges: true, removeUncited: false });
  assert.ok(analysis.resolutions.length > 0);
  const attempts = existsSync(networkLog) ? readFileSync(networkLog, 'utf8') : '';
  assert.equal(attempts, '', `network or process attempts:\n${attempts}`);
});
