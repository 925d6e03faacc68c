// The server's JSON-RPC writer against vscode-jsonrpc's own, on any sequence of messages: the same frames (byte
// for byte when the JSON is ASCII; otherwise the same header form and the same JSON values, its diagnostics spelt in
// ASCII), in the same order, read back by vscode-jsonrpc's reader as the messages sent.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import { asciiJson, DiagnosticsWriter, encodeMessage } from '../../server/src/lsp/diagnosticsWriter';

/** Everything `messages` become on a stream through `writer`, written as the connection does (in call order). */
async function bytesThrough(make: (stream: PassThrough) => { write(m: Message): Promise<void> }, messages: Message[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = make(stream);
  await Promise.all(messages.map((m) => writer.write(m)));
  return Buffer.concat(chunks);
}

/** The frames of a byte stream: each header as written and its body. */
function frames(bytes: Buffer): { header: string; body: Buffer }[] {
  const out: { header: string; body: Buffer }[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at, 'latin1');
    assert.ok(end > at, 'a header ends with an empty line');
    const header = bytes.toString('latin1', at, end + 4);
    const length = Number(/^Content-Length: (\d+)\r\n\r\n$/.exec(header)?.[1]);
    assert.ok(Number.isInteger(length), `one Content-Length header: ${JSON.stringify(header)}`);
    out.push({ header, body: bytes.subarray(end + 4, end + 4 + length) });
    at = end + 4 + length;
  }
  assert.equal(at, bytes.length, 'nothing after the last frame');
  return out;
}

const isAscii = (b: Buffer): boolean => b.every((x) => x < 0x80);

/** Text as authors write it: ASCII, typography, other scripts, astral characters, escapes JSON must write. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '\n', '\u0001', '…', '–', 'ä', 'β', '𝛼', '\u2028', '\ud800'), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const position = fc.record({ line: fc.nat(5000), character: fc.nat(300) });
const range = fc.record({ start: position, end: position });
const related = fc.record({ location: fc.record({ uri: fc.constantFrom('file:///r/refs.bib', 'file:///a%20b/r.md'), range }), message: text });
const diagnostic = fc.record(
  {
    range,
    severity: fc.integer({ min: 1, max: 4 }),
    source: fc.constant('citelens'),
    code: fc.constantFrom('off-topic-citation', 'unresolved-citation'),
    message: text,
    data: fc.jsonValue({ maxDepth: 2 }),
    relatedInformation: fc.array(related, { maxLength: 4 }),
  },
  { requiredKeys: ['range', 'severity', 'source', 'code', 'message'] },
);
const publish = fc
  .record({ uri: fc.oneof(fc.constant('file:///r.md'), text.map((t) => `file:///${t}.md`)), version: fc.option(fc.nat(), { nil: undefined }), diagnostics: fc.array(diagnostic, { maxLength: 6 }) }, { requiredKeys: ['uri', 'diagnostics'] })
  .map((params): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }) as Message);
const other = fc.oneof(
  fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), method: fc.constantFrom('workspace/configuration', 'window/workDoneProgress/create'), params: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ jsonrpc: fc.constant('2.0'), method: fc.constantFrom('$/progress', 'window/logMessage'), params: fc.record({ message: text }) }),
  fc.record({ jsonrpc: fc.constant('2.0'), id: fc.nat(), result: fc.jsonValue({ maxDepth: 3 }) }),
) as fc.Arbitrary<Message>;

test('frames: as vscode-jsonrpc writes them, byte for byte when ASCII, else the same values in ASCII', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(publish, other), { minLength: 1, maxLength: 5 }), async (messages) => {
      // Each message twice: the second time publishDiagnostics' diagnostics come from the writer's kept bytes.
      const sent = [...messages, ...messages];
      const ours = frames(await bytesThrough((s) => new DiagnosticsWriter(s), sent));
      const theirs = frames(await bytesThrough((s) => new StreamMessageWriter(s), sent));
      assert.equal(ours.length, theirs.length);
      for (let i = 0; i < ours.length; i++) {
        const isPublish = (sent[i] as { method?: string }).method === 'textDocument/publishDiagnostics';
        if (!isPublish || isAscii(theirs[i].body)) {
          assert.deepEqual(ours[i].header, theirs[i].header);
          assert.deepEqual(ours[i].body, theirs[i].body, 'byte for byte');
        } else {
          assert.ok(isAscii(ours[i].body), 'diagnostics spelt in ASCII');
          assert.deepEqual(JSON.parse(ours[i].body.toString('utf8')), JSON.parse(theirs[i].body.toString('utf8')));
        }
      }
    }),
    { numRuns: 300, seed: 20261205 },
  );
});

test("vscode-jsonrpc's reader reads the writer's frames back as the messages sent, in order", async () => {
  const diagnostic = { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } }, severity: 2, source: 'citelens', code: 'off-topic-citation', message: '[2] “Why a right…” — β', relatedInformation: [{ location: { uri: 'file:///r/refs.bib', range: { start: { line: 170, character: 15 }, end: { line: 170, character: 37 } } }, message: 'Better fit [36] "Compression of Deep…": 0.43 𝛼' }] };
  const sent: Message[] = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', version: 2, diagnostics: [diagnostic, diagnostic] } } as Message,
    { jsonrpc: '2.0', id: 1, method: 'workspace/configuration', params: { items: [{ section: 'citelens' }] } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', diagnostics: [] } } as Message,
  ];
  const stream = new PassThrough();
  const received: Message[] = [];
  const reader = new StreamMessageReader(stream);
  reader.listen((m) => received.push(m));
  const writer = new DiagnosticsWriter(stream);
  await Promise.all(sent.map((m) => writer.write(m)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(received, sent);
  reader.dispose();
});

test('a write the stream refuses rejects and is reported, and later messages are still written', async () => {
  const stream = new PassThrough();
  const writer = new DiagnosticsWriter(stream);
  const errors: unknown[] = [];
  writer.onError(([error]) => errors.push(error));
  stream.end();
  await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'x', params: {} } as Message));
  await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'y', params: {} } as Message));
  assert.ok(errors.length >= 2);
});

test('asciiJson: the same JSON value, only ASCII', () => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
    const json = asciiJson(JSON.stringify(value));
    assert.ok(isAscii(Buffer.from(json, 'utf8')));
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(value)));
  }), { numRuns: 500, seed: 20261205 });
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///r.md', diagnostics: [{ message: 'ñ 𝛼 "quoted" \\ back\nslash' }] } } as Message;
  assert.equal(encodeMessage(message).toString('latin1'), '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///r.md","diagnostics":[{"message":"\\u00f1 \\ud835\\udefc \\"quoted\\" \\\\ back\\nslash"}]}}');
});
