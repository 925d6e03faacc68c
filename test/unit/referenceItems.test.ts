/**
 * A numeric review without a bibliography file: each work is known only by its reference-list item. Topic fit
 * reads the item's title (and its authors and venue apart), so what it says a work is about is the title, not the
 * journal abbreviation or the authors' initials.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { referenceItemFields } from '../../server/src/service/resolve/referenceItemFields';
import { createCitelensService } from '../../server/src/service/service';

const UNSEEN = join(__dirname, '..', 'fixtures', 'unseen');

describe('the title, authors and venue of a reference-list item, in the styles reviews use', () => {
  const cases: [style: string, item: string, expected: ReturnType<typeof referenceItemFields>][] = [
    ['Vancouver', 'Diekelmann S, Born J. The memory function of sleep. Nat Rev Neurosci. 2010;11(2):114-26.', { authors: ['Diekelmann', 'Born'], title: 'The memory function of sleep', venue: 'Nat Rev Neurosci' }],
    ['Vancouver, particles and et al.', 'Staresina BP, Bergmann TO, van der Meij R, et al. Hierarchical nesting of slow oscillations, spindles and ripples in the human hippocampus during sleep. Nat Neurosci. 2015;18(11):1679-86.', { authors: ['Staresina', 'Bergmann', 'van der Meij'], title: 'Hierarchical nesting of slow oscillations, spindles and ripples in the human hippocampus during sleep', venue: 'Nat Neurosci' }],
    ['Vancouver, a question in the title', 'Walker MP, van der Helm E. Overnight therapy? The role of sleep in emotional brain processing. Psychol Bull. 2009;135(5):731-48.', { authors: ['Walker', 'van der Helm'], title: 'Overnight therapy? The role of sleep in emotional brain processing', venue: 'Psychol Bull' }],
    ['Vancouver, a title ending in a question', 'Walker MP. Overnight therapy? Psychol Bull. 2009;135(5):731-48.', { authors: ['Walker'], title: 'Overnight therapy?', venue: 'Psychol Bull' }],
    ['Vancouver, hyphens and accents', 'Nüsslein-Volhard C, Wieschaus E. Mutations affecting segment number and polarity in Drosophila. Nature. 1980;287:795-801.', { authors: ['Nüsslein-Volhard', 'Wieschaus'], title: 'Mutations affecting segment number and polarity in Drosophila', venue: 'Nature' }],
    ['Vancouver, a chapter', 'Vaswani A, et al. Attention is all you need. In: Advances in Neural Information Processing Systems. 2017. p. 5998–6008.', { authors: ['Vaswani'], title: 'Attention is all you need', venue: 'Advances in Neural Information Processing Systems' }],
    ['Nature', 'Diekelmann, S. & Born, J. The memory function of sleep. Nat. Rev. Neurosci. 11, 114–126 (2010).', { authors: ['Diekelmann', 'Born'], title: 'The memory function of sleep', venue: 'Nat. Rev. Neurosci' }],
    ['APA', 'Diekelmann, S., & Born, J. (2010). The memory function of sleep. Nature Reviews Neuroscience, 11(2), 114–126.', { authors: ['Diekelmann', 'Born'], title: 'The memory function of sleep', venue: 'Nature Reviews Neuroscience' }],
    ['Harvard', 'Diekelmann, S. and Born, J. (2010) The memory function of sleep. Nature Reviews Neuroscience 11: 114–126.', { authors: ['Diekelmann', 'Born'], title: 'The memory function of sleep', venue: 'Nature Reviews Neuroscience' }],
    ['initials first, unquoted', 'S. Diekelmann and J. Born, The memory function of sleep, Nat. Rev. Neurosci., vol. 11, pp. 114–126, 2010.', { authors: ['Diekelmann', 'Born'], title: 'The memory function of sleep', venue: 'Nat. Rev. Neurosci' }],
    ['IEEE, quoted', 'T. P. Hughes et al., “Global warming and recurrent mass bleaching of corals,” *Nature*, vol. 543, pp. 373–377, 2017.', { authors: ['Hughes'], title: 'Global warming and recurrent mass bleaching of corals', venue: 'Nature' }],
    // Not recognised: the whole item stays the work's text, as before.
    ['an organisation as author', 'World Health Organization. Global report on diabetes. Geneva: WHO; 2016.', null],
    ['a title first', 'Deep learning. Nature. 2015;521:436.', null],
    ['a bare address', 'https://example.org/report', null],
  ];
  for (const [style, item, expected] of cases) {
    test(style, () => assert.deepEqual(referenceItemFields(item), expected));
  }
});

test('any item text: no throw, and a title read is a phrase of the item, authors before it', () => {
  const token = fc.constantFrom('Smith', 'J', 'J.', 'van', 'der', 'Meij', 'R,', 'et', 'al.', 'and', '&', ',', '.', '(2019).', 'Sleep', 'memory', 'of', '“', '”', 'Nat', 'Rev.', '2010;11:1.', 'In:', '?');
  fc.assert(
    fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
      const text = tokens.join(' ');
      const fields = referenceItemFields(text);
      if (fields === null) return;
      assert.ok(fields.title.length > 0 && text.includes(fields.title), fields.title);
      for (const a of fields.authors) assert.ok(text.indexOf(a) <= text.indexOf(fields.title) || text.includes('“'), a);
    }),
    { numRuns: 500 },
  );
});

test('a Vancouver review without a .bib: the off-topic note names the work by its title words, not its journal or authors', async () => {
  const file = join(UNSEEN, 'vancouver-nobib', 'review.md');
  const analysis = await createCitelensService(new NodeWorkspace([join(UNSEEN, 'vancouver-nobib')])).analyze(file);
  const notes = analysis.diagnostics.filter((d) => d.code === 'off-topic-citation').map((d) => d.message);
  // Item 6 (a CBT meta-analysis) was planted on a sentence about sleep deprivation and the hippocampus.
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^\[6\] may not support this claim: the claim is about hippocampus, .*; its title is about .*cognitive behavioral therapy/);
  assert.doesNotMatch(notes[0], /ann intern med|Cunnington|DC\b/i);
  // Everything else in the fixture is right: no other diagnostic.
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation').map((d) => d.code), []);
});
