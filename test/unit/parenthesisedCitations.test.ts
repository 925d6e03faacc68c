/**
 * The Vancouver variant that cites with numbers in parentheses, "Sleep supports memory (1, 2).": read as citations
 * when the manuscript cites no other numeric way, and only then; renumbering keeps the parentheses.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { analyze, applyPlan } from '../helpers/renumberHarness';

const LIST = '\n## References\n\n' + ['The memory function of sleep', 'About sleep and memory', 'Boosting slow oscillations during sleep', 'A deficit in forming memories without sleep', 'Sleep and the price of plasticity', 'Sleep in emotional brain processing'].map((t, i) => `${i + 1}. Author${String.fromCharCode(65 + i)} A. ${t}. J Sleep. 2010;1:1.`).join('\n') + '\n';

async function read(body: string): Promise<{ cites: string[]; codes: string[] }> {
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': body + LIST }, ['/m'])).analyze('/m/a.md');
  return {
    cites: analysis.files[0].citations.map((c) => c.raw),
    codes: analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code),
  };
}

describe('what is read as a citation', () => {
  const cases: [name: string, body: string, cites: string[], codes: string[]][] = [
    ['numbers in parentheses after words: the citations', '# R\n\nSleep supports memory consolidation (1, 2). Slow-wave sleep in 2006 (3) mattered. Deprivation harms encoding (4–6).\n', ['(1, 2)', '(3)', '(4–6)'], []],
    ['a range written with Pandoc Markdown\'s `--`', '# R\n\nSleep supports memory consolidation (1, 2). Slow-wave sleep in 2006 (3) mattered. Deprivation harms encoding (4--6).\n', ['(1, 2)', '(3)', '(4--6)'], []],
    ['enumerations, equations and labels are not', '# R\n\nWe proceed in steps: (1) identify; (2) screen, and (3) extract. See Eq. (2) and Table (1). Sleep supports memory (1, 2). It helps (3). Deprivation harms encoding (4–6).\n', ['(1, 2)', '(3)', '(4–6)'], []],
    ['a number beyond the list, a sample size, a year: not citations', '# R\n\nSleep supports memory (1, 2), as (n = 12) and (2019) and (7) show. It helps (3). Encoding suffers (4–6).\n', ['(1, 2)', '(3)', '(4–6)'], []],
    ['a manuscript citing [n]: parentheses stay prose', '# R\n\nSleep supports memory [1, 2] in three steps (1) to (3). It helps [3]. Encoding suffers [4–6].\n', ['[1, 2]', '[3]', '[4–6]'], []],
    // Nothing cites by number then, so the list is not judged for orphans (an author–year review's numbered list).
    ['parentheses that cite under half the list: not the citation form', '# R\n\nThe review has two parts (1) and a summary (2).\n', [], []],
    ['after a cue no enumeration follows — "(cf. (n))", "(e.g., (n))", "((n) and others)", "et al. (n)", a code span, a table cell — and Science\'s italics',
      '# R\n\nSleep supports memory (cf. (1)), as shown (e.g., (2)) in ((3) and others). Smith et al. (4). See `sleepR` (5).\n\n| Tool | Ref |\n|---|---|\n| A | (6) |\n\nAll of it (*1*, *2*).\n',
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(*1*, *2*)'], []],
    ['a stray bracketed number (a program\'s printed output) does not unmake a parenthesised manuscript',
      '# R\n\nSleep supports memory (1, 2). It helps (3). Encoding suffers (4). Deprivation harms it (5, 6). Plasticity pays (5). Output: \\[1\\] "568 lines".\n',
      ['(1, 2)', '(3)', '(4)', '(5, 6)', '(5)'], []],
    // Pandoc's smart extension writes a no-break space after an abbreviation: "(cf.\u00a0(1))".
    ['after a no-break space: a cue\'s, a word\'s; not a label\'s',
      '# R\n\nSleep supports memory (cf.\u00a0(1)), as shown (e.g.\u00a0`sleepR` of\u00a0(2)). See Eq.\u00a0(3) and Table\u00a0(2). It helps (3). Encoding suffers (4–6).\n',
      ['(1)', '(2)', '(3)', '(4–6)'], []],
    ['after a word and a comma, closing a parenthetical, clause or sentence (as citeproc renders "(pip tool, [@key])")',
      '# R\n\nSleep supports memory (cf. slow waves, (1)). A tool, (2), helps. Shown in “little R”, (3); encoding suffers `sleepR`, (4)\nand more (5, 6).\n',
      ['(1)', '(2)', '(3)', '(4)', '(5, 6)'], []],
    ['after a comma, not an enumeration\'s next item, a list of equations, a label\'s number, a year',
      '# R\n\nWe proceed: (1) identify, (2) screen, (3) extract. Combine Eqs. (1), (2), (3). See Eq. 4, (5). In 2019, (6) authors met. Per table, (4). Sleep supports memory (1, 2). It helps (3). Encoding suffers (4–6).\n',
      ['(1, 2)', '(3)', '(4–6)'], []],
    // Pandoc 2.17 reads Manubot's `@url:https://x.org/a/` without its `/`, and prints it after the number.
    ['Pandoc\'s `/` after a number whose key ends in `/`; not a fraction',
      '# R\n\nSleep supports memory (1/, 2). It helps (3/) half the time (1/2). Encoding suffers (4, 5/, *6*/).\n\n| Key | Cites |\n|---|---|\n| `url:https://x.org/a/` | (3/) |\n',
      ['(1/, 2)', '(3/)', '(4, 5/, *6*/)', '(3/)'], []],
    ['in Pandoc\'s citation span, as its gfm writer renders a figure\'s caption',
      '# R\n\nSleep supports memory (1, 2). It helps (3). Encoding suffers (4–6).\n\n<figure>\n<img src="a.png" alt="Sleep" />\n<figcaption>Memory after sleep<span class="citation" data-cites="walker2009">(5)</span>, as measured.</figcaption>\n</figure>\n',
      ['(1, 2)', '(3)', '(4–6)', '(5)'], []],
    ['after a prose label or "and", a group bringing the next number in first-citation order',
      '# R\n\nSleep supports memory (1, 2). It helps (3). A phylogeny-free model (4). Overviews are in (5) and (6).\n',
      ['(1, 2)', '(3)', '(4)', '(5)', '(6)'], []],
    ['after a label, not a number cited already or out of order, nor an equation\'s, nor after "and" joining no citation',
      '# R\n\nSleep supports memory (1, 2). It helps (3). See model (2) and the type (5). Encoding suffers (4). Steps (1) and (5) matter. Eq. (5) holds.\n',
      ['(1, 2)', '(3)', '(4)'], ['orphaned-reference', 'orphaned-reference']],
    ['Science\'s italics in raw HTML, as its gfm writer renders a figure caption',
      '# R\n\nSleep supports memory (*1*, *2*). It helps (*3*). Encoding suffers (*4*).\n\n<figure>\n<figcaption>Memory<span class="citation" data-cites="a b">(<em>5</em>, <em>6</em>)</span>.</figcaption>\n</figure>\n',
      ['(*1*, *2*)', '(*3*)', '(*4*)', '(<em>5</em>, <em>6</em>)'], []],
    ['two citations\' groups joined by a semicolon, as ISO 690 renders them',
      '# R\n\nSleep supports memory (1, 2). It helps (3). Encoding suffers (4–6; 6).\n',
      ['(1, 2)', '(3)', '(4–6; 6)'], []],
    ['alone in a column of Pandoc\'s simple table; not out of its columns',
      '# R\n\nSleep supports memory (1, 2). It helps (3).\n\n  Tool        Cites\n  ----------- --------\n  sleepR      (4)\n  memoR       (5)    (6)\n\nEncoding suffers (4).\n',
      ['(1, 2)', '(3)', '(4)', '(5)', '(4)'], ['orphaned-reference']],
    ['misnumbered in parentheses is reported', '# R\n\nSleep supports memory (1, 3). It helps (2). Encoding suffers (4–6).\n', ['(1, 3)', '(2)', '(4–6)'], ['citation-order', 'citation-order']],
  ];
  for (const [name, body, cites, codes] of cases) {
    test(name, async () => {
      const seen = await read(body);
      assert.deepEqual(seen.cites, cites);
      assert.deepEqual(seen.codes, codes);
    });
  }
});

test('Renumber References rewrites the numbers and keeps the parentheses', async () => {
  const files = { '/m.md': '# R\n\nSleep supports memory (1, 3). It helps (2). Encoding suffers (4–6).\n' + LIST };
  const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
  const text = applyPlan(files, plan)['/m.md'];
  assert.match(text, /Sleep supports memory \(1, 2\)\. It helps \(3\)\. Encoding suffers \(4–6\)\./);
});
