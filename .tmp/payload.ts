import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCitelensService, MemoryWorkspace } from '/work/wt/keys4/server/src/service/service';
import { toLspDiagnostic } from '/work/wt/keys4/server/src/lsp/diagnostics';
async function main() {
  for (const file of ['/tmp/citelens-bench/pandoc.md', '/tmp/citelens-bench/numeric.md']) {
    const text = readFileSync(file, 'utf8');
    const bibName = /bibliography:\s*(\S+)/.exec(text)?.[1] ?? 'refs5k.bib';
    const path = '/bench/manuscript.md';
    const bibText = readFileSync(join(dirname(file), bibName), 'utf8');
    const ws = MemoryWorkspace.of({ [path]: text, [`/bench/${bibName}`]: bibText }, ['/bench']);
    const service = createCitelensService(ws);
    const a = await service.analyze(path);
    const docs = new Map([[path, TextDocument.create('file://' + path, 'markdown', 1, text)], [`/bench/${bibName}`, TextDocument.create('file:///bench/' + bibName, 'bibtex', 1, bibText)]]);
    const lsp = a.diagnostics.filter((d) => d.uri === path).map((d) => toLspDiagnostic(d, docs.get(path)!, (p) => docs.get(p), (p) => 'file:///work/some/longer/path' + p));
    const json = JSON.stringify(lsp);
    console.log(file, lsp.length, 'diagnostics', json.length, 'bytes');
    const off = lsp.filter((d) => d.code === 'off-topic-citation');
    console.log(JSON.stringify(off[0], null, 1));
    let msg = 0, rel = 0, relMsg = 0, data = 0;
    for (const d of lsp) { msg += d.message.length; data += JSON.stringify(d.data ?? '').length; for (const r of d.relatedInformation ?? []) { rel += JSON.stringify(r).length; relMsg += r.message.length; } }
    console.log({ msg, data, rel, relMsg });
  }
  process.exit(0);
}
void main();
