/**
 * Unseen manuscripts, fifth round (earlier rounds: unseenManuscripts.test.ts, unseenRound4.test.ts). Each case
 * asserts what the user sees: the citations read, in order, and the diagnostics with their positions and messages
 * (off-topic aside). What Pandoc reads of the same files is checked against Pandoc in test/eval/unseenPandoc.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decode } from '../../server/src/node/decode';
import { MemoryWorkspace } from '../../server/src/service/workspace';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import type { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { seen } from '../helpers/unseen';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

test('bookdown theorem-like chunks (```{theorem}, {proof}, {definition}, {lemma lem-x}, {remark}, a ```` {example} holding an R chunk): their body is Markdown, its citations are read and checked; ```{r} chunks stay code', async () => {
  const root = join(UNSEEN, 'bookdown-theorems');
  const { cites, diagnostics, messages } = await seen(root, 'index.Rmd');
  assert.deepEqual(cites['index.Rmd'], [
    'matheron1963', 'cressie1993', // the prose
    'cressie1993', // {theorem, kriging, name="…"}
    'stein1999', // {proof}: `@stein1999 [pp. 4--6]`
    'pebesma2004', 'matheron1963', // ````{example}: around its ```{r} chunk (`# @stillcode` is code)
    'cressie1993,stien1999', // {definition}
    'matheron1963', // {lemma lem-x}
    'stein1999', // {remark}
  ]);
  // The typo inside the {definition} is caught, where it is written.
  assert.deepEqual(diagnostics, ['index.Rmd:35:64 unresolved-citation']);
  assert.match(messages[0], /stien1999.*stein1999/);
});

test('theorem-like chunks, case by case: which fences are Markdown', () => {
  const cases: [string, string, string[]][] = [
    ['theorem with label and name', '```{theorem, thm-a, name="Main"}\nText [@a].\n```\n', ['a']],
    ['engine then a space', '``` {lemma}\nText [@a].\n```\n', ['a']],
    ['proof, unnumbered', '```{proof}\nBy @a.\n```\n', ['a']],
    ['hypothesis (bookdown\'s ninth kind)', '```{hypothesis hyp-1}\nText [@a].\n```\n', ['a']],
    ['an R chunk is code', '```{r}\nx <- 1 # [@a]\n```\n', []],
    ['a chunk named theorem is code', '```{r theorem}\nx <- 1 # [@a]\n```\n', []],
    ['an engine that only starts like one', '```{theoremx}\nText [@a].\n```\n', []],
    ['tildes are no knitr chunk', '~~~{theorem}\nText [@a].\n~~~\n', []],
    ['a theorem fence inside code stays code', '````\n```{theorem}\nText [@a].\n```\n````\n', []],
    ['the option name="… [@b]" is R code', '```{theorem, name="After [@b]"}\nText [@a].\n```\n', ['a']],
    ['after the block, prose again', '```{definition}\nText [@a].\n```\n\nThen [@b].\n', ['a', 'b']],
  ];
  for (const [name, text, keys] of cases) {
    const ms = parseManuscript('/w/a.Rmd', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
    assert.deepEqual(ms.citations.flatMap((c) => c.items.map((i) => i.key)), keys, name);
  }
});

test('a Windows-1252 (Latin-1) manuscript: read whole, with one manuscript-encoding warning at its first byte that is not UTF-8 (Pandoc warns and reads it as Latin-1)', async () => {
  const root = join(UNSEEN, 'latin1-md');
  const cases: [string, string[], string[], string][] = [
    // Curly apostrophe and en dash (bytes 0x92, 0x96): Pandoc's Latin-1 makes them control characters.
    ['revue.md', ['oke1982,voogt2003', 'oke1982', 'arnfield2003'], ['revue.md:2:9 manuscript-encoding'],
      'This file is not UTF-8: byte 0xCE here is “Î” in Windows-1252 (Latin-1), as Citelens reads the file. Pandoc warns (“not UTF-8 encoded: falling back to latin1”) and reads it as Latin-1, where “’” (a Windows character, not Latin-1) becomes a control character. Save the file as UTF-8.'],
    // Latin-1 letters only: Pandoc reads the same text.
    ['latin1-only.md', ['oke1982', 'voogt2003'], ['latin1-only.md:1:5 manuscript-encoding'],
      'This file is not UTF-8: byte 0xEE here is “î” in Windows-1252 (Latin-1), as Citelens reads the file. Pandoc warns (“not UTF-8 encoded: falling back to latin1”) and reads it as Latin-1. Save the file as UTF-8.'],
  ];
  for (const [file, citations, expected, message] of cases) {
    const { cites, diagnostics, messages } = await seen(root, file);
    assert.deepEqual(cites[file], citations, file);
    assert.deepEqual(diagnostics, expected, file);
    assert.equal(messages[0], message, file);
    // The same text saved as UTF-8: nothing to say (the test can fail).
    const utf8 = MemoryWorkspace.of({ [`/w/${file}`]: decode(readFileSync(join(root, file))), '/w/refs.bib': readFileSync(join(root, 'refs.bib'), 'utf8') }, ['/w']);
    assert.deepEqual((await seen('/w', file, utf8 as unknown as NodeWorkspace)).diagnostics, [], `${file} as UTF-8`);
  }
});
