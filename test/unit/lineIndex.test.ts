// The one line index (service/text/lineIndex.ts) gives LSP's positions, for the CLI and the renumber notes alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { planConvertToNumeric } from '../../server/src/service/renumber/fromBib';
import { LineIndex, lineStartSteps } from '../../server/src/service/text/lineIndex';
import { analyze } from '../helpers/renumberHarness';

test('LineIndex gives the positions and offsets of a TextDocument (\\r\\n, \\r and \\n end lines)', () => {
  const text = fc.array(fc.constantFrom('a', 'é', '\n', '\r', '\r\n', ' ', '𝛼'), { maxLength: 60 }).map((parts) => parts.join(''));
  fc.assert(fc.property(text, (t) => {
    const ours = new LineIndex(t);
    const theirs = TextDocument.create('x', 'plaintext', 0, t);
    assert.equal(ours.lineCount, theirs.lineCount);
    for (let offset = -1; offset <= t.length + 1; offset++) assert.deepEqual(ours.position(offset), theirs.positionAt(offset), `offset ${offset}`);
    for (let line = -1; line <= theirs.lineCount; line++) {
      for (let character = -1; character <= 4; character++) {
        assert.equal(ours.offset({ line, character }), theirs.offsetAt({ line, character }), `${line}:${character}`);
      }
    }
  }), { numRuns: 300 });
});

test('lineStartSteps yields between steps of a long text and finds the same starts', () => {
  const t = 'x\r\n'.repeat(200_000);
  const steps = lineStartSteps(t);
  let yielded = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) yielded++;
  assert.ok(yielded > 1);
  assert.equal(next.value.length, 200_001);
  assert.deepEqual(new LineIndex(t, next.value).position(t.length - 1), { line: 199_999, character: 1 });
});

test('renumber notes name the line of a citation in a file whose lines end in a lone \\r', async () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const files = { '/m.md': `# T${eol}${eol}A [@a].${eol}B [@zz].${eol}`, '/refs.bib': '@article{a, title={X}}\n' };
    const plan = planConvertToNumeric(await analyze(files, '/m.md'));
    assert.deepEqual(plan.notes.filter((n) => n.includes('@zz')).map((n) => n.slice(0, n.indexOf(' '))), ['/m.md:4:'], JSON.stringify(eol));
  }
});
