/**
 * Bad input never crashes and never loses positions: CRLF, BOM, astral characters (ranges in UTF-16 code
 * units), empty and binary files, text that is not UTF-8.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from '../../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../../server/src/service/service';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { MemoryWorkspace } from '../../server/src/service/workspace';

const BIB = '@article{smith2020, author = {Smith, Jane}, title = {Deep learning for protein folding}, year = {2020}}\n';

async function analyze(md: string, bib = BIB) {
  const ws = MemoryWorkspace.of({ '/w/paper.md': md, '/w/refs.bib': bib }, ['/w']);
  return createCitelensService(ws).analyze('/w/paper.md');
}

test('astral characters before a citation: ranges count UTF-16 code units', async () => {
  const md = '😀🧬 Folding 𝔸 [@smth2020].';
  const a = await analyze(md);
  const d = a.diagnostics.find((x) => x.code === 'unresolved-citation')!;
  assert.equal(md.slice(d.span.start, d.span.end), 'smth2020');
  assert.deepEqual(new LineIndex(md).position(d.span.start), { line: 0, character: md.indexOf('smth2020') });
  assert.equal(md.indexOf('smth2020'), 18); // 😀🧬𝔸 are two code units each
});

test('CRLF line endings and a BOM keep exact positions', async () => {
  const md = '\ufeff# Title\r\n\r\nFolding [@smth2020].\r\n';
  const a = await analyze(md);
  const d = a.diagnostics.find((x) => x.code === 'unresolved-citation')!;
  assert.equal(md.slice(d.span.start, d.span.end), 'smth2020');
  assert.deepEqual(new LineIndex(md).position(d.span.start), { line: 2, character: 10 });
});

test('empty and binary manuscripts and bibliographies give results, not exceptions', async () => {
  const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  for (const [md, bib] of [['', ''], [binary, BIB], ['Folding [@smith2020].', binary], [binary, binary]]) {
    const a = await analyze(md, bib);
    assert.ok(Array.isArray(a.diagnostics));
    for (const d of a.diagnostics) {
      const len = d.uri.endsWith('.md') ? md.length : bib.length;
      assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= len, `${d.code} range inside its file`);
    }
  }
});

test('bytes that are not UTF-8 decode as Latin-1; UTF-16 with a BOM is read', () => {
  assert.equal(decode(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])), 'Müller');
  assert.equal(decode(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00])), 'Aé');
  assert.equal(decode(new TextEncoder().encode('Müller')), 'Müller');
});

test('a broken front matter is reported at its line and the citations still resolve', async () => {
  const md = '---\nbibliography: [refs.bib\ntitle: x\n---\nFolding [@smith2020].';
  const a = await analyze(md);
  const fm = a.diagnostics.find((d) => d.code === 'front-matter-syntax');
  assert.ok(fm, 'front-matter-syntax reported');
  assert.equal(a.resolutions[0].entry?.key, 'smith2020');
});
