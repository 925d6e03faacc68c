/**
 * The works as symbols (`features/workSymbols.ts`): a bibliography's outline names every entry by key with its
 * type, authors, year and title, in file order; "go to symbol in workspace" finds works by key, author, title word
 * or year, best first, as key completion ranks them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bibliographySymbols, searchWorkSymbols } from '../../server/src/service/features/workSymbols';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';

const BIB = `@article{ho2020denoising,
  title={Denoising Diffusion Probabilistic Models}, author={Ho, Jonathan and Jain, Ajay and Abbeel, Pieter}, year={2020}
}
@book{goodfellow2016,
  title={Deep Learning}, author={Goodfellow, Ian and Bengio, Yoshua and Courville, Aaron}, year={2016}
}
@misc{Zm1iJl59,
  title={Sci-Hub provides access to nearly all scholarly literature}, author={Himmelstein, Daniel S.}, year={2018}
}
`;
const MD = '---\nbibliography: refs.bib\n---\nDiffusion [@ho2020denoising].\n';

async function setUp() {
  const service = createCitelensService(MemoryWorkspace.of({ '/refs.bib': BIB, '/m.md': MD }, ['/']));
  return { service, analysis: await service.analyze('/m.md') };
}

describe('work symbols', () => {
  test('the outline: every entry in file order, its key the selection, the whole entry the range', async () => {
    const { service } = await setUp();
    const symbols = bibliographySymbols((await service.bibliography('/refs.bib'))!);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [
      ['ho2020denoising', 'article · Ho et al. 2020 · Denoising Diffusion Probabilistic Models'],
      ['goodfellow2016', 'book · Goodfellow et al. 2016 · Deep Learning'],
      ['Zm1iJl59', 'misc · Himmelstein 2018 · Sci-Hub provides access to nearly all scholarly literature'],
    ]);
    assert.equal(BIB.slice(symbols[1].selection.start, symbols[1].selection.end), 'goodfellow2016');
    assert.match(BIB.slice(symbols[1].span.start, symbols[1].span.end), /^@book\{goodfellow2016,[\s\S]*\}$/);
  });

  for (const [query, first] of [
    ['ho20', 'ho2020denoising'], // the start of a key
    ['himmel', 'Zm1iJl59'], // an author
    ['diffusion', 'ho2020denoising'], // a title word
    ['2016', 'goodfellow2016'], // a year
    ['sci', 'Zm1iJl59'],
  ] as const) {
    test(`searching “${query}” finds ${first} first, labelled with its authors and title`, async () => {
      const { analysis } = await setUp();
      const found = searchWorkSymbols(analysis, query);
      assert.equal(found[0]?.name, first, JSON.stringify(found.map((s) => s.name)));
      assert.match(found[0].label, new RegExp(`^${first} — \\S`));
    });
  }

  test('nothing matches: no symbol', async () => {
    const { analysis } = await setUp();
    assert.deepEqual(searchWorkSymbols(analysis, 'zzzqqq'), []);
  });
});
