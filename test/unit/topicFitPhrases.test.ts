/**
 * What an `off-topic-citation` message and a topic-fit hover say each side is about: noun phrases
 * (topicFit/nounPhrases.ts, compromise's tagger) ranked by rarity (topicFit/phrases.ts). Fragments the word-run
 * phrases gave on the example ("large-scale medical", "health care, big", "systems respond", "GAN-based
 * synthetic medical", "worth 16x16 words") are the table's cases. The tagger loads only when phrases are named.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeFit } from '../../server/src/service/features/topicFitHover';
import { salientPhrases } from '../../server/src/service/topicFit/phrases';
import { porterStem } from '../../server/src/service/topicFit/terms';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';
import { FOUR_TOPICS_BIB } from '../helpers/topicFitWorks';

const loaded = (): boolean => Object.keys(require.cache).some((k) => /[\\/]compromise[\\/]/.test(k));

// Runs first (tests of a file run in order): every later test loads the tagger.
describe('the tagger loads only when phrases are named', () => {
  test('an analysis whose citations all fit loads no tagger; reading a fit\'s phrases (a hover) loads it', async () => {
    const md = '# Methods\n\nSoil bacteria and fungi shift under drought in grassland soils [@soil].\n\nMigrating songbirds orient with the geomagnetic field at night [@birds].\n';
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/p/paper.md': md, '/p/refs.bib': FOUR_TOPICS_BIB }, ['/p']), { bibliography: ['/p/refs.bib'] }).analyze('/p/paper.md');
    assert.equal(analysis.diagnostics.filter((d) => d.code === 'off-topic-citation').length, 0);
    const fit = analysis.fits.find((f) => f?.judgeable);
    assert.ok(fit, 'a judged fit');
    assert.equal(loaded(), false, 'compromise is not loaded by an analysis without flags');
    assert.ok(fit.claimTerms.length > 0, 'the sentence names a topic');
    assert.equal(loaded(), true, 'reading the phrases loads it');
  });
});

describe('phrases are noun phrases, a head noun with its modifiers', () => {
  // Every word equally rare: the longest right-headed part (up to three words) wins, ties alphabetically.
  const same = (): number => 1;
  const table: [string, string, string[]][] = [
    ['an adjective keeps its noun ("large-scale medical")', 'advances in large-scale medical datasets and in computational resources', ['large-scale medical datasets', 'computational resources', 'advances']],
    ['a Title Case title is read in lower case ("health care, big")', 'Big Data and Machine Learning in Health Care', ['big data', 'health care', 'machine learning']],
    ['a verb is no part of a phrase ("systems respond")', 'How artificial intelligence and machine learning can help healthcare systems respond to COVID-19', ['artificial intelligence', 'healthcare systems', 'machine learning']],
    ['a phrase keeps its head noun ("GAN-based synthetic medical")', 'GAN-based synthetic medical image augmentation for increased CNN performance in liver lesion classification', ['liver lesion classification', 'medical image augmentation', 'CNN performance']],
    ['a predicate is no modifier ("worth 16x16 words")', 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale', ['16x16 words', 'image recognition', 'scale']],
    ['a stop word opens no phrase ("research directions")', 'identification of research gaps and future research directions in this domain', ['future research directions', 'domain', 'gaps']],
    ['an adjective after a noun goes on with the phrase ("alternative")', 'the exploration of alternative generative models with improved stability', ['alternative generative models', 'exploration', 'stability']],
    ['an adjective after a noun goes on with the phrase (a title)', 'Denoising Diffusion Probabilistic Models', ['diffusion probabilistic models']],
    ['a name inside a sentence keeps its capitals; emphasis marks go', 'as a _bioRxiv_ preprint by the Deep Review authors shows', ['Deep Review']],
  ];
  for (const [name, text, phrases] of table) test(name, () => assert.deepEqual(salientPhrases(text, same, porterStem, 3), phrases));

  test('rarity still chooses: a rare word alone beats a phrase diluted by common words', () => {
    const rarity = (stem: string): number => (stem === 'augment' ? 5 : 1);
    assert.deepEqual(salientPhrases('GAN-based synthetic medical image augmentation', rarity, porterStem, 1), ['augmentation']);
  });
});

describe('the example\'s messages and hovers', () => {
  const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'genai-healthcare');
  const fragments = ['large-scale medical;', 'large-scale medical,', ', big.', 'systems respond', 'synthetic medical.', 'worth 16x16'];

  test('name no fragment, and messages stay within 200 characters', async () => {
    const files = Object.fromEntries(['manuscript.md', 'references.bib', 'taxonomy.yaml'].map((n) => [`/ex/${n}`, readFileSync(join(EXAMPLE, n), 'utf8')]));
    const analysis = await createCitelensService(MemoryWorkspace.of(files, ['/'])).analyze('/ex/manuscript.md');
    const messages = analysis.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => d.message);
    assert.ok(messages.length >= 7, messages.join('\n'));
    for (const m of messages) {
      assert.ok(m.length <= 200, m);
      for (const f of fragments) assert.ok(!m.includes(f), `${f} in ${m}`);
    }
    const m18 = messages.find((m) => m.startsWith('[18] '));
    assert.match(m18 ?? '', /^\[18\] may not support this claim: the claim is about diffusion models, [^;]+; its title is about [^;]*regulation[^;]*\. Better fit: \[3\]\.$/);
    const m11 = messages.find((m) => m.startsWith('[11] '));
    assert.match(m11 ?? '', /its title is about [^;.]*\bbig data\b/);

    // The hover names the same phrases (three a side, of the whole sentence).
    const hovers = new Map<string, string>();
    analysis.resolutions.forEach((r, i) => {
      const fit = analysis.fits[i];
      if (fit?.judgeable) hovers.set(r.item.ref, describeFit(fit, 0.07).split('  \n')[1]);
    });
    assert.ok(hovers.size >= 10, [...hovers.values()].join('\n'));
    for (const [ref, line] of hovers) for (const f of [...fragments, 'big, ', 'machine, ']) assert.ok(!line.includes(f), `${f} in [${ref}]: ${line}`);
    assert.match(hovers.get('11') ?? '', /the work is about [^;]*\bbig data\b/);
    assert.match(hovers.get('17') ?? '', /the work is about artificial intelligence, COVID-19/);
  });
});
