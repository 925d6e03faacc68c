/**
 * In-host tests: loaded by VS Code as `extensionTestsPath` inside code-server's Node extension host, with the
 * Citelens extension loaded from the repository in development mode and a copy of examples/genai-healthcare open.
 * Plain node:assert; each result is logged as one `CITELENS-E2E {json}` line that e2e/host.e2e.test.ts turns into
 * a node:test subtest. Every wait is on state (diagnostics present, hover text present), with a deadline.
 *
 * CITELENS_E2E_SCOPE=client (in code-server's environment) runs only the tests that need no language server.
 *
 * One file per area registers its tests on import (e2e/suite/harness.ts holds the registry and shared helpers);
 * they run in the order imported here.
 */
import './example';
import './reading';
import './completion';
import './editorui';
import './editorperf';
import './hints';

export { run } from './harness';
