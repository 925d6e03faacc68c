/**
 * What a taxonomy file must get right that its schema cannot say: parents that exist and form no cycle, nesting
 * and `parent:` that agree, and names (labels, aliases, compared as the matcher compares words) and abbreviations
 * that belong to one term each. Places the terms read by `readTerms.ts` in their tree.
 *
 * Recovery: an unknown parent or a cycle makes the term a root (a cycle is broken at its first term in file order).
 */
import type { Span } from '../types';
import type { Taxonomy } from './model';
import type { RawTerm, Report } from './readTerms';
import { WordKeys } from './wordTokens';

/** Links parents and children, breaks cycles, and lays the terms out in tree order. */
export function placeInTree(taxonomy: Taxonomy, raws: RawTerm[], byId: Map<string, RawTerm>, report: Report): void {
  const parentOf = new Map<string, string | null>();
  for (const raw of raws) {
    const { term, nestedParent, declaredParent } = raw;
    let parent = nestedParent;
    if (declaredParent) {
      if (nestedParent !== null && declaredParent.id !== nestedParent) {
        report(declaredParent.span, { kind: 'nesting-and-parent', id: term.id, nestedUnder: nestedParent, parent: declaredParent.id });
      } else if (declaredParent.id === term.id) {
        report(declaredParent.span, { kind: 'own-parent', id: term.id });
      } else if (!byId.has(declaredParent.id)) {
        report(declaredParent.span, { kind: 'unknown-parent', id: term.id, parent: declaredParent.id });
      } else {
        parent = declaredParent.id;
      }
    }
    parentOf.set(term.id, parent);
  }

  // Cycles can only come from `parent:` keys. Follow each chain; a chain that returns to a term
  // on the current walk is a cycle, reported once and broken at its first term in file order.
  const state = new Map<string, 'walking' | 'done'>();
  for (const raw of raws) {
    const walk: string[] = [];
    let id: string | null = raw.term.id;
    while (id !== null && !state.has(id)) {
      state.set(id, 'walking');
      walk.push(id);
      id = parentOf.get(id) ?? null;
    }
    if (id !== null && state.get(id) === 'walking') {
      const cycle = walk.slice(walk.indexOf(id));
      const order = new Map(raws.map((r, i) => [r.term.id, i]));
      const first = [...cycle].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0];
      const at = cycle.indexOf(first);
      const loop = [...cycle.slice(at), ...cycle.slice(0, at), first];
      const firstRaw = byId.get(first);
      const span = firstRaw?.declaredParent?.span ?? firstRaw?.term.idSpan ?? { start: 0, end: 0 };
      report(
        span,
        { kind: 'cycle', loop, first },
        cycle
          .filter((c) => c !== first)
          .map((c) => ({
            uri: '',
            span: byId.get(c)?.declaredParent?.span ?? byId.get(c)?.term.idSpan ?? span,
            message: `“${c}” is part of the cycle`,
          })),
      );
      parentOf.set(first, null);
    }
    for (const w of walk) state.set(w, 'done');
  }

  for (const raw of raws) {
    const parent = parentOf.get(raw.term.id) ?? null;
    raw.term.parentId = parent;
    if (parent === null) taxonomy.rootIds.push(raw.term.id);
    else byId.get(parent)?.term.childrenIds.push(raw.term.id);
  }
  const visit = (id: string, depth: number, path: string[]): void => {
    const term = byId.get(id)?.term;
    if (!term) return;
    term.depth = depth;
    term.path = [...path, term.label];
    taxonomy.terms.push(term);
    taxonomy.byId.set(id, term);
    for (const child of term.childrenIds) visit(child, depth + 1, term.path);
  };
  for (const id of taxonomy.rootIds) visit(id, 0, []);
}

/** A label, alias or abbreviation must name one term only, or the matcher cannot tell them apart. */
export function checkNames(raws: RawTerm[], report: Report): void {
  const keys = new WordKeys();
  const names = new Map<string, { termId: string; label: string; span: Span }>();
  const abbreviations = new Map<string, { termId: string; label: string; span: Span }>();
  for (const { term, aliasSpans, abbreviationSpan } of raws) {
    const own = new Set<string>();
    const candidates = [
      { name: term.label, span: term.labelSpan },
      ...term.aliases.map((a, i) => ({ name: a, span: aliasSpans[i] })),
    ];
    for (const { name, span } of candidates) {
      const key = keys.ofName(name);
      if (key === '' || own.has(key)) continue;
      own.add(key);
      const other = names.get(key);
      if (other) {
        report(span, { kind: 'name-taken', name, label: other.label, termId: other.termId }, [
          { uri: '', span: other.span, message: `“${other.label}” uses this name` },
        ]);
      } else {
        names.set(key, { termId: term.id, label: term.label, span });
      }
    }
    if (term.abbreviation && abbreviationSpan) {
      const other = abbreviations.get(term.abbreviation);
      if (other) {
        report(
          abbreviationSpan,
          { kind: 'abbreviation-taken', abbreviation: term.abbreviation, label: other.label },
          [{ uri: '', span: other.span, message: `“${other.label}” uses this abbreviation` }],
        );
      } else {
        abbreviations.set(term.abbreviation, { termId: term.id, label: term.label, span: abbreviationSpan });
      }
    }
  }
}
