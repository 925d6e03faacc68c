/**
 * Shared by the renumbering tests: analyse in-memory manuscripts, apply a plan's edits per file, and check what
 * a renumbering must keep (`checkRenumbering`).
 */
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/service/analysis';
import { applyEdits } from '../../server/src/service/renumber/applyEdits';
import type { EditPlan } from '../../server/src/service/renumber/editPlan';
import { planRenumber, type RenumberOptions } from '../../server/src/service/renumber/renumber';
import { createCitelensService, MemoryWorkspace } from '../../server/src/service/service';

/** Analyses `root` among `files` (path → text) on an in-memory workspace. */
export async function analyze(files: Record<string, string>, root = Object.keys(files)[0]): Promise<Analysis> {
  const service = createCitelensService(MemoryWorkspace.of(files));
  return service.analyze(root);
}

/** Every file's text after the plan (files without edits unchanged). */
export function applyPlan(files: Record<string, string>, plan: EditPlan): Record<string, string> {
  const out = { ...files };
  for (const f of plan.edits) out[f.uri] = applyEdits(files[f.uri], f.edits);
  return out;
}

/** For each in-text numeric citation, in order: the texts of the list items it names (sorted). */
function citedTexts(analysis: Analysis): string[][] {
  const byCitation = new Map<object, Set<string>>();
  for (const r of analysis.resolutions) {
    if (r.citation.style !== 'numeric' || r.citation.malformed) continue;
    const set = byCitation.get(r.citation) ?? new Set<string>();
    set.add(r.reference ? r.reference.text : `missing ${r.item.number}`);
    byCitation.set(r.citation, set);
  }
  return [...byCitation.values()].map((s) => [...s].sort());
}

/** The text with citation brackets emptied and the list region cut, for "nothing else changed". */
function skeleton(analysis: Analysis): string {
  const f = analysis.files[0];
  const list = f.referenceList!;
  const first = list.items[0].span.start;
  const last = list.items[list.items.length - 1].span.end;
  let text = f.text;
  const cuts = [...f.citations.filter((c) => c.style === 'numeric').map((c) => ({ start: c.span.start + 1, end: c.span.end - 1 })), { start: first, end: last }];
  for (const c of cuts.sort((a, b) => b.start - a.start)) text = text.slice(0, c.start) + text.slice(c.end);
  return text;
}

const numberingCodes = (a: Analysis): string[] => a.diagnostics.filter((d) => d.code === 'citation-order' || d.code === 'reference-numbering').map((d) => d.message);

/**
 * Renumbers `text` (one manuscript) and checks the result: the same works cited, numbered by first citation,
 * nothing outside brackets and the list changed, a second run a no-op. Returns the renumbered text.
 */
export async function checkRenumbering(text: string, options: RenumberOptions): Promise<string> {
  const before = await analyze({ '/m.md': text });
  const plan = planRenumber(before, options);
  const after = plan.edits.length ? applyEdits(text, plan.edits[0].edits) : text;
  const analysed = await analyze({ '/m.md': after });
  assert.deepEqual(citedTexts(analysed), citedTexts(before), 'every citation names the same works');
  assert.deepEqual(numberingCodes(analysed), [], 'numbered by first citation');
  assert.equal(skeleton(analysed), skeleton(before), 'nothing outside brackets and the list changed');
  const again = planRenumber(analysed, options);
  assert.equal(again.changed, false, `second run: ${JSON.stringify(again.edits)}`);
  return after;
}
