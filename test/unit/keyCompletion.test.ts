/**
 * Citation-key completion as a reference manager's picker: what the typed text after `@` finds (start of the
 * key, an author's family name, a title word, the year) and in which order, what each row shows, and that each
 * row's filter text starts with the typed text (so the editor's own filter keeps the server's rows and order).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getCompletions } from '../../server/src/service/features/completion';
import { completionKeys, completionRowOf, indexCompletionKeys } from '../../server/src/service/bibtex/completionIndex';
import { rankKeys, typedWords, type RankMemo } from '../../server/src/service/features/keyRanking';
import { createCitelensService } from '../../server/src/service/service';
import { fixture } from '../helpers/featureFixture';

const BIB = String.raw`
@article{floridi2018, author = {Floridi, Luciano and Cowls, Josh}, title = {An Ethical Framework for a Good {AI} Society}, year = 2018}
@article{wachter2017, author = {Wachter, Sandra and Mittelstadt, Brent and Floridi, Luciano}, title = {Why a Right to Explanation of Automated Decision-Making Does Not Exist}, year = 2017}
@inproceedings{ho2020denoising, author = {Ho, Jonathan and Jain, Ajay and Abbeel, Pieter}, title = {Denoising Diffusion Probabilistic Models}, year = 2020}
@inproceedings{DBLP:conf/iclr/FlorensaDA17, author = {Carlos Florensa and Yan Duan and Pieter Abbeel}, title = {Stochastic Neural Networks for Hierarchical Reinforcement Learning}, year = {2017}}
@article{hong2024, author = {Hong, Sun}, title = {Harmonizing Implicit Subpopulations}, year = 2024}
@article{song2021, author = {Song, Yang and Ermon, Stefano}, title = {Score-Based Generative Modeling and Denoising Score Matching}, year = 2021}
@article{mueller2019, author = {M{\"u}ller, Jan}, title = {Deep Learning in the 2020s}, year = 2019}
`;

/** The manuscript cites wachter2017 elsewhere; `|` is where completion is asked. */
async function complete(typed: string) {
  const f = fixture({ '/p/paper.md': `Known [@wachter2017].\n\nNew [@${typed}|].\n`, '/p/refs.bib': BIB });
  const service = createCitelensService(f.workspace, { topicFitEnabled: false });
  const analysis = await service.analyze(f.path);
  return getCompletions(analysis, f.path, f.offset, { indexBudgetMs: 1000 })!;
}

describe('key completion: what the typed text finds, best first', () => {
  const cases: { typed: string; why: string; labels: string[] }[] = [
    { typed: '', why: 'cited works first, then every key in order', labels: ['wachter2017', 'DBLP:conf/iclr/FlorensaDA17', 'floridi2018', 'ho2020denoising', 'hong2024', 'mueller2019', 'song2021'] },
    { typed: 'Flor', why: 'key prefix, then first author, then a later author', labels: ['floridi2018', 'DBLP:conf/iclr/FlorensaDA17', 'wachter2017'] },
    { typed: 'denoi', why: 'a title word; the more recent first', labels: ['song2021', 'ho2020denoising'] },
    { typed: 'abbeel', why: 'a later author of two works; the more recent first', labels: ['ho2020denoising', 'DBLP:conf/iclr/FlorensaDA17'] },
    { typed: 'ho', why: 'keys starting with it come in key order', labels: ['ho2020denoising', 'hong2024'] },
    { typed: 'jonathan', why: 'a given name', labels: ['ho2020denoising'] },
    { typed: 'muller', why: 'a family name without its accent', labels: ['mueller2019'] },
    { typed: 'Mül', why: 'a family name with its accent', labels: ['mueller2019'] },
    { typed: '2020', why: 'the year before a number in a title', labels: ['ho2020denoising', 'mueller2019'] },
    { typed: 'ho20', why: 'letters then digits: author and year', labels: ['ho2020denoising', 'hong2024'] },
    { typed: 'diffusion-ho', why: 'several words, each somewhere in the entry', labels: ['ho2020denoising'] },
    { typed: 'DBLP:conf/iclr/Flo', why: 'a DBLP key by its prefix', labels: ['DBLP:conf/iclr/FlorensaDA17'] },
    { typed: 'duanya', why: 'nothing matches', labels: [] },
  ];
  for (const c of cases) {
    test(`${c.typed || '(nothing typed)'}: ${c.why}`, async () => {
      const result = await complete(c.typed);
      assert.deepEqual(result.items.map((i) => i.label), c.labels);
      assert.equal(result.isIncomplete, true, 'the editor must ask again as the user types');
      for (const item of result.items) assert.ok(item.filterText.startsWith(c.typed), `${item.label}: filter text ${item.filterText} does not start with ${c.typed}`);
      assert.deepEqual(result.items.map((i) => i.sortText), [...result.items.map((i) => i.sortText)].sort(), 'sort texts keep the order');
    });
  }
});

