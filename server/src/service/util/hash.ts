/**
 * The core's one non-cryptographic hash: 32-bit FNV-1a over UTF-16 code units. Used for cache keys, signatures
 * and short stable ids, never for security or persistence across versions (the language server's on-disk store
 * uses SHA-256 from node:crypto, which the core may not import).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over `text`, continuing from `h` (so long inputs can be hashed piece by piece). */
export function fnv1a(text: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A short stable hash of `text` in base 36, e.g. `hashText('abc')` → `"7aigaz"`. */
export function hashText(text: string): string {
  return fnv1a(text).toString(36);
}

/**
 * A cheap numeric key for a text that is then compared in full (a cache of paragraphs or chunks): its length and
 * three of its characters, read in O(1), without building a string. Texts of one length rarely collide, and
 * differ early when they do.
 */
export function textFingerprint(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  // The characters mixed into 20 bits, below the length (exact as a double up to 2^53).
  const mix = ((text.charCodeAt(0) * 31 + text.charCodeAt(n >> 1)) * 31 + text.charCodeAt(n - 1)) % 1_048_576;
  return n * 1_048_576 + mix;
}
