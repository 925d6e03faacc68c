// Loading in slices (decode, line table) gives exactly what the one-step versions give; the server's slices take turns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decode, decodeInSlices } from '../../server/src/node/decode';
import { lineTableInSlices } from '../../server/src/lsp/positions';
import { LspWorkspace } from '../../server/src/lsp/lspWorkspace';
import { TextDocuments } from 'vscode-languageserver';

const pause = () => new Promise<void>((r) => setImmediate(r));

test('decodeInSlices equals decode: UTF-8 split mid-character, BOM, Latin-1, UTF-16', async () => {
  const cases: [string, Uint8Array][] = [
    ['UTF-8 with multi-byte characters', new TextEncoder().encode('Müller, Ωmega — 𝛼 '.repeat(50))],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('@article{a, title={Ä}}\n'.repeat(20))])],
    ['Latin-1', Uint8Array.from({ length: 900 }, (_, i) => (i % 7 === 0 ? 0xfc : 0x41 + (i % 26)))],
    ['UTF-16LE with a BOM', new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'Zoë'.repeat(100)].map((c) => c.charCodeAt(0))).buffer)])],
    ['UTF-8 cut inside its last character', new TextEncoder().encode('é'.repeat(300)).subarray(0, 599)],
  ];
  for (const [name, bytes] of cases) {
    for (const slice of [1, 3, 7, 64]) assert.equal(await decodeInSlices(bytes, pause, slice), decode(bytes), `${name}, slices of ${slice}`);
  }
});

test('decodeInSlices equals decode on arbitrary bytes', async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 17 }), async (bytes, slice) => {
    assert.equal(await decodeInSlices(bytes, pause, slice), decode(bytes));
  }), { numRuns: 300, seed: 20240611 });
});

test('lineTableInSlices gives the positions and offsets of a TextDocument', async () => {
  const text = fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' ', '𝛼'), { maxLength: 60 }).map((parts) => parts.join(''));
  let n = 0;
  await fc.assert(fc.asyncProperty(text, async (t) => {
    const ours = await lineTableInSlices(`/sliced/${n++}.bib`, t, pause, 0);
    const theirs = TextDocument.create('x', 'plaintext', 0, t);
    assert.equal(ours.getText(), t);
    assert.equal(ours.lineCount, theirs.lineCount);
    for (let offset = -1; offset <= t.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `offset ${offset}`);
    for (let line = -1; line <= theirs.lineCount; line++) {
      assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `line ${line}`);
      assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `eol ${line}`);
      for (let character = -1; character <= 4; character++) {
        assert.equal(ours.offsetAt({ line, character }), theirs.offsetAt({ line, character }), `${line}:${character}`);
      }
    }
  }), { numRuns: 300, seed: 20240611 });
});

test('lineTableInSlices on a long text without \\r matches a TextDocument', async () => {
  const t = Array.from({ length: 30_000 }, (_, i) => `@misc{k${i}, title={T ${i}}}`).join('\n');
  const ours = await lineTableInSlices('/sliced/long.bib', t, pause, 0);
  const theirs = TextDocument.create('x', 'plaintext', 0, t);
  assert.equal(ours.lineCount, theirs.lineCount);
  for (let offset = 0; offset <= t.length; offset += 997) assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset));
});

test('the server’s pauses: slices of several long jobs take turns, and what arrives meanwhile runs between them', async () => {
  const workspace = new LspWorkspace(new TextDocuments(TextDocument));
  const log: string[] = [];
  const job = async (name: string, slices: number) => {
    for (let i = 0; i < slices; i++) {
      log.push(`${name}${i}`);
      // A request read from the client during this slice: dispatched in a later turn of the event loop.
      if (name === 'a' && i === 1) setImmediate(() => setImmediate(() => log.push('request')));
      await workspace.pause();
    }
  };
  await Promise.all([job('a', 3), job('b', 3), job('c', 2)]);
  // One slice per turn, in the order asked: a request waits for one slice, not for every job's.
  assert.deepEqual(log, ['a0', 'b0', 'c0', 'a1', 'request', 'b1', 'c1', 'a2', 'b2']);
});