test('each row shows "Author Year" and the title, also for a DBLP key', async () => {
  const rows = (await complete('Flor')).items.map((i) => [i.label, i.description, i.detail]);
  assert.deepEqual(rows, [
    ['floridi2018', 'Floridi & Cowls 2018', 'An Ethical Framework for a Good AI Society'],
    ['DBLP:conf/iclr/FlorensaDA17', 'Florensa et al. 2017', 'Stochastic Neural Networks for Hierarchical Reinforcement Learning'],
    ['wachter2017', 'Wachter et al. 2017', 'Why a Right to Explanation of Automated Decision-Making Does Not Exist'],
  ]);
});

test('a row matched by a word filters by that word: typing on keeps it until the next answer', async () => {
  const items = (await complete('denoi')).items;
  assert.deepEqual(items.map((i) => i.filterText), ['denoising song2021', 'denoising ho2020denoising']);
  const key = (await complete('Flo')).items[0];
  assert.equal(key.filterText, 'Floridi2018', 'a key match keeps the typed letters as typed (the editor scores case)');
});

test('typed words: split at punctuation and where letters meet digits, accents removed', () => {
  const cases: [string, string[]][] = [
    ['ho20', ['ho', '20']],
    ['Müller', ['muller']],
    ['diffusion-ho', ['diffusion', 'ho']],
    ['DBLP:conf/iclr/Ba', ['dblp', 'conf', 'iclr', 'ba']],
    ['', []],
  ];
  for (const [typed, words] of cases) assert.deepEqual(typedWords(typed), words, typed);
});

test('ranking narrowed by the previous keystroke lists the same as ranking afresh', async () => {
  const f = fixture({ '/p/paper.md': 'Known [@wachter2017].\n', '/p/refs.bib': BIB });
  const analysis = await createCitelensService(f.workspace, { topicFitEnabled: false }).analyze(f.path);
  const sorted = completionKeys(analysis);
  indexCompletionKeys(sorted, Infinity);
  const searchOf = (i: number) => completionRowOf(sorted.keys[i].entry)?.search ?? '';
  const cited = new Set(['wachter2017']);
  for (const word of ['Flor', 'denoising', 'ho2020', 'abbeel', 'diffusion-ho', 'mül', '20s']) {
    let memo: RankMemo | undefined;
    for (let n = 1; n <= word.length; n++) {
      const typed = word.slice(0, n);
      const narrowed = rankKeys(sorted.keys, searchOf, typed, cited, 3, memo);
      const afresh = rankKeys(sorted.keys, searchOf, typed, cited, 3);
      assert.deepEqual(narrowed.matches.map((m) => m.key.entry.key), afresh.matches.map((m) => m.key.entry.key), typed);
      assert.equal(narrowed.more, afresh.more, typed);
      memo = narrowed.memo ?? memo;
    }
  }
});
