/**
 * The machinery that keeps large bibliographies responsive (issue "Scale"): sliced scanning gives the same
 * result as one pass, unchanged files are not parsed again, completion indexes BibTeX entries from their
 * fields, and the editor sees progress only for long loads. Timings live in `npm run bench`, not here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { workDoneProgress } from '../../server/src/lsp/progress';
import { locateBibEntries, locateBibEntriesInSlices } from '../../server/src/service/bibtex/locator';
import { BibliographyFiles } from '../../server/src/service/bibtex/parseBibliographyFile';
import { relocateAfterEdit } from '../../server/src/service/bibtex/relocate';
import { getCompletions } from '../../server/src/service/features/completion';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import type { ProgressReporter } from '../../server/src/service/workspace';

const fixtures = join(__dirname, '..', 'fixtures', 'bib');
const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A bibliography of `n` entries with a macro, accents and a broken entry in the middle. */
function bigBib(n: number): string {
  const parts = ['@string{jmlr = "J. Mach. Learn. Res."}\n'];
  for (let i = 0; i < n; i++) {
    parts.push(i === n >> 1
      ? `@article{broken${i}, title = {Unclosed\n\n`
      : `@article{key${i}, author = {M{\\"u}ller, Jan and Doe, Ann}, title = {Deep {L}earning ${i}}, journal = jmlr, year = ${2000 + (i % 20)}}\n\n`);
  }
  return parts.join('');
}

describe('sliced scanning', () => {
  const cases = [
    ...readdirSync(fixtures).filter((f) => f.endsWith('.bib')).map((f) => ({ name: f, text: readFileSync(join(fixtures, f), 'utf8') })),
    { name: '3,000 generated entries', text: bigBib(3000) },
    { name: 'comment at the end without a newline', text: '@misc{a, title={A}}\n% the end' },
  ];
  for (const c of cases) {
    it(`finds the same entries, macros and problems as one pass: ${c.name}`, async () => {
      const once = locateBibEntries(c.text);
      const progress: number[] = [];
      const sliced = await locateBibEntriesInSlices(c.text, { sliceMs: 0, pause: immediate, onProgress: (done) => progress.push(done) });
      assert.deepEqual(sliced, once);
      assert.equal(progress[progress.length - 1], c.text.length);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    });
  }
});

describe('bibliography cache', () => {
  it('returns the parsed bibliography again for the same text, a new one for changed text', async () => {
    const text = bigBib(6000); // above the slicing threshold
    const uri = '/scale/cache.bib';
    const files = new BibliographyFiles();
    const first = await files.parseInSlices(uri, text, { pause: immediate });
    assert.equal(files.parse(uri, text.slice(0, 5) + text.slice(5)), first);
    assert.equal(await files.parseInSlices(uri, text, { pause: immediate }), first);
    const edited = text.replace('Deep {L}earning 7}', 'Deep {L}earning seven}');
    const second = files.parse(uri, edited);
    assert.notEqual(second, first);
    assert.equal(second.entries.find((e) => e.key === 'key7')?.getCsl()?.title, 'Deep Learning seven');
    assert.deepEqual(second.entries.map((e) => e.key), first.entries.map((e) => e.key));
  });

  it('shares one parse between concurrent loads of the same file', async () => {
    const text = bigBib(6001);
    const files = new BibliographyFiles();
    const [a, b] = await Promise.all([
      files.parseInSlices('/scale/shared.bib', text, { pause: immediate }),
      files.parseInSlices('/scale/shared.bib', text, { pause: immediate }),
    ]);
    assert.equal(a, b);
  });

  it('a host that pauses gets the same analysis and sees progress of a large file', async () => {
    const files = { '/w/refs.bib': bigBib(6002), '/w/paper.md': 'See [@key1] and [@nokey].\n' };
    const plain = await createCitelensService(MemoryWorkspace.of(files), { topicFitEnabled: false }).analyze('/w/paper.md');
    const reports: string[] = [];
    const workspace = Object.assign(MemoryWorkspace.of({ ...files, '/w/refs.bib': files['/w/refs.bib'] + ' ' }), {
      pause: immediate,
      progress: (title: string): ProgressReporter => {
        reports.push(`begin ${title}`);
        return { report: (p) => void reports.push(`report ${p}`), done: () => void reports.push('done') };
      },
    });
    const sliced = await createCitelensService(workspace, { topicFitEnabled: false }).analyze('/w/paper.md');
    assert.deepEqual(sliced.diagnostics.map((d) => `${d.code} ${d.message}`), plain.diagnostics.map((d) => `${d.code} ${d.message}`));
    assert.equal(reports[0], 'begin Citelens: reading refs.bib');
    assert.equal(reports[reports.length - 1], 'done');
    assert.ok(reports.includes('report 100'));
  });
});

