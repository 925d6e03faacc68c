/**
 * Real-host test harness: an isolated code-server (VS Code 1.100.3 server + web workbench + Node extension host)
 * on 127.0.0.1, driven by playwright-core with Debian's chromium. One server per test file; everything it writes
 * (user data, extensions, HOME, XDG dirs, TMPDIR, logs) lives in one temp folder removed at the end
 * (`KEEP_E2E_DIRS=1` keeps it; the path is printed).
 *
 * Environment: CODE_SERVER_BIN (default: where scripts/install-code-server.sh installs), CHROMIUM_BIN
 * (default /usr/bin/chromium), E2E_HEADFUL=1 (needs a display), KEEP_E2E_DIRS=1.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root (this file is e2e/lib/codeServer.ts). */
export const repoRoot = resolve(__dirname, '..', '..');
/** Run artefacts that survive a run (built test suite, packaged vsix); gitignored. */
export const cacheDir = join(repoRoot, '.e2e-cache');

const CS_VERSION = '4.100.3';
export const codeServerBin =
  process.env.CODE_SERVER_BIN ?? join(homedir(), '.cache', 'citelens-e2e', `code-server-${CS_VERSION}`, 'node_modules', '.bin', 'code-server');
const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** User settings of the test profile: no walkthrough, no telemetry, no network, no git noise. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 300,
};

export interface RunDirs {
  root: string;
  userData: string;
  extensions: string;
  home: string;
  tmp: string;
  log: string;
}

export interface CodeServer {
  url: string;
  dirs: RunDirs;
  startupMs: number;
  /** Stops the whole process group (extension host, language server, watchers) and removes the run folder. */
  stop(): Promise<void>;
  /** The last lines of code-server's log and of the extension host log, for failure messages. */
  logTail(lines?: number): string;
}

