/**
 * When a poor topic fit becomes `off-topic-citation` (topicFit/calibration.ts) and how it is worded
 * (topicFit/explanation.ts): evidence, the paragraph's second opinion, the vetoes (the work cited again in the
 * paragraph, named by its author or a distinctive name, cited narratively), short claims, and the message's
 * shape. Pure functions by tables; the decision end to end on a small manuscript whose works have abstracts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calibrationFor, DEFAULT_CALIBRATION, evidenceOf, isOffTopic, nameInClaim, type FitEvidence } from '../../server/src/service/topicFit/calibration';
import { familyNames } from '../../server/src/service/topicFit/citedWorks';
import { citationClause, poorFitMessage } from '../../server/src/service/topicFit/explanation';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { FOUR_TOPICS_BIB } from '../helpers/topicFitWorks';

describe('the decision', () => {
  const low: FitEvidence = { score: 0.02, judgeable: true, evidence: 'abstract', paragraphScore: 0.05, citedElsewhereInParagraph: false, namedInClaim: undefined };
  const table: [string, Partial<FitEvidence>, boolean][] = [
    ['a low fit, its paragraph fitting poorly too', {}, true],
    ['not judgeable', { judgeable: false }, false],
    ['at the abstract threshold', { score: DEFAULT_CALIBRATION.abstract.score }, false],
    ['the paragraph fits the work', { paragraphScore: 0.5 }, false],
    ['cited again in the paragraph', { citedElsewhereInParagraph: true }, false],
    ['the sentence names the author', { namedInClaim: 'Smith' }, false],
    ['title only, below its own threshold', { evidence: 'title', score: 0.09, paragraphScore: 0.05 }, true],
    ['title only, its paragraph above its own bar', { evidence: 'title', paragraphScore: 0.15 }, false],
  ];
  for (const [name, change, flagged] of table) {
    test(name, () => assert.equal(isOffTopic({ ...low, ...change }, DEFAULT_CALIBRATION), flagged));
  }

  test('the user threshold scales both rules; 1 stays "no paragraph condition"', () => {
    const cal = calibrationFor(0.14);
    assert.equal(cal.abstract.score, 0.14);
    assert.ok(Math.abs(cal.title.score - 2 * DEFAULT_CALIBRATION.title.score) < 1e-12);
    assert.deepEqual(calibrationFor(0.07, { abstract: { score: 0.07, paragraph: 1 }, title: { score: 0.07, paragraph: 1 } }).abstract, { score: 0.07, paragraph: 1 });
    assert.deepEqual(calibrationFor(DEFAULT_CALIBRATION.abstract.score), DEFAULT_CALIBRATION);
  });
});

describe('evidence and names', () => {
  test('an abstract of 15 words or more (or keywords) is abstract evidence', () => {
    assert.equal(evidenceOf({ id: 'a', title: 'T', abstract: 'word '.repeat(15) }), 'abstract');
    assert.equal(evidenceOf({ id: 'a', title: 'T', abstract: 'A short subtitle' }), 'title');
    assert.equal(evidenceOf({ id: 'a', title: 'T', keywords: ['protein folding', 'structure prediction', 'deep learning', 'alphafold', 'casp', 'evolutionary couplings', 'templates', 'accuracy', 'benchmarks', 'structures', 'contact maps'] }), 'abstract');
  });

  const works = (word: string): number => ({ hetionet: 1, mri: 12, network: 9, sci: 43, hub: 45, scikit: 1, learn: 20 })[word] ?? 0;
  const table: [string, string, Parameters<typeof nameInClaim>[1], string | undefined][] = [
    ['the first author, capitalised', 'As Himmelstein et al. showed, graphs help.', { id: 'w', title: 'Graphs', authors: ['Himmelstein', 'Baranzini'] }, 'Himmelstein'],
    ['a later author is no name', 'As Baranzini showed, graphs help.', { id: 'w', title: 'Graphs', authors: ['Himmelstein', 'Baranzini'] }, undefined],
    ['the author in lower case is a word', 'We green the lab.', { id: 'w', title: 'X', authors: ['Green'] }, undefined],
    ['a distinctive name from the abstract', 'Hetionet integrates 29 resources.', { id: 'w', title: 'Systematic integration', abstract: 'We built Hetionet, a network.' }, 'Hetionet'],
    ['a mixed-case name from the title', 'Embeddings such as TransE work well.', { id: 'w', title: 'Translating embeddings (TransE) for relations' }, 'TransE'],
    ['a capitalised word at a sentence start is no name', 'Network methods help.', { id: 'w', title: 'Integration. Network analysis' }, undefined],
    ['a common word is no name even when capitalised inside', 'The Network is big.', { id: 'w', title: 'A study of the Network' }, undefined],
    // The bibliography's words split at hyphens: a hyphenated name counts as its least used part, not as unused.
    ['a hyphenated name most works use is no name', 'Downloads from Sci-Hub grew.', { id: 'w', title: 'Looking into the content of Sci-Hub' }, undefined],
    ['a hyphenated name with a rare part is a name', 'Models built with scikit-Learn work.', { id: 'w', title: 'Machine learning in Python with scikit-Learn' }, 'scikit-Learn'],
    // "Name: what it is" titles (tools, packages, datasets): the name, in any case when 4+ letters long.
    ['a tool named by the head of its title, in lower case', 'This book is written with bookdown.', { id: 'w', title: 'bookdown: Authoring Books and Technical Documents with R Markdown' }, 'bookdown'],
    ['a one-letter head with a capital, same case', 'Analyses ran in R.', { id: 'w', title: 'R: A Language and Environment for Statistical Computing' }, 'R'],
    ['a short head in another case is no name', 'The r value was small.', { id: 'w', title: 'R: A Language and Environment for Statistical Computing' }, undefined],
    ['a head of two words is no name', 'Deep models help.', { id: 'w', title: 'Deep learning: a review' }, undefined],
    // The title's acronym (a tool, standard or dataset cited by it; seen in an R package's validation vignette).
    ['the acronym of the title', 'This data was entered into ASAP 2008.', { id: 'w', title: 'AGATE Statistical Analysis Program' }, 'ASAP'],
    ['an acronym with a version after it', 'CMH-17-1G provides an example data set.', { id: 'w', title: 'Composite Materials Handbook, Volume 1' }, 'CMH-17-1G'],
    ['an acronym skipping function words', 'The package is described in JSS.', { id: 'w', title: 'Journal of Statistical Software' }, 'JSS'],
    ['an acronym of content words', 'Terms come from HPO annotations.', { id: 'w', title: 'The Human Phenotype Ontology in 2021' }, 'HPO'],
    ['an acronym most works use is no name', 'MRI scans of the brain.', { id: 'w', title: 'Magnetic resonance imaging of the knee' }, undefined],
    ['capitals that are no initials of the title', 'The NIH funded it.', { id: 'w', title: 'Networks in health care' }, undefined],
  ];
  for (const [name, claim, work, expected] of table) test(name, () => assert.equal(nameInClaim(claim, work, works), expected));

  test('family names from BibTeX author fields', () => {
    assert.deepEqual(familyNames('Smith, Jane and van der Berg, K. and Ada Lovelace and others'), ['Smith', 'van der Berg', 'Lovelace']);
    assert.equal(familyNames(undefined), undefined);
  });
});

describe('the message', () => {
  test('the citation clause: after the previous group, cut at a clause boundary, else the words after it', () => {
    const text = 'Graphs model drugs [A]; embeddings such as TransE rank relations [B], while rules explain them.';
    const claim = { id: 'c', text, headingPath: [], citedWorkIds: ['a', 'b'], citations: [{ offset: text.indexOf(' [A]'), workIds: ['a'] }, { offset: text.indexOf(' [B]'), workIds: ['b'] }] };
    assert.equal(citationClause(claim, 'a'), 'Graphs model drugs');
    assert.equal(citationClause(claim, 'b'), 'embeddings such as TransE rank relations');
    const lead = 'Smith [C] showed that graphs rank drug targets well.';
    assert.match(citationClause({ id: 'd', text: lead, headingPath: [], citedWorkIds: ['c'], citations: [{ offset: 5, workIds: ['c'] }] }, 'c'), /^ \[C\] showed that graphs rank drug targets well\.$/);
    const url = 'Manubot renders https://example.org/a:b pages for reviews [D].';
    assert.equal(citationClause({ id: 'e', text: url, headingPath: [], citedWorkIds: ['d'], citations: [{ offset: url.indexOf(' [D]'), workIds: ['d'] }] }, 'd').trim().replace(/\s+/g, ' '), 'Manubot renders pages for reviews');
  });

  test('led by the citation, title-only works say so, at most 200 characters', () => {
    assert.equal(
      poorFitMessage('[18]', ['diffusion models', 'medical images'], ['GDPR', 'explanation'], 'abstract', '[3]'),
      '[18] may not support this claim: the claim is about diffusion models, medical images; the work is about GDPR, explanation. Better fit: [3].',
    );
    assert.equal(poorFitMessage('@k', [], [], 'title', undefined), '@k may not support this claim: the claim names no topic the bibliography uses; its title is about nothing the claim names.');
    const long = poorFitMessage(`@url:https://${'x'.repeat(150)}`, ['a very long phrase of words here', 'another long phrase'], ['the work topic phrase', 'second'], 'abstract', `@${'y'.repeat(60)}`);
    assert.ok(long.length <= 200, long);
    assert.match(long, /^@url:https:\/\/x+… may not support this claim: the claim is about a very long phrase of words here; /);
  });
});

describe('end to end: abstracts, vetoes and short claims', () => {
  const bib = FOUR_TOPICS_BIB;

  async function offTopic(paragraph: string): Promise<{ text: string; severity: string; message: string }[]> {
    const md = `# Methods\n\n${paragraph}\n\nSoil bacteria and fungi shift under drought in grassland soils [@soil].\n\nMigrating songbirds orient with the geomagnetic field at night [@birds].\n`;
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/p/paper.md': md, '/p/refs.bib': bib }, ['/p']), { bibliography: ['/p/refs.bib'] }).analyze('/p/paper.md');
    return analysis.diagnostics
      .filter((d) => d.code === 'off-topic-citation')
      .map((d) => ({ text: md.slice(d.span.start, d.span.end), severity: d.severity, message: d.message }));
  }

  test('a work with an abstract cited for another topic is a warning led by the citation', async () => {
    const found = await offTopic('Residue contact maps from multiple sequence alignments predict protein folding [@galaxy]. Evolutionary couplings improve the predicted structures [@fold].');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].text, 'galaxy');
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /^@galaxy may not support this claim: the claim is about [^;]+; the work is about [^;]+\.( Better fit: @fold\.)?$/);
  });

  const vetoes: [string, string][] = [
    ['cited again in the paragraph', 'Residue contact maps from multiple sequence alignments predict protein folding [@galaxy]. Dark matter halos shape spiral galaxies [@galaxy].'],
    ['named by its author', 'As Hubble et al. argue, residue contact maps predict protein folding [@galaxy]. Evolutionary couplings improve the predicted structures [@fold].'],
    ['cited narratively', '@galaxy argue that residue contact maps predict protein folding. Evolutionary couplings improve the predicted structures [@fold].'],
    ['a claim of fewer than three content words', 'Details in [@galaxy]. Evolutionary couplings improve the predicted protein structures [@fold].'],
  ];
  for (const [name, paragraph] of vetoes) {
    test(`not flagged: ${name}`, async () => assert.deepEqual(await offTopic(paragraph), []));
  }
});
