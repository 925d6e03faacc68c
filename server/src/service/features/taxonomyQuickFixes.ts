/**
 * Quick fixes of the taxonomy's diagnostics: `non-preferred-term` → write the preferred label
 * (`data.replacement`), `undefined-abbreviation` → write the expansion at the first use (`data.expansion`,
 * e.g. "Large language models (LLMs)").
 */
import type { CodeActionResult, QuickFixContext, QuickFixTable } from './quickFixTypes';

/** Replaces the diagnostic's span by the preferred label. */
export function usePreferredTerm({ path, manuscript, diagnostic, data }: QuickFixContext<'non-preferred-term'>): CodeActionResult[] {
  if (typeof data?.replacement !== 'string' || !validSpan(diagnostic.span, manuscript.text.length)) return [];
  const current = manuscript.text.slice(diagnostic.span.start, diagnostic.span.end);
  return [{
    title: `Use the preferred term “${data.replacement}” (instead of “${current}”)`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edits: new Map([[path, [{ span: diagnostic.span, newText: data.replacement }]]]),
    isPreferred: true,
  }];
}

/** Replaces the first use of an abbreviation by its expansion with the abbreviation in parentheses. */
export function defineAbbreviation({ path, manuscript, diagnostic, data }: QuickFixContext<'undefined-abbreviation'>): CodeActionResult[] {
  if (typeof data?.expansion !== 'string' || !validSpan(diagnostic.span, manuscript.text.length)) return [];
  return [{
    title: `Define the abbreviation: write “${data.expansion}”`,
    kind: 'quickfix',
    diagnostics: [diagnostic],
    edits: new Map([[path, [{ span: diagnostic.span, newText: data.expansion }]]]),
    isPreferred: true,
  }];
}

function validSpan(span: { start: number; end: number }, length: number): boolean {
  return span.start < span.end && span.end <= length;
}

/** The taxonomy's quick-fix providers by diagnostic code (part of `quickFixes.ts`'s table). */
export const taxonomyQuickFixes = {
  'non-preferred-term': [usePreferredTerm],
  'undefined-abbreviation': [defineAbbreviation],
} satisfies QuickFixTable;
