/**
 * Hands out the diagnostic objects published last time for those that did not change, so that what is derived
 * from an object (its serialised bytes, see `diagnosticsWriter.ts`) is reused. A keystroke changes few of a
 * large review's diagnostics: those of the edited sentence, and the ranges of those after it when a line was
 * added or removed.
 */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';

export class DiagnosticReuse {
  /** Per document: the diagnostics last published, by message. */
  private readonly last = new Map<string, Map<string, LspDiagnostic[]>>();

  /**
   * `list` with every diagnostic equal (as a JSON value) to one published last time for `uri`
   * replaced by that object; remembers the result for the next publication.
   */
  reuse(uri: string, list: LspDiagnostic[]): LspDiagnostic[] {
    const previous = this.last.get(uri);
    const next = new Map<string, LspDiagnostic[]>();
    const out = new Array<LspDiagnostic>(list.length);
    for (let i = 0; i < list.length; i++) {
      let d = list[i];
      const candidates = previous?.get(textOf(d));
      if (candidates) {
        for (let j = 0; j < candidates.length; j++) {
          if (!sameDiagnostic(candidates[j], d)) continue;
          d = candidates[j];
          // Each old object serves once (swap-remove keeps this O(1)).
          candidates[j] = candidates[candidates.length - 1];
          candidates.pop();
          break;
        }
      }
      out[i] = d;
      const key = textOf(d);
      const kept = next.get(key);
      if (kept) kept.push(d);
      else next.set(key, [d]);
    }
    this.last.set(uri, next);
    return out;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }

  clear(): void {
    this.last.clear();
  }
}

/** The fields of an LSP diagnostic compared one by one (cheaper than a generic walk), then any others. */
function sameDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
  if (a === b) return true;
  if (a.message !== b.message || a.code !== b.code || a.severity !== b.severity || a.source !== b.source) return false;
  const r = a.range;
  const q = b.range;
  if (r.start.line !== q.start.line || r.start.character !== q.start.character || r.end.line !== q.end.line || r.end.character !== q.end.character) return false;
  if (!sameJson(a.data, b.data) || !sameJson(a.relatedInformation, b.relatedInformation) || !sameJson(a.tags, b.tags) || !sameJson(a.codeDescription, b.codeDescription)) return false;
  // Any other property (none today): compare the whole objects.
  for (const k in a) if (!KNOWN.has(k)) return sameJson(a, b);
  for (const k in b) if (!KNOWN.has(k)) return sameJson(a, b);
  return true;
}

const KNOWN = new Set(['range', 'severity', 'code', 'codeDescription', 'source', 'message', 'tags', 'relatedInformation', 'data']);

function textOf(d: LspDiagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** True when `a` and `b` serialise to the same JSON (same values, same keys in the same order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}
