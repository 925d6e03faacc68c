/**
 * Markdown files that are no manuscript, or not yet one: a README thanking "@octocat", an R vignette with
 * "[0,1]" or "[1,N]". Seen on Debian's R package vignettes (scripts/vignettes.ts): errors there are false
 * alarms, while a manuscript that cites by number or in brackets keeps its errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

async function problems(text: string, files: Record<string, string> = {}): Promise<string[]> {
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text, ...files }, ['/m'])).analyze('/m/a.md');
  return analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => `${d.code}: ${text.slice(d.span.start, d.span.end)}`);
}

const table: [name: string, text: string, expected: string[]][] = [
  ['GitHub handles with no bibliography and no bracketed citation are mentions', '# Tool\n\nThanks to @octocat and @torvalds. Mail a@b.org.\n', []],
  ['a bracketed citation makes them citations: each is reported', '# Review\n\n@smith2020 showed it [@doe2019].\n', ['unresolved-citation: smith2020', 'unresolved-citation: doe2019']],
  ['one interval-like pair with no reference list is prose', 'Draw a uniform Latin hypercube on [1,10] and scale it.\n', []],
  ['"[1,N]" with no reference list is prose', 'Sampling a subset of unique integers in [1,N] with a bit vector.\n', []],
  ['numbers defined as links, no reference list: shortcut reference links', '# Notes\n\nSee [1] and [2] for details, and [3].\n\n[1]: https://example.org/a\n[2]: https://example.org/b\n[3]: https://example.org/c\n', []],
  ['three numeric citations and no list: the list is missing, said once', 'Deep learning [1] transformed imaging [2, 3] and text [4].\n', ['unresolved-citation: 1']],
];

for (const [name, text, expected] of table) {
  test(name, async () => {
    const got = await problems(text);
    assert.deepEqual(got, expected);
  });
}

test('with a bibliography, an unknown bare @name is still an unknown key', async () => {
  const got = await problems('---\nbibliography: r.bib\n---\n\nAs @smith2020 showed.\n', { '/m/r.bib': '@article{doe2019, title={A}, author={Doe, J}, year=2019}\n' });
  assert.deepEqual(got, ['unresolved-citation: smith2020']);
});

test('a pair from 0 is an interval, not a citation: no reference is numbered 0', async () => {
  const text = 'Deep learning [1] scaled a matrix to [0, 20], draws from [0,1] [2] and text [3].\n';
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
  assert.deepEqual(analysis.files[0].citations.map((c) => c.raw), ['[1]', '[2]', '[3]']);
});
