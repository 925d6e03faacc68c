/**
 * The copies the server's typing rehearsal analyses (server/src/lsp/typingRehearsal.ts): a letter typed at the end
 * of a paragraph, then that paragraph's last character deleted, at paragraphs spread through the text, never in
 * the front matter; with CRLF line ends too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copiesOf } from '../../server/src/lsp/typingRehearsal';
import { diffRegion } from '../../server/src/lsp/rebaseManuscript';

const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says something about topic ${i} [@work${i % 7}].`);
const FRONT = '---\nbibliography: refs.bib\ntitle: A review\n---\n\n';

for (const [name, text] of [
  ['LF', `${FRONT}${paragraphs.join('\n\n')}\n`],
  ['CRLF', `${FRONT}${paragraphs.join('\n\n')}\n`.replace(/\n/g, '\r\n')],
] as const) {
  test(`copies of a ${name} manuscript: one character typed or deleted at a paragraph's end, in paragraphs spread through it`, () => {
    const copies = copiesOf(text, 30);
    assert.equal(copies.length, 30);
    const places = new Set<number>();
    for (let c = 0; c < copies.length; c++) {
      const change = diffRegion(text, copies[c])!;
      assert.ok(change, 'each copy differs from the text');
      const typed = c % 2 === 0;
      // Typed: one letter inserted; deleted: one character removed (the full stop ending the paragraph).
      assert.equal(copies[c].length - text.length, typed ? 1 : -1);
      const end = typed ? change.start : change.oldEnd;
      assert.match(text.slice(end, end + 4), /^\r?\n\r?\n/, 'at the end of a paragraph');
      assert.ok(change.start > FRONT.length, 'never in the front matter');
      places.add(end);
    }
    assert.equal(places.size, 15, 'fifteen paragraphs');
    const sorted = [...places].sort((a, b) => a - b);
    assert.ok(sorted[0] < text.length / 4 && sorted.at(-1)! > (3 * text.length) / 4, 'spread from start to end');
  });
}
