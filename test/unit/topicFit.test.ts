import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ClaimText, WorkText } from '../../server/src/service/topicFit/texts';
import { buildTopicModel, findAbbreviations, type TopicModelOptions } from '../../scripts/topicFitVariants';
import { percentile, SKETCH_SIZE, sketchOf, SortedColumn } from '../../scripts/topicFitRanks';
import { splitSentences } from '../../server/src/service/topicFit/sentences';
import { terms } from '../../server/src/service/topicFit/terms';

/** The sentences of `text` as strings, so a failing row shows exactly where the split went wrong. */
function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  const table: [string, string, string[]][] = [
    ['et al.', 'Smith et al. showed this. Next one.', ['Smith et al. showed this.', 'Next one.']],
    ['et al. before a citation', 'Goodfellow et al. [1] introduced GANs. Others followed.', ['Goodfellow et al. [1] introduced GANs.', 'Others followed.']],
    ['e.g. before a capital', 'We use GANs, e.g. StyleGAN. It works.', ['We use GANs, e.g. StyleGAN.', 'It works.']],
    ['i.e. and vs.', 'Compare GANs vs. VAEs, i.e. Two models. Done.', ['Compare GANs vs. VAEs, i.e. Two models.', 'Done.']],
    ['Fig. and Eq.', 'See Fig. 2 for details. Then Eq. 3 holds.', ['See Fig. 2 for details.', 'Then Eq. 3 holds.']],
    ['decimals', 'Accuracy was 0.95 in 2019. It improved.', ['Accuracy was 0.95 in 2019.', 'It improved.']],
    ['initials', 'J. R. Smith wrote it. We agree.', ['J. R. Smith wrote it.', 'We agree.']],
    ['No. before a number only', 'See No. 5 here. Yes no. Ok.', ['See No. 5 here.', 'Yes no.', 'Ok.']],
    ['citation after the full stop', 'This ends here. [3] The next begins.', ['This ends here. [3]', 'The next begins.']],
    ['citation glued to the full stop', 'This ends here.[3] The next begins.', ['This ends here.[3]', 'The next begins.']],
    ['citation before the full stop', 'This ends here [@key]. The next begins.', ['This ends here [@key].', 'The next begins.']],
    ['numeric range after the full stop', 'Shown before. [1, 4–6] Then more.', ['Shown before. [1, 4–6]', 'Then more.']],
    ['superscript citation after the full stop', 'Lakes hold plastics.^1,2^ Rivers too.^3^ Fine.', ['Lakes hold plastics.^1,2^', 'Rivers too.^3^', 'Fine.']],
    ['closing quote and emphasis', 'He said "stop." Then **it ended.** Fine.', ['He said "stop."', 'Then **it ended.**', 'Fine.']],
    ['unknown abbreviation before lower case', 'It costs approx. ten dollars. Fine.', ['It costs approx. ten dollars.', 'Fine.']],
    ['inline code', 'Use `a.b()` now. Then go.', ['Use `a.b()` now.', 'Then go.']],
    ['question and exclamation', 'Does it work? Yes! It does.', ['Does it work?', 'Yes!', 'It does.']],
    ['list items', 'Tools:\n\n- first item. Second sentence.\n- second item\n1. numbered', ['Tools:', 'first item.', 'Second sentence.', 'second item', 'numbered']],
    ['table cells', '| Model | Use |\n|---|---|\n| GAN [2] | images |', ['Model', 'Use', 'GAN [2]', 'images']],
    ['heading', '## Intro {#intro}\nBody text. More.', ['Intro', 'Body text.', 'More.']],
    ['soft line break', 'One sentence\ncontinues here. Next.', ['One sentence\ncontinues here.', 'Next.']],
  ];
  for (const [name, text, expected] of table) {
    test(name, () => assert.deepEqual(sentences(text), expected));
  }

  test('offsets are shifted by start', () => {
    assert.deepEqual(splitSentences('A b. C d.', 100), [
      { start: 100, end: 104 },
      { start: 105, end: 109 },
    ]);
  });
});

