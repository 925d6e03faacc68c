/**
 * The entry point of the core for its hosts (LSP server, CLI, tests): `createCitelensService(workspace)` and the
 * `CitelensService` it returns (both in `createService.ts`), and the `Workspace` a host implements to give the core
 * its files (`workspace.ts`).
 */
export { createCitelensService, type CitelensService } from './createService';
export type { Workspace } from './workspace';
export { MemoryWorkspace } from './workspace';
