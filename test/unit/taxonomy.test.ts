import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeCoverage, type CoverageSection } from '../../server/src/service/taxonomy/coverage';
import { coverageToJson, coverageToMarkdown } from '../../server/src/cli/coverageReport';
import type { Taxonomy, TermUse } from '../../server/src/service/taxonomy/model';
import { parseTaxonomy } from '../../server/src/service/taxonomy/parseTaxonomy';
import { nonPreferredTerms, undefinedAbbreviations } from '../../server/src/service/taxonomy/termChecks';
import { conceptsOf, findTermUses } from '../../server/src/service/taxonomy/termMatcher';
import type { Span } from '../../server/src/service/types';
import { taxonomyValidatorSource, validatorPath } from '../../scripts/generateTaxonomyValidator';
import { parseMarked } from '../helpers/markers';
import { repoRoot, sharedDir, skipWithoutShared } from '../helpers/shared';

const fixtures = join(__dirname, '..', 'fixtures', 'taxonomy');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const mini = parseTaxonomy('file:///mini.yaml', fixture('mini.yaml'));

/** 1-based line of an offset, as an author would look for it. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Problems as an author sees them: `line: message`. */
function problemLines(tax: Taxonomy, text: string): string[] {
  return tax.problems.map((p) => `${lineOf(text, p.span.start)}: ${p.message}`);
}

/** Uses as `surface=termId/kind`. */
function uses(text: string, excluded: Span[] = [], tax: Taxonomy = mini): string[] {
  return findTermUses(tax, text, excluded).map((u) => `${u.surface}=${u.termId}/${u.kind}`);
}

