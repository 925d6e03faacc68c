/**
 * Pandoc's inline bibliography: a `references:` list of CSL items in a manuscript's front matter is a
 * bibliography like a `.bib` file (Pandoc uses it beside the `bibliography:` files), its entries found at their
 * place in the front matter. Read with the CSL-YAML reader, kept on the manuscript (which is cached by text).
 */
import { parseCslYaml } from '../bibtex/parseCslJson';
import type { Bibliography, Manuscript } from '../types';
import { HiddenField } from '../util/hiddenField';

const inline = new HiddenField<Manuscript, Bibliography | null>('inlineReferences');

/** The bibliography of `manuscript`'s front matter `references:` list, or null when it has none. */
export function inlineReferencesOf(manuscript: Manuscript): Bibliography | null {
  return inline.getOrMake(manuscript, () => {
    const fm = manuscript.frontMatter;
    if (!fm || !Array.isArray(fm.data.references) || fm.data.references.length === 0) return null;
    const { start, end } = fm.yaml;
    // Line breaks in front of the YAML keep its offsets those of the document (a YAML error there is the front
    // matter's, reported as `front-matter-syntax`).
    const bib = parseCslYaml(manuscript.uri, '\n'.repeat(start) + manuscript.text.slice(start, end));
    bib.problems = bib.problems.filter((p) => !(p.code === 'bib-syntax' && p.facts.kind === 'csl-syntax'));
    return bib;
  });
}
