/**
 * Entry point of the Citelens language server (`dist/server.js`). The transport comes from the command line:
 * `--stdio`, `--node-ipc` (VS Code) or `--socket=N`. Everything else lives in `lsp/` (the adapter) and
 * `service/` (the core).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/citelensServer';
import { createCitelensService } from './service/service';

startServer(createConnection(ProposedFeatures.all), createCitelensService);
