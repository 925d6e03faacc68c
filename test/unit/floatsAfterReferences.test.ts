/**
 * Tables and figure legends after the reference list, as a manuscript prepared for a Vancouver/AMA journal places
 * them: their citations are the text's (not "never cited"), and they are numbered where the text first names the
 * table or figure (ICMJE), so the numbering check and Renumber References agree with an author who follows the rule.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planRenumber } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { analyze } from '../helpers/renumberHarness';

const LIST = ['## References', '', ...['Diekelmann S, Born J. The memory function of sleep.', 'Rasch B, Born J. About sleep\'s role in memory.', 'Marshall L, Born J. Boosting slow oscillations during sleep potentiates memory.', 'Yoo SS, Walker MP. A deficit in the ability to form new human memories without sleep.', 'Tononi G, Cirelli C. Sleep and the price of plasticity.'].map((t, i) => `${i + 1}. ${t} 2010;1:1.`)].join('\n');

async function codes(text: string): Promise<string[]> {
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
  return analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => `${d.code} ${d.message.slice(0, 40)}`);
}

const cases: [name: string, text: string][] = [
  ['a pipe table with its caption above, named mid-paragraph', `# R\n\nSleep matters [1]. Studies are summarised in Table 1. Later work agrees [4].\n\n${LIST}\n\nTable 1. Studies of sleep and memory.\n\n| Study | Finding |\n|---|---|\n| Rasch [2] | role of sleep |\n| Marshall [3] | slow oscillations |\n`],
  ['a pipe table with a Pandoc caption below it, named "(Tab. 1)"', `# R\n\nSleep matters [1], as reviewed (Tab. 1). Later work agrees [4].\n\n${LIST}\n\n| Study | Finding |\n|---|---|\n| Rasch [2] | role of sleep |\n| Marshall [3] | slow oscillations |\n\nTable: Table 1. Studies of sleep and memory.\n`],
  ['figure legends, named "Fig. 2b" and "Figure 1"', `# R\n\nSleep matters [1] (Figure 1). Oscillations help [3], see Fig. 2b. Later work agrees [5].\n\n${LIST}\n\n## Figure legends\n\n**Figure 1.** Memory after sleep, redrawn from [2].\n\nFigure 2. Slow oscillations [4].\n`],
  ['a table never named is read where it stands', `# R\n\nSleep matters [1]. Later work agrees [2] [3].\n\n${LIST}\n\nTable 9. Other studies.\n\n| Study | Finding |\n|---|---|\n| Yoo [4] | deficit |\n| Tononi [5] | plasticity |\n`],
  ['a table in the text keeps its place, whichever paragraph names it', `# R\n\nStudies are summarised in Table 1. Sleep matters [1].\n\nLater work agrees [2].\n\nTable 1. Studies.\n\n| Study | Finding |\n|---|---|\n| Marshall [3] | slow oscillations |\n\nAnd more [4] [5].\n\n${LIST}\n`],
];

describe('no diagnostic where the author numbered by the rule', () => {
  for (const [name, text] of cases) {
    test(name, async () => {
      const withFive = text.includes('[5]') ? text : text.replace(LIST, LIST.split('\n').slice(0, 6).join('\n'));
      assert.deepEqual(await codes(withFive), []);
      const files = { '/m.md': withFive };
      const plan = planRenumber(await analyze(files), { compactRanges: true, removeUncited: false });
      assert.equal(plan.changed, false, plan.summary);
    });
  }
});

test('a table after the references numbered in reading order instead is reported, and Renumber References fixes it the ICMJE way', async () => {
  const text = `# R\n\nSleep matters [1]. Studies are summarised in Table 1. Later work agrees [2].\n\n${LIST.split('\n').slice(0, 6).join('\n')}\n\nTable 1. Studies.\n\n| Study | Finding |\n|---|---|\n| Marshall [3] | slow oscillations |\n| Yoo [4] | deficit |\n`;
  assert.ok((await codes(text)).some((c) => c.startsWith('citation-order')));
  const plan = planRenumber(await analyze({ '/m.md': text }), { compactRanges: true, removeUncited: false });
  assert.deepEqual([...plan.mapping].filter(([a, b]) => a !== b).sort((x, y) => x[0] - y[0]), [[2, 4], [3, 2], [4, 3]]);
});