describe('completion from BibTeX fields', () => {
  it('matches authors and titles and shows author-year labels', async () => {
    const bib = '@article{a1, author = {M{\\"u}ller, Jan and Doe, Ann and Roe, R.}, title = {Deep {L}earning}, year = 2020}\n' +
      '@book{b2, editor = {Jan Smith}, title = {Statistics}, date = {2019-04}}\n@misc{c3, author = {Solo, Han and others}, year = 2001}\n';
    const service = createCitelensService(MemoryWorkspace.of({ '/c/refs.bib': bib, '/c/p.md': 'See [@' }), { topicFitEnabled: false });
    const complete = async (typed: string) => {
      const text = `See [@${typed}`;
      const analysis = await service.analyze('/c/p.md');
      return getCompletions({ ...analysis, files: [{ ...analysis.files[0], text }] }, '/c/p.md', text.length, { indexBudgetMs: 1000 })!.items;
    };
    assert.deepEqual((await complete('müller')).map((i) => [i.label, i.description, i.detail]), [['a1', 'Müller et al. 2020', 'Deep Learning']]);
    assert.deepEqual((await complete('statis')).map((i) => i.label), ['b2']);
    const analysis = await service.analyze('/c/p.md');
    const all = getCompletions(analysis, '/c/p.md', 'See [@'.length, { indexBudgetMs: 1000 })!.items;
    assert.deepEqual(all.map((i) => i.description), ['Müller et al. 2020', 'Smith 2019', 'Solo et al. 2001']);
  });
});

describe('work-done progress', () => {
  /** A fake connection that records what the server would send. */
  function recorder() {
    const sent: string[] = [];
    const connection = {
      sendRequest: async (type: { method: string }) => void sent.push(type.method),
      sendProgress: async (_type: unknown, _token: string, value: { kind: string; percentage?: number }) => void sent.push(`${value.kind}${value.percentage === undefined ? '' : ' ' + value.percentage}`),
    };
    return { sent, connection: connection as unknown as Parameters<typeof workDoneProgress>[0] };
  }
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('shows nothing for work that ends before the delay', async () => {
    const { sent, connection } = recorder();
    const reporter = workDoneProgress(connection, () => true, 30)('Loading');
    reporter.report(50);
    reporter.done();
    await wait(50);
    assert.deepEqual(sent, []);
  });

  it('creates a token, then begin, report and end for long work', async () => {
    const { sent, connection } = recorder();
    const reporter = workDoneProgress(connection, () => true, 5)('Loading');
    reporter.report(10);
    await wait(30);
    reporter.report(60);
    reporter.report(60);
    reporter.done();
    assert.deepEqual(sent, ['window/workDoneProgress/create', 'begin 10', 'report 60', 'end']);
  });

  it('stays silent when the client does not support progress', async () => {
    const { sent, connection } = recorder();
    const reporter = workDoneProgress(connection, () => false, 0)('Loading');
    await wait(10);
    reporter.done();
    assert.deepEqual(sent, []);
  });
});

describe('re-scanning after an edit', () => {
  const base = readFileSync(join(fixtures, 'mixed.bib'), 'utf8') + '\n' + bigBib(40);
  const at = (needle: string, shift = 0) => {
    const i = base.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + shift;
  };
  const cases: { name: string; from: number; to: number; insert: string; reused: boolean }[] = [
    { name: 'typing in a title', from: at('Deep {L}earning 7}', 5), to: at('Deep {L}earning 7}', 5), insert: 'x', reused: true },
    { name: 'deleting a character of a key', from: at('key12,', 3), to: at('key12,', 4), insert: '', reused: true },
    { name: 'adding a field', from: at('year = 2013}', 11), to: at('year = 2013}', 11), insert: ', note = {n}', reused: true },
    { name: 'using a macro', from: at('journal = jmlr', 10), to: at('journal = jmlr', 14), insert: 'jmlr # { x}', reused: true },
    { name: 'removing a closing brace', from: at('year = 2005}', 11), to: at('year = 2005}', 12), insert: '', reused: false },
    { name: 'splitting an entry in two', from: at('Deep {L}earning 9}', 0), to: at('Deep {L}earning 9}', 0), insert: 'x}}\n@misc{new, title = {', reused: false },
    { name: 'editing a @string', from: at('J. Mach', 1), to: at('J. Mach', 1), insert: 'x', reused: false },
    { name: 'an unbalanced brace inside a value', from: at('Deep {L}earning 3}', 0), to: at('Deep {L}earning 3}', 0), insert: '{', reused: false },
    { name: 'nothing', from: 0, to: 0, insert: '', reused: true },
  ];
  for (const c of cases) {
    it(`${c.reused ? 'reuses the scan' : 'scans again'}: ${c.name}`, () => {
      const edited = base.slice(0, c.from) + c.insert + base.slice(c.to);
      const result = relocateAfterEdit(base, locateBibEntries(base), edited);
      assert.equal(result !== null, c.reused);
      if (result) assert.deepEqual(result, locateBibEntries(edited));
    });
  }

  it('equals a full scan whenever it reuses one (random edits)', () => {
    const old = locateBibEntries(base);
    fc.assert(fc.property(fc.nat(base.length), fc.nat(12), fc.string({ maxLength: 6, unit: fc.constantFrom('a', ' ', '{', '}', ',', '=', '@', '\n', '"', '#', '%') }), (from, length, insert) => {
      const edited = base.slice(0, from) + insert + base.slice(Math.min(base.length, from + length));
      const result = relocateAfterEdit(base, old, edited);
      if (result) assert.deepEqual(result, locateBibEntries(edited));
    }), { numRuns: 300, seed: 42 });
  });
});
