/**
 * A manuscript file the host read as Windows-1252 because it is not UTF-8 (`Workspace.notUtf8`, the command line's
 * and the server's reading of files not open in the editor; in an open document, which the editor decoded as
 * UTF-8, the first U+FFFD it put for a byte it could not decode). Pandoc reads such a file as Latin-1 with a warning: the citations are the same, but Windows' dashes and
 * curly quotes (bytes 0x80–0x9f) come out as control characters. So: one `manuscript-encoding` warning at the first
 * byte that is not UTF-8. Made on every analysis, not kept with the parse (cached by text): the same text may come
 * next from the file saved as UTF-8.
 */
import { problem } from '../../problems/problem';
import type { Manuscript, Problem } from '../../types';
import type { ServiceContext } from '../context';

/**
 * A character that Windows-1252 reads from a byte 0x80–0x9f: the one-byte decoding gives U+00A0–U+00FF for bytes
 * from 0xa0, so any character past U+00FF came from that range (the five bytes it leaves undefined stay C1
 * controls, which Pandoc's Latin-1 gives too).
 */
const FROM_C1_BYTE = /[^\u0000-\u00ff]/;

/** The `manuscript-encoding` problem of a chapter read as Windows-1252, or null. */
export function notUtf8Problem(ctx: ServiceContext, file: Manuscript): Problem | null {
  const at = ctx.workspace.notUtf8?.(file.uri);
  if (!at || at.offset >= file.text.length) return null;
  // An editor's buffer (byte null) is not one character per byte: its characters past U+00FF are the text's own.
  const c1 = at.byte === null ? null : FROM_C1_BYTE.exec(file.text)?.[0] ?? null;
  return problem('manuscript-encoding', file.uri, { start: at.offset, end: at.offset + 1 }, { byte: at.byte, char: file.text[at.offset], c1 });
}
