/**
 * Entry point of the Citelens language server (`dist/server.js`). The transport comes from the command line:
 * `--stdio` (VS Code, the tests and the benchmarks), `--node-ipc` or `--socket=N`. Everything else lives in `lsp/` (the adapter) and
 * `service/` (the core).
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { diagnosticsWriter } from './lsp/diagnosticsWriter';
import { startServer } from './lsp/citelensServer';
import { createCitelensService } from './service/service';

startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all), createCitelensService);

/**
 * Over stdio, messages are written by `diagnosticsWriter` (each diagnostic serialised once, a message in one
 * `writev`). Like the library's own
 * stdio connection, stdin's end exits and console output goes to the client's log, never into the protocol
 * stream on stdout.
 */
function stdioConnection(): Connection {
  // vscode-jsonrpc takes a writer where a stream is expected (it tells them apart by `addListener`); stdin stays a
  // stream so the library's exit on its end applies. The typed overloads do not mix the two, hence the cast.
  const writer = diagnosticsWriter(process.stdout) as unknown as NodeJS.WritableStream;
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer);
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.trace = log;
  return connection;
}
