/**
 * Renumber References: works numbered by first citation, in the text and the list, and nothing else changed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyEdits, editProblem } from '../../server/src/service/renumber/applyEdits';
import { formatNumbers, minimalEdit } from '../../server/src/service/renumber/numberFormat';
import { planRenumber, type RenumberOptions } from '../../server/src/service/renumber/renumber';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';
import { analyze, applyPlan } from '../helpers/renumberHarness';
import { repoRoot } from '../helpers/shared';

const DEFAULTS: RenumberOptions = { compactRanges: true, removeUncited: false };
const exampleDir = join(repoRoot, 'examples', 'genai-healthcare');
const example = {
  '/ex/manuscript.md': readFileSync(join(exampleDir, 'manuscript.md'), 'utf8'),
  '/ex/references.bib': readFileSync(join(exampleDir, 'references.bib'), 'utf8'),
};

/** Renumbers a one-file manuscript and returns the new text (and the plan). */
async function renumber(text: string, options: Partial<RenumberOptions> = {}) {
  const files = { '/m.md': text };
  const plan = planRenumber(await analyze(files), { ...DEFAULTS, ...options });
  return { plan, text: applyPlan(files, plan)['/m.md'] };
}

const list = (n: number): string => '\n## References\n\n' + Array.from({ length: n }, (_, i) => `${i + 1}. Work ${String.fromCharCode(65 + i)}.`).join('\n') + '\n';

test('the example: [7]…[20] become [6]…[19], Shorten & Khoshgoftaar moves to the end as [20] and is reported', async () => {
  const analysis = await analyze(example, '/ex/manuscript.md');
  const plan = planRenumber(analysis, DEFAULTS);
  assert.equal(plan.changed, true);
  assert.deepEqual(plan.uncited, [6]);
  assert.equal(plan.mapping.get(6), 20);
  for (let n = 7; n <= 20; n++) assert.equal(plan.mapping.get(n), n - 1);
  for (let n = 1; n <= 5; n++) assert.equal(plan.mapping.get(n), n);
  assert.match(plan.summary, /1 uncited item moved to the end \(\[6\] → \[20\]\)/);
  // Said once: the summary names the uncited item, no note repeats it.
  assert.doesNotMatch(plan.notes.join('\n'), /never cited/);
  assert.equal(plan.edits.length, 1);
  assert.equal(plan.edits[0].version, analysis.files[0].version);
  const before = example['/ex/manuscript.md'];
  const after = applyEdits(before, plan.edits[0].edits);
  // Exactly the expected bytes.
  assert.equal(after, readFileSync(join(repoRoot, 'test/fixtures/renumber/genai-healthcare.expected.md'), 'utf8'));
  // Every citation edit is a bare number inside its brackets.
  const listStart = before.indexOf('\n1. Goodfellow');
  for (const e of plan.edits[0].edits.filter((x) => x.span.start < listStart)) {
    assert.match(before.slice(e.span.start, e.span.end), /^\d+$/);
    assert.equal(before[e.span.start - 1], '[');
    assert.equal(before[e.span.end], ']');
  }
  // The diff touches only citation lines and the list.
  const diff = unifiedDiff(before, after, { oldName: 'a', newName: 'b' });
  const changed = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
  for (const line of changed) assert.ok(/\[\d+\]/.test(line) || /^[-+]\d+\. /.test(line), line.slice(0, 80));
  assert.equal(after.replace(/\[\d+\]/g, '[n]').replace(/^\d+\. .*$/gm, '').length, before.replace(/\[\d+\]/g, '[n]').replace(/^\d+\. .*$/gm, '').length);
  // Shorten is now item 20, last; the list keeps its blank line between the 8th and 9th slots.
  assert.match(after, /\n20\. Shorten, C\., and Khoshgoftaar[^\n]*\n?$/);
  assert.match(after, /\n8\. Miotto[^\n]*\n\n9\. Rajpurkar/);
  // A second run changes nothing; the core sees no numbering problem left but the orphan.
  const again = await analyze({ ...example, '/ex/manuscript.md': after }, '/ex/manuscript.md');
  assert.deepEqual(again.diagnostics.filter((d) => d.code === 'citation-order' || d.code === 'reference-numbering'), []);
  assert.deepEqual(again.diagnostics.filter((d) => d.code === 'orphaned-reference').map((d) => (d.data as { number: number }).number), [20]);
  const second = planRenumber(again, DEFAULTS);
  assert.equal(second.changed, false);
  assert.deepEqual(second.edits, []);
  assert.match(second.summary, /Nothing to renumber/);
});

