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

/** The message of a file over `citelens.maxFileSize`, shown inside the bibliography-not-found diagnostic. */
export function tooLargeMessage(size: number, maxFileSize: number): string {
  return `the file is too large: ${(size / 1048576).toFixed(1)} MB, over the ${(maxFileSize / 1048576).toFixed(0)} MB limit (setting citelens.maxFileSize)`;
}
