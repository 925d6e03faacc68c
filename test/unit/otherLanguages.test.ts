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
