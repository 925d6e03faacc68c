/**
 * Start-up in the real host (issue 16, item 11): window open → the manuscript shown → its first diagnostics, in
 * code-server (VS Code 1.100.3, the packaged .vsix installed as a user would) driven by headless chromium.
 * Prints the numbers; asserts nothing.
 *
 * One code-server, `--runs` windows in turn (default 5), each a new browser page on the example workspace: a new
 * window has its own extension host, so Citelens activates, starts its server and checks the manuscript again.
 * The first window is the first start after installing (no code cache yet); the others are the everyday case.
 *
 * For each window, from `page.goto`:
 * - workbench: the Explorer lists the folder;
 * - shown: the manuscript's editor shows text (opened with Quick Open at once);
 * - diagnostics: VS Code's own Problems item in the status bar counts problems (independent of Citelens's item);
 * and, from the extension host's and the Citelens output channel's logs (timestamps to the millisecond; the server
 * runs with CITELENS_TRACE=1): when Citelens was activated, when its server answered `initialize` and how long its
 * first check took.
 *
 *   flock /work/wt/e2e.lock node --import tsx scripts/measureStartup.ts [--runs N] [--workspace DIR] [--manuscript FILE]
 *
 * Needs `.e2e-cache/citelens.vsix` (scripts/e2e.sh packages it: `node esbuild.mjs && node scripts/packageVsix.mjs -o
 * .e2e-cache/citelens.vsix`), code-server (scripts/install-code-server.sh) and chromium. Run it through the e2e
 * lock, on an idle machine (load average printed).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheDir, copyWorkspace, launchBrowser, repoRoot, startCodeServer, workbenchUrl } from '../e2e/lib/codeServer';
import { quickOpen } from '../e2e/lib/workbench';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '5'));
const source = resolve(option('--workspace', join(repoRoot, 'examples', 'genai-healthcare')));
const manuscript = option('--manuscript', 'manuscript.md');
const vsix = resolve(process.env.CITELENS_VSIX ?? join(cacheDir, 'citelens.vsix'));

interface Sample {
  workbench: number;
  shown: number;
  diagnostics: number;
  activated?: number;
  initialized?: number;
  /** The server process's own time to `initialize` (start, loading the bundle), from its log line. */
  serverUptime?: number;
  /** When the client logged its first line (in `activate`). */
  clientUp?: number;
  firstCheck?: string;
}

/** Log lines as `[wall-clock ms, text]` (VS Code writes local time `YYYY-MM-DD HH:MM:SS.mmm`). */
function timedLines(file: string): [number, string][] {
  const out: [number, string][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
    if (m) out.push([new Date(`${m[1]}T${m[2]}`).getTime(), line]);
  }
  return out;
}

function filesUnder(dir: string, match: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, match));
    else if (match(name)) out.push(p);
  }
  return out;
}

const median = (s: number[]) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)];
const sec = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  if (!existsSync(vsix)) throw new Error(`no vsix at ${vsix}: node esbuild.mjs && node scripts/packageVsix.mjs -o ${vsix}`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${runs} windows on ${source}`);
  const server = await startCodeServer({ vsix, env: { CITELENS_TRACE: '1' } });
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  try {
    const workspace = copyWorkspace(server, source);
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t0 = Date.now();
      await page.goto(workbenchUrl(server, workspace));
      await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
      const workbench = Date.now() - t0;
      await quickOpen(page, manuscript);
      const shown = Date.now() - t0;
      // VS Code's Problems item: "No Problems" until diagnostics arrive, then e.g. "Errors: 0, Warnings: 12".
      await page.waitForFunction(`(() => { const el = document.getElementById('status.problems');
        const label = el ? (el.getAttribute('aria-label') || el.textContent || '') : '';
        return /[1-9]/.test(label); })()`, undefined, { timeout: 120_000, polling: 25 });
      const diagnostics = Date.now() - t0;
      const sample: Sample = { workbench, shown, diagnostics };
      // Where the time went, from the logs of this window's extension host (the newest session folder).
      const exthost = filesUnder(join(server.dirs.userData, 'logs'), (n) => n === 'remoteexthost.log' || n === 'exthost.log')
        .map((f) => ({ f, lines: timedLines(f) })).filter(({ lines }) => lines.some(([t]) => t >= t0 - 1000));
      for (const { lines } of exthost) {
        const activation = lines.find(([t, l]) => t >= t0 - 1000 && /citelens\.citelens/.test(l) && /activat/i.test(l));
        if (activation) sample.activated = activation[0] - t0;
      }
      for (const file of filesUnder(join(server.dirs.userData, 'logs'), (n) => /Citelens\.log$/.test(n))) {
        const lines = timedLines(file).filter(([t]) => t >= t0 - 1000);
        const init = lines.find(([, l]) => /initialize after/.test(l));
        if (init) {
          sample.initialized = init[0] - t0;
          sample.serverUptime = Number(/initialize after (\d+) ms/.exec(init[1])?.[1]);
        }
        const up = lines.find(([, l]) => /Citelens \d+\.\d+\.\d+/.test(l));
        if (up) sample.clientUp = up[0] - t0;
        const check = lines.find(([, l]) => /check .*: analyze/.test(l));
        if (check) sample.firstCheck = /analyze [\d.]+ ms, publish [\d.]+ ms/.exec(check[1])?.[0];
      }
      samples.push(sample);
      console.log(`window ${run + 1}${run === 0 ? ' (first start after install)' : ''}: workbench ${sec(workbench)}, manuscript shown ${sec(shown)}, ` +
        `first diagnostics ${sec(diagnostics)} (shown → diagnostics ${sec(diagnostics - shown)}); Citelens activated ${sec(sample.activated)}, ` +
        `client up ${sec(sample.clientUp)}, server initialized ${sec(sample.initialized)} (${sample.serverUptime ?? '—'} ms after its process started), first check: ${sample.firstCheck ?? '—'}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const everyday = samples.length > 1 ? samples.slice(1) : samples;
  const m = (pick: (s: Sample) => number | undefined) => {
    const values = everyday.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  console.log(`\nmedian of windows 2–${samples.length} (n=${everyday.length}): window open → manuscript shown ${sec(m((s) => s.shown))}, ` +
    `→ first diagnostics ${sec(m((s) => s.diagnostics))}; manuscript shown → first diagnostics ${sec(m((s) => s.diagnostics - s.shown))}; ` +
    `→ Citelens activated ${sec(m((s) => s.activated))}, → server initialized ${sec(m((s) => s.initialized))} (server process start → initialize ${sec(m((s) => s.serverUptime))})`);
  console.log(JSON.stringify({ samples }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
