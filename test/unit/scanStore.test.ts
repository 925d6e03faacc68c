// The scan store keeps large bibliographies' scans between sessions: what it gives back builds exactly the
// bibliography a fresh scan gives, and nothing it cannot read (damaged, another version) is ever used.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { locateBibEntries } from '../../server/src/service/bibtex/locator';
import { parseBibliography, scanOf } from '../../server/src/service/bibtex/parseBibliography';
import { completionIndexRows, warmCompletionIndex } from '../../server/src/service/bibtex/completionIndex';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import type { Bibliography } from '../../server/src/service/types';
import type { ScanCache } from '../../server/src/service/workspace';
import { decodeScan, encodeScan } from '../../server/src/lsp/scanCodec';
import { contentHash, ScanStore } from '../../server/src/lsp/scanStore';
import { LspWorkspace } from '../../server/src/lsp/lspWorkspace';
import { LspClient } from '../helpers/lspClient';
import { sharedDir, until } from '../helpers/shared';

const roots: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citelens-scans-'));
  roots.push(dir);
  return dir;
}

/** Keeps the scan of `text` (a fresh one unless given) in `store` and waits until it is written. */
async function keep(store: ScanStore, uri: string, text: string, scan = locateBibEntries(text)): Promise<ScanStore> {
  store.put(uri, text, () => ({ scan, indexed: true }));
  await store.flush();
  return store;
}

