/**
 * Fuzzing bibliographies (fast-check, seeded): BibTeX with unbalanced braces and quotes, missing commas and
 * keys, `@string` loops, huge fields, duplicate keys, and a file ending in a `%` comment with no newline; also
 * CSL-JSON soup. Each goes through the whole core with a manuscript citing its keys; see
 * `helpers/fuzzInvariants.ts` for what must hold.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { bibliography, manuscript, soup } from '../helpers/fuzzArbitraries';
import { checkInvariants, fuzz, FUZZ_TEST } from '../helpers/fuzzInvariants';

const CITING = '---\nbibliography: [refs.bib, more.bib]\n---\n# Intro\nDeep learning [@smith2020; @doe2019] and @huge, @k3 [@Smith2020].\n';

test('generated BibTeX: no exception, ranges inside, deterministic', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(bibliography, bibliography, async (a, b) => {
      await checkInvariants({ '/w/paper.md': CITING, '/w/refs.bib': a, '/w/more.bib': b }, '/w/paper.md', false);
    }),
    1500,
  );
});

test('generated BibTeX with generated manuscripts (numeric lists matched by title and DOI)', FUZZ_TEST, async (t) => {
  await fuzz(
    t,
    fc.asyncProperty(manuscript, bibliography, async (md, bib) => {
      await checkInvariants({ '/w/paper.md': md, '/w/refs.bib': bib }, '/w/paper.md');
    }),
    500,
  );
});

test('CSL-JSON soup: no exception, ranges inside', FUZZ_TEST, async (t) => {
  const json = fc.oneof(
    fc.json().map(String),
    soup(40),
    fc.constantFrom('[{"id": "smith2020", "title": "T", "issued": {"date-parts": [["x"]]}}]', '[{"id": 3}]', '{"id": "a"}', '[', '[{"id": "smith2020", "author": [{"family": null}]}]', '[null, 1, "a", {"id": ""}]'),
  );
  await fuzz(
    t,
    fc.asyncProperty(json, async (text) => {
      await checkInvariants({ '/w/paper.md': '---\nbibliography: refs.json\n---\n[@smith2020] [@a].\n', '/w/refs.json': text }, '/w/paper.md', false);
    }),
    500,
  );
});