describe('taxonomy: reading files', () => {
  it('reads a YAML tree with a flat entry placed by parent', () => {
    const text = fixture('mini.yaml');
    assert.deepEqual(mini.problems, []);
    assert.equal(mini.title, 'Mini');
    assert.deepEqual(
      mini.terms.map((t) => `${'  '.repeat(t.depth)}${t.id}`),
      ['techniques', '  gan', '  diffusion', '  llm', '  lm', 'applications', '  imaging', '  ehr', 'fairness'],
    );
    assert.deepEqual(mini.rootIds, ['techniques', 'applications', 'fairness']);
    const gan = mini.byId.get('gan');
    assert.ok(gan);
    assert.equal(gan.parentId, 'techniques');
    assert.deepEqual(gan.aliases, ['GAN-based models', 'adversarial nets']);
    assert.equal(gan.abbreviation, 'GAN');
    assert.deepEqual(gan.path, ['Generative AI techniques', 'Generative adversarial networks']);
    assert.equal(text.slice(gan.labelSpan.start, gan.labelSpan.end), 'Generative adversarial networks');
    assert.equal(text.slice(gan.idSpan.start, gan.idSpan.end), 'gan');
    assert.match(text.slice(gan.span.start, gan.span.end), /^id: gan\n[\s\S]*trained against each other/);
    assert.deepEqual(mini.byId.get('applications')?.childrenIds, ['imaging', 'ehr']);
    assert.deepEqual(mini.byId.get('ehr')?.path, ['Clinical applications', 'Electronic health records']);
  });

  it('reads the same taxonomy from JSON, a bare list too', () => {
    const json = fixture('genai-healthcare.json');
    const fromJson = parseTaxonomy('file:///t.json', json);
    const fromYaml = parseTaxonomy('file:///t.yaml', readFileSync(join(repoRoot, 'examples', 'genai-healthcare', 'taxonomy.yaml'), 'utf8'));
    assert.deepEqual(fromJson.problems, []);
    const shape = (t: Taxonomy) => t.terms.map((x) => [x.id, x.label, x.aliases, x.abbreviation, x.description, x.parentId]);
    assert.deepEqual(shape(fromJson), shape(fromYaml));
    const vae = fromJson.byId.get('vae');
    assert.ok(vae);
    assert.equal(json.slice(vae.labelSpan.start, vae.labelSpan.end), '"Variational autoencoders"');

    const list = parseTaxonomy('file:///l.json', '[{"id": "a", "label": "Alpha", "children": [{"id": "b", "label": "Beta"}]}]');
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.terms.map((t) => `${t.id}:${t.depth}`), ['a:0', 'b:1']);
  });

  it('accepts every key the JSON schema allows, and the example follows the schema', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'taxonomy.schema.json'), 'utf8'));
    const keys = Object.keys(schema.definitions.term.properties);
    assert.deepEqual(schema.definitions.term.required, ['id', 'label']);
    const term: Record<string, unknown> = { id: 'p', label: 'P', aliases: ['q'], abbreviation: 'PQ', description: 'd', children: [] };
    const text = JSON.stringify({ title: 'T', description: 'd', version: 1, 'x-tool': true, terms: [{ id: 'r', label: 'R' }, { ...term, parent: 'r' }] });
    assert.deepEqual(keys.sort(), [...Object.keys(term), 'parent'].sort());
    assert.deepEqual(parseTaxonomy('file:///s.json', text).problems, []);
  });

  it('validates with the validator generated from the schema as it is (regenerate after editing the schema)', () => {
    assert.equal(
      readFileSync(validatorPath, 'utf8'),
      taxonomyValidatorSource(),
      'run: node --import tsx scripts/generateTaxonomyValidator.ts',
    );
  });

  it('keeps offsets in UTF-16 code units after non-ASCII text', () => {
    const text = '# 😀 émoji\nterms:\n  - id: a\n    label: Ünïcode 😀 label\n';
    const tax = parseTaxonomy('file:///u.yaml', text);
    const a = tax.byId.get('a');
    assert.ok(a);
    assert.equal(text.slice(a.labelSpan.start, a.labelSpan.end), 'Ünïcode 😀 label');
  });

  const broken: { name: string; text: string; uri?: string; expect: string[]; loads?: string[] }[] = [
    {
      name: 'unclosed flow sequence',
      text: 'terms:\n  - id: a\n    label: A\n    aliases: [x, y\n  - id: b\n    label: B\n',
      expect: ['4: Taxonomy YAML: This “[” is never closed'],
    },
    {
      name: 'bad indentation',
      text: 'terms:\n  - id: a\n    label: A\n   description: x\n',
      expect: ['4: Taxonomy YAML: '],
    },
    {
      name: 'a YAML key twice',
      text: 'terms:\n  - id: a\n    label: A\n    label: B\n',
      expect: ['4: Taxonomy YAML: Map keys must be unique'],
      loads: ['a'],
    },
    {
      name: 'trailing comma in strict JSON',
      uri: 'file:///t.json',
      text: '{\n  "terms": [\n    {"id": "a", "label": "A"},\n  ]\n}\n',
      expect: ['4: Taxonomy JSON: Trailing comma before “]”'],
      loads: ['a'],
    },
    {
      name: 'missing id: term dropped, its children move up',
      text: 'terms:\n  - id: a\n    label: A\n    children:\n      - label: No id\n        children:\n          - id: c\n            label: C\n',
      expect: ['5: This term has no “id”'],
      loads: ['a', 'c'],
    },
    {
      name: 'missing label: the id stands in',
      text: 'terms:\n  - id: lonely\n',
      expect: ['2: The term “lonely” has no “label”'],
      loads: ['lonely'],
    },
    {
      name: 'wrong types',
      text: 'terms:\n  - id: 7\n    label: [A]\n    aliases: just one\n    children: nope\n',
      expect: ['2: “id” must be a string', '3: “label” must be a string', '4: “aliases” must be a list', '5: “children” must be a list of terms'],
      loads: ['7'],
    },
    {
      name: 'unknown key',
      text: 'terms:\n  - id: a\n    label: A\n    alias: [b]\n    x-note: fine\n',
      expect: ['4: Unknown term key “alias” (did you mean “aliases”?)'],
      loads: ['a'],
    },
    {
      name: 'duplicate ids',
      text: 'terms:\n  - id: a\n    label: A\n  - id: a\n    label: Another A\n    children:\n      - id: c\n        label: C\n',
      expect: ['4: The id “a” is already used by “A”; give this term its own id'],
      loads: ['a', 'c'],
    },
    {
      name: 'a name given to two terms (same words up to inflection)',
      text: 'terms:\n  - id: a\n    label: Diffusion models\n  - id: b\n    label: B\n    aliases: [diffusion model]\n',
      expect: ['6: “diffusion model” also names “Diffusion models” (a)'],
      loads: ['a', 'b'],
    },
    {
      name: 'an abbreviation given to two terms',
      text: 'terms:\n  - id: a\n    label: A\n    abbreviation: CT\n  - id: b\n    label: B\n    abbreviation: CT\n',
      expect: ['7: The abbreviation “CT” is already used by “A”'],
    },
    {
      name: 'cycle through parent keys',
      text: 'terms:\n  - id: a\n    label: A\n    parent: c\n  - id: b\n    label: B\n    parent: a\n  - id: c\n    label: C\n    parent: b\n  - id: d\n    label: D\n    parent: a\n',
      expect: ['4: The parents form a cycle: a → c → b → a'],
      loads: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'unknown parent',
      text: 'terms:\n  - id: a\n    label: A\n    parent: nowhere\n',
      expect: ['4: Unknown parent “nowhere” of “a”: no term has this id'],
      loads: ['a'],
    },
    {
      name: 'parent contradicts nesting',
      text: 'terms:\n  - id: a\n    label: A\n  - id: b\n    label: B\n    children:\n      - id: c\n        label: C\n        parent: a\n',
      expect: ['9: “c” is nested under “b” but names “a” as parent; keep one'],
    },
    {
      name: 'what the schema rejects beyond terms: a title that is not text, an empty abbreviation',
      text: 'title: 5\nterms:\n  - id: a\n    label: A\n    abbreviation: ""\n    aliases:\n    children:\n',
      expect: ['1: “title” must be a string; quote it', '5: The abbreviation of “a” is empty'],
      loads: ['a'],
    },
    {
      name: 'a scalar instead of terms',
      text: 'just text\n',
      expect: ['1: The taxonomy must be a list of terms or a mapping with a “terms:” list'],
    },
    {
      name: 'a mapping without terms',
      text: 'title: T\nterm:\n  - id: a\n',
      expect: ['2: Unknown top-level key “term”', '1: The taxonomy has no “terms:” list'],
    },
  ];
  for (const c of broken) {
    it(`diagnoses ${c.name}`, () => {
      const tax = parseTaxonomy(c.uri ?? 'file:///t.yaml', c.text);
      const got = problemLines(tax, c.text);
      assert.equal(got.length, c.expect.length, `problems: ${JSON.stringify(got)}`);
      c.expect.forEach((e, i) => assert.ok(got[i].startsWith(e), `expected “${e}…”, got “${got[i]}”`));
      for (const p of tax.problems) {
        assert.equal(p.code, 'taxonomy-syntax');
        assert.ok(p.span.start >= 0 && p.span.end <= c.text.length && p.span.end > p.span.start, 'visible span in the text');
      }
      if (c.loads) assert.deepEqual(tax.terms.map((t) => t.id).sort(), [...c.loads].sort());
    });
  }

  it('places the terms of a broken cycle as a tree', () => {
    const tax = parseTaxonomy('file:///t.yaml', broken.find((c) => c.name.startsWith('cycle'))?.text ?? '');
    assert.deepEqual(tax.rootIds, ['a']);
    assert.deepEqual(tax.terms.map((t) => `${t.id}:${t.depth}`), ['a:0', 'b:1', 'c:2', 'd:1']);
  });

  it('never throws, and keeps spans inside the text', () => {
    const example = fixture('mini.yaml');
    const mutated = fc.tuple(fc.nat(example.length), fc.nat(40), fc.string()).map(([at, cut, insert]) =>
      example.slice(0, at) + insert + example.slice(at + cut),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated), (text) => {
        const tax = parseTaxonomy('file:///f.yaml', text);
        for (const p of tax.problems) assert.ok(p.span.start >= 0 && p.span.end <= Math.max(text.length, 1));
        for (const t of tax.terms) assert.ok(tax.byId.get(t.id) === t);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });
});

