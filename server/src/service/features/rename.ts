/**
 * Rename a citation key everywhere it is written: every `@key` in the manuscript's files (Pandoc citations and
 * explicit keys in reference-list items) and the key of every bibliography entry that defines it.
 * Only keys can be renamed: numbers are renumbered, not renamed, and `@doi:…` keys name a DOI, not an entry.
 */
import type { Analysis } from '../analysis';
import type { Span } from '../types';
import { addEdit, touches, type WorkspaceEdits } from './featureTypes';
import { entriesOf, targetAt } from './locate';

export interface RenameTarget {
  /** The key as written under the cursor (without `@` or braces). */
  span: Span;
  placeholder: string;
}

/** What a rename at `offset` would rename, or a message saying why nothing can be renamed there. */
export function prepareRename(analysis: Analysis, path: string, offset: number): RenameTarget | { refused: string } {
  const target = targetAt(analysis, path, offset);
  const refused = { refused: 'Only a citation key can be renamed here (a Pandoc `@key` or a BibTeX entry key).' };
  if (!target) return refused;
  switch (target.kind) {
    case 'entry':
      return { span: target.entry.keySpan, placeholder: target.entry.key };
    case 'citation': {
      const r = target.resolutions[0];
      if (target.wholeGroup || !r || r.item.kind !== 'key' || r.item.key === undefined) {
        return target.wholeGroup ? refused : { refused: 'Numbers are not renamed: use "Citelens: Renumber References".' };
      }
      if (r.entry && r.entry.key !== r.item.key) {
        return { refused: `@${r.item.key} names the entry ${r.entry.key} by its identifier; rename ${r.entry.key} instead.` };
      }
      return { span: r.item.span, placeholder: r.item.key };
    }
    case 'reference': {
      const key = target.link.item.explicitKey;
      const span = key ? explicitKeySpans(analysis.files[target.file].text, target.link.item.textSpan, key)
        .find((s) => touches(s, offset)) : undefined;
      return key && span ? { span, placeholder: key } : refused;
    }
  }
}

/** A Pandoc citation key that can be written without braces and is a valid BibTeX key. */
const KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u;

/** Checks a new key; returns a message for the user when it cannot be used. */
export function validateKey(key: string): string | null {
  if (KEY.test(key)) return null;
  return `"${key}" is not a valid citation key: use letters, digits and _ : . # $ % & - + ? < > ~ /, starting and ending with a letter or digit, without spaces.`;
}

/**
 * The edits renaming the key at `offset` to `newKey` in every manuscript file and bibliography of the analysis.
 * Returns a message instead when the cursor is not on a key or the new key is invalid.
 */
export function getRenameEdits(analysis: Analysis, path: string, offset: number, newKey: string): WorkspaceEdits | { refused: string } {
  const prepared = prepareRename(analysis, path, offset);
  if ('refused' in prepared) return prepared;
  const invalid = validateKey(newKey);
  if (invalid) return { refused: invalid };
  return renameKeyEdits(analysis, prepared.placeholder, newKey);
}

/** Edits renaming `oldKey` to `newKey` wherever the analysis writes it (exact spelling, as Pandoc compares). */
export function renameKeyEdits(analysis: Analysis, oldKey: string, newKey: string): WorkspaceEdits {
  const edits: WorkspaceEdits = new Map();
  for (const file of analysis.files) {
    for (const citation of file.citations) {
      for (const item of citation.items) {
        if (item.kind === 'key' && item.key === oldKey) addEdit(edits, file.uri, { span: item.span, newText: newKey });
      }
    }
  }
  for (const link of analysis.references) {
    if (link.item.explicitKey !== oldKey) continue;
    const file = analysis.files[link.file];
    for (const span of explicitKeySpans(file.text, link.item.textSpan, oldKey)) addEdit(edits, file.uri, { span, newText: newKey });
  }
  for (const bib of analysis.bibliographies) {
    for (const entry of entriesOf(analysis, bib.uri)) {
      if (entry.key === oldKey) addEdit(edits, bib.uri, { span: entry.keySpan, newText: newKey });
    }
  }
  for (const list of edits.values()) list.sort((a, b) => a.span.start - b.span.start);
  return edits;
}

/** Spans of `@key` / `@{key}` (the key only) inside a reference item's text. */
function explicitKeySpans(text: string, within: Span, key: string): Span[] {
  const out: Span[] = [];
  const slice = text.slice(within.start, within.end);
  for (let i = slice.indexOf(key); i >= 0; i = slice.indexOf(key, i + 1)) {
    const before = slice.slice(Math.max(0, i - 2), i);
    const after = slice[i + key.length] ?? '';
    const atKey = before.endsWith('@') || before === '@{';
    if (atKey && !/[\p{L}\p{N}_]/u.test(after)) out.push({ start: within.start + i, end: within.start + i + key.length });
  }
  return out;
}
