/**
 * Decoding file bytes as the CLI and the language server read them: UTF-8 (a BOM is kept in the text, as
 * editors keep it), UTF-16 with a BOM, or — when the bytes are not valid UTF-8 — Windows-1252 (Latin-1 with
 * Microsoft's “–”, “—”, curly quotes and “€” in 0x80–0x9f), the usual encoding of old BibTeX exports. Pandoc
 * refuses such a file; {@link notUtf8} says where, so the core can say so (`bib-syntax`) while reading it all.
 */
import type { NotUtf8 } from '../service/workspace';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252's characters for the bytes 0x80–0x9f (the WHATWG table; the five bytes it leaves undefined stay C1
 * controls). Node's `TextDecoder('latin1')` decodes these bytes as C1 controls (ISO-8859-1), so an en dash in a
 * title (0x96) would vanish.
 */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Bytes as Windows-1252: one character per byte. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

/** Length of the valid UTF-8 sequence starting at `i` (0 when it is not one). */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const [length, min, max] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
    : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
  if (length === 0 || i + length > bytes.length || bytes[i + 1] < min || bytes[i + 1] > max) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/**
 * Where `text`, the {@link decode}d `bytes`, was read as Windows-1252 because the bytes are not UTF-8: the first
 * byte that is not (its offset in the text is its offset in the bytes, one character per byte). Undefined for
 * UTF-8 and UTF-16 text — told apart without decoding again: UTF-8 decoding makes fewer characters than bytes as
 * soon as one byte is over 0x7f, Windows-1252 exactly as many.
 *
 * @example
 * notUtf8(Uint8Array.from([0x4d, 0xfc]), 'Mü') // { offset: 1, byte: 0xfc }
 */
export function notUtf8(bytes: Uint8Array, text: string): NotUtf8 | undefined {
  if (text.length !== bytes.length || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) return { offset: i, byte: bytes[i] };
    i += length;
  }
  return undefined;
}

/**
 * The text of a file's bytes.
 *
 * @example
 * decode(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])) // 'Müller' (Windows-1252)
 */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Bytes decoded per step by {@link decodeInSlices}: ~4 ms of work, so requests wait little between steps. */
const SLICE_BYTES = 1 << 20;

/**
 * The same text as {@link decode}, decoded 1 MB at a time with `pause()` awaited between slices, so a 15 MB
 * bibliography (~55 ms to decode at once) does not keep requests waiting. Small files decode in one step.
 */
export async function decodeInSlices(bytes: Uint8Array, pause: () => Promise<void>, sliceBytes = SLICE_BYTES): Promise<string> {
  if (bytes.length <= sliceBytes || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return decode(bytes);
  }
  const parts: string[] = [];
  try {
    // `stream: true` carries a character split between slices over to the next one.
    const streaming = new TextDecoder('utf-8', { fatal: true });
    for (let at = 0; at < bytes.length; at += sliceBytes) {
      parts.push(streaming.decode(bytes.subarray(at, at + sliceBytes), { stream: true }));
      await pause();
    }
    parts.push(streaming.decode());
  } catch {
    // Not UTF-8: Windows-1252 maps one byte to one character, so slices need no carry-over.
    parts.length = 0;
    for (let at = 0; at < bytes.length; at += sliceBytes) {
      parts.push(decodeWindows1252(bytes.subarray(at, at + sliceBytes)));
      await pause();
    }
  }
  // One flat string (not a rope of slices): the scanner indexes it character by character. Joining copies
  // the whole text (~16 ms for 15 MB), so requests get a turn before whatever reads the text next.
  const text = parts.join('');
  await pause();
  return text;
}

/** The message of a file over `citelens.maxFileSize`, shown inside the bibliography-not-found diagnostic. */
export function tooLargeMessage(size: number, maxFileSize: number): string {
  return `the file is too large: ${(size / 1048576).toFixed(1)} MB, over the ${(maxFileSize / 1048576).toFixed(0)} MB limit (setting citelens.maxFileSize)`;
}
