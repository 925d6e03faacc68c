/**
 * Shared by the renumbering tests: analyse in-memory manuscripts and apply a plan's edits per file.
 */
import type { Analysis } from '../../server/src/service/analysis';
import { applyEdits } from '../../server/src/service/renumber/applyEdits';
import type { EditPlan } from '../../server/src/service/renumber/editPlan';
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
