/**
 * The incremental reduction (chunks parsed alone, cached by text) must equal a whole-document parse: on real
 * manuscripts, on Pandoc's tests, and on generated documents (fast-check).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { reduceIncrementally, splitChunks } from '../../server/src/service/markdown/chunks';
import { scanText } from '../../server/src/service/markdown/chunkScans';
import { exampleLabels } from '../../server/src/service/markdown/citations';
import { parseManuscript } from '../../server/src/service/markdown/manuscript';
import { ManuscriptCaches } from '../../server/src/service/markdown/manuscriptCaches';
import { defaultSettings } from '../../server/src/service/settings';
import type { Manuscript } from '../../server/src/service/types';
import { repoRoot, sharedDir } from '../helpers/shared';
import { tierRuns } from '../helpers/tier';

function visible(ms: Manuscript) {
  return {
    citations: ms.citations.map((c) => ({ span: c.span, raw: c.raw, inNote: !!c.inNote, items: c.items.map((i) => [i.ref, i.span.start, i.span.end, i.mode, i.prefix, i.suffix]), malformed: c.malformed })),
    headings: ms.headings,
    blocks: ms.blocks.map((b) => ({ span: b.span, path: b.headingPath.join(' > ') })),
    list: ms.referenceList?.items.map((i) => [i.number, i.span.start, i.span.end]) ?? null,
    listTitle: ms.referenceList?.heading ?? null,
    suppressions: ms.suppressions,
    frontMatter: ms.frontMatter?.bibliography ?? null,
  };
}

/** One cache for the whole file, as one service keeps it: later documents reuse the chunks of earlier ones. */
const caches = new ManuscriptCaches();

function same(text: string, name: string): void {
  const full = parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
  const inc = parseManuscript('/x.md', text, defaultSettings, caches, 0);
  assert.deepEqual(visible(inc), visible(full), name);
}