describe('taxonomy: finding terms in prose', () => {
  // `«…»` in a text is an excluded span (code, a comment, math), as `helpers/markers.ts` writes ranges.
  const table: { name: string; text: string; expect: string[] }[] = [
    { name: 'label, any case', text: 'DIFFUSION MODELS and Diffusion models', expect: ['DIFFUSION MODELS=diffusion/label', 'Diffusion models=diffusion/label'] },
    { name: 'singular and inflected', text: 'a diffusion model; diffusion modeling', expect: ['diffusion model=diffusion/label', 'diffusion modeling=diffusion/label'] },
    { name: 'longest match wins', text: 'large language models beat language models', expect: ['large language models=llm/label', 'language models=lm/label'] },
    { name: 'alias', text: 'adversarial nets and GAN-based models', expect: ['adversarial nets=gan/alias', 'GAN-based models=gan/alias'] },
    { name: 'abbreviation with plural s, case-sensitive', text: 'GANs, GAN, gans, Gan, GANS, LLMs', expect: ['GANs=gan/abbreviation', 'GAN=gan/abbreviation', 'LLMs=llm/abbreviation'] },
    { name: 'abbreviation inside a hyphenated word', text: 'GAN-based augmentation', expect: ['GAN=gan/abbreviation'] },
    { name: 'word boundaries', text: 'organs, preGAN, GANome, imagingly', expect: [] },
    { name: 'across a line break and emphasis', text: '*Diffusion*\nmodels and large-language models', expect: ['Diffusion*\nmodels=diffusion/label', 'large-language models=llm/label'] },
    { name: 'not across punctuation or a paragraph', text: 'diffusion, models. Diffusion\n\nmodels', expect: [] },
    { name: 'derivations are not inflections', text: 'fair, fairness, equitable, equity', expect: ['fairness=fairness/label', 'equity=fairness/alias'] },
    {
      name: 'excluded spans are skipped',
      text: '«`diffusion models`» and «<!-- GANs -->» diffusion models',
      expect: ['diffusion models=diffusion/label'],
    },
    { name: 'a name cut by an excluded span does not match', text: 'diffusion «$x$» models', expect: [] },
  ];
  for (const c of table) {
    it(c.name, () => {
      const { text, ranges } = parseMarked(c.text);
      assert.deepEqual(uses(text, ranges), c.expect);
    });
  }

  it('finds every word when every word is a term (the quick start filter loses nothing)', () => {
    const tricky = 'say says said dies died flies studies abilities analyses happily relational rational ' +
      'hoping hopping adding sky skies Ünïcode ÉCOLE écoles ai AI x-ray X-rays ies';
    const seedPath = join(sharedDir, 'seed', 'genai-healthcare-review.md');
    const seed = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : '';
    for (const text of [tricky, tricky + '\n' + fixture('review.md') + seed]) {
      const words = [...new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])];
      const yaml = 'terms:\n' + words.map((w, i) => `  - id: w${i}\n    label: "${w}"\n`).join('');
      const everyWord = parseTaxonomy('file:///all.yaml', yaml);
      const found = findTermUses(everyWord, text, []).map((u) => u.surface);
      assert.deepEqual(found, text.match(/[\p{L}\p{N}]+/gu));
    }
  });

  it('reports spans as UTF-16 offsets of the text', () => {
    const text = '😀 é — Diffusion models (GANs)';
    for (const u of findTermUses(mini, text, [])) assert.equal(text.slice(u.span.start, u.span.end), u.surface);
    assert.deepEqual(uses(text), ['Diffusion models=diffusion/label', 'GANs=gan/abbreviation']);
  });

  it('lists the concepts of a text, with ancestors on request', () => {
    const text = 'GANs for medical imaging; more GANs.';
    assert.deepEqual(conceptsOf(mini, text), ['gan', 'imaging']);
    assert.deepEqual(conceptsOf(mini, text, { includeAncestors: true }), ['gan', 'techniques', 'imaging', 'applications']);
  });
});

