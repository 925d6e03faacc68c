/**
 * Measures the language server as an editor sees it, on a workspace (default: examples/genai-healthcare):
 * start → first diagnostics, warm hover on a citation, and keystroke (`didChange`) → `publishDiagnostics`
 * with the debounce set to 0 (product.md §7 excludes the debounce).
 *
 *   node --import tsx scripts/measureLatency.ts [folder] [manuscript.md] [--runs N]
 */
import { join, resolve } from 'node:path';
import { LspClient, serverBundle } from '../test/helpers/lspClient';

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (n=${samples.length})`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 50;
  const root = resolve(args[0] ?? join(__dirname, '..', 'examples', 'genai-healthcare'));
  const file = join(root, args[1] ?? 'manuscript.md');
  await serverBundle();

  const t0 = performance.now();
  const { client } = await LspClient.start({ root, settings: { diagnostics: { debounce: 0 } } });
  const tInit = performance.now();
  const uri = await client.open(file);
  await client.diagnostics(uri, (p) => p.version === 1, 30_000);
  const tFirst = performance.now();
  console.log(`start → initialize result: ${(tInit - t0).toFixed(0)} ms`);
  console.log(`start → first diagnostics: ${(tFirst - t0).toFixed(0)} ms (open → diagnostics ${(tFirst - tInit).toFixed(0)} ms)`);

  // Hover on the first citation, the first time (CSL engine may still be warming) and warm.
  const text = client.text(uri);
  const citation = /\[\d+[\]\s,–-]|\[@[\w:.-]+/.exec(text);
  if (citation) {
    const position = client.positionAt(uri, citation.index + (citation[0].startsWith('[@') ? 2 : 1));
    const hover = () => client.request('textDocument/hover', { textDocument: { uri }, position });
    let t = performance.now();
    await hover();
    console.log(`hover, first: ${(performance.now() - t).toFixed(1)} ms`);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      await hover();
      samples.push(performance.now() - t);
    }
    console.log(`hover, warm: ${stats(samples)}`);
  }

  // Keystrokes: type and delete a character at the end of the first paragraph; time didChange → publish.
  const at = text.indexOf('\n\n', Math.max(0, citation?.index ?? 0));
  const samples: number[] = [];
  // The text before `at` never changes, so neither does the keystroke's position.
  const position = client.positionAt(uri, at);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const version = await client.keystroke(uri, position, i);
    await client.diagnostics(uri, (p) => p.version === version);
    samples.push(performance.now() - t);
  }
  console.log(`keystroke → publishDiagnostics (debounce 0): ${stats(samples)}`);

  // Completion right after typing, with the default debounce (answered from the last analysis carried over to
  // the new text, before the debounced check runs).
  await client.setSettings({ diagnostics: { debounce: 150 } });
  await client.diagnostics(uri, (p) => p.version === client.version(uri));
  await new Promise((r) => setTimeout(r, 300));
  const completion: number[] = [];
  for (let i = 0; i < runs; i++) {
    const typed = i % 2 === 0 ? ' [@' : ' [';
    const start = client.positionAt(uri, at);
    await client.change(uri, [{ range: { start, end: start }, text: typed }]);
    const t = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: client.positionAt(uri, at + typed.length) });
    completion.push(performance.now() - t);
    await client.change(uri, [{ range: { start, end: client.positionAt(uri, at + typed.length) }, text: '' }]);
  }
  console.log(`completion right after a keystroke (debounce 150): ${stats(completion)}`);
  await client.stop();
}

void main();
