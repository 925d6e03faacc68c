/**
 * Inlay hints after citations (`features/inlayHints.ts`): what the author sees after each citation — who the
 * work is — for numbers, for keys that do not name their author, and nothing for keys that do or items that do
 * not resolve. Each case is a manuscript (and bibliography); the expectation is the text with each hint written
 * in `⟨…⟩` where the editor shows it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getInlayHints } from '../../server/src/service/features/inlayHints';
import { createCitelensService } from '../../server/src/service/service';
import type { InlayHintsSetting } from '../../server/src/service/settings';
import { MemoryWorkspace } from '../../server/src/service/workspace';

const BIB = `@article{smith2020deep,
  title={Deep learning for medical imaging}, author={Smith, John and Roe, Richard}, year={2020}, journal={Nature}
}
@article{Zm1iJl59,
  title={Sci-Hub provides access to nearly all scholarly literature}, author={Himmelstein, Daniel S. and Romero, Ariel and Levernier, Jacob and others}, year={2018}
}
@article{vannoorden2015,
  title={The science that's never been cited}, author={van Noorden, Richard}, year={2017}
}
@misc{tag:rstudio,
  title={RStudio: Integrated Development Environment for R}, year={2020}
}
`;

/** The manuscript's text with each hint inserted as `⟨label⟩` at its offset. */
async function hinted(files: Record<string, string>, setting: InlayHintsSetting = 'all', range?: [number, number]): Promise<string> {
  const service = createCitelensService(MemoryWorkspace.of(files, ['/']));
  const path = Object.keys(files).find((p) => p.endsWith('.md'))!;
  const analysis = await service.analyze(path);
  const text = files[path];
  const span = range ? { start: range[0], end: range[1] } : { start: 0, end: text.length };
  let out = text;
  for (const hint of getInlayHints(analysis, path, span, setting).reverse()) out = `${out.slice(0, hint.offset)}⟨${hint.label}⟩${out.slice(hint.offset)}`;
  return out.slice(0, out.indexOf('## References') >= 0 ? out.indexOf('## References') : undefined).trim();
}

const NUMERIC = `Sleep consolidates memory [1]. Both [1, 2] and later work [2–5] agree; see also [9].

## References

1. Diekelmann S, Born J. The memory function of sleep. Nat Rev Neurosci. 2010;11(2):114-26.
2. Walker MP. Why we sleep. New York: Scribner; 2017.
3. Stickgold R. Sleep-dependent memory consolidation. Nature. 2005;437:1272-8.
4. World Health Organization. Sleep and health. Geneva; 2004.
5. Rasch B, Born J, Smith C, Lee D. About sleep's role in memory. Physiol Rev. 2013;93(2):681-766.
`;

describe('inlay hints', () => {
  test('numbers: authors and year from the list item; groups, ranges cut to first two … last; unresolved none', async () => {
    assert.equal(
      await hinted({ '/m.md': NUMERIC }),
      'Sleep consolidates memory [1]⟨Diekelmann & Born 2010⟩. Both [1, 2]⟨Diekelmann & Born 2010; Walker 2017⟩ and later work [2–5]⟨Walker 2017; Stickgold 2005 … Rasch et al. 2013⟩ agree; see also [9].',
    );
  });

  test('only the citations in the range asked for', async () => {
    const start = NUMERIC.indexOf('Both');
    const out = await hinted({ '/m.md': NUMERIC }, 'all', [start, start + 10]);
    assert.match(out, /\[1, 2\]⟨/);
    assert.doesNotMatch(out, /memory \[1\]⟨/);
    assert.doesNotMatch(out, /\[2–5\]⟨/);
  });

  test('numbers linked to BibTeX entries are named from the entry', async () => {
    const md = `---\nbibliography: refs.bib\n---\nImaging [1].\n\n## References\n\n1. Smith J, Roe R. Deep learning for medical imaging. Nature. 2020.\n`;
    assert.match(await hinted({ '/m.md': md, '/refs.bib': BIB }), /Imaging \[1\]⟨Smith & Roe 2020⟩\./);
  });

  test('keys: a hint only where the key does not name the first author (or, with none, the title)', async () => {
    const md = `---\nbibliography: refs.bib\n---\nA [@smith2020deep] B [@Zm1iJl59] C @vannoorden2015 D [@tag:rstudio] E [@nokey].\n`;
    assert.equal(await hinted({ '/m.md': md, '/refs.bib': BIB }), `---\nbibliography: refs.bib\n---\nA [@smith2020deep] B [@Zm1iJl59]⟨Himmelstein et al. 2018⟩ C @vannoorden2015 D [@tag:rstudio] E [@nokey].`);
  });

  test('settings: numbers only leaves keys bare; off shows nothing', async () => {
    const md = `---\nbibliography: refs.bib\n---\nB [@Zm1iJl59].\n`;
    assert.doesNotMatch(await hinted({ '/m.md': md, '/refs.bib': BIB }, 'numbers'), /⟨/);
    assert.doesNotMatch(await hinted({ '/m.md': NUMERIC }, 'off'), /⟨/);
    assert.match(await hinted({ '/m.md': NUMERIC }, 'numbers'), /\[1\]⟨Diekelmann & Born 2010⟩/);
  });

  test('a list item whose authors cannot be read shows its text’s start; the tooltip holds each work', async () => {
    const md = `Health [4].\n\n## References\n\n4. World Health Organization. Sleep and health. Geneva; 2004.\n`;
    const service = createCitelensService(MemoryWorkspace.of({ '/m.md': md }, ['/']));
    const analysis = await service.analyze('/m.md');
    const [hint] = getInlayHints(analysis, '/m.md', { start: 0, end: md.length }, 'all');
    assert.equal(hint.label, 'World Health Organization.…');
    assert.equal(hint.tooltip, '[4] World Health Organization. Sleep and health. Geneva; 2004.');
  });
});
