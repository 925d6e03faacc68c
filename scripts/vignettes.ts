/**
 * False alarms on unseen published text: every R Markdown / Quarto file under DIR (Debian's R package vignettes,
 * fetched by scripts/fetchVignettes.sh) checked as `citelens check FILE` would, diagnostics counted per code and
 * per 100 citations. Files whose named bibliography was not shipped (`bibliography-not-found`) are counted apart:
 * their unresolved citations are true but say nothing about reading. A package's source vignette names its bibliography
 * from `vignettes/` (`../inst/REFERENCES.bib`), which R installs beside `doc/` without the `inst/`
 * (`pkg/REFERENCES.bib`): the workspace reads the installed file for such a path, as the source checkout would find it.
 * Usage:
 *   node --import tsx scripts/vignettes.ts [DIR] [--list CODE]
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NodeWorkspace } from '../server/src/cli/nodeWorkspace';
import { createCitelensService } from '../server/src/service/service';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '/tmp/citelens-vignettes';
const list = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
if (!existsSync(dir)) {
  console.log(`No vignettes at ${dir}: fetch them with  bash scripts/fetchVignettes.sh ${dir}`);
  process.exit(0);
}

function* manuscripts(root: string): Generator<string> {
  for (const name of readdirSync(root).sort()) {
    const p = join(root, name);
    if (statSync(p).isDirectory()) yield* manuscripts(p);
    else if (/\.(rmd|qmd)$/i.test(name)) yield p;
  }
}

/** The installed package's file for a source path `pkg/inst/…` (`pkg/doc/../inst/x.bib`), else the path. */
class InstalledPackage extends NodeWorkspace {
  override async readText(path: string): Promise<string | null | Error> {
    const found = await super.readText(path);
    const installed = path.replace(/\/inst\//, '/');
    return typeof found === 'string' || installed === path ? found : super.readText(installed);
  }
}

type Counts = Map<string, number>;
const add = (c: Counts, k: string, n = 1): void => void c.set(k, (c.get(k) ?? 0) + n);
const groups = { found: { files: 0, citations: 0, counts: new Map() as Counts }, missing: { files: 0, citations: 0, counts: new Map() as Counts } };

async function main(): Promise<void> {
  for (const file of manuscripts(dir)) {
    const service = createCitelensService(new InstalledPackage([dirname(file)]), {});
    const analysis = await service.analyze(file);
    const citations = analysis.resolutions.filter((r) => !r.citation.nocite).length;
    const group = analysis.diagnostics.some((d) => d.code === 'bibliography-not-found') ? groups.missing : groups.found;
    group.files++;
    group.citations += citations;
    for (const d of analysis.diagnostics) {
      add(group.counts, `${d.severity} ${d.code}`);
      if (d.code === list) console.log(`${group === groups.found ? 'found' : 'missing'} ${file.slice(dir.length + 1)}: ${d.message.slice(0, 160)}`);
    }
  }
  for (const [name, g] of Object.entries(groups)) {
    console.log(`\n${name === 'found' ? 'bibliography found or none named' : 'a named bibliography not shipped'}: ${g.files} files, ${g.citations} citations`);
    for (const [k, n] of [...g.counts].sort()) console.log(`  ${k.padEnd(36)} ${String(n).padStart(5)}   ${((100 * n) / Math.max(1, g.citations)).toFixed(2)} per 100 citations`);
  }
}

void main();
