/**
 * Helpers shared by the in-host suites (e2e/suite, e2e/restricted): they run inside the extension host.
 */
import type * as vscode from 'vscode';

/** Polls `probe` until it returns a value (not undefined/false), or fails after `ms`. Waits on state, never a fixed sleep. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A diagnostic's code as a string (VS Code may wrap it with a link target). */
export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
