/**
 * Fuzzing taxonomies (fast-check, seeded): YAML and JSON with parent cycles, duplicate ids, wrong types,
 * recursive anchors and plain syntax soup, used by a manuscript that mentions their terms; see
 * `helpers/fuzzInvariants.ts` for what must hold.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { GOOD_BIB, manuscript, taxonomyText } from '../helpers/fuzzArbitraries';
import { checkInvariants, fuzz, FUZZ_TEST } from '../helpers/fuzzInvariants';

const PROSE = '# Methods\nGenerative adversarial networks (GAN) and GAN models, x and gan [@smith2020]. The VAE and 1 and true.\n';

test('generated taxonomies: no exception, ranges inside, deterministic', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(taxonomyText, fc.constantFrom('taxonomy.yaml', 'taxonomy.json'), async (tax, name) => {
      await checkInvariants({ '/w/paper.md': PROSE, '/w/refs.bib': GOOD_BIB, [`/w/${name}`]: tax }, '/w/paper.md', false);
    }),
    1500,
  );
});

test('generated taxonomies with generated manuscripts', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(manuscript, taxonomyText, async (md, tax) => {
      await checkInvariants({ '/w/paper.md': md, '/w/refs.bib': GOOD_BIB, '/w/taxonomy.yaml': tax }, '/w/paper.md', false);
    }),
    500,
  );
});
