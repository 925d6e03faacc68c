/**
 * Go to definition: from a citation to the bibliography entry that defines its key, or, for numbers, to the
 * reference-list item; from a reference-list item to the entry it was matched to.
 */
import type { Analysis } from '../analysis';
import type { BibEntry, ReferenceItem, Span } from '../types';
import { targetAt } from './locate';

/** One definition: the whole entry/item (`span`) and the part to select (`selection`: the key or number). */
export interface DefinitionTarget {
  path: string;
  span: Span;
  selection: Span;
}

export interface DefinitionResult {
  /** What was clicked: the citation item, or the group when the cursor is on its brackets. */
  origin: Span;
  targets: DefinitionTarget[];
}

export function getDefinition(analysis: Analysis, path: string, offset: number): DefinitionResult | null {
  const target = targetAt(analysis, path, offset);
  if (!target) return null;
  const targets: DefinitionTarget[] = [];
  const referencePath = analysis.referenceFile >= 0 ? analysis.files[analysis.referenceFile].uri : null;
  const add = (t: DefinitionTarget | null) => {
    if (t && !targets.some((o) => o.path === t.path && o.span.start === t.span.start)) targets.push(t);
  };
  switch (target.kind) {
    case 'citation':
      for (const r of target.resolutions) {
        if (r.item.kind === 'number' || !r.entry) add(r.reference && referencePath ? ofItem(referencePath, r.reference) : null);
        if (r.item.kind === 'key' || !r.reference) add(r.entry ? ofEntry(r.entry) : null);
      }
      break;
    case 'reference':
      add(target.link.entry ? ofEntry(target.link.entry) : null);
      break;
    case 'entry':
      return null;
  }
  return targets.length ? { origin: target.span, targets } : null;
}

function ofEntry(entry: BibEntry): DefinitionTarget {
  return { path: entry.uri, span: entry.span, selection: entry.keySpan };
}

function ofItem(path: string, item: ReferenceItem): DefinitionTarget {
  return { path, span: item.span, selection: item.numberSpan };
}