describe('taxonomy: term checks', () => {
  const check = (text: string) => {
    const found = findTermUses(mini, text, []);
    return {
      nonPreferred: nonPreferredTerms(found, mini, 'file:///r.md').map((p) => ({
        at: text.slice(p.span.start, p.span.end),
        message: p.message,
        data: p.data,
      })),
      undefined: undefinedAbbreviations(text, found, mini, 'file:///r.md').map((p) => ({
        at: p.span,
        message: p.message,
        data: p.data,
        related: p.related?.map((r) => text.slice(r.span.start, r.span.end)),
      })),
    };
  };

  it('reports aliases with the preferred label, cased like the text', () => {
    const r = check('Adversarial nets work. Many GAN-based models exist, as do Generative adversarial networks and GANs.');
    assert.deepEqual(r.nonPreferred, [
      {
        at: 'Adversarial nets',
        message: 'The taxonomy prefers “Generative adversarial networks” to its alias “Adversarial nets”.',
        data: { replacement: 'Generative adversarial networks', termId: 'gan' },
      },
      {
        at: 'GAN-based models',
        message: 'The taxonomy prefers “Generative adversarial networks” to its alias “GAN-based models”.',
        data: { replacement: 'Generative adversarial networks', termId: 'gan' },
      },
    ]);
    assert.deepEqual(check('we value equity').nonPreferred.map((p) => p.data), [{ replacement: 'fairness', termId: 'fairness' }]);
  });

  it('does not report labels, abbreviations, or aliases in another word form', () => {
    assert.deepEqual(check('Generative adversarial networks (GANs) and diffusion models; GANs.').nonPreferred, []);
    // `score-based modeling` is a use of the alias `score-based models` (for coverage and topic fit),
    // but "diffusion models" cannot replace it word for word.
    assert.deepEqual(uses('score-based modeling'), ['score-based modeling=diffusion/alias']);
    assert.deepEqual(check('score-based modeling').nonPreferred, []);
    assert.deepEqual(check('an adversarial net').nonPreferred.map((p) => p.at), ['adversarial net']);
  });

  it('reports the first use of an abbreviation before its definition, once', () => {
    const { text, ranges } = parseMarked('Early «GANs» appear. More GANs. Later, generative adversarial networks (GANs) are defined.');
    assert.deepEqual(check(text).undefined, [
      {
        at: ranges[0],
        message: '“GANs” is used before it is defined; write “generative adversarial networks (GANs)” here, at its first use.',
        data: { expansion: 'generative adversarial networks (GANs)', termId: 'gan', abbreviation: 'GAN' },
        related: ['generative adversarial networks (GANs)'],
      },
    ]);
  });

  it('reports an abbreviation that is never defined, with an expansion of the right number and case', () => {
    const { text, ranges } = parseMarked('The «EHR» is digital. «LLMs» write notes; an LLM writes.');
    const r = check(text);
    assert.deepEqual(
      r.undefined.map((u) => [u.at, (u.data as { expansion: string }).expansion]),
      [
        [ranges[0], 'electronic health record (EHR)'],
        [ranges[1], 'Large language models (LLMs)'],
      ],
    );
    assert.match(r.undefined[0].message, /^“EHR” is never defined; write “electronic health record \(EHR\)” at its first use\.$/);
  });

  const defined: [string, string][] = [
    ['label then abbreviation', 'Generative adversarial networks (GANs) are old. GANs work.'],
    ['a long form the letters spell', 'Generative Adversarial Nets (GAN) came first; GANs followed.'],
    ['abbreviation then label', 'GANs (generative adversarial networks) work. GANs again.'],
    ['an all-caps heading', '# GENERATIVE ADVERSARIAL NETWORKS (GANS)\n\nGANs work.'],
  ];
  for (const [name, text] of defined) {
    it(`accepts a definition: ${name}`, () => assert.deepEqual(check(text).undefined, []));
  }

  it('does not take a parenthesis after unrelated words for a definition', () => {
    const { text, ranges } = parseMarked('The best approach («GAN») wins.');
    assert.deepEqual(check(text).undefined.map((u) => u.at), ranges);
  });

  it('does not take a definition inside code for one', () => {
    const { text, ranges: code } = parseMarked('«`generative adversarial networks (GANs)`» then GANs.');
    const found = findTermUses(mini, text, code);
    const problems = undefinedAbbreviations(text, found, mini, 'file:///r.md', { excluded: code });
    assert.deepEqual(problems.map((p) => text.slice(p.span.start, p.span.end)), ['GANs']);
  });

  it('accepts abbreviations that earlier chapters define', () => {
    const text = 'GANs, again.';
    const found = findTermUses(mini, text, []);
    assert.deepEqual(undefinedAbbreviations(text, found, mini, 'file:///c2.md', { alreadyDefined: ['GAN'] }), []);
  });
});

