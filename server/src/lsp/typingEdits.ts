/**
 * Where the author is typing: the spans of each open document's last edit (offsets in its new text) and when it
 * was made, read from the `didChange` events themselves (the `TextDocuments` manager's update hook), not guessed
 * from a text comparison.
 *
 * The publisher holds back new diagnostics that touch these spans until the author pauses (`holdBack`): `[@`,
 * `[@Flo` or a half-typed entry are not errors worth a red squiggle while they are being typed. Everything
 * elsewhere in the document is published as before.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Span } from '../service/types';

export interface TypingEdit {
  /** The document version the spans are in. */
  version: number;
  /** What the last change event inserted, one span per change (a deletion: an empty span where it was). */
  spans: Span[];
  /** `performance.now()` when the change arrived. */
  at: number;
}

export class TypingEdits {
  private readonly last = new Map<string, TypingEdit>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * `TextDocuments`' update function: applies the changes as `TextDocument.update` does and records their spans.
   * Changes of one event (several cursors) apply in order, each to the text the previous one left, so earlier
   * spans are moved by later changes.
   */
  update = (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    const spans: Span[] = [];
    let current = document;
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      if (!('range' in change)) {
        // The whole text replaced: no position to speak of.
        this.last.delete(document.uri);
        return TextDocument.update(current, changes.slice(i), version);
      }
      const start = current.offsetAt(change.range.start);
      const end = current.offsetAt(change.range.end);
      const delta = change.text.length - (end - start);
      for (let s = 0; s < spans.length; s++) {
        const span = spans[s];
        if (span.start >= end) spans[s] = { start: span.start + delta, end: span.end + delta };
        else if (span.end > start) spans[s] = { start: Math.min(span.start, start), end: Math.max(span.end + delta, start + change.text.length) };
      }
      spans.push({ start, end: start + change.text.length });
      // One event rarely holds several changes: only then is each applied on its own.
      if (changes.length > 1) current = TextDocument.update(current, [change], version);
    }
    if (changes.length <= 1) current = TextDocument.update(current, changes, version);
    if (spans.length) this.last.set(document.uri, { version, spans, at: this.now() });
    return current;
  };

  /**
   * The last edit of the document at `uri` if it is still being typed: made less than `pauseMs` ago and the
   * document still at that version (a later event without a position, e.g. a whole-text change, forgets it).
   */
  typing(uri: string, version: number, pauseMs: number): TypingEdit | undefined {
    const edit = this.last.get(uri);
    if (!edit || edit.version !== version || pauseMs <= 0) return undefined;
    return this.now() - edit.at < pauseMs ? edit : undefined;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** True when a diagnostic's span overlaps or touches one of the edit's (a citation ending at the cursor touches it). */
export function touches(span: Span, edit: TypingEdit): boolean {
  return edit.spans.some((e) => span.start <= e.end && span.end >= e.start);
}
