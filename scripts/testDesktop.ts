/**
 * `npm run test:desktop`: the same in-host suite as the code-server tests (e2e/suite/index.ts), run in a desktop
 * VS Code downloaded by @vscode/test-electron — on machines that can download it (this project's CI machine
 * cannot; CI runs the suite in code-server: npm run test:e2e). Exits 2 with a clear message when the download
 * is impossible.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '..');

async function main(): Promise<number> {
  const suite = join(root, '.e2e-cache', 'desktop', 'suite.js');
  await build({ entryPoints: [join(root, 'e2e', 'suite', 'index.ts')], outfile: suite, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning' });
  // The suite edits the manuscript (renumbering): run it on a copy of the example.
  const workspace = mkdtempSync(join(tmpdir(), 'citelens-desktop-'));
  cpSync(join(root, 'examples', 'genai-healthcare'), workspace, { recursive: true });
  try {
    return await runTests({
      version: process.env.CITELENS_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|download/i.test(message)) {
      console.error(`test:desktop: cannot download VS Code here (${message}). Run the same suite in code-server: npm run test:e2e`);
      return 2;
    }
    console.error(`test:desktop: ${message}`);
    return 1;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => (process.exitCode = code));
