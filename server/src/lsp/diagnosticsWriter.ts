/**
 * The JSON-RPC writer of a server on a byte stream (`--stdio`, sockets, pipes): like vscode-jsonrpc's own, but a
 * `textDocument/publishDiagnostics` message is assembled from each diagnostic's serialised bytes, kept per
 * diagnostic object. The publisher hands out the same object for a diagnostic that did not change
 * (`DiagnosticReuse`), so a keystroke in a 50,000-word review re-serialises only what it changed: a thousand
 * explained `off-topic-citation` warnings are ~750 KB of JSON, and `JSON.stringify` plus UTF-8 encoding of
 * all of it cost ~10 ms on every keystroke.
 *
 * The bytes are exactly `JSON.stringify(message)`'s (property order included), UTF-8 encoded.
 */
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const PLACEHOLDER = '\u0001citelens-diagnostics\u0001';
/**
 * Stands in for the diagnostics array in the message's JSON. It cannot occur inside a JSON string: there every
 * `"` is escaped, and the pattern holds unescaped ones.
 */
const HOLE = `"diagnostics":${JSON.stringify(PLACEHOLDER)}`;

/** Serialised diagnostics, by object (the publisher reuses unchanged ones). */
const bytesOf = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

/** `JSON.stringify(message)` as UTF-8, with publishDiagnostics' diagnostics serialised once per object. */
export function encodeMessage(message: Message): Uint8Array {
  const params = (message as { method?: string; params?: { diagnostics?: unknown } }).params;
  if ((message as { method?: string }).method !== PUBLISH || !params || !Array.isArray(params.diagnostics)) {
    return Buffer.from(JSON.stringify(message), 'utf8');
  }
  const diagnostics = params.diagnostics as object[];
  const shell = JSON.stringify({ ...message, params: { ...params, diagnostics: PLACEHOLDER } });
  const at = shell.indexOf(HOLE);
  if (at < 0) return Buffer.from(JSON.stringify(message), 'utf8');
  const head = `${shell.slice(0, at)}"diagnostics":[`;
  const parts: Buffer[] = [Buffer.from(head, 'utf8')];
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    let bytes = bytesOf.get(d);
    if (!bytes) bytesOf.set(d, (bytes = Buffer.from(JSON.stringify(d), 'utf8')));
    if (i > 0) parts.push(COMMA);
    parts.push(bytes);
  }
  parts.push(Buffer.from(`]${shell.slice(at + HOLE.length)}`, 'utf8'));
  return Buffer.concat(parts);
}

/** A message writer on `stream` that encodes with {@link encodeMessage}. */
export function diagnosticsWriter(stream: NodeJS.WritableStream): StreamMessageWriter {
  return new StreamMessageWriter(stream, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: async (message) => encodeMessage(message) },
  });
}