test('the example with removeUncited drops Shorten & Khoshgoftaar', async () => {
  const plan = planRenumber(await analyze(example, '/ex/manuscript.md'), { compactRanges: true, removeUncited: true });
  const after = applyPlan(example, plan)['/ex/manuscript.md'];
  assert.doesNotMatch(after, /Shorten/);
  assert.match(after, /\n19\. Amodei[^\n]*\n$/);
  assert.match(plan.summary, /removed/);
});

test('ranges, compaction, dash and separator', async () => {
  // [cited numbers in order] → expected rewritten citations. The list has enough items for every number.
  const table: { name: string; body: string; expected: string; options?: Partial<RenumberOptions> }[] = [
    { name: 'swap two', body: 'A [2]. B [1].', expected: 'A [1]. B [2].' },
    { name: 'run of three compacts with the en dash', body: 'A [1]. B [5, 2, 3].', expected: 'A [1]. B [2–4].' },
    { name: 'run of two stays a list', body: 'A [3]. B [1, 2].', expected: 'A [1]. B [2, 3].' },
    { name: 'own hyphen kept', body: 'A [1]. B [4-6]. C [2].', expected: 'A [1]. B [2-4]. C [5].' },
    { name: 'range expanded and re-compacted', body: 'A [4]. B [1–3].', expected: 'A [1]. B [2–4].' },
    { name: 'range broken apart', body: 'A [2]. B [4]. C [1–3].', expected: 'A [1]. B [2]. C [1, 3, 4].' },
    { name: 'separator without space kept', body: 'A [3,4]. B [1,2].', expected: 'A [1,2]. B [3,4].' },
    { name: 'semicolon separator kept', body: 'A [3; 5; 4]. B [1; 2].', expected: 'A [1–3]. B [4; 5].' },
    { name: 'single number takes the document separator', body: 'A [1,2]. B [5]. C [3,4]. D [2–4].', expected: 'A [1,2]. B [3]. C [4,5]. D [2,4,5].' },
    { name: 'document dash when the citation has none', body: 'A [1-3]. B [6]. C [4, 5, 7].', expected: 'A [1-3]. B [4]. C [5-7].' },
    { name: 'no compaction', body: 'A [4]. B [1–3].', expected: 'A [1]. B [2, 3, 4].', options: { compactRanges: false } },
    { name: 'unchanged ranges keep their form', body: 'A [1, 2, 3]. B [4-5].', expected: 'A [1, 2, 3]. B [4-5].' },
    { name: 'unsorted is sorted', body: 'A [2, 1].', expected: 'A [1, 2].' },
    { name: 'a number written twice stays twice (Pandoc writes [@a; @a] as [1,1])', body: 'A [2, 2]. B [1].', expected: 'A [1, 1]. B [2].' },
    { name: 'a repeat that needs no change is left alone', body: 'A [1,2,3,3]. B [4].', expected: 'A [1,2,3,3]. B [4].' },
    { name: 'a repeat renumbered', body: 'A [2]. B [1,3,3].', expected: 'A [1]. B [2,3,3].', options: { compactRanges: false } },
    { name: 'IEEE range renumbered in its form', body: 'A [4]. B [1]–[3].', expected: 'A [1]. B [2]–[4].' },
    { name: 'IEEE range broken apart stays bracketed', body: 'A [2]. B [4]. C [1]–[3].', expected: 'A [1]. B [2]. C [1], [3], [4].' },
    { name: 'escaped as Word converters write them (pandoc -f docx)', body: 'A \\[4\\]. B \\[1--3\\]. C \\[3, 2\\].', expected: 'A \\[1\\]. B \\[2--4\\]. C \\[3, 4\\].' },
    { name: 'escaped IEEE range stays escaped', body: 'A \\[2\\]. B \\[4\\]. C \\[1\\]--\\[3\\].', expected: 'A \\[1\\]. B \\[2\\]. C \\[1\\], \\[3\\], \\[4\\].' },
    { name: 'escaped IEEE range renumbered in its form', body: 'A \\[4\\]. B \\[1\\]--\\[3\\].', expected: 'A \\[1\\]. B \\[2\\]--\\[4\\].' },
    { name: 'HTML superscripts (pandoc -t gfm)', body: 'Sleep helps memory<sup>3</sup>. Naps help recall<sup>1,2</sup>.', expected: 'Sleep helps memory<sup>1</sup>. Naps help recall<sup>2,3</sup>.' },
    { name: 'Pandoc\'s `/` moves with its number', body: 'A [3]. B [1/,2]. C [2/].', expected: 'A [1]. B [2/,3]. C [3/].' },
    { name: 'locator kept', body: 'A [2, p. 12]. B [1].', expected: 'A [1, p. 12]. B [2].' },
    { name: 'a locator stays with its number', body: 'A [2]. B [1, 2, p. 4].', expected: 'A [1]. B [2, 1, p. 4].' },
    { name: 'a locator on the highest number sorts normally', body: 'A [2]. B [3, 1, p. 4].', expected: 'A [1]. B [2, 3, p. 4].' },
    { name: 'adjacent groups stay separate', body: 'A [2][1]. B [3], [4].', expected: 'A [1][2]. B [3], [4].' },
    { name: 'repeat citations follow the first', body: 'A [3]. B [3]. C [1]. D [3, 1].', expected: 'A [1]. B [1]. C [2]. D [1, 2].' },
  ];
  for (const row of table) {
    const text = `# T\n\n${row.body}\n${list(7)}`;
    const { text: after } = await renumber(text, row.options);
    assert.equal(after.slice(0, after.indexOf('\n## References')), `# T\n\n${row.expected}\n`, row.name);
  }
});

