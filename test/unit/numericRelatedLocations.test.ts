/**
 * A numeric review's `off-topic-citation` warnings show the cited work and each better fit at the BibTeX entry its
 * reference-list item links to, else at the item. The core keeps a warning's related locations between analyses
 * while every one is read from an entry that is still linked from the same number (offTopic.ts,
 * `WorkLocations.links`): after edits that move the text, unlink an item from its entry or link it to another,
 * what one service shows equals what a fresh service shows for the final text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Analysis } from '../../server/src/service/analysis';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'genai-healthcare');
const exampleBib = readFileSync(join(EXAMPLE, 'references.bib'), 'utf8');
/** The example's bibliography with the DDPM entry entered twice (same fields, another key), as libraries have it. */
const ddpm = /@inproceedings\{ho2020ddpm,[^@]*\n\}\n/.exec(exampleBib)![0];
const bib = `${exampleBib}\n${ddpm.replace('ho2020ddpm', 'ho2020copy')}`;
const original = readFileSync(join(EXAMPLE, 'manuscript.md'), 'utf8');
const PATH = '/w/manuscript.md';

function service(): { analyse(text: string): Promise<Analysis> } {
  const workspace = MemoryWorkspace.of({ [PATH]: original, '/w/references.bib': bib }, ['/w']);
  const s = createCitelensService(workspace, { bibliography: ['/w/references.bib'] });
  return {
    analyse(text) {
      workspace.set(PATH, text);
      return s.analyze(PATH);
    },
  };
}

/** What the user sees of each warning: where, what, and its related information. */
function warnings(analysis: Analysis): unknown[] {
  return analysis.diagnostics
    .filter((d) => d.code === 'off-topic-citation')
    .map((d) => ({ span: d.span, message: d.message, data: d.data, related: d.related?.map((r) => ({ uri: r.uri, span: r.span, message: r.message })) }));
}

const item3 = '3. Ho, J., Jain, A., and Abbeel, P., "Denoising Diffusion Probabilistic Models,"';
const item18 = '18. Wachter, S., Mittelstadt, B., and Floridi, L., “Why a Right to Explanation of Automated Decision-Making Does Not Exist in the General Data Protection Regulation,”';

/** Edits in the order an author might make them; each step is compared with a fresh analysis of its text. */
const steps: [string, (text: string) => string][] = [
  ['typing above the reference list', (t) => t.replace('## References', 'More prose x.\n\n## References')],
  // Item 3 (a better fit of [18]) names the other entry of the same work: the works read the same (the model and
  // its kept scores stay), but [3] is now shown at the other entry.
  ['a better fit linked to another entry', (t) => t.replace(item3, `${item3} @ho2020copy`)],
  ['typing above the list again', (t) => t.replace('More prose x.', 'More prose xy.')],
  ['linked back', (t) => t.replace(`${item3} @ho2020copy`, item3)],
  // The cited work's item (18) unlinked.
  ['the cited work unlinked', (t) => t.replace(item18, '18. Wachter, S., Mittelstadt, B., and Floridi, L., “A note,”')],
  ['back to the first text', () => original],
];

test('numeric warnings: related locations after edits equal a fresh analysis of the same text', async () => {
  const session = service();
  const first = await session.analyse(original);
  const shown = warnings(first);
  assert.ok(shown.some((w) => JSON.stringify(w).includes('Better fit [3]')), 'the example flags [18] with [3] as a better fit');
  assert.ok(
    (first.diagnostics.find((d) => d.code === 'off-topic-citation' && d.message.startsWith('[18]'))?.related ?? []).every((r) => r.uri.endsWith('.bib')),
    'linked works are shown at their entries',
  );
  let text = original;
  for (const [name, edit] of steps) {
    const next = edit(text);
    assert.notEqual(next, text, `${name}: the edit applies`);
    text = next;
    const kept = warnings(await session.analyse(text));
    const fresh = warnings(await service().analyse(text));
    assert.deepEqual(kept, fresh, name);
  }
});

test('a better fit linked to another entry of the same work is shown there', async () => {
  const session = service();
  await session.analyse(original);
  const at = (analysis: Analysis): string[] => analysis.diagnostics
    .flatMap((d) => (d.code === 'off-topic-citation' ? d.related ?? [] : []))
    .filter((r) => r.message.startsWith('Better fit [3] '))
    .map((r) => `${r.uri} ${bib.slice(r.span.start, r.span.end)}`);
  assert.deepEqual([...new Set(at(await session.analyse(original)))], ['/w/references.bib ho2020ddpm']);
  assert.deepEqual([...new Set(at(await session.analyse(original.replace(item3, `${item3} @ho2020copy`))))], ['/w/references.bib ho2020copy']);
});