after(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** Every construct the scanner keeps: macros using macros, crossrefs, broken and keyless entries, duplicates. */
const FIXTURE = `% A comment line
@string{jmlr = "J. Mach. Learn. Res."}
@string{jmlrx = jmlr # " (online)"}
@article{smith2020,
  author = {M{\\"u}ller, Jan and Doe, J.},
  title = {Deep {L}earning for Citations},
  journal = jmlrx, year = 2020,
}
@inproceedings{part, crossref = {proc2019}, title = {A Part}, year = 2019}
@proceedings{proc2019, title = {The Proceedings}, year = 2019}
@book{Smith2020, title = {Same key up to case}, year = 2021}
@misc{smith2020, title = {Same key}, year = 2022}
@article{, title = {No key}}
@article{broken, title = {Unclosed
@misc{after, title = {Ωmega ☃ 𝛼}, author = {Zoë Ångström}, date = {2018-03}}
`;

/** A BibTeX text of at least `minChars` characters: the fixture, then generated entries. */
function largeBibliography(minChars: number, seed = ''): string {
  const parts = [FIXTURE];
  let length = FIXTURE.length;
  for (let i = 0; length < minChars; i++) {
    const entry = `@article{gen${seed}${i},\n  author = {Author${i % 97}, Ann and Other, Bo},\n  title = {Generated work number ${i} on ${['diffusion', 'citations', 'topic fit'][i % 3]}${seed}},\n  journal = jmlr,\n  year = ${1990 + (i % 30)},\n  abstract = {${'Words of an abstract. '.repeat(12)}}\n}\n`;
    parts.push(entry);
    length += entry.length;
  }
  return parts.join('');
}

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A service over an in-memory workspace with pauses (so large files load in slices) and `scans`. */
function serviceWith(files: Record<string, string>, scans: ScanCache) {
  const workspace = Object.assign(MemoryWorkspace.of(files), { pause: immediate, scans });
  return { workspace, service: createCitelensService(workspace, { topicFitEnabled: false }) };
}

/** A store that records what it was asked and answered. */
function recording(store: ScanStore) {
  const hits: string[] = [];
  const misses: string[] = [];
  const cache: ScanCache = {
    async get(uri, text) {
      const stored = await store.get(uri, text);
      (stored ? hits : misses).push(uri);
      return stored;
    },
    put: (uri, text, stored) => store.put(uri, text, stored),
  };
  return { cache, hits, misses };
}

/** What a user sees of a bibliography: entries (keys, spans, types), problems, and every field's conversion. */
function visible(bib: Bibliography) {
  return {
    entries: bib.entries.map((e) => ({ key: e.key, type: e.type, span: e.span, keySpan: e.keySpan, csl: e.getCsl() })),
    problems: bib.problems.map((p) => ({ ...p })),
  };
}

test('the codec gives back the very scan it was given: fixture, and the real bibliographies (when shared data is present)', async () => {
  const texts: [string, string][] = [['fixture', FIXTURE], ['fixture with a BOM', '\ufeff' + FIXTURE], ['empty', '']];
  for (const name of ['aibasel-all.bib', 'rfc.bib', 'bibliotex-all.bib', 'biblatex-examples.bib']) {
    const file = join(sharedDir, 'bench', name);
    if (existsSync(file)) texts.push([name, readFileSync(file, 'utf8')]);
  }
  for (const [name, text] of texts) {
    const scan = locateBibEntries(text);
    const hash = await contentHash(text);
    const bytes = encodeScan({ scan }, text.length, hash, 'build-a');
    assert.ok(bytes, name);
    const back = decodeScan(bytes, text, hash, 'build-a');
    assert.deepStrictEqual(back, { scan }, name);
  }
});

test('the codec refuses another text, another build, another format version, and damaged bytes', async () => {
  const scan = locateBibEntries(FIXTURE);
  const hash = await contentHash(FIXTURE);
  const bytes = encodeScan({ scan }, FIXTURE.length, hash, 'build-a')!;
  const other = FIXTURE.replace('Deep', 'Deer');
  assert.equal(decodeScan(bytes, other, await contentHash(other), 'build-a'), undefined, 'another text');
  assert.equal(decodeScan(bytes, FIXTURE, hash, 'build-b'), undefined, 'another build');
  const newer = Buffer.from(bytes);
  newer.writeUInt32LE(99, 'CITELENS-SCAN\n'.length);
  assert.equal(decodeScan(newer, FIXTURE, hash, 'build-a'), undefined, 'another format version');
  assert.equal(decodeScan(bytes.subarray(0, bytes.length - 4), FIXTURE, hash, 'build-a'), undefined, 'truncated');
  assert.equal(decodeScan(Buffer.from('not a scan at all'), FIXTURE, hash, 'build-a'), undefined, 'garbage');
  // Any single damaged number in the body: either refused, or a scan whose spans and indices are all in range.
  const headerEnd = bytes.indexOf('}', bytes.indexOf('{'));
  for (let at = bytes.length - 4; at > headerEnd + 4; at -= 4) {
    const damaged = Buffer.from(bytes);
    damaged.writeInt32LE(at % 8 === 0 ? -5 : 1 << 30, at);
    const back = decodeScan(damaged, FIXTURE, hash, 'build-a');
    for (const e of back?.scan.entries ?? []) assert.ok(e.span.end <= FIXTURE.length && e.keySpan.end <= FIXTURE.length && e.fields.every((f) => typeof f === 'string'));
  }
});

test('a bibliography rebuilt from the store equals the one a fresh scan gives, and completion is indexed at once', async () => {
  const dir = tempDir();
  const text = largeBibliography(600 * 1024);
  const manuscript = '---\nbibliography: refs.bib\n---\n\nSee [@smith2020] and [@gen1] and [@nowhere].\n';
  // First session: scans, indexes for completion, keeps both.
  const writer = new ScanStore(dir, { tag: 't', writeDelayMs: 5 });
  const first = recording(writer);
  const a = serviceWith({ '/one/refs.bib': text, '/one/paper.md': manuscript }, first.cache);
  const analysisA = await a.service.analyze('/one/paper.md');
  assert.deepEqual(first.misses, ['/one/refs.bib']);
  assert.equal(warmCompletionIndex(analysisA, Infinity), true);
  await writer.flush();
  const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
  assert.equal(files.length, 1, `one kept scan: ${readdirSync(dir).join(', ')}`);
  const kept = decodeScan(readFileSync(join(dir, files[0])), text, await contentHash(text), 't');
  assert.ok(kept?.completion, 'the kept scan has its completion index');
  // Second session, same content under another path (the store is keyed by content, not by path).
  const second = recording(new ScanStore(dir, { tag: 't' }));
  const b = serviceWith({ '/two/refs.bib': text, '/two/paper.md': manuscript }, second.cache);
  const analysisB = await b.service.analyze('/two/paper.md');
  assert.deepEqual(second.hits, ['/two/refs.bib']);
  const fromStore = analysisB.bibliographies[0];
  const scanned = parseBibliography('/two/refs.bib', text);
  assert.deepStrictEqual(fromStore, scanned);
  assert.deepStrictEqual(visible(fromStore), visible(scanned));
  const seen = (diagnostics: typeof analysisA.diagnostics) => diagnostics.map((d) => `${d.uri.replace(/^\/\w+\//, '')} ${d.code} ${d.span.start}-${d.span.end} ${d.message}`);
  assert.deepEqual(seen(analysisB.diagnostics), seen(analysisA.diagnostics));
  assert.ok(seen(analysisB.diagnostics).some((d) => d.includes('duplicate-bib-key')) && seen(analysisB.diagnostics).some((d) => d.includes('bib-syntax')));
  // The completion index came with the scan: every entry is indexed before any indexing work, as a fresh index would.
  const rowsB = completionIndexRows(scanOf(fromStore)!.entries);
  const rowsA = completionIndexRows(scanOf(analysisA.bibliographies[0])!.entries);
  assert.equal(rowsB.complete, true);
  assert.deepStrictEqual(rowsB.rows, kept.completion);
  assert.deepStrictEqual(kept.completion, rowsA.rows);
  assert.ok(rowsA.rows.filter(Boolean).length > 1000);
});

test('an edited file keeps its scan too: only its latest edit besides the version read first', async () => {
  const dir = tempDir();
  const v0 = largeBibliography(600 * 1024, 'x');
  const writer = new ScanStore(dir, { tag: 't', writeDelayMs: 5 });
  const { workspace, service } = serviceWith({ '/x/refs.bib': v0 }, writer);
  await service.bibliography('/x/refs.bib');
  await writer.flush();
  // Two edits inside one entry each (re-located, not re-scanned), as typing in the editor gives them.
  const versions = [v0];
  for (const word of ['Generated work number 7 ', 'Generated work number 9 ']) {
    const previous = versions[versions.length - 1];
    const at = previous.indexOf(word) + word.length;
    versions.push(previous.slice(0, at) + 'edited ' + previous.slice(at));
    workspace.set('/x/refs.bib', versions[versions.length - 1]);
    service.invalidate('/x/refs.bib');
    await service.bibliography('/x/refs.bib');
    await writer.flush();
  }
  const kept = await Promise.all(versions.map(async (v) => existsSync(writer.fileOf(await contentHash(v)))));
  assert.deepEqual(kept, [true, false, true], 'the version read first and the latest edit');
  // What was kept of the edit builds the bibliography a fresh scan of the edited text gives.
  const reader = recording(new ScanStore(dir, { tag: 't' }));
  const { service: next } = serviceWith({ '/y/refs.bib': versions[2] }, reader.cache);
  assert.deepStrictEqual(await next.bibliography('/y/refs.bib'), parseBibliography('/y/refs.bib', versions[2]));
  assert.deepEqual(reader.hits, ['/y/refs.bib']);
});

test('writes wait for a quiet moment: a burst of puts is one write', async () => {
  const dir = tempDir();
  const texts = ['p', 'q', 'r'].map((s) => largeBibliography(300 * 1024, s));
  const store = new ScanStore(dir, { tag: 't', writeDelayMs: 30 });
  for (const text of texts) store.put('/burst/refs.bib', text, () => ({ scan: locateBibEntries(text), indexed: true }));
  // The store writes by itself once the burst is over (no flush: that would write whatever is waiting).
  await until(() => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.bin')), 'the store has written');
  const kept = await Promise.all(texts.map(async (t) => existsSync(store.fileOf(await contentHash(t)))));
  assert.deepEqual(kept, [false, false, true], 'only the last text of the burst');
  await store.flush();
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.bin')).length, 1, 'nothing else was waiting');
});

test('a damaged kept file is ignored, deleted, and the file is scanned as usual', async () => {
  const dir = tempDir();
  const text = largeBibliography(520 * 1024, 'd');
  const hash = await contentHash(text);
  const store = new ScanStore(dir, { tag: 't' });
  mkdirSync(dir, { recursive: true });
  const file = store.fileOf(hash);
  const junks = [Buffer.from('CITELENS-SCAN\n\u0001\u0000\u0000\u0000garbage'), Buffer.alloc(0), Buffer.from([0xff, 0xfe, 0, 1])];
  for (const [i, junk] of junks.entries()) {
    writeFileSync(file, junk);
    const logs: string[] = [];
    const { cache, misses } = recording(new ScanStore(dir, { tag: 't', log: (m) => logs.push(m) }));
    // A new path each time: the core keeps parsed bibliographies in memory by path and text.
    const uri = `/d${i}/refs.bib`;
    const { service } = serviceWith({ [uri]: text }, cache);
    const bib = await service.bibliography(uri);
    assert.deepEqual(misses, [uri]);
    assert.deepStrictEqual(bib, parseBibliography(uri, text));
    assert.equal(existsSync(file), false, 'the damaged file is deleted');
    assert.match(logs.join('\n'), /does not hold a valid scan/);
  }
});

test('files of another build are not read, and are swept after the next write', async () => {
  const dir = tempDir();
  const text = largeBibliography(300 * 1024, 'v');
  const scan = locateBibEntries(text);
  const old = await keep(new ScanStore(dir, { tag: 'old-build' }), '/v/refs.bib', text, scan);
  assert.ok((await old.get('/v/refs.bib', text))?.scan, 'its own build reads it');
  const current = new ScanStore(dir, { tag: 'new-build' });
  assert.equal(await current.get('/v/refs.bib', text), undefined);
  await keep(current, '/v/refs.bib', text, scan);
  const names = readdirSync(dir);
  assert.equal(names.length, 1);
  assert.match(names[0], /^scan-v\d+-new-build-[0-9a-f]{64}\.bin$/);
});

test('the least recently used files go when the store is over its size', async () => {
  const dir = tempDir();
  const texts = ['a', 'b', 'c', 'd'].map((s) => largeBibliography(300 * 1024, s));
  const writer = new ScanStore(dir, { tag: 't' });
  const sizes: number[] = [];
  for (const [i, text] of texts.slice(0, 3).entries()) {
    await keep(writer, `/e/${i}.bib`, text);
    // Distinct use times, oldest first (file systems keep at least milliseconds).
    const file = writer.fileOf(await contentHash(text));
    sizes.push(statSync(file).size);
    const at = new Date(Date.now() - (10 - i) * 60_000);
    utimesSync(file, at, at);
  }
  // Reading the oldest makes it the most recently used: the store touches the file without waiting for it, so
  // wait until the touch has landed (its time is now the newest of the three).
  assert.ok(await writer.get('/e/0.bib', texts[0]));
  const mtime = async (text: string) => statSync(writer.fileOf(await contentHash(text))).mtimeMs;
  const newest = await mtime(texts[2]);
  await until(async () => (await mtime(texts[0])) > newest, 'reading file 0 has touched it');
  const bounded = new ScanStore(dir, { tag: 't', maxBytes: sizes[0] + sizes[2] + sizes[1] / 2 });
  await keep(bounded, '/e/3.bib', texts[3]);
  const left = await Promise.all(texts.map(async (t) => existsSync(bounded.fileOf(await contentHash(t)))));
  assert.deepEqual(left, [true, false, false, true], 'the two least recently used (1, then 2) were evicted');
});

test('the hash of UTF-8 file bytes is the hash of their text (a read from disk need not hash the text)', async () => {
  const dir = tempDir();
  const text = largeBibliography(300 * 1024, 'é');
  const scan = locateBibEntries(text);
  await keep(new ScanStore(dir, { tag: 't' }), '/u/refs.bib', text, scan);
  const reader = new ScanStore(dir, { tag: 't' });
  await reader.noteBytes('/u/refs.bib', text, Buffer.from(text, 'utf8'));
  assert.deepStrictEqual(await reader.get('/u/refs.bib', text), { scan });
  // Bytes that are not this text's UTF-8 (Latin-1, a dropped BOM) are not taken for it.
  const latin1 = new ScanStore(dir, { tag: 't' });
  await latin1.noteBytes('/u/refs.bib', text, Buffer.from(text, 'latin1'));
  assert.deepStrictEqual(await latin1.get('/u/refs.bib', text), { scan });
  const bom = new ScanStore(dir, { tag: 't' });
  await bom.noteBytes('/u/refs.bib', text, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.deepStrictEqual(await bom.get('/u/refs.bib', text), { scan });
});

test('the language server keeps scans only with an absolute storagePath from its client', () => {
  const cases: [unknown, boolean][] = [[undefined, false], [{}, false], [{ trusted: true }, false], [{ storagePath: 'relative/dir' }, false], [{ storagePath: 42 }, false], [{ storagePath: tempDir() }, true], [{ trusted: false, storagePath: tempDir() }, true]];
  for (const [options, kept] of cases) {
    const workspace = new LspWorkspace(new TextDocuments(TextDocument));
    workspace.configure(options, () => 1e9);
    assert.equal(!!workspace.scans, kept, JSON.stringify(options));
  }
});

test('protocol: a second server process with the same storagePath reads the unchanged bibliography from the store', async () => {
  const storage = tempDir();
  const root = tempDir();
  writeFileSync(join(root, 'refs.bib'), largeBibliography(600 * 1024, 'p'));
  const paper = join(root, 'paper.md');
  writeFileSync(paper, '---\nbibliography: refs.bib\n---\n\nSee [@smith2020], [@genp3] and [@missing].\n');
  const session = async () => {
    const { client } = await LspClient.start({ root, initializationOptions: { trusted: true, storagePath: storage }, env: { CITELENS_TRACE: '1' } });
    const uri = await client.open(paper);
    // A generous bound: this waits on the publication, the bound only turns a hang into a failure.
    const published = await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    return { client, codes: published.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort() };
  };
  const one = await session();
  // The first server writes about a second after the load (and again once completion is indexed): wait for
  // the file, however long a loaded machine takes, before stopping the server.
  const scans = join(storage, 'scans');
  await until(() => existsSync(scans) && readdirSync(scans).some((f) => f.endsWith('.bin')), 'the first server has kept a scan');
  await one.client.stop();
  assert.ok(readdirSync(scans).some((f) => f.endsWith('.bin')), `a scan was kept: ${one.client.stderr.join('')}`);
  assert.ok(!one.client.stderr.join('').includes('read from the store'));
  const two = await session();
  await two.client.stop();
  assert.match(two.client.stderr.join(''), /refs\.bib \(\d+ entries.*\) read from the store/);
  assert.deepEqual(two.codes, one.codes);
  assert.ok(one.codes.some((c) => c.startsWith('unresolved-citation')), one.codes.join(', '));
});
