/**
 * Work-done progress for long server work (loading a large bibliography): `window/workDoneProgress/create`,
 * then `$/progress` begin / report / end. Nothing is shown for work that finishes within `delayMs`, so small
 * files never flash a notification.
 */
import { WorkDoneProgress, WorkDoneProgressCreateRequest, type Connection } from 'vscode-languageserver';
import type { ProgressReporter } from '../service/workspace';

const silent: ProgressReporter = { report: () => undefined, done: () => undefined };
let tokens = 0;

/**
 * A factory of progress reporters over `connection`. `supported` says whether the client announced
 * `window.workDoneProgress` (asked at each start, since capabilities arrive after the server is built).
 */
export function workDoneProgress(connection: Connection, supported: () => boolean, delayMs = 200): (title: string) => ProgressReporter {
  return (title) => {
    if (!supported()) return silent;
    const token = `citelens/progress/${++tokens}`;
    let state: 'waiting' | 'creating' | 'shown' | 'over' = 'waiting';
    let percentage = 0;
    const end = () => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' });
    const timer = setTimeout(() => {
      state = 'creating';
      connection.sendRequest(WorkDoneProgressCreateRequest.type, { token }).then(
        () => {
          const over = state === 'over';
          state = 'shown';
          void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, percentage, cancellable: false });
          if (over) end();
        },
        () => (state = 'over'), // the client refused the token: show nothing
      );
    }, delayMs);
    return {
      report(next, message) {
        if (next === percentage) return;
        percentage = next;
        if (state === 'shown') void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', percentage, message });
      },
      done() {
        clearTimeout(timer);
        if (state === 'shown') end();
        state = 'over';
      },
    };
  };
}
