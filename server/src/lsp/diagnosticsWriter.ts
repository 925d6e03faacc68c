/**
 * The JSON-RPC writer of a server on a byte stream (`--stdio`, sockets, pipes), in place of vscode-jsonrpc's
 * `StreamMessageWriter`. A numeric review's `textDocument/publishDiagnostics` is ~1.5 MB per keystroke (860
 * explained warnings with four related locations each), and three costs of writing it are avoided:
 * - Serialising it: each diagnostic's bytes are kept per object, and the publisher hands out the same object for a
 *   diagnostic that did not change (`DiagnosticReuse`), so a keystroke serialises only what it changed (all of it:
 *   ~10 ms).
 * - Joining it: vscode-jsonrpc writes one buffer per message, and joining ~1,700 parts into a fresh 1.5 MB buffer
 *   cost 1.5–3 ms a keystroke (a new memory mapping each time, with the server's `MALLOC_MMAP_THRESHOLD_`). Here the
 *   header and the parts go to the stream corked, as one `writev`.
 * - Reading it: the client decodes the message from UTF-8 before parsing it. A string with any non-ASCII character
 *   (the titles' `…`) takes the slow path there: 3.5 ms for this message against 1.2 ms for an ASCII one. So the
 *   diagnostics' JSON spells such characters as `\uXXXX` escapes: the same JSON value, 0.5 % more bytes.
 * Every other message is `JSON.stringify`'s text in UTF-8, byte for byte what vscode-jsonrpc writes.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const PLACEHOLDER = '\u0001citelens-diagnostics\u0001';
/**
 * Stands in for the diagnostics array in the message's JSON. It cannot occur inside a JSON string: there every
 * `"` is escaped, and the pattern holds unescaped ones.
 */
const HOLE = `"diagnostics":${JSON.stringify(PLACEHOLDER)}`;

/** A diagnostic's JSON preceded by a comma (the first of a list is written without it), by object. */
const bytesOf = new WeakMap<object, Buffer>();

/** `json` with every character outside ASCII written as a `\uXXXX` escape (JSON.parse reads back the same string). */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * A message's body as the parts to write in order: for publishDiagnostics the text around the diagnostics and
 * each diagnostic's kept bytes; for any other message one buffer, `JSON.stringify(message)` in UTF-8.
 */
export function encodeParts(message: Message): Buffer[] {
  const params = (message as { method?: string; params?: { diagnostics?: unknown } }).params;
  if ((message as { method?: string }).method !== PUBLISH || !params || !Array.isArray(params.diagnostics)) {
    return [Buffer.from(JSON.stringify(message), 'utf8')];
  }
  const diagnostics = params.diagnostics as object[];
  const shell = asciiJson(JSON.stringify({ ...message, params: { ...params, diagnostics: PLACEHOLDER } }));
  const at = shell.indexOf(HOLE);
  if (at < 0) return [Buffer.from(JSON.stringify(message), 'utf8')];
  const parts: Buffer[] = [Buffer.from(`${shell.slice(0, at)}"diagnostics":[`, 'latin1')];
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    let bytes = bytesOf.get(d);
    // ASCII only, so latin1 is its UTF-8 (and the cheaper encoding).
    if (!bytes) bytesOf.set(d, (bytes = Buffer.from(`,${asciiJson(JSON.stringify(d))}`, 'latin1')));
    parts.push(i === 0 ? bytes.subarray(1) : bytes);
  }
  parts.push(Buffer.from(`]${shell.slice(at + HOLE.length)}`, 'latin1'));
  return parts;
}

/** A message's body in one buffer (tests, and hosts without a stream). */
export function encodeMessage(message: Message): Buffer {
  return Buffer.concat(encodeParts(message));
}

/**
 * Writes each message as `Content-Length: N\r\n\r\n` and its body, as vscode-jsonrpc's stream writer does: in the
 * order `write` is called, each once the one before is handed to the stream's transport (so messages wait as
 * objects, not as bytes, while a slow client reads), with errors reported through `onError` and the returned
 * promise.
 */
export class DiagnosticsWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const written = this.queue.then(() => this.send(message));
    this.queue = written.catch(() => undefined);
    return written;
  }

  end(): void {
    this.stream.end();
  }

  private send(message: Message): Promise<void> {
    let parts: Buffer[];
    try {
      parts = encodeParts(message);
    } catch (error) {
      this.fireError(error, message);
      return Promise.reject(error as Error);
    }
    let length = 0;
    for (const part of parts) length += part.length;
    return new Promise((resolve, reject) => {
      const done = (error?: Error | null): void => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      };
      // Corked: the header and the parts leave in one `writev` (a socket or pipe), not one write each.
      const stream = this.stream as NodeJS.WritableStream & { cork?(): void; uncork?(): void };
      stream.cork?.();
      stream.write(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'));
      for (let i = 0; i < parts.length - 1; i++) stream.write(parts[i]);
      stream.write(parts[parts.length - 1], done);
      stream.uncork?.();
    });
  }
}

/** The message writer of a stdio server: {@link DiagnosticsWriter} on `stream`. */
export function diagnosticsWriter(stream: NodeJS.WritableStream): DiagnosticsWriter {
  return new DiagnosticsWriter(stream);
}
