/**
 * Failure isolation: a feature that throws for one document is logged and answers with an empty result; the
 * server keeps running. Cancelled requests answer empty too.
 */
import type { CancellationToken } from 'vscode-languageserver';

export type Logger = (message: string) => void;

export function guard<P, R>(
  name: string,
  fallback: R,
  log: Logger,
  handler: (params: P, token: CancellationToken) => Promise<R> | R,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      if (token?.isCancellationRequested) return fallback;
      const result = await handler(params, token);
      return token?.isCancellationRequested ? fallback : result;
    } catch (error) {
      if (isResponseError(error)) throw error;
      log(`${name} failed${describeParams(params)}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };
}

/** Errors meant for the user (a refused rename) pass through to the client. */
function isResponseError(error: unknown): boolean {
  return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'number'
    && typeof (error as { toJson?: unknown }).toJson === 'function';
}

function describeParams(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: string } } | undefined)?.textDocument?.uri;
  return uri ? ` for ${uri}` : '';
}
