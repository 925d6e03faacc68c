/**
 * Fuzzing the Markdown side (fast-check, seeded): generated manuscripts with nested and unbalanced brackets,
 * stray `@`, open code fences, HTML comments, math, tables, footnotes and front matter broken in every way go
 * through the whole core; see `helpers/fuzzInvariants.ts` for what must hold.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { GOOD_BIB, manuscript, numericManuscript } from '../helpers/fuzzArbitraries';
import { checkInvariants, fuzz, FUZZ_TEST } from '../helpers/fuzzInvariants';

/** A small taxonomy (the example's full one costs ~10 ms a parse, too much for thousands of cases). */
const TAXONOMY = `terms:
  - id: techniques
    label: Generative AI techniques
    children:
      - id: gan
        label: Generative adversarial networks
        abbreviation: GAN
        aliases: [adversarial networks]
      - id: dl
        label: Deep learning
        aliases: [deep neural networks]
`;

test('generated manuscripts: no exception, ranges inside, deterministic, renumbering clean', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(manuscript, fc.boolean(), async (md, withTaxonomy) => {
      const files: Record<string, string> = { '/w/paper.md': md, '/w/refs.bib': GOOD_BIB, '/w/other.bib': '@misc{other, title = {O}}' };
      if (withTaxonomy) files['/w/taxonomy.yaml'] = TAXONOMY;
      await checkInvariants(files, '/w/paper.md');
    }),
    2200,
  );
});

test('generated numeric manuscripts with reference lists: renumbering applies and is idempotent', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(numericManuscript, async (md) => {
      await checkInvariants({ '/w/paper.md': md, '/w/refs.bib': GOOD_BIB }, '/w/paper.md');
    }),
    1000,
  );
});

test('generated multi-file manuscripts: chapters listed in front matter', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(manuscript, manuscript, async (a, b) => {
      const files = { '/w/paper.md': '---\ncitelens:\n  files: [paper.md, ch2.md]\nbibliography: refs.bib\n---\n' + a, '/w/ch2.md': b, '/w/refs.bib': GOOD_BIB };
      await checkInvariants(files, '/w/paper.md');
      await checkInvariants(files, '/w/ch2.md');
    }),
    600,
  );
});
