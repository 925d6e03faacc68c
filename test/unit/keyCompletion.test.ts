/**
 * Citation-key completion as a reference manager's picker: what the typed text after `@` finds (start of the
 * key, an author's family name, a title word, the year) and in which order, what each row shows, and that each
 * row's filter text starts with the typed text (so the editor's own filter keeps the server's rows and order).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getCompletions } from '../../server/src/service/features/completion';
import fc from 'fast-check';
import { buildCompletionSearch, completionKeys, completionRowOf, completionSearchOf, indexCompletionKeys, warmCompletionIndex } from '../../server/src/service/bibtex/completionIndex';
import { indexedSearchRows, rankKeys, searchRowsOf, typedWords, type RankMemo } from '../../server/src/service/features/keyRanking';
import { createCitelensService } from '../../server/src/service/service';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { fixture } from '../helpers/featureFixture';
import { tierRuns } from '../helpers/tier';

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

test('ranking narrowed by the previous keystroke or by the word-start index lists the same as scanning every row', async () => {
  const f = fixture({ '/p/paper.md': 'Known [@wachter2017].\n', '/p/refs.bib': BIB });
  const analysis = await createCitelensService(f.workspace, { topicFitEnabled: false }).analyze(f.path);
  const sorted = completionKeys(analysis);
  indexCompletionKeys(sorted, Infinity);
  const scan = searchRowsOf((i: number) => completionRowOf(sorted.keys[i].entry)?.search ?? '');
  assert.ok(buildCompletionSearch(sorted, Infinity), 'the word-start index is built once every entry is indexed');
  const indexed = indexedSearchRows(completionSearchOf(sorted)!);
  const cited = new Set(['wachter2017']);
  for (const word of ['Flor', 'denoising', 'ho2020', 'abbeel', 'diffusion-ho', 'mül', '20s', 'dblp:conf/ICLR/f', 'xyz']) {
    let memo: RankMemo | undefined;
    for (let n = 1; n <= word.length; n++) {
      const typed = word.slice(0, n);
      const afresh = rankKeys(sorted.keys, scan, typed, cited, 3);
      const ways = [
        ['narrowed', rankKeys(sorted.keys, indexed, typed, cited, 3, memo)],
        ['by the index', rankKeys(sorted.keys, indexed, typed, cited, 3)],
        ['by the index, first authors first', rankKeys(sorted.keys, indexed, typed, cited, 1, undefined, 0)],
      ] as const;
      for (const [how, ranked] of ways) {
        const reference = how === 'by the index, first authors first' ? rankKeys(sorted.keys, scan, typed, cited, 1) : afresh;
        assert.deepEqual(ranked.matches.map((m) => [m.key.entry.key, m.filterText]), reference.matches.map((m) => [m.key.entry.key, m.filterText]), `${how}: ${typed}`);
        assert.equal(ranked.more, reference.more, `${how}: ${typed}`);
      }
      memo = rankKeys(sorted.keys, indexed, typed, cited, 3, memo).memo ?? memo;
    }
  }
});

/**
 * The editor's session as the server sees it: keystrokes that extend the typed text, delete from it or replace it,
 * and edits of the bibliography, on one service whose completion keeps its last ranking (and, when warmed, its
 * word-start index) between requests. Each answer must list what a fresh service ranks for the same texts.
 */