test('chunks cover the text exactly, in order', () => {
  const text = '---\na: 1\n\nb: 2\n---\n# T\n\npara [1]\n\n```\ncode\n\nmore\n```\n\n<!-- a\n\nb -->\n\n$$\nx\n\ny\n$$\n\nend\n';
  const chunks = splitChunks(text);
  assert.equal(chunks[0].start, 0);
  assert.equal(chunks[chunks.length - 1].end, text.length);
  for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].start, chunks[i - 1].end);
  // Fences, comments, math and the front matter are never cut.
  for (const c of chunks) {
    const t = text.slice(c.start, c.end);
    assert.equal((t.match(/```/g) ?? []).length % 2, 0, t);
    assert.equal((t.match(/\$\$/g) ?? []).length % 2, 0, t);
    assert.equal(t.includes('<!--'), t.includes('-->'), t);
  }
});

test('equal to a whole-document parse on the example and on real manuscripts', () => {
  const files = [join(repoRoot, 'examples', 'genai-healthcare', 'manuscript.md')];
  for (const set of ['deep-rules', 'ten-simple-rules-dockerfiles']) {
    for (const f of ['manuscript.md', 'manuscript.numeric.md']) files.push(join(sharedDir, 'eval', set, f));
  }
  const cases = join(sharedDir, 'conformance', 'pandoc', 'cases');
  if (existsSync(cases)) for (const f of readdirSync(cases)) if (f.endsWith('.md')) files.push(join(cases, f));
  for (const file of files.filter(existsSync)) same(readFileSync(file, 'utf8'), file);
});

const block = fc.oneof(
  fc.constantFrom('# Heading', '## Sub heading', 'Setext\n======'),
  fc.constantFrom('A claim [1].', 'Two [2, 3] and [4–6].', 'Pandoc [@a; @b, p. 4] and @c says.', 'Note here.[^n1]', 'Inline `[@x]` code and $[3]$ math.'),
  fc.constantFrom('```\n[@incode]\n\n[9]\n```', '```inline``` code, not a fence [@a].', '<!-- citelens-disable-next-line -->\nHidden [@zz].', '<!-- open\n\n[@incomment]\n-->', '$$\n[7]\n\n$$'),
  fc.constantFrom('- item [1]\n- item [2]\n\n  continued [@k]', '1. one\n2. two', '> quote [@q]', '| a | b |\n|---|---|\n| [1] | [@t] |'),
  fc.constantFrom('[^n1]: A note citing [@inote].', '[lbl]: https://example.org', '    indented code [@ic]'),
  fc.constantFrom('## References\n\n1. Smith J. A paper. 2020.\n2. Doe J. Another. 2019.', '# References\n\n[1] Smith J. A paper. 2020.\n\n[2] Doe J. Another. 2019.'),
);

test('equal to a whole-document parse on generated documents (property)', () => {
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n\n', '\n\n\n', '\r\n\r\n'), (blocks, sep) => {
      same(blocks.join(sep) + '\n', 'generated');
    }),
    { numRuns: 300, seed: 20261127 },
  );
});

/**
 * Blocks whose reading needs whole-text scans (reference-list title paragraphs, Pandoc's dash and grid tables and
 * the captions after them): the incremental parse makes those scans chunk by chunk (`chunkScans.ts`).
 */
const scannedBlock = fc.oneof(
  block,
  fc.constantFrom('**References**', 'References:', '[]{#_Ref1 .anchor}**References**', '__Bibliography__', '   References', 'Plain words here'),
  fc.constantFrom('1.  Smith J. A paper. 2020.\n2.  Doe J. Another [@x]. 2019.', '\\[1\\] Smith J. A paper.\n\n\\[2\\] Doe J. Another.'),
  fc.constantFrom(
    '  Head    Cite\n  ------  ------\n  a       [2]\n  b       [1]',
    '  ----------------\n  Study   Refs\n  ------- --------\n  Lopez   \\[3\\]\n  long    [2]\n\n  next    [1]\n  ----------------',
    '+------+------+\n| A    | B    |\n+======+======+\n| wrap | [3]  |\n| [2]  |      |\n+------+------+',
  ),
  fc.constantFrom(': Caption citing [1].', 'Table: A caption [4].', '  : Indented caption [2].'),
);

/** An edit: `delete` characters at `at` (a share of the text's length) replaced by `insert`. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  delete: fc.nat({ max: 6 }),
  insert: fc.array(fc.constantFrom('\n', '\n\n', ' ', '-', '+', '|', ':', '*', 'R', 'e', 'f', '[1]', 'References', '  '), { maxLength: 4 }).map((parts) => parts.join('')),
});

test('after random edits, the incremental parse (one cache throughout) equals a whole-document parse (property)', () => {
  fc.assert(
    fc.property(fc.array(scannedBlock, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n\n', '\r\n\r\n', '\n \n'), fc.array(edit, { minLength: 1, maxLength: 8 }), (blocks, sep, edits) => {
      const session = new ManuscriptCaches();
      let text = blocks.join(sep) + '\n';
      same(text, 'start');
      // What the previous parse gave, as it was then: a later parse shares its unchanged chunks' objects with it,
      // and must not change them.
      let previous: { parsed: Manuscript; seen: string } | null = null;
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.delete));
        const full = parseManuscript('/x.md', text, defaultSettings, new ManuscriptCaches(), 0, { incremental: false });
        const inc = parseManuscript('/x.md', text, defaultSettings, session, 0);
        assert.deepEqual(visible(inc), visible(full), JSON.stringify(text));
        if (previous) assert.equal(JSON.stringify(visible(previous.parsed)), previous.seen, 'an earlier parse is left as it was');
        previous = { parsed: inc, seen: JSON.stringify(visible(inc)) };
        // The scans themselves: the same title lines and table tests as on the whole text (captions may be
        // tested more often, never less).
        const whole = scanText(text);
        const { lines } = reduceIncrementally(text, exampleLabels(text), session.chunks);
        assert.deepEqual(lines.titles, whole.titles, JSON.stringify(text));
        assert.equal(lines.dashTables, whole.dashTables);
        assert.equal(lines.gridTables, whole.gridTables);
        assert.ok(lines.captions || !whole.captions, JSON.stringify(text));
      }
    }),
    { numRuns: tierRuns(100, 300), seed: 20261205 },
  );
});
