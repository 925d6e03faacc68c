/**
 * The taxonomy's editor features on in-memory workspaces: term completion in prose, hover on a term, the quick
 * fixes of `non-preferred-term` and `undefined-abbreviation`, and the coverage report. Fixtures are marked as
 * `helpers/markers.ts` says (the cursor `|`, the expected hover range `«…»`); assertions are on what the user sees
 * (labels, inserted text, hover range and words, fixed text).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { getCodeActions } from '../../server/src/service/features/codeActions';
import { getCompletions } from '../../server/src/service/features/completion';
import { taxonomyCompletion } from '../../server/src/service/features/taxonomyCompletion';
import { coverageReport } from '../../server/src/service/features/taxonomyCoverage';
import { coverageReportToJson, coverageReportToMarkdown } from '../../server/src/cli/coverageReport';
import { coveredBy, getTermHover } from '../../server/src/service/features/taxonomyHover';
import { taxonomyQuickFixes } from '../../server/src/service/features/taxonomyQuickFixes';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { applyEdits, cursorIn, fixture, mark } from '../helpers/featureFixture';

const TAXONOMY = `title: Generative AI
terms:
  - id: techniques
    label: Generative AI techniques
    description: Models that generate new samples
    children:
      - id: gan
        label: Generative adversarial networks
        abbreviation: GAN
        aliases: [adversarial networks]
        description: A generator and a discriminator trained against each other
      - id: vae
        label: Variational autoencoders
        abbreviation: VAE
        aliases: [variational auto-encoders]
        description: Probabilistic generative models with a latent distribution
      - id: diffusion
        label: Diffusion models
        aliases: [score-based generative models]
        description: Models that reverse a gradual noising process
  - id: ethics
    label: Ethical challenges
    description: Privacy, bias and accountability
`;

const BIB = `@inproceedings{goodfellow2014,
  title={Generative adversarial networks},
  author={Goodfellow, Ian and Pouget-Abadie, Jean and Mirza, Mehdi},
  year={2014}
}
@inproceedings{kingma2014,
  title={Auto-Encoding Variational Bayes},
  author={Kingma, Diederik and Welling, Max},
  year={2014},
  abstract={We introduce variational autoencoders, a stochastic inference method.}
}
@article{ho2020,
  title={Denoising diffusion probabilistic models},
  author={Ho, Jonathan and Jain, Ajay and Abbeel, Pieter},
  year={2020},
  keywords={diffusion models, image synthesis}
}
`;

const PAPER = `---
title: A review
---

# A review of generative AI

## Techniques

Generative adversarial networks (GANs) pit two networks [@goodfellow2014]. VAEs encode data [@kingma2014].
Score-based generative models denoise images.

\`\`\`
diff in code
\`\`\`

## Ethics

Ethical challenges remain, e.g. for adversarial networks, without any citation here.
`;

async function analyse(files: Record<string, string>, settings = {}) {
  const f = fixture(files);
  const service = createCitelensService(f.workspace, settings);
  const path = Object.keys(f.files).find((p) => p.endsWith('.md'))!;
  return { f, path, analysis: await service.analyze(path) };
}

const provider = (whileTyping = false) => [taxonomyCompletion({ whileTyping: () => whileTyping })];

describe('term completion', () => {
  const cases: { name: string; text: string; explicit?: boolean; whileTyping?: boolean; first?: string; labels?: string[]; insert?: string; none?: boolean }[] = [
    { name: 'a prefix of a label offers the term', text: PAPER.replace('denoise images.', 'denoise images with diff|'), first: 'Diffusion models', insert: 'diffusion models' },
    { name: 'several words before the cursor begin a multi-word label', text: PAPER.replace('denoise images.', 'denoise images. Generative adv|'), first: 'Generative adversarial networks', insert: 'Generative adversarial networks' },
    { name: 'an abbreviation offers the term (preferred label first) and itself', text: PAPER.replace('denoise images.', 'denoise images. Both VA|'), labels: ['Variational autoencoders', 'VAE'] },
    { name: 'an alias offers the preferred label', text: PAPER.replace('denoise images.', 'denoise images. The variational auto|'), labels: ['Variational autoencoders'], insert: 'variational autoencoders' },
    { name: 'explicit completion after a space lists every term', text: PAPER.replace('denoise images.', 'denoise images. |'), labels: ['Generative AI techniques', 'Generative adversarial networks', 'Variational autoencoders', 'Diffusion models', 'Ethical challenges'] },
    { name: 'while typing: nothing unless the setting is on', text: PAPER.replace('denoise images.', 'denoise images with diff|'), explicit: false, none: true },
    { name: 'while typing with the setting on', text: PAPER.replace('denoise images.', 'denoise images with diff|'), explicit: false, whileTyping: true, first: 'Diffusion models' },
    { name: 'not inside code', text: PAPER.replace('diff in code', 'diff| in code'), none: true },
    { name: 'not in front matter', text: PAPER.replace('title: A review', 'title: A diff|'), none: true },
    { name: 'not inside a citation', text: PAPER.replace('[@kingma2014]', '[@kingma2014, see diff|]'), none: true },
    { name: 'a key after @ is completed as a key, not a term', text: PAPER.replace('[@kingma2014]', '[@kingma2014; @gen|]'), none: true },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse({ '/r/paper.md': c.text, '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
      const result = getCompletions(analysis, f.path, f.offset, { explicit: c.explicit ?? true, providers: provider(c.whileTyping) });
      const terms = result?.items.filter((i) => i.kind === 'term') ?? [];
      if (c.none) {
        assert.deepEqual(terms.map((i) => i.label), []);
        return;
      }
      assert.ok(terms.length > 0, 'no term offered');
      const sorted = [...terms].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
      if (c.first) assert.equal(sorted[0].label, c.first);
      if (c.labels) assert.deepEqual(sorted.map((i) => i.label), c.labels);
      if (c.insert) assert.equal(sorted[0].insertText, c.insert);
      // What is replaced is what was typed, so the editor's filter keeps the item.
      const typed = f.files[f.path].slice(result!.span.start, f.offset).toLowerCase();
      for (const item of terms) assert.ok(item.filterText.toLowerCase().startsWith(typed), `${item.filterText} vs ${typed}`);
    });
  }

  test('an item shows the parent path, the description and how many works cover the term', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': PAPER.replace('denoise images.', 'denoise images with diff|'), '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
    const item = getCompletions(analysis, f.path, f.offset, { explicit: true, providers: provider() })!.items[0];
    assert.equal(item.detail, 'Generative AI techniques');
    assert.match(item.documentation!, /reverse a gradual noising process/);
    assert.match(item.documentation!, /Covered by 1 work \(cited where the term is used, or named by title or abstract\): Ho et al\. 2020 \(@ho2020\)/);
  });

  test('without a taxonomy nothing is offered', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': PAPER.replace('denoise images.', 'with diff|'), '/r/refs.bib': BIB });
    assert.equal(getCompletions(analysis, f.path, f.offset, { explicit: true, providers: provider() }), null);
  });
});

describe('term hover', () => {
  // The cursor is on the term; the hover's range is the «…» range.
  const cases: { name: string; excerpt: string; includes: string[]; excludes?: string[] }[] = [
    {
      name: 'an abbreviation describes its term, parent, other names and covering works',
      excerpt: '«V|AEs» encode',
      includes: ['**Variational autoencoders** (VAE)', 'latent distribution', 'Broader term: Generative AI techniques', 'variational auto-encoders', 'abbreviation VAE', 'Covered by 1 work (cited where the term is used, or named by title or abstract): Kingma & Welling 2014 (@kingma2014)',
        'Mentioned 1 time in the manuscript; cited in the same paragraphs: 2 works, Goodfellow et al. 2014 (@goodfellow2014); Kingma & Welling 2014 (@kingma2014)'],
    },
    {
      name: 'an alias says which label the taxonomy prefers',
      excerpt: '«S|core-based generative models»',
      includes: ['**Diffusion models**', 'is an alias: the taxonomy prefers “Diffusion models”'],
    },
    {
      name: 'a broader term counts works about its narrower terms and lists them',
      excerpt: '«E|thical challenges» remain',
      includes: ['Top-level term', 'No work covers this term: none is cited in a sentence that uses it, and no title, abstract or keywords name it.'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { f, analysis } = await analyse({ '/r/paper.md': mark(PAPER, c.excerpt), '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
      const hover = getTermHover(analysis, f.path, f.offset);
      assert.ok(hover, 'no hover');
      assert.deepEqual({ path: f.path, span: hover.span }, f.ranges[0]);
      for (const s of c.includes) assert.ok(hover.markdown.includes(s), `missing ${s} in\n${hover.markdown}`);
    });
  }

  test('a broader term is covered by the works of its narrower terms (up to five named)', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': mark(PAPER, '# A review of gen|erative AI'), '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
    // "generative AI" is not a term name; hover the first label in the section instead.
    assert.equal(getTermHover(analysis, f.path, f.offset), null);
    const at = cursorIn(f.files[f.path], 'Ge|nerative adversarial networks (GANs)');
    const hover = getTermHover(analysis, f.path, at)!;
    assert.match(hover.markdown, /Covered by 1 work/);
  });

  // Which works cover the VAE term (issue 16 item 7): cited in a sentence using it, or named by the work's own text.
  const covering: { name: string; paper: string; bib: string; works: string[] }[] = [
    {
      name: 'a title naming the term in other words and order ("Auto-Encoding Variational Bayes"), no abstract',
      paper: 'Some text.\n',
      bib: '@misc{kingma, title={Auto-Encoding Variational Bayes}, author={Kingma, D}, year=2014}\n',
      works: ['kingma'],
    },
    {
      name: 'a work cited in a sentence that uses the term, whatever its title',
      paper: 'VAEs encode data into a latent space [@other].\n',
      bib: '@misc{other, title={A survey of medicine}, author={Roe, R}, year=2019}\n',
      works: ['other'],
    },
    {
      name: 'cited in the same paragraph but another sentence: not covering',
      paper: 'VAEs encode data into a latent space. Hospitals adopt software [@other].\n',
      bib: '@misc{other, title={A survey of medicine}, author={Roe, R}, year=2019}\n',
      works: [],
    },
    {
      name: 'an abstract where the words only meet by chance: not covering',
      paper: 'Some text.\n',
      bib: '@misc{chance, title={Hospital logistics}, abstract={Variational methods for staff rota; encoders of shifts as tokens.}, year=2019}\n',
      works: [],
    },
  ];
  for (const c of covering) {
    test(`covering works: ${c.name}`, async () => {
      const { analysis } = await analyse({ '/r/paper.md': c.paper, '/r/refs.bib': c.bib, '/r/taxonomy.yaml': TAXONOMY });
      const vae = analysis.taxonomy!.byId.get('vae')!;
      const text = coveredBy(analysis, vae);
      if (c.works.length === 0) return assert.match(text, /^No work covers this term/);
      assert.match(text, new RegExp(`^Covered by ${c.works.length} work.*\\(@${c.works[0]}\\)`));
      // A broader term counts them too.
      assert.match(coveredBy(analysis, analysis.taxonomy!.byId.get('techniques')!), new RegExp(`@${c.works[0]}`));
    });
  }

  test('off a term there is no hover', async () => {
    const { f, analysis } = await analyse({ '/r/paper.md': mark(PAPER, 'pit two| networks'), '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
    assert.equal(getTermHover(analysis, f.path, f.offset), null);
  });
});

describe('taxonomy quick fixes', () => {
  const cases: { name: string; code: string; text: string; title: RegExp; fixed: string }[] = [
    {
      name: 'non-preferred term → the preferred label',
      code: 'non-preferred-term',
      text: PAPER,
      title: /Use the preferred term “Diffusion models”/,
      fixed: 'Diffusion models denoise images.',
    },
    {
      name: 'undefined abbreviation → its expansion at the first use',
      code: 'undefined-abbreviation',
      text: PAPER,
      title: /Define the abbreviation: write “variational autoencoders \(VAEs\)”|Define the abbreviation: write “Variational autoencoders \(VAEs\)”/,
      fixed: 'autoencoders (VAEs) encode data',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { analysis } = await analyse({ '/r/paper.md': c.text, '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
      const d = analysis.diagnostics.find((x) => x.code === c.code);
      assert.ok(d, `no ${c.code} diagnostic in ${analysis.diagnostics.map((x) => x.code).join(', ')}`);
      const actions = getCodeActions(analysis, '/r/paper.md', d.span, [d], taxonomyQuickFixes);
      assert.equal(actions.length, 1);
      assert.match(actions[0].title, c.title);
      assert.equal(actions[0].isPreferred, true);
      const fixed = applyEdits(c.text, actions[0].edits!.get('/r/paper.md')!);
      assert.ok(fixed.includes(c.fixed), fixed);
    });
  }

  test('a diagnostic without data offers nothing', async () => {
    const { analysis } = await analyse({ '/r/paper.md': PAPER, '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
    const d = analysis.diagnostics.find((x) => x.code === 'non-preferred-term')!;
    assert.deepEqual(getCodeActions(analysis, '/r/paper.md', d.span, [{ code: d.code, span: d.span }], taxonomyQuickFixes), []);
  });
});

test('non-preferred-term: not reported on a heading (it names a section; anchors point at it), reported in the prose', async () => {
  const text = '# Review\n\n## Score-based generative models\n\nScore-based generative models denoise images.\n';
  const { analysis } = await analyse({ '/r/paper.md': text, '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
  const found = analysis.diagnostics.filter((d) => d.code === 'non-preferred-term').map((d) => d.span.start);
  assert.deepEqual(found, [text.indexOf('Score-based generative models denoise')]);
});

describe('coverage report', () => {
  test('sections are the top-level headings; a section without citations is called out', async () => {
    const { analysis } = await analyse({ '/r/paper.md': PAPER, '/r/refs.bib': BIB, '/r/taxonomy.yaml': TAXONOMY });
    const report = coverageReport(analysis)!;
    assert.deepEqual(report.coverage.sections.map((s) => s.title), ['Techniques', 'Ethics']);
    assert.deepEqual(report.sectionCitations, [2, 0]);
    const gan = report.coverage.terms.find((t) => t.id === 'gan')!;
    assert.deepEqual(gan.cells.map((c) => [c.mentions, c.works]), [[2, ['goodfellow2014', 'kingma2014']], [1, []]]);
    const md = coverageReportToMarkdown(report);
    assert.match(md, /\*\*Sections citing no work:\*\* S2 \(Ethics\)\./);
    assert.match(md, /^- S2: Ethics — \*\*cites no work\*\*$/m);
    const json = JSON.parse(coverageReportToJson(report)) as { version: number; sections: { citations: number }[] };
    assert.equal(json.version, 1);
    assert.deepEqual(json.sections.map((s) => s.citations), [2, 0]);
  });

  test('without a taxonomy there is no report', async () => {
    const { analysis } = await analyse({ '/r/paper.md': PAPER, '/r/refs.bib': BIB });
    assert.equal(coverageReport(analysis), null);
  });

  test('the example: the clinical-applications and challenges sections cite no work', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'examples', 'genai-healthcare');
    const files = Object.fromEntries(['manuscript.md', 'references.bib', 'taxonomy.yaml'].map((n) => [`/ex/${n}`, readFileSync(join(dir, n), 'utf8')]));
    const service = createCitelensService(MemoryWorkspace.of(files, ['/ex']));
    const analysis = await service.analyze('/ex/manuscript.md');
    const report = coverageReport(analysis)!;
    const silent = report.coverage.sections.filter((_, i) => report.sectionCitations[i] === 0).map((s) => s.title);
    assert.ok(silent.some((t) => /Clinical Applications/.test(t)), silent.join(' | '));
    assert.ok(silent.some((t) => /Ethical, Legal, and Social Challenges/.test(t)), silent.join(' | '));
    assert.ok(!silent.some((t) => /^(1\. Introduction|3\. Generative AI Techniques)/.test(t)), silent.join(' | '));
    assert.ok(!report.coverage.sections.some((s) => s.title === 'References'), 'the reference list is not a section');
    // Hover on "VAEs" in the example describes variational autoencoders.
    const text = analysis.files[0].text;
    const hover = getTermHover(analysis, '/ex/manuscript.md', cursorIn(text, 'such as Generative Adversarial Networks (GANs), Variational Autoencoders (V|AEs)'))!;
    assert.match(hover.markdown, /Variational autoencoders/);
    assert.match(hover.markdown, /Mentioned \d+ times in the manuscript; cited in the same paragraphs: \d+ works, \\\[\d+\\\] \w+/);
  });
});