test('completion while typing, deleting and editing the bibliography lists what a fresh ranking does', async () => {
  const FAMILIES = ['Ho', 'Hong', 'Holt', 'Abbeel', 'Müller', 'Song', 'Ando', 'Dho'];
  const WORDS = ['denoising', 'diffusion', 'holistic', 'models', 'score', 'deep', 'hope', 'learning', 'the', '2020s', 'an'];
  const entry = fc.record({
    key: fc.stringMatching(/^[a-dhDH][a-dho]{0,3}[0-9]{0,3}$/),
    families: fc.array(fc.constantFrom(...FAMILIES), { minLength: 0, maxLength: 3 }),
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
    year: fc.integer({ min: 2015, max: 2024 }),
  });
  const bibOf = (entries: { key: string; families: string[]; title: string[]; year: number }[]) => entries
    .map((e) => `@article{${e.key}, author = {${e.families.map((n, i) => `${n}, A${i}`).join(' and ')}}, title = {${e.title.join(' ')}}, year = ${e.year}}`)
    .join('\n');
  const step = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('h', 'o', 'd', 'a', 'e', 'n', '2', '0', '-', 'ü', 'D').map((c) => ({ type: c })) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => ({ erase: n })) },
    { weight: 1, arbitrary: fc.constantFrom('ho', 'den', '20', 'dho', 'ab').map((text) => ({ replace: text })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), entry).map(([at, e]) => ({ bib: { at, e } })) },
  );
  const manuscript = (typed: string) => `---\nbibliography: refs.bib\n---\n\nKnown [@ho1].\n\nNew [@${typed}`;
  const answer = (r: ReturnType<typeof getCompletions>) => r?.items.map((i) => [i.label, i.description, i.detail, i.filterText].join(' · '));
  await fc.assert(fc.asyncProperty(fc.uniqueArray(entry, { minLength: 1, maxLength: 14, selector: (e) => e.key.toLowerCase() }), fc.array(step, { maxLength: 14 }), fc.boolean(), async (entries, steps, warm) => {
    let bib = entries.slice();
    let typed = '';
    const workspace = MemoryWorkspace.of({ '/p/paper.md': manuscript(''), '/p/refs.bib': bibOf(bib) });
    const service = createCitelensService(workspace, { topicFitEnabled: false });
    for (const s of steps) {
      if ('type' in s) typed += s.type;
      else if ('erase' in s) typed = typed.slice(0, Math.max(0, typed.length - s.erase));
      else if ('replace' in s) typed = s.replace;
      else {
        const at = s.bib.at % bib.length;
        if (bib.some((e, i) => i !== at && e.key.toLowerCase() === s.bib.e.key.toLowerCase())) continue;
        bib = bib.map((e, i) => (i === at ? s.bib.e : e));
        workspace.set('/p/refs.bib', bibOf(bib));
        service.invalidate('/p/refs.bib');
      }
      workspace.set('/p/paper.md', manuscript(typed));
      service.invalidate('/p/paper.md');
      const analysis = await service.analyze('/p/paper.md');
      if (warm) warmCompletionIndex(analysis, Infinity);
      const offset = manuscript(typed).length;
      const kept = getCompletions(analysis, '/p/paper.md', offset, { limit: 4, indexBudgetMs: 1000 });
      const freshWorkspace = MemoryWorkspace.of({ '/p/paper.md': manuscript(typed), '/p/refs.bib': bibOf(bib) });
      const fresh = getCompletions(await createCitelensService(freshWorkspace, { topicFitEnabled: false }).analyze('/p/paper.md'), '/p/paper.md', offset, { limit: 4, indexBudgetMs: 1000 });
      assert.deepEqual(answer(kept), answer(fresh), `typed ${JSON.stringify(typed)}`);
    }
  }), { numRuns: tierRuns(12, 40) });
});

/**
 * The ways a ranking saves work (the previous keystroke's matches, the word-start filter, tier 1 alone when it
 * fills the list), tried on a small library (`largePool` 0) over random typing: each answer must be the ranking
 * that reads every row afresh.
 */
test('rankings that narrow, filter or stop at the first authors list what reading every row lists', async () => {
  const FAMILIES = ['Ho', 'Hong', 'Holt', 'Abbeel', 'Song', 'Dho', 'Den'];
  const WORDS = ['denoising', 'diffusion', 'holistic', 'models', 'score', 'hope', 'dense', 'the', '2020s'];
  const entry = fc.record({
    key: fc.stringMatching(/^[a-dhD][a-dho]{0,3}[0-9]{0,2}$/),
    families: fc.array(fc.constantFrom(...FAMILIES), { maxLength: 3 }),
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    year: fc.integer({ min: 2016, max: 2023 }),
  });
  await fc.assert(fc.asyncProperty(
    fc.uniqueArray(entry, { minLength: 1, maxLength: 30, selector: (e) => e.key.toLowerCase() }),
    fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom('h', 'o', 'd', 'e', 'n', '2', '-', 'a').map((c) => ({ type: c })) }, { weight: 1, arbitrary: fc.constant({ erase: 1 }) }), { maxLength: 8 }),
    fc.integer({ min: 1, max: 3 }),
    async (entries, steps, limit) => {
      const bib = entries.map((e) => `@article{${e.key}, author = {${e.families.map((n, i) => `${n}, A${i}`).join(' and ')}}, title = {${e.title.join(' ')}}, year = ${e.year}}`).join('\n');
      const f = fixture({ '/p/paper.md': `Known [@${entries[0].key}].\n`, '/p/refs.bib': bib });
      const analysis = await createCitelensService(f.workspace, { topicFitEnabled: false }).analyze(f.path);
      const sorted = completionKeys(analysis);
      indexCompletionKeys(sorted, Infinity);
      buildCompletionSearch(sorted, Infinity);
      const scan = searchRowsOf((i: number) => completionRowOf(sorted.keys[i].entry)?.search ?? '');
      const indexed = indexedSearchRows(completionSearchOf(sorted)!);
      const cited = new Set([entries[0].key]);
      let typed = '';
      let memo: RankMemo | undefined;
      for (const step of steps) {
        typed = 'type' in step ? typed + step.type : typed.slice(0, -1);
        const ranked = rankKeys(sorted.keys, indexed, typed, cited, limit, memo, 0);
        const afresh = rankKeys(sorted.keys, scan, typed, cited, limit);
        assert.deepEqual(ranked.matches.map((m) => [m.key.entry.key, m.filterText]), afresh.matches.map((m) => [m.key.entry.key, m.filterText]), typed);
        assert.equal(ranked.more, afresh.more, typed);
        if (ranked.memo) assert.equal(new Set(ranked.memo.matched).size, ranked.memo.matched.length, `${typed}: the memo lists each key once`);
        memo = ranked.memo ?? memo;
      }
    },
  ), { numRuns: tierRuns(60, 200) });
});
