/**
 * The `bibliography-not-found` problems discovery (step 1) raises: a chapter, bibliography or taxonomy that the
 * front matter, a setting or the project configuration names but that does not exist or cannot be read. Each is
 * reported on the manuscript's root file: on the name in its front matter when it is named there, else at the start.
 */
import { posix as path } from 'node:path';
import { problem } from '../../problems/problem';
import type { Manuscript, Problem, Span } from '../../types';
import type { ChapterList } from './chapters';
import type { QuartoInclude } from './quartoIncludes';

/** A bibliography named in `where` (front matter, setting, Quarto project) that cannot be read. */
export function bibliographyNotFound(root: Manuscript, name: string, error: Error | null, where: string, more: { generatedBy?: string; othersNamed?: boolean } = {}): Problem {
  const facts = { kind: 'bibliography' as const, name, where, error: error ? error.message : null };
  if (more.generatedBy) Object.assign(facts, { generatedBy: more.generatedBy });
  if (more.othersNamed) Object.assign(facts, { othersNamed: true });
  return problem('bibliography-not-found', root.uri, spanOfName(root, name, where), facts);
}

/** A taxonomy named in `where` (front matter, setting) that cannot be read. */
export function taxonomyNotFound(root: Manuscript, name: string, error: Error | null, where: string): Problem {
  return problem('bibliography-not-found', root.uri, spanOfName(root, name, where), { kind: 'taxonomy', name, where, error: error ? error.message : null });
}

/** A chapter (a path) listed by `source` (front matter, settings, Quarto book) that cannot be read. */
export function chapterNotFound(root: Manuscript, chapter: string, source: ChapterList['source']): Problem {
  return problem('bibliography-not-found', root.uri, { start: 0, end: 0 }, { kind: 'chapter', chapter: path.basename(chapter), listedIn: source });
}

/** A file named by a Quarto `{{< include >}}` shortcode in `including` that cannot be read: on the shortcode. */
export function includeNotFound(including: Manuscript, include: QuartoInclude, error: Error | null): Problem {
  return problem('bibliography-not-found', including.uri, include.span, { kind: 'include', name: include.name, error: error ? error.message : null });
}

/** The name where the front matter writes it; the start of the file for names from elsewhere. */
function spanOfName(root: Manuscript, name: string, where: string): Span {
  if (root.frontMatter && where === 'front matter') {
    const at = root.text.indexOf(name, root.frontMatter.span.start);
    if (at >= 0 && at < root.frontMatter.span.end) return { start: at, end: at + name.length };
  }
  return { start: 0, end: 0 };
}
