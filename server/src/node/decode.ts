/**
 * Decoding file bytes as the CLI and the language server read them: UTF-8 (a BOM is kept in the text, as
 * editors keep it), UTF-16 with a BOM, or — when the bytes are not valid UTF-8 — Latin-1, the usual encoding of
 * old BibTeX exports.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file's bytes.
 *
 * @example
 * decode(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])) // 'Müller' (Latin-1)
 */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8.decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
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
    // Not UTF-8: Latin-1 maps one byte to one character, so slices need no carry-over.
    parts.length = 0;
    const latin1 = new TextDecoder('latin1');
    for (let at = 0; at < bytes.length; at += sliceBytes) {
      parts.push(latin1.decode(bytes.subarray(at, at + sliceBytes)));
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