/** Throws a clear message when the host or the browser is not installed. */
export function checkPrerequisites(): void {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server not found at ${codeServerBin}: run scripts/install-code-server.sh (or set CODE_SERVER_BIN)`);
  }
  if (!existsSync(chromiumBin)) throw new Error(`chromium not found at ${chromiumBin}: apt-get install chromium (or set CHROMIUM_BIN)`);
}

/**
 * Extra user settings when workspace trust is on (`StartOptions.workspaceTrust`): no startup dialog, untrusted
 * files open without asking, so a newly opened folder simply starts in Restricted Mode.
 */
const trustSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.banner': 'never',
};

function makeDirs(workspaceTrust = false): RunDirs {
  const root = mkdtempSync(join(tmpdir(), 'citelens-e2e-'));
  const dirs: RunDirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    log: join(root, 'code-server.log'),
  };
  for (const d of [dirs.extensions, dirs.home, dirs.tmp, join(dirs.userData, 'User')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(workspaceTrust ? { ...userSettings, ...trustSettings } : userSettings, null, 2));
  return dirs;
}

/**
 * The environment of every code-server process: HOME, XDG_* and TMPDIR inside the run folder (code-server, the
 * extension host and chromium write there otherwise, and leave sockets in /tmp); EXTENSIONS_GALLERY={} turns the
 * marketplace (open-vsx.org, unreachable here) off.
 */
function hostEnv(dirs: RunDirs, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StartOptions {
  /** A packaged extension to install first (`code-server --install-extension`). */
  vsix?: string;
  /** Extra environment for the server and so for the extension host (e.g. flags for the in-host suite). */
  env?: Record<string, string>;
  /**
   * Keep VS Code's workspace trust on (default off: `--disable-workspace-trust`). Folders are then not trusted,
   * without a prompt, so the workbench and the extension host run in Restricted Mode.
   */
  workspaceTrust?: boolean;
}

/** Starts code-server and resolves once `/healthz` answers. */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  checkPrerequisites();
  const dirs = makeDirs(options.workspaceTrust);
  const env = hostEnv(dirs, options.env);
  const common = ['--config', '/dev/null', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (options.vsix) {
    if (!existsSync(options.vsix)) throw new Error(`no vsix at ${options.vsix}: run scripts/e2e.sh (it packages one)`);
    execFileSync(codeServerBin, [...common, '--install-extension', options.vsix], { env, stdio: 'pipe' });
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFd = openSync(dirs.log, 'a');
  // detached: its own process group, so stop() reaches the extension host and the language server too.
  const child: ChildProcess = spawn(codeServerBin, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override'],
  { env, stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  const pid = child.pid!;

  const logTail = (lines = 40): string => {
    const parts = [`--- ${dirs.log}`, tail(dirs.log, lines)];
    const exthost = findExtensionHostLog(dirs.userData);
    if (exthost) parts.push(`--- ${exthost}`, tail(exthost, lines));
    return parts.join('\n');
  };
  const stop = async (): Promise<void> => {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    for (let i = 0; i < 50; i++) {
      try { process.kill(-pid, 0); } catch { break; }
      await sleep(100);
    }
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    if (process.env.KEEP_E2E_DIRS) console.log(`# kept e2e run folder ${dirs.root}`);
    else rmSync(dirs.root, { recursive: true, force: true });
  };

  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}\n${logTail()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() - t0 > 30_000) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s\n${logTail()}`);
    }
    await sleep(100);
  }
  return { url, dirs, startupMs: Date.now() - t0, stop, logTail };
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** `user-data/logs/<session>/exthost1/remoteexthost.log` or similar: where extension errors end up. */
function findExtensionHostLog(userData: string): string | undefined {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return undefined;
  for (const session of readdirSync(logs).sort().reverse()) {
    for (const candidate of ['remoteexthost.log', join('exthost1', 'remoteexthost.log'), join('exthost1', 'exthost.log')]) {
      const p = join(logs, session, candidate);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** Headless chromium with a throwaway HOME (it writes crash reports and dconf there). */
export async function launchBrowser(): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'citelens-e2e-chromium-'));
  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: !process.env.E2E_HEADFUL,
    args: chromiumArgs,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
  });
  browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
  return browser;
}

export interface DevelopmentPaths {
  /** Folder of an unpacked extension to load in development mode (its package.json `main` must be built). */
  extensionDevelopmentPath: string;
  /** A CommonJS module exporting `run(): Promise<void>`, run inside the extension host. */
  extensionTestsPath?: string;
}

/**
 * The workbench URL opening `folder`. With development paths it uses the web embedder's `payload` parameter, which
 * code-server honours like `--extensionDevelopmentPath` / `--extensionTestsPath` (URIs of the remote host).
 */
export function workbenchUrl(server: CodeServer, folder: string, dev?: DevelopmentPaths): string {
  let url = `${server.url}/?folder=${encodeURIComponent(resolve(folder))}`;
  if (dev) {
    const remote = (p: string) => `vscode-remote://${new URL(server.url).host}${resolve(p)}`;
    const payload: [string, string][] = [['extensionDevelopmentPath', remote(dev.extensionDevelopmentPath)]];
    if (dev.extensionTestsPath) payload.push(['extensionTestsPath', remote(dev.extensionTestsPath)]);
    url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }
  return url;
}

export interface InHostRun {
  /** 0 when the suite's run() resolved, 1 when it rejected, or a timeout message. */
  exitCode: number | string;
  /** Everything the extension host logged through console.*, in order. */
  logs: string[];
}

/**
 * Runs an extension test module inside code-server's Node extension host. The workbench calls
 * `window.codeAutomationLog` for the host's console output and `window.codeAutomationExit` when `run()` settles
 * (the same hooks @vscode/test-web uses), so no fixed waits are needed.
 */
export async function runInHostTests(server: CodeServer, folder: string, dev: Required<DevelopmentPaths>, timeoutMs = 180_000): Promise<InHostRun> {
  const browser = await launchBrowser();
  const logs: string[] = [];
  try {
    const page = await browser.newPage();
    let finish!: (code: number | string) => void;
    const exited = new Promise<number | string>((r) => (finish = r));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);
    await page.goto(workbenchUrl(server, folder, dev));
    const exitCode = await exited;
    clearTimeout(timer);
    return { exitCode, logs };
  } finally {
    await browser.close();
  }
}

/** Copies a workspace (e.g. examples/genai-healthcare) into the run folder, so tests never edit the original. */
export function copyWorkspace(server: CodeServer, source: string): string {
  if (!existsSync(source)) throw new Error(`no workspace at ${source}`);
  const target = join(server.dirs.root, 'workspace');
  cpSync(source, target, { recursive: true });
  return target;
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user would, and resolves once its editor shows text. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${file}")`, { state: 'visible' });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active:has-text("${file}")`);
  await page.waitForSelector('.monaco-editor .view-lines .view-line', { state: 'visible' });
}