test('code, math, footnote markers, link text and e-mail stay as they are; footnotes count where referenced', async () => {
  const text = [
    '# T',
    '',
    'Text [2] and `[1]` and $[1]$ and [^1] and [1](http://x) and a@b.c.',
    '',
    '```',
    '[2]',
    '```',
    '',
    'More text.[^n] Then [3].',
    '',
    '[^n]: A note citing [1].',
    list(3),
  ].join('\n');
  const { text: after } = await renumber(text);
  assert.equal(
    after.slice(0, after.indexOf('\n## References')),
    ['# T', '', 'Text [1] and `[1]` and $[1]$ and [^1] and [1](http://x) and a@b.c.', '', '```', '[2]', '```', '', 'More text.[^n] Then [3].', '', '[^n]: A note citing [2].', ''].join('\n'),
  );
  assert.match(after, /1\. Work B\.\n2\. Work A\.\n3\. Work C\./);
});

test('bracketed [n] paragraphs are reordered with their spacing kept', async () => {
  const text = '# T\n\nSee [2] and [1].\n\n# References\n\n[1] Alpha.\n\n[2] Beta,\n    continued.\n\n[3] Gamma.\n';
  const { text: after, plan } = await renumber(text);
  assert.equal(after, '# T\n\nSee [1] and [2].\n\n# References\n\n[1] Beta,\n    continued.\n\n[2] Alpha.\n\n[3] Gamma.\n');
  assert.deepEqual(plan.uncited, [3]);
  assert.equal((await renumber(after)).plan.changed, false);
});

test('uncited items go to the end, numbered after the cited ones; a list with gaps is closed up', async () => {
  const text = '# T\n\nA [5]. B [2].\n\n## References\n\n2. Two.\n3. Three.\n5. Five.\n9. Nine.\n';
  const { text: after, plan } = await renumber(text);
  assert.equal(after, '# T\n\nA [1]. B [2].\n\n## References\n\n1. Five.\n2. Two.\n3. Three.\n4. Nine.\n');
  assert.deepEqual(plan.uncited, [3, 9]);
});

test('a cited number with no list item keeps its place; a malformed citation keeps its form but its numbers follow', async () => {
  const text = '# T\n\nA [3]. B [9]. C [1]. D [3,,1].\n\n## References\n\n1. One.\n2. Two.\n3. Three.\n';
  const { text: after, plan } = await renumber(text);
  assert.deepEqual(plan.missing, [9]);
  assert.equal(after.split('\n')[2], 'A [1]. B [2]. C [3]. D [1,,3].');
  assert.match(after, /1\. Three\.\n3\. One\.\n4\. Two\.\n$/);
  assert.match(plan.notes.join(' '), /\[9\] has no reference-list item/);
  assert.match(plan.notes.join(' '), /malformed/);
});

test('CRLF line endings and a BOM-less/BOM text survive byte for byte', async () => {
  const lf = '# T\n\nA [2]. B [1].\n\n## References\n\n1. One.\n2. Two.\n';
  const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
  const { text: after } = await renumber(crlf);
  assert.equal(after, '\uFEFF# T\r\n\r\nA [1]. B [2].\r\n\r\n## References\r\n\r\n1. Two.\r\n2. One.\r\n');
  assert.equal((await renumber(after)).plan.changed, false);
});