/** Sections of a Markdown text from its ATX headings (the manuscript parser does this for real). */
function sectionsOf(text: string): CoverageSection[] {
  const headings = [...text.matchAll(/^(#{1,6})\s+(.*)$/gm)].map((m) => ({ depth: m[1].length, title: m[2], start: m.index }));
  const stack: { depth: number; title: string }[] = [];
  return headings.map((h, i) => {
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    stack.push(h);
    return {
      title: h.title,
      span: { start: h.start, end: headings[i + 1]?.start ?? text.length },
      headingPath: stack.map((s) => s.title),
    };
  });
}

/** Numeric citations `[1, 3]` with their numbers as work ids. */
function citationsOf(text: string): { span: Span; workIds: string[] }[] {
  return [...text.matchAll(/\[(\d+(?:,\s*\d+)*)\]/g)].map((m) => ({
    span: { start: m.index, end: m.index + m[0].length },
    workIds: m[1].split(/,\s*/),
  }));
}

describe('taxonomy: coverage', () => {
  const text = fixture('review.md');
  const input = {
    taxonomy: mini,
    uri: 'file:///review.md',
    text,
    sections: sectionsOf(text),
    uses: findTermUses(mini, text, []),
    citations: citationsOf(text),
  };
  const coverage = computeCoverage(input);
  const row = (id: string) => {
    const r = coverage.terms.find((t) => t.id === id);
    assert.ok(r, id);
    return r;
  };
  const cells = (id: string) => row(id).cells.map((c) => (c.mentions === 0 ? '' : `${c.mentions}/${c.works.join('+')}`));

  it('counts mentions and the works cited in the same paragraph, per section', () => {
    assert.deepEqual(coverage.sections.map((s) => s.title), ['Review', 'Techniques', 'Applications']);
    assert.deepEqual(cells('gan'), ['', '2/1+2+3', '1/1+3']);
    assert.deepEqual(cells('diffusion'), ['', '1/1+2+3', '1/1+3']);
    assert.deepEqual(cells('llm'), ['', '3/', '']);
    // A parent counts its children's mentions: GANs, diffusion models, LLMs.
    assert.deepEqual(cells('techniques'), ['', '6/1+2+3', '2/1+3']);
    assert.deepEqual(row('techniques').works, ['1', '2', '3']);
  });

  it('counts works per sentence when given sentences as units', () => {
    const sentences = [...text.matchAll(/[^.\n][^.]*\.(?:\s*\[[\d, ]+\])?/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const bySentence = computeCoverage({ ...input, units: sentences });
    const gan = bySentence.terms.find((t) => t.id === 'gan');
    const diffusion = bySentence.terms.find((t) => t.id === 'diffusion');
    assert.deepEqual(gan?.cells.map((c) => c.works.join('+')), ['', '1', '1+3']);
    assert.deepEqual(diffusion?.cells.map((c) => c.works.join('+')), ['', '2+3', '1+3']);
  });

  it('flags terms mentioned without a cited work, and terms never mentioned', () => {
    assert.deepEqual(coverage.terms.filter((t) => t.unsupported).map((t) => t.id), ['llm', 'fairness']);
    assert.deepEqual(coverage.terms.filter((t) => t.unmentioned).map((t) => t.id), ['lm', 'ehr']);
    assert.deepEqual(coverage.totals, { terms: 9, mentioned: 7, unsupported: 2, unmentioned: 2, works: 3 });
  });

  it('keeps the first mention of each cell for jump-to-text', () => {
    const first = row('gan').cells[2].first;
    assert.ok(first);
    assert.equal(first.uri, 'file:///review.md');
    assert.equal(text.slice(first.span.start, first.span.end), 'GANs');
    assert.equal(lineOf(text, first.span.start), 11);
  });

  it('can count terms on their own', () => {
    const own = computeCoverage({ ...input, includeDescendants: false });
    assert.equal(own.terms.find((t) => t.id === 'techniques')?.mentions, 0);
  });

  it('renders Markdown and JSON', () => {
    const md = coverageToMarkdown(coverage);
    assert.match(md, /^# Taxonomy coverage: Mini$/m);
    assert.match(md, /^\| · Generative adversarial networks \|  \| 2\/3 \| 1\/2 \| 3 \| 3 \|  \|$/m);
    assert.match(md, /^\| · Large language models \|  \| 3\/0 \|  \| 3 \| 0 \| ⚠ no cited work \|$/m);
    assert.match(md, /^- S2: Review › Techniques$/m);
    const json = JSON.parse(coverageToJson(coverage));
    assert.equal(json.version, 1);
    assert.deepEqual(json.terms[1].cells[1], { mentions: 2, works: ['1', '2', '3'], first: { uri: 'file:///review.md', span: row('gan').cells[1].first?.span } });
  });

  it('counts the works of the bibliography that are about each term', () => {
    const withBib = computeCoverage({
      ...input,
      bibliography: [
        { id: 'goodfellow2014', text: 'Generative adversarial nets' },
        { id: 'nichol2021', text: 'Improved denoising diffusion models' },
        { id: 'obermeyer2019', text: 'Dissecting racial bias in an algorithm' },
      ],
    });
    const bib = (id: string) => withBib.terms.find((t) => t.id === id)?.bibliographyWorks;
    assert.deepEqual(bib('gan'), ['goodfellow2014']);
    assert.deepEqual(bib('diffusion'), ['nichol2021']);
    assert.deepEqual(bib('techniques'), ['goodfellow2014', 'nichol2021']);
    assert.deepEqual(bib('fairness'), []);
  });
});

describe('taxonomy: the example workspace', () => {
  const exampleText = readFileSync(join(repoRoot, 'examples', 'genai-healthcare', 'taxonomy.yaml'), 'utf8');
  const example = parseTaxonomy('file:///taxonomy.yaml', exampleText);
  const seedPath = join(sharedDir, 'seed', 'genai-healthcare-review.md');

  it('parses without problems, every term described', () => {
    assert.deepEqual(problemLines(example, exampleText), []);
    assert.deepEqual(example.rootIds, ['techniques', 'applications', 'challenges']);
    assert.deepEqual(example.terms.filter((t) => !t.description).map((t) => t.id), []);
    assert.equal(
      example.byId.get('vae')?.description,
      'Variational autoencoders: probabilistic generative models that encode data into a latent distribution and decode samples from it',
    );
  });

  it('finds the terms of the seed manuscript', { skip: skipWithoutShared || (!existsSync(seedPath) && 'no seed manuscript') }, () => {
    const seed = readFileSync(seedPath, 'utf8');
    const found: TermUse[] = findTermUses(example, seed, []);
    const surfaces = new Set(found.map((u) => `${u.surface}=${u.termId}`));
    assert.ok(surfaces.has('diffusion models=diffusion'));
    assert.ok(surfaces.has('VAEs=vae'));
    assert.ok(surfaces.has('Large Language Models=llm'));
    const undefinedOnes = undefinedAbbreviations(seed, found, example, 'file:///seed.md').map((p) => seed.slice(p.span.start, p.span.end));
    // GANs, VAEs, LLMs, EHR and XAI are defined where first used; these are never defined.
    assert.deepEqual(undefinedOnes.sort(), ['CT', 'GDPR', 'HIPAA', 'MRI']);
    const aliases = nonPreferredTerms(found, example, 'file:///seed.md').map((p) => seed.slice(p.span.start, p.span.end));
    assert.ok(aliases.includes('Explain ability'), 'the heading typo is caught');
  });
});