describe('terms and abbreviations', () => {
  test('stems, lower case, stop words, surface forms kept', () => {
    assert.deepEqual(terms('The Generative Adversarial Networks (GANs) in this study [@key; @b]'), [
      { stem: 'gener', surface: 'Generative' },
      { stem: 'adversari', surface: 'Adversarial' },
      { stem: 'network', surface: 'Networks' },
      { stem: 'gan', surface: 'GANs' },
    ]);
  });

  const table: [string, Record<string, string>][] = [
    ['Large Language Models (LLMs) are popular.', { LLMs: 'large language models' }],
    ['We follow the General Data Protection Regulation (GDPR).', { GDPR: 'general data protection regulation' }],
    ['magnetic resonance imaging (MRI) and natural language processing (NLP)', { MRI: 'magnetic resonance imaging', NLP: 'natural language processing' }],
    ['results (see Table) and values (N)', {}],
  ];
  for (const [text, expected] of table) {
    test(`findAbbreviations: ${text}`, () => assert.deepEqual(findAbbreviations(text), expected));
  }
});

describe('topic model', () => {
  const works: WorkText[] = [
    {
      id: 'gan',
      title: 'Generative adversarial nets',
      abstract:
        'We propose a framework for estimating generative models via an adversarial process, training a generator and a discriminator network.',
    },
    {
      id: 'gdpr',
      title: 'Why a right to explanation of automated decision-making does not exist in the General Data Protection Regulation',
      abstract: 'The GDPR is said to grant a right to explanation of automated decisions; we show it does not.',
    },
    {
      id: 'ddpm',
      title: 'Denoising diffusion probabilistic models',
      abstract: 'High quality image synthesis with diffusion probabilistic models, latent variable models inspired by nonequilibrium thermodynamics.',
    },
    { id: 'dl', title: 'Deep learning' },
    { id: 'unet', title: 'U-Net: convolutional networks for biomedical image segmentation', keywords: ['segmentation', 'medical imaging'] },
  ];
  const claims: ClaimText[] = [
    {
      id: 'c1',
      text: 'Generative adversarial networks train a generator against a discriminator [1].',
      headingPath: ['Methods', 'Generative models'],
      paragraphId: 'p1',
      citedWorkIds: ['gan'],
    },
    {
      id: 'c2',
      text: 'Diffusion models now dominate medical image synthesis [18].',
      headingPath: ['Methods', 'Generative models'],
      paragraphId: 'p2',
      citedWorkIds: ['gdpr'],
    },
    {
      id: 'c3',
      text: 'Regulation limits automated decisions about patients.',
      headingPath: ['Ethics'],
      paragraphId: 'p3',
      citedWorkIds: ['gdpr'],
    },
    { id: 'c4', text: 'Deep networks learn features.', headingPath: ['Background'], citedWorkIds: ['dl'] },
  ];
  const model = buildTopicModel(works, claims);

  test('a GAN paper fits a GAN claim better than a GDPR paper', () => {
    const gan = model.score('c1', 'gan');
    const gdpr = model.score('c1', 'gdpr', { replacing: 'gan' });
    assert.ok(gan.score > gdpr.score, `${gan.score} > ${gdpr.score}`);
    assert.ok(gan.score >= 0 && gan.score <= 1 && gdpr.score >= 0 && gdpr.score <= 1);
    assert.deepEqual(gdpr.sharedTerms, []);
    assert.ok(gan.sharedTerms.includes('discriminator'), gan.sharedTerms.join());
    assert.equal(gan.judgeable, true);
  });

  test('a two-word title-only work is not judgeable', () => {
    const fit = model.score('c4', 'dl');
    assert.equal(fit.judgeable, false);
    assert.equal(fit.reason, 'work-too-short');
  });

  test('unknown ids give a non-judgeable result', () => {
    assert.equal(model.score('nope', 'gan').judgeable, false);
    assert.equal(model.score('c1', 'nope').judgeable, false);
  });

  test('suggestions name the better-fitting work', () => {
    const best = model.suggest('c2', 1, ['gdpr'], { replacing: 'gdpr' });
    assert.equal(best[0]?.workId, 'ddpm');
  });

  test('the message is led by the citation, names both topics and a better fit, in ≤ 200 characters', () => {
    const message = model.explain('c2', 'gdpr', (id) => `[${works.findIndex((w) => w.id === id) + 1}]`, { threshold: 0 });
    assert.match(message, /^\[2\] may not support this claim: the claim is about [^;]*diffusion[^;]*; the work is about [^;]*(regulation|explanation)[^;]*\. Better fit: \[3\]\.$/);
    assert.ok(message.length <= 200, message);
  });

  test('the same input gives the same scores (deterministic)', () => {
    const again = buildTopicModel(works, claims);
    for (const c of claims) {
      for (const w of works) assert.equal(again.score(c.id, w.id).score, model.score(c.id, w.id).score);
    }
  });

  // LSA is learnt at build time (an edit does not relearn it), so it is off here; with coverageWeight 0 the
  // two-way percentile's rows and columns must follow the edit too.
  const variants: TopicModelOptions[] = [{ lsa: undefined }, { lsa: undefined, coverageWeight: 0 }];
  for (const options of variants) {
    test(`updating a claim gives the scores of a model built with the new text (${JSON.stringify(options)})`, () => {
      const edited: ClaimText = { ...claims[1], text: 'Denoising diffusion models synthesise medical images [18].' };
      const updated = buildTopicModel(works, claims, options);
      const before = updated.score('c2', 'ddpm').score;
      updated.updateClaim(edited);
      const fresh = buildTopicModel(works, [claims[0], edited, claims[2], claims[3]], options);
      for (const c of claims) {
        for (const w of works) assert.equal(updated.score(c.id, w.id).score, fresh.score(c.id, w.id).score);
      }
      // Coverage is absolute: the edit (which names the work's words) raises it. Ranks may already be at the top.
      if (options.coverageWeight === undefined) assert.ok(updated.score('c2', 'ddpm').score > before);
    });
  }

  test('a sentence with several citation groups judges each against its own words', () => {
    const text = 'Deep learning helps image segmentation [4], and adversarial generators [5].';
    const claim: ClaimText = {
      id: 'multi',
      text,
      headingPath: [],
      citedWorkIds: ['unet', 'gan'],
      citations: [
        { offset: text.indexOf(' [4]'), workIds: ['unet'] },
        { offset: text.indexOf(' [5]'), workIds: ['gan'] },
      ],
    };
    const m = buildTopicModel(works, [...claims, claim], { coCitationWeight: 0 });
    assert.ok(m.score('multi', 'unet').score > m.score('multi', 'gan', { replacing: 'unet' }).score - 1e-9);
    assert.ok(m.score('multi', 'gan').score > m.score('multi', 'unet', { replacing: 'gan' }).score);
  });
});

