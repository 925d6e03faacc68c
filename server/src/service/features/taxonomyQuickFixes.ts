/**
 * Quick fixes of the taxonomy's diagnostics: `non-preferred-term` → write the preferred label
 * (`data.replacement`), `undefined-abbreviation` → write the expansion at the first use (`data.expansion`,
 * e.g. "Large language models (LLMs)").
 */
import type { NonPreferredTermData, UndefinedAbbreviationData } from '../taxonomy';
import type { CodeActionResult, QuickFixContext, QuickFixProvider } from './codeActions';

/** Replaces the diagnostic's span by the preferred label. */
function usePreferredTerm({ path, manuscript, diagnostic }: QuickFixContext): CodeActionResult[] {
  const data = diagnostic.data as Partial<NonPreferredTermData> | undefined;
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
function defineAbbreviation({ path, manuscript, diagnostic }: QuickFixContext): CodeActionResult[] {
  const data = diagnostic.data as Partial<UndefinedAbbreviationData> | undefined;
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

/** The taxonomy's quick-fix providers by diagnostic code. */
export const taxonomyQuickFixes: Record<'non-preferred-term' | 'undefined-abbreviation', QuickFixProvider[]> = {
  'non-preferred-term': [usePreferredTerm],
  'undefined-abbreviation': [defineAbbreviation],
};
