/**
 * What a user sees of an unseen-manuscript fixture (test/unit/unseenRound*.test.ts): the citations read per file,
 * in order, and the diagnostics with their positions and messages (off-topic aside: topic fit is judged in
 * test/eval/topicFitEval.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeWorkspace } from '../../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../../server/src/service/service';

/** Citations (refs per citation, joined by `,`) and diagnostics (`file:line:col code`) of an analysis. */
export async function seen(root: string, file: string, workspace = new NodeWorkspace([root])): Promise<{ cites: Record<string, string[]>; diagnostics: string[]; messages: string[] }> {
  const analysis = await createCitelensService(workspace).analyze(join(root, file));
  const cites: Record<string, string[]> = {};
  for (const f of analysis.files) cites[f.uri.slice(root.length + 1)] = f.citations.filter((c) => !c.nocite).map((c) => c.items.map((i) => i.ref).join(','));
  // A bibliography's text as the workspace gives it (a file on disk, or a MemoryWorkspace's).
  const texts = new Map<string, string>();
  for (const d of analysis.diagnostics) {
    if (texts.has(d.uri) || analysis.files.some((f) => f.uri === d.uri)) continue;
    const text = await workspace.readText(d.uri).catch(() => null);
    texts.set(d.uri, typeof text === 'string' ? text : readFileSync(d.uri, 'latin1'));
  }
  const textOf = (uri: string): string => analysis.files.find((f) => f.uri === uri)?.text ?? texts.get(uri) ?? '';
  const where = (uri: string, offset: number): string => {
    const lines = textOf(uri).slice(0, offset).split('\n');
    return `${lines.length}:${lines[lines.length - 1].length + 1}`;
  };
  const shown = analysis.diagnostics.filter((d) => d.code !== 'off-topic-citation');
  return {
    cites,
    diagnostics: shown.map((d) => `${d.uri.slice(root.length + 1)}:${where(d.uri, d.span.start)} ${d.code}`),
    messages: shown.map((d) => d.message),
  };
}