describe('degenerate input never throws', () => {
  const cases: [string, WorkText[], ClaimText[]][] = [
    ['nothing', [], []],
    ['no claims', [{ id: 'a', title: 'Deep learning for protein folding' }], []],
    ['no works', [], [{ id: 'c', text: 'Proteins fold.', headingPath: [], citedWorkIds: ['a'] }]],
    ['empty texts', [{ id: 'a' }, { id: 'b', title: '' }], [{ id: 'c', text: '', headingPath: [], citedWorkIds: ['a'] }]],
    [
      'duplicate ids, offsets outside the text',
      [{ id: 'a', title: 'x' }, { id: 'a', title: 'Deep nets for protein folding' }],
      [{ id: 'c', text: 'deep nets', headingPath: [], citedWorkIds: ['a'], citations: [{ offset: 99, workIds: ['a'] }, { offset: -5, workIds: ['z'] }] }],
    ],
  ];
  for (const [name, works, claims] of cases) {
    test(name, () => {
      const m = buildTopicModel(works, claims);
      const fit = m.score('c', 'a');
      assert.ok(fit.score >= 0 && fit.score <= 1);
      assert.equal(typeof m.explain('c', 'a', (id) => `@${id}`), 'string');
      assert.ok(m.suggest('c').length <= works.length);
      m.updateClaim({ id: 'c', text: 'protein folding', headingPath: [], citedWorkIds: ['a'] });
    });
  }
});

describe('rank helpers', () => {
  test('percentile is the mid-rank among all values, zeros below', () => {
    const row = sketchOf(Float64Array.from([3, 1, 2]));
    // 10 values: 7 zeros, then 1, 2, 3.
    assert.equal(percentile(row.points, row.points.length, row.nonZero, 3, 10), 0.95);
    assert.equal(percentile(row.points, row.points.length, row.nonZero, 1, 10), 0.75);
  });

  test('a long row is sketched and still ranks within 2 %', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) + 1);
    const row = sketchOf(Float64Array.from(values));
    assert.equal(row.points.length, SKETCH_SIZE);
    const p = percentile(row.points, row.points.length, row.nonZero, 4500, 10000);
    assert.ok(Math.abs(p - 0.95) < 0.02, String(p));
  });

  test('a sorted column takes inserts and removals', () => {
    const column = new SortedColumn();
    for (const v of [5, 1, 3]) column.push(v);
    column.sort();
    column.insert(2);
    column.insert(9);
    column.remove(3);
    assert.deepEqual([...column.values.subarray(0, column.length)], [1, 2, 5, 9]);
  });
});
