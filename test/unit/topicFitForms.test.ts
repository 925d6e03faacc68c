/**
 * The same text is judged the same whichever way it is written: Pandoc keys or numeric citations, a pipe table or
 * Pandoc's simple/multiline table, `<https://…>` or `[https://…](https://…)`. Table cells (markdown/dashTables.ts,
 * topicFit/claimSpans.ts), markup stripping (topicFit/terms.ts) and the pointing-word veto (topicFit/calibration.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dashTables } from '../../server/src/service/markdown/dashTables';
import { nameInClaim, pointingWord } from '../../server/src/service/topicFit/calibration';
import { terms } from '../../server/src/service/topicFit/terms';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { FOUR_TOPICS_BIB } from '../helpers/topicFitWorks';

const words = (text: string): string[] => terms(text).map((t) => t.stem);

describe('links and citations leave the same words', () => {
  const table: [string, string, string][] = [
    ['an autolink and a link written with its URL as text', 'freeze commands (cf. <https://example.org/2017/jupyter-science.html> cited by [5]) list versions', 'freeze commands (cf. [https://example.org/2017/jupyter-science.html](https://example.org/2017/jupyter-science.html) cited by [@rule]) list versions'],
    ['a link after a Manubot key keeps its text', 'learning [46], [computational toolkits](https://example.org/vg/) [47], and more', 'learning [@doi:10.1093/bioinformatics/btz470], [computational toolkits](https://example.org/vg/) [@doi:10.1101/654566], and more'],
    ['a bare URL after a URL key', 'perception [45], [machine learning](https://t.io/ms/) [46]', 'perception [@url:https://theconversation.com/illusions-117389], [machine learning](https://t.io/ms/) [@doi:10.1/x]'],
  ];
  for (const [name, numeric, pandoc] of table) test(name, () => assert.deepEqual(words(pandoc), words(numeric)));

  test('a link keeps its visible words; a URL gives none', () => {
    assert.deepEqual(words('[computational toolkits](https://example.org/vg/)'), words('computational toolkits'));
    assert.deepEqual(words('<https://markwoodbridge.com/jupyter-reproducible-science.html>'), []);
  });

  test("a URL's words name nothing (no veto from a link)", () => {
    const work = { id: 'w', title: 'Ten simple rules for Jupyter notebooks', abstract: 'We wrote Jupyter rules.' };
    assert.equal(nameInClaim('freeze files (cf. <https://x.org/Jupyter-notes.html> cited by [5])', work, () => 1), undefined);
    assert.equal(nameInClaim('freeze files, as Jupyter users know [5]', work, () => 1), 'Jupyter');
  });
});

describe('a citation that stands for the work', () => {
  const table: [string, string | undefined][] = [
    ['listing all versions (cf. https://x.org cited by ', 'by'],
    ['as described in ', 'in'],
    ['Figure 1 of ', 'of'],
    ['see ', 'see'],
    ['reluctance to share (cf.&nbsp;', 'cf.'],
    ['reluctance to share (cf.\u00a0', 'cf.'],
    ['found in mice ', undefined],
    ['tools such as pip, ', undefined],
    ['inbound ', undefined],
  ];
  for (const [before, word] of table) test(JSON.stringify(before), () => assert.equal(pointingWord(before), word));
});

describe("Pandoc's simple and multiline tables", () => {
  test('a multiline table: one cell per column and line, header too; its last row is no heading', () => {
    const md = [
      'Text before.',
      '',
      '  -----------------------------------------------------',
      '  Identifier         Source            Citation',
      '  ------------------ ----------------- ----------------',
      '  shortDOI           DOI Proxy API     [16]',
      '',
      '  Raw                Provided by user  [22]',
      '  -----------------------------------------------------',
      '',
      '  : **Citation types.**',
    ].join('\n');
    const tables = dashTables(md);
    assert.equal(tables.length, 1);
    assert.deepEqual(tables[0].cells.map((c) => md.slice(c.start, c.end)), ['Identifier', 'Source', 'Citation', 'shortDOI', 'DOI Proxy API', '[16]', 'Raw', 'Provided by user', '[22]']);
  });

  test('a simple table ends at a blank line; a thematic break is no table', () => {
    const md = 'Para.\n\n  Tool   Use\n  ------ ---------------\n  pip    packages [42]\n  conda  environments [43]\n\nAfter.\n\n---\n\nEnd.\n';
    const tables = dashTables(md);
    assert.deepEqual(tables.map((t) => t.cells.map((c) => md.slice(c.start, c.end))), [['Tool', 'Use', 'pip', 'packages [42]', 'conda', 'environments [43]']]);
  });
});

describe('end to end: table cells judged on their cell, whichever table syntax', () => {
  const bib = FOUR_TOPICS_BIB;
  const rest = '\n\nSoil bacteria and fungi shift under drought in grassland soils [@soil].\n\nMigrating songbirds orient with the geomagnetic field at night [@birds].\n';
  const pipe = (cell: string): string => `# Methods\n\nThe table lists the methods.\n\n| Method | Source | Citation |\n|---|---|---|\n| Contact maps | Protein folding | ${cell} |\n| Halos | Dark matter galaxies | [@galaxy] |${rest}`;
  const dash = (cell: string): string =>
    `# Methods\n\nThe table lists the methods.\n\n  ----------------------------------------------------------------------------------\n  Method         Source                 Citation\n  -------------- ---------------------- --------------------------------------------\n  Contact maps   Protein folding        ${cell}\n\n  Halos          Dark matter galaxies   [@galaxy]\n  ----------------------------------------------------------------------------------\n${rest}`;

  async function judged(md: string): Promise<{ claim: string; judgeable: boolean; flagged: boolean }[]> {
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/p/paper.md': md, '/p/refs.bib': bib }, ['/p']), { bibliography: ['/p/refs.bib'] }).analyze('/p/paper.md');
    const flagged = new Set(analysis.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => d.span.start));
    return analysis.resolutions
      .map((r, i) => ({ r, fit: analysis.fits[i] }))
      .filter(({ r }) => r.item.ref === 'galaxy')
      .map(({ r, fit }) => ({ claim: md.slice(fit!.claim.start, fit!.claim.end), judgeable: fit!.judgeable, flagged: flagged.has(r.item.span.start) }));
  }

  for (const [name, form] of [['pipe table', pipe], ['multiline table', dash]] as const) {
    test(`${name}: a citation alone in its cell is not judged (fewer than three content words)`, async () => {
      const found = await judged(form('[@galaxy]'));
      assert.deepEqual(found, [
        { claim: '[@galaxy]', judgeable: false, flagged: false },
        { claim: '[@galaxy]', judgeable: false, flagged: false },
      ]);
    });

    test(`${name}: a cell with its own words is the claim, and is judged on them`, async () => {
      const found = await judged(form('residue contact maps predict protein folding [@galaxy]'));
      assert.deepEqual(found[0], { claim: 'residue contact maps predict protein folding [@galaxy]', judgeable: true, flagged: true });
      assert.deepEqual(found[1], { claim: '[@galaxy]', judgeable: false, flagged: false });
    });
  }

  test('"cited by [@galaxy]" names the work: not flagged where the same words with a plain citation are', async () => {
    const analyze = async (sentence: string): Promise<number> => {
      const md = `# Methods\n\n${sentence} Evolutionary couplings improve the predicted structures [@fold].${rest}`;
      const analysis = await createCitelensService(MemoryWorkspace.of({ '/p/paper.md': md, '/p/refs.bib': bib }, ['/p']), { bibliography: ['/p/refs.bib'] }).analyze('/p/paper.md');
      return analysis.diagnostics.filter((d) => d.code === 'off-topic-citation').length;
    };
    assert.equal(await analyze('Residue contact maps from multiple sequence alignments predict protein folding [@galaxy].'), 1);
    assert.equal(await analyze('Residue contact maps from multiple sequence alignments predict protein folding, as shown by [@galaxy].'), 0);
  });
});