test('chapters listed in the front matter are renumbered together, one plan across files', async () => {
  const files = {
    '/book/index.md': '---\ncitelens:\n  files: [ch1.md, ch2.md, refs.md]\n---\n# Book\n',
    '/book/ch1.md': '# One\n\nFirst [3]. Then [1].\n',
    '/book/ch2.md': '# Two\n\nLater [2] and [1–3].\n',
    '/book/refs.md': '# References\n\n1. Alpha.\n2. Beta.\n3. Gamma.\n',
  };
  const analysis = await analyze(files, '/book/index.md');
  assert.equal(analysis.files.length, 4);
  const plan = planRenumber(analysis, DEFAULTS);
  assert.deepEqual(plan.edits.map((e) => e.uri).sort(), ['/book/ch1.md', '/book/ch2.md', '/book/refs.md']);
  const after = applyPlan(files, plan);
  assert.equal(after['/book/ch1.md'], '# One\n\nFirst [1]. Then [2].\n');
  assert.equal(after['/book/ch2.md'], '# Two\n\nLater [3] and [1–3].\n');
  assert.equal(after['/book/refs.md'], '# References\n\n1. Gamma.\n2. Alpha.\n3. Beta.\n');
  assert.equal(after['/book/index.md'], files['/book/index.md']);
  assert.equal(planRenumber(await analyze(after, '/book/index.md'), DEFAULTS).changed, false);
});

test('manuscripts that cannot be renumbered are refused with a reason', async () => {
  const pandoc = planRenumber(await analyze({ '/p.md': '# T\n\nSee [@a].\n' }), DEFAULTS);
  assert.match(pandoc.refused ?? '', /cites by key/);
  const noList = planRenumber(await analyze({ '/n.md': '# T\n\nSee [2] and [1].\n' }), DEFAULTS);
  assert.match(noList.refused ?? '', /no numbered reference list/);
  assert.deepEqual(noList.edits, []);
});

test('formatNumbers and minimalEdit', () => {
  const s = { separator: ', ', dash: '–', compact: true };
  assert.equal(formatNumbers([5, 3, 4, 9, 10], s), '3–5, 9, 10');
  assert.equal(formatNumbers([1, 2, 3, 4, 7, 8, 9], { ...s, separator: ',', dash: '-' }), '1-4,7-9');
  assert.equal(formatNumbers([3, 4, 5], { ...s, compact: false }), '3, 4, 5');
  // A number written twice stays twice (Pandoc writes [@a; @a] as [1,1]).
  assert.equal(formatNumbers([2, 2, 1], s), '1, 2, 2');
  assert.equal(formatNumbers([10, 8, 9, 10], s), '8–10, 10');
  assert.deepEqual(minimalEdit('17', '18', 10), { span: { start: 10, end: 12 }, newText: '18' });
  assert.deepEqual(minimalEdit('1, 12', '1, 13', 0), { span: { start: 3, end: 5 }, newText: '13' });
  assert.deepEqual(minimalEdit('9', '10', 0), { span: { start: 0, end: 1 }, newText: '10' });
  assert.equal(minimalEdit('3–5', '3–5', 0), null);
});

test('applyEdits applies sorted or unsorted edits and refuses overlaps with a clear error', () => {
  assert.equal(applyEdits('see [7] and [8].', [{ span: { start: 13, end: 14 }, newText: '7' }, { span: { start: 5, end: 6 }, newText: '6' }]), 'see [6] and [7].');
  assert.equal(applyEdits('ab', [{ span: { start: 1, end: 1 }, newText: 'x' }, { span: { start: 1, end: 1 }, newText: 'y' }]), 'axyb');
  assert.throws(() => applyEdits('abcdef', [{ span: { start: 1, end: 4 }, newText: '' }, { span: { start: 3, end: 5 }, newText: '' }]), /overlap/);
  assert.throws(() => applyEdits('abc', [{ span: { start: 2, end: 9 }, newText: '' }]), /outside the text/);
  assert.equal(editProblem(3, [{ span: { start: 0, end: 3 }, newText: '' }]), null);
});

test('unifiedDiff matches diff -u on small cases', () => {
  assert.equal(unifiedDiff('a\n', 'a\n', { oldName: 'x', newName: 'y' }), '');
  assert.equal(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { oldName: 'x', newName: 'y' }), '--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  assert.equal(unifiedDiff('a', 'b', { oldName: 'x', newName: 'y' }), '--- x\n+++ y\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  const far = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
  const hunks = unifiedDiff(far, far.replace('l1\n', 'L1\n').replace('l18\n', 'L18\n'), { oldName: 'x', newName: 'y' }).match(/^@@.*$/gm);
  assert.deepEqual(hunks, ['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
});
