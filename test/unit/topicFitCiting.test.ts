import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Analysis } from '../../server/src/service/analysis';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { buildTopicModel } from '../../server/src/service/topicFit/model';
import type { ClaimText, WorkText } from '../../server/src/service/topicFit/texts';

/**
 * The citing-sentence profile (scoring.ts `citingProfile`): a work's fit with a claim also reads the other
 * sentences of the manuscript that cite it — never the judged sentence itself — against the claim's usual near
 * neighbours among all citing sentences.
 */

// Twenty works on distinct topics, each cited by one sentence about its topic: the manuscript's background.
const TOPICS = [
  ['protein', 'folding', 'structure'], ['galaxy', 'cluster', 'redshift'], ['coral', 'reef', 'bleaching'],
  ['battery', 'lithium', 'cathode'], ['malaria', 'parasite', 'vaccine'], ['glacier', 'melt', 'sea'],
  ['bridge', 'steel', 'fatigue'], ['wheat', 'drought', 'yield'], ['neuron', 'synapse', 'plasticity'],
  ['volcano', 'magma', 'eruption'], ['bee', 'pollinator', 'decline'], ['quantum', 'qubit', 'error'],
  ['soil', 'microbiome', 'carbon'], ['tsunami', 'warning', 'coast'], ['insulin', 'diabetes', 'dose'],
  ['traffic', 'congestion', 'pricing'], ['vaccine', 'hesitancy', 'survey'], ['forest', 'fire', 'regime'],
  ['language', 'grammar', 'acquisition'], ['solar', 'panel', 'efficiency'],
] as const;

const background = {
  works: TOPICS.map(([a, b, c], i): WorkText => ({ id: `w${i}`, title: `Advances in ${a} ${b} and ${c} research` })),
  claims: TOPICS.map(([a, b, c], i): ClaimText => ({
    id: `b${i}`,
    text: `Studies of ${a} ${b} report new ${c} findings.`,
    headingPath: [],
    citedWorkIds: [`w${i}`],
  })),
};

// A title-only work whose title shares no word with what it is cited for (pirated papers); another work uses
// those words (the profile compares sentences by the words the bibliography uses), cited by no sentence here.
const acs: WorkText = { id: 'acs', title: 'Walking away from the American Chemical Society subscription' };
const shadow: WorkText = { id: 'shadow', title: 'Shadow library websites: who downloads pirated papers, researchers or librarians?' };
background.works.push(shadow);
const pirate = (id: string, text: string, cites = ['acs']): ClaimText => ({ id, text, headingPath: [], citedWorkIds: cites });
const judged = pirate('judged', 'Many researchers obtain pirated papers through shadow library websites.');
const others = [
  pirate('o1', 'Shadow library websites distribute pirated papers to researchers worldwide.'),
  pirate('o2', 'Downloads of pirated papers from shadow library websites grew quickly.'),
  pirate('o3', 'Publishers sued the shadow library over pirated papers.'),
  pirate('o4', 'Librarians worry that pirated papers undermine subscriptions.'),
];

describe('citing-sentence profile', () => {
  test('the judged sentence never feeds its own work’s profile: a work cited only there gets no profile', () => {
    const model = buildTopicModel([...background.works, acs], [...background.claims, judged]);
    const fit = model.score('judged', 'acs');
    assert.equal(fit.signals.citing, 0);
    const without = buildTopicModel([...background.works, acs], [...background.claims, judged], { citingWeight: 0 });
    assert.equal(fit.score, without.score('judged', 'acs').score);
  });

  test('other sentences citing the work for the same point raise its fit', () => {
    const claims = [...background.claims, judged, ...others];
    const model = buildTopicModel([...background.works, acs], claims);
    const without = buildTopicModel([...background.works, acs], claims, { citingWeight: 0 });
    const fit = model.score('judged', 'acs');
    assert.ok(fit.signals.citing > 0, `citing ${fit.signals.citing}`);
    assert.ok(fit.score > without.score('judged', 'acs').score);
  });

  test('a work cited elsewhere for something else fits a claim less', () => {
    // w0 (protein folding) is cited by its own background sentence; here it is also cited for pirated papers.
    const misplaced = pirate('misplaced', judged.text, ['w0']);
    const claims = [...background.claims, misplaced, ...others];
    const model = buildTopicModel([...background.works, acs], claims);
    const without = buildTopicModel([...background.works, acs], claims, { citingWeight: 0 });
    const fit = model.score('misplaced', 'w0');
    assert.ok(fit.signals.citing < 0, `citing ${fit.signals.citing}`);
    assert.ok(fit.score <= without.score('misplaced', 'w0').score);
  });

  test('adding or removing a sentence citing the work: same scores as a model built so, and a new key', () => {
    // LSA is learnt at build time from the sentences then known, and so is the claim's usual near-neighbour
    // cosine (its baseline, once per model; an edit relearns neither): both models are built from the same
    // sentences, and LSA is off so that only the profile can differ.
    const works = [...background.works, acs];
    const all = [...background.claims, judged, ...others];
    const fresh = buildTopicModel(works, all, { lsa: undefined });
    const model = buildTopicModel(works, all, { lsa: undefined });
    const k0 = model.citersKey('acs');
    const w3 = model.citersKey('w3');
    for (const c of others) model.removeClaim(c.id);
    assert.notEqual(model.citersKey('acs'), k0);
    assert.equal(model.citersKey('w3'), w3, 'works no removed sentence cites keep their key');
    assert.equal(model.score('judged', 'acs').signals.citing, 0);
    for (const c of others) model.updateClaim(c);
    assert.equal(model.citersKey('acs'), k0, 'the same citing sentences again: the same key');
    assert.equal(model.score('judged', 'acs').score, fresh.score('judged', 'acs').score);
    assert.ok(model.score('judged', 'acs').signals.citing > 0);
  });
});

describe('citing-sentence profile in the editor', () => {
  // The background and the pirated-papers sentences as a Pandoc manuscript with its .bib.
  const bib = [...background.works, acs]
    .map((w) => `@article{${w.id},\n  title = {${w.title}},\n  author = {Author, A.},\n  year = {2020}\n}`)
    .join('\n\n');
  const paragraph = (c: ClaimText): string => `${c.text.replace(/\.$/, '')} [${c.citedWorkIds.map((k) => `@${k}`).join('; ')}].`;
  const text = (claims: ClaimText[]): string => `# Review\n\n${claims.map(paragraph).join('\n\n')}\n`;

  test('a kept fit is scored again when another sentence starts citing the work', async () => {
    const workspace = MemoryWorkspace.of({ '/m/manuscript.md': text([...background.claims, judged]), '/m/references.bib': bib }, ['/m']);
    const service = createCitelensService(workspace, { bibliography: ['/m/references.bib'] });
    const fitOfJudged = (a: Analysis): number => {
      const i = a.resolutions.findIndex((r, k) => r.item.key === 'acs' && a.fits[k] && a.files[0].text.slice(a.fits[k]!.claim.start, a.fits[k]!.claim.end).startsWith('Many researchers'));
      assert.ok(i >= 0, 'the judged citation');
      return a.fits[i]!.score;
    };
    const before = fitOfJudged(await service.analyze('/m/manuscript.md'));
    // Sentences elsewhere (other paragraphs) start citing the work for the same point: the judged sentence's
    // paragraph is unchanged, but its fit reads them.
    workspace.set('/m/manuscript.md', text([...background.claims, judged, ...others]));
    const after = fitOfJudged(await service.analyze('/m/manuscript.md'));
    assert.ok(after > before, `${before} → ${after}`);
  });
});
