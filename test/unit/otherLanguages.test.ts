/**
 * Manuscripts written in another language than English — a thesis in Spanish, a review in German — as an author
 * would write them: the reference list under its own language's title, and often citing works written in English.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatReference } from '../../server/src/service/bibtex/formatReference';
import { getHover } from '../../server/src/service/features/hover';
import { topicFitHoverSection } from '../../server/src/service/features/topicFitHover';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

describe('the reference list under a title in another language', () => {
  const titles = ['Referencias', 'Bibliografía', 'Referências bibliográficas', 'Références', 'Literaturverzeichnis', 'Literatur', 'Riferimenti bibliografici', 'Literatuurlijst', 'Referenser', 'Piśmiennictwo', 'Kaynakça', 'Daftar Pustaka', 'Список литературы', '参考文献', '참고문헌'];
  for (const title of titles) {
    test(title, async () => {
      const text = `# Studie\n\nDer Schlaf festigt Erinnerungen [1], auch im Alter [2].\n\n## ${title}\n\n1. Diekelmann S, Born J. The memory function of sleep. Nat Rev Neurosci. 2010;11:114-26.\n2. Cricco M. The impact of insomnia on cognitive functioning in older adults. J Am Geriatr Soc. 2001;49:1185-9.\n`;
      const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text }, ['/m'])).analyze('/m/a.md');
      assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.message), []);
      assert.equal(analysis.references.length, 2);
    });
  }
});

test('a review written in Spanish citing works written in English: topic fit judges nothing, and the hover says why', async () => {
  const text = readFileSync(join(UNSEEN, 'spanish-review', 'revision.md'), 'utf8');
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/revision.md': text }, ['/m'])).analyze('/m/revision.md');
  // Before: 4 off-topic notes on 12 citations ("the claim is about agudas del hipocampo, con los husos"), all false.
  assert.deepEqual(analysis.diagnostics.map((d) => d.code), []);
  assert.ok(analysis.fits.length > 0 && analysis.fits.every((f) => f && !f.judgeable && f.reason === 'written-apart'));
  const at = text.indexOf('[7]') + 1;
  const hover = getHover(analysis, '/m/revision.md', at, { style: 'vancouver', formatReference, sections: [topicFitHoverSection({ threshold: () => 0.07 })] });
  assert.match(hover?.markdown ?? '', /Topic fit: not judged in this manuscript — its sentences and its works share almost no words/);
});

test('the same review in English is judged: its planted mismatch is flagged', async () => {
  const text = readFileSync(join(UNSEEN, 'vancouver-nobib', 'review.md'), 'utf8');
  const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/review.md': text }, ['/m'])).analyze('/m/review.md');
  assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['off-topic-citation']);
  assert.ok(analysis.fits.every((f) => f?.reason !== 'written-apart'));
});

describe('a work titled in another language in an English review', () => {
  const bib = [
    '@article{fr, title = {Illusions et hallucinations visuelles : une porte sur la perception}, author = {Dupont, A}, year = {2015}}',
    '@article{de, title = {Über die Behandlung von Schlafstörungen bei älteren Patienten}, author = {Müller, B}, year = {2012}}',
    '@article{ddpm, title = {Denoising Diffusion Probabilistic Models}, author = {Ho, J}, year = {2020}}',
    '@article{vae, title = {Auto-Encoding Variational Bayes}, author = {Kingma, D}, year = {2014}}',
    '@article{gan, title = {Generative adversarial networks for medical image synthesis}, author = {Roe, R}, year = {2019}}',
    '@article{eeg, title = {Sleep spindles and memory consolidation in older adults}, author = {Doe, D}, year = {2018}}',
  ].join('\n');
  const text = [
    '---', 'bibliography: refs.bib', '---', '',
    'Visual hallucinations reveal how the brain constructs perception from noisy sensory evidence [@fr].',
    'Insomnia treatment in elderly patients must weigh sedative risks against cognitive benefits [@de].',
    'Generative image models synthesise realistic medical images for training data augmentation [@gan].',
    'Sleep spindles in older adults predict overnight memory retention in laboratory studies [@eeg].',
    '',
  ].join('\n');

  test('is not judged (it would score 0 against any English sentence), and the hover says why', async () => {
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': text, '/m/refs.bib': bib }, ['/m'])).analyze('/m/a.md');
    const reasons = Object.fromEntries(analysis.resolutions.map((r, i) => [r.item.ref, analysis.fits[i]?.reason ?? 'judged']));
    assert.deepEqual(reasons, { fr: 'title-written-apart', de: 'title-written-apart', gan: 'judged', eeg: 'judged' });
    assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'off-topic-citation'), []);
    const hover = getHover(analysis, '/m/a.md', text.indexOf('@de') + 1, { style: 'vancouver', formatReference, sections: [topicFitHoverSection({ threshold: () => 0.07 })] });
    assert.match(hover?.markdown ?? '', /not judged — the work is known by its title only, written in another language/);
  });

  test('an English title without function words is still judged (positive evidence of another language is needed)', async () => {
    const swapped = text.replace('[@gan]', '[@ddpm]').replace('[@eeg]', '[@vae]');
    const analysis = await createCitelensService(MemoryWorkspace.of({ '/m/a.md': swapped, '/m/refs.bib': bib }, ['/m'])).analyze('/m/a.md');
    const reasons = analysis.resolutions.filter((r) => r.item.ref === 'ddpm' || r.item.ref === 'vae').map((r) => analysis.fits[analysis.resolutions.indexOf(r)]?.reason);
    assert.deepEqual(reasons, [undefined, undefined]);
  });
});
