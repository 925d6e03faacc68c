/**
 * The Citelens language server: wires the core service to an LSP connection. Documents are synced
 * incrementally; open manuscripts are checked on open and, debounced, on change; bibliographies get their own
 * syntax and duplicate-key diagnostics; files changed on disk invalidate the core's caches and re-check the
 * manuscripts that depend on them; settings are pulled with `workspace/configuration`.
 */
import {
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIGURATION_SECTION,
  Requests,
  ServerCommands,
  type CheckWorkspaceParams,
  type DocumentCommandParams,
} from '../protocol';
import { prepareStyle } from '../service/bibtex/formatReference';
import { loadPhraseTagger } from '../service/topicFit/nounPhrases';
import type { CitelensService } from '../service/service';
import type { Workspace } from '../service/workspace';
import { CheckScheduler } from './checkScheduler';
import { EditCommands, editCommandOf } from './editCommands';
import { readConfiguration } from './configuration';
import { isBibPath, isManuscriptPath } from './fileKinds';
import { coverageOf } from './coverageRequest';
import { guard } from './guard';
import { IdleTasks } from './idleTasks';
import { registerLanguageFeatures } from './languageFeatures';
import { LspWorkspace } from './lspWorkspace';
import { DiagnosticsPublisher } from './publisher';
import { workDoneProgress } from './progress';
import { ServerContext } from './serverContext';
import { TypingEdits } from './typingEdits';
import { TypingRehearsal } from './typingRehearsal';
import { uriToPath } from './uris';
import { checkWorkspace } from './workspaceCheck';

/** Trigger characters: `@` starts a key, `[` and `,` a number in a numeric group. */
const COMPLETION_TRIGGERS = ['@', '[', ','];
const trace = !!process.env.CITELENS_TRACE;
/** CPU time of the process (all its threads) since `since`, for the trace. */
const cpuMs = (since: NodeJS.CpuUsage | undefined): string => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1000).toFixed(1);
};

export function startServer(connection: Connection, createService: (workspace: Workspace) => CitelensService): void {
  // Where the author types, from the change events (new diagnostics there wait until they pause).
  const typing = new TypingEdits();
  const documents = new TextDocuments({ create: TextDocument.create, update: typing.update });
  const workspace = new LspWorkspace(documents);
  const service = createService(workspace);
  const ctx = new ServerContext(connection, workspace, service);
  const publisher = new DiagnosticsPublisher(ctx, typing);
  const log = (m: string) => ctx.log(m);
  let capabilities: ClientCapabilities = {};
  workspace.progress = ctx.loading.wrap(workDoneProgress(connection, () => !!capabilities.window?.workDoneProgress));
  const editCommands = new EditCommands(ctx, () => capabilities);
  /** Files the workspace check published diagnostics for: they keep them when closed and are re-checked on change. */
  const workspaceChecked = new Set<string>();
  /** Documents whose first content event (the open) has been seen. */
  const known = new Set<string>();

  let settingsLoaded!: () => void;
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));

  // Building a CSL engine takes 70 ms to 1 s: after the first diagnostics, when idle, not on the first hover.
  // Real work pending or running: a check, indexing, topics being learnt. Idle tasks and the typing rehearsal wait for it.
  const working = (): boolean => scheduler.busy || ctx.indexing > 0 || learningTopics > 0;
  const idle = new IdleTasks(() => working() || rehearsal.running);
  const prepareStyleWhenIdle = (style: string): void =>
    idle.want('citation style', () => {
      try {
        prepareStyle(style);
      } catch (error) {
        log(`preparing the citation style failed: ${String(error)}`);
      }
    });

  // The tagger that words a flag's reasons (~0.25 s to load): while idle after the first diagnostics, and while a
  // topic model is learnt in the background (the main thread is free then), so the check that first explains a flag
  // does not pay it. Not waiting for the learning, unlike `idle`: that check follows the learning at once.
  const idleWhileLearning = new IdleTasks(() => scheduler.busy || ctx.indexing > 0);
  idleWhileLearning.want('phrase tagger', () => {
    if (!ctx.service.settings.topicFitEnabled) return;
    try {
      const t0 = performance.now();
      loadPhraseTagger();
      if (trace) log(`phrase tagger loaded in ${(performance.now() - t0).toFixed(0)} ms`);
    } catch (error) {
      log(`loading the phrase tagger failed: ${String(error)}`);
    }
  });

  // A large manuscript's typing path, run on edited copies while idle after its diagnostics (typingRehearsal.ts), so
  // the author's first keystrokes do not wait for V8 to optimise it. It stops for any check or edit.
  const rehearsal = new TypingRehearsal({
    service,
    text: (path) => workspace.document(path)?.getText(),
    rootOf: (path) => ctx.rootOf(path),
    busy: working,
    pause: () => workspace.pause(),
    log,
    trace,
  });
  // Before the other idle tasks (the style engine, a garbage collection): the author may type at any moment, and
  // those cost the same later, while the rehearsal only helps before the first keystrokes.
  const rehearseWhenIdle = (path: string): void =>
    idle.want(`typing rehearsal ${path}`, () => {
      void rehearsal.run(path).then((complete) => {
        if (!complete && workspace.document(path)) rehearseWhenIdle(path);
      });
    }, true);

  const scheduler = new CheckScheduler(
    async (path) => {
      // Real work: a rehearsal's analysis under way stops at its next step.
      rehearsal.interrupt();
      await settingsReady;
      if (isBibPath(path)) {
        const bib = await service.bibliography(path);
        if (bib) await publisher.publishBibliography(bib, true);
        idle.diagnosticsPublished();
      } else if (isManuscriptPath(path)) {
        const t0 = performance.now();
        const c0 = trace ? process.cpuUsage() : undefined;
        const analysis = await ctx.analysisFor(path);
        const t1 = performance.now();
        const published = await workspace.whilePublishing(() => publisher.publishAnalysis(analysis));
        if (published && workspace.document(path) && rehearsal.wants(path, analysis)) rehearseWhenIdle(path);
        if (published) refreshHintsIfWorksChanged(path, analysis.entriesByKey);
        idle.diagnosticsPublished();
        idleWhileLearning.diagnosticsPublished();
        recheckWhenTopicsLearnt(path, analysis.topicFitPending);
        // `CITELENS_TRACE=1`: where a check's time goes (core analysis vs. conversion and publishing).
        if (trace) log(`check ${path}: analyze ${(t1 - t0).toFixed(1)} ms, publish ${(performance.now() - t1).toFixed(1)} ms, cpu ${cpuMs(c0)} ms${published ? '' : ' (stale, dropped)'}`);
      }
    },
    () => ctx.options.debounceMs,
    (path, error) => log(`checking ${path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
  );

  // Diagnostics held back while the author types: published once they pause (a re-check, cached by then).
  const heldTimers = new Map<string, NodeJS.Timeout>();
  publisher.onHeld = (path, delayMs) => {
    clearTimeout(heldTimers.get(path));
    heldTimers.set(path, setTimeout(() => {
      heldTimers.delete(path);
      if (workspace.document(path)) scheduler.schedule(path, true);
    }, delayMs + 1));
  };

  /** Analyses that wait for a topic model built in the background, so each is followed by one re-check. */
  const awaitingTopics = new WeakSet<Promise<void>>();
  /** Topic models being learnt in the background (the style warm-up waits for them, as for checks). */
  let learningTopics = 0;
  /**
   * Once the server is idle after a large bibliography's topics were learnt, one full garbage collection (~80 ms
   * at 20,000 works). Reading the works and making the model leave tens of MB that V8 would keep until its next
   * major collection, which an idle server never reaches: 270–290 MB of memory instead of ~230. `gc` exists
   * when the server runs with `--expose-gc` (SERVER_EXEC_ARGV, serverProcess.ts); otherwise nothing is done.
   */
  function collectGarbageWhenIdle(): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) idle.want('garbage', () => gc());
  }

  /** When the topic model of a large bibliography is ready, checks `path` again (now with topic fit). */
  function recheckWhenTopicsLearnt(path: string, pending: Promise<void> | undefined): void {
    if (!pending || awaitingTopics.has(pending)) return;
    awaitingTopics.add(pending);
    learningTopics++;
    void pending.then(() => {
      learningTopics--;
      collectGarbageWhenIdle();
      ctx.invalidate();
      scheduler.schedule(path, true);
    });
  }

  /** Re-checks the manuscripts that use `path` and are shown somewhere (open, or published by a workspace check). */
  function recheckDependents(path: string): void {
    for (const dependent of service.dependents(path)) {
      if (dependent !== path && (workspace.document(dependent) || workspaceChecked.has(dependent))) scheduler.schedule(dependent);
    }
  }

  function recheckAll(): void {
    for (const path of new Set([...workspace.openPaths(), ...workspaceChecked])) scheduler.schedule(path, true);
  }

  connection.onInitialize((params): InitializeResult => {
    // `CITELENS_TRACE=1`: how long the process took to get here (loading the bundle), for scripts/measureStartup.ts.
    if (trace) log(`initialize after ${(process.uptime() * 1000).toFixed(0)} ms of the server process`);
    capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri))
      ?? (params.rootUri ? [uriToPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    workspace.setFolders(folders);
    // `initializationOptions.trusted: false` (Restricted Mode): read nothing outside the workspace folders;
    // `storagePath`: keep the scans of large bibliographies there between sessions.
    workspace.configure(params.initializationOptions, () => service.settings.maxFileSize, log, trace);
    // Clients without workspace/configuration may pass the `citelens` settings as initialization options.
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init) applyConfiguration(init.settings ?? init);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        inlayHintProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: true },
        documentLinkProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'citelens' },
    };
  });

  /**
   * The editor asks for inlay hints when a document changes; when the works behind them change instead (a
   * bibliography read or edited) it is told to ask again. An analysis keeps its entry index while its
   * bibliographies are the same objects, so the index's identity says whether they changed.
   */
  const hintedWorks = new Map<string, unknown>();
  function refreshHintsIfWorksChanged(path: string, works: unknown): void {
    const before = hintedWorks.get(path);
    hintedWorks.set(path, works);
    if (before !== undefined && before !== works) refreshHints();
  }
  function refreshHints(): void {
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  function applyConfiguration(section: unknown): void {
    const { settings, options } = readConfiguration(section);
    service.setSettings(settings);
    ctx.options = options;
    ctx.invalidate();
    publisher.reset();
    refreshHints();
    prepareStyleWhenIdle(service.settings.citationStyle);
  }

  async function pullConfiguration(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    try {
      applyConfiguration(await connection.workspace.getConfiguration({ section: CONFIGURATION_SECTION }));
    } catch (error) {
      log(`reading the citelens configuration failed: ${String(error)}`);
    }
  }

  // Scans of large bibliographies waiting to be written to the extension's storage are written before exit.
  connection.onShutdown(async () => {
    try {
      await workspace.scans?.flush();
    } catch (error) {
      log(`writing the bibliography cache failed: ${String(error)}`);
    }
  });

  connection.onInitialized(() => {
    void pullConfiguration().finally(settingsLoaded);
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((list) => {
          workspace.setFolders((list ?? []).map((f) => uriToPath(f.uri)));
          ctx.invalidate();
          recheckAll();
        });
      });
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    if (capabilities.workspace?.configuration) await pullConfiguration();
    else applyConfiguration((params.settings as Record<string, unknown> | undefined)?.[CONFIGURATION_SECTION]);
    recheckAll();
  });

  documents.onDidChangeContent((e) => {
    idle.activity();
    rehearsal.interrupt();
    const path = uriToPath(e.document.uri);
    ctx.invalidate(path);
    const opening = !known.has(path);
    known.add(path);
    if (isManuscriptPath(path) || isBibPath(path)) scheduler.schedule(path, opening);
    if (!opening || isBibPath(path)) recheckDependents(path);
  });

  documents.onDidClose((e) => {
    const path = uriToPath(e.document.uri);
    known.delete(path);
    scheduler.cancel(path);
    typing.forget(e.document.uri);
    clearTimeout(heldTimers.get(path));
    heldTimers.delete(path);
    // The file now reads from disk again, which may differ from the closed buffer.
    ctx.invalidate(path);
    if (workspaceChecked.has(path)) scheduler.schedule(path);
    else publisher.clear(path);
    recheckDependents(path);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      // An open document's buffer, not the disk, is what the user sees.
      if (workspace.document(path)) continue;
      ctx.invalidate(path);
      if (change.type === FileChangeType.Deleted && (workspaceChecked.delete(path) || isBibPath(path))) publisher.clear(path);
      else if (workspaceChecked.has(path)) scheduler.schedule(path);
      recheckDependents(path);
    }
  });

  connection.onExecuteCommand(guard('executeCommand', null, log, async (params) => {
    const arg = params.arguments?.[0];
    switch (params.command) {
      case ServerCommands.checkWorkspace: {
        await settingsReady;
        return checkWorkspace(ctx, publisher, arg as CheckWorkspaceParams | undefined, (path) => workspaceChecked.add(path));
      }
      default: {
        // Renumber, Update Reference List and the citation conversions (editCommands.ts).
        const command = editCommandOf(params.command);
        if (!command) return null;
        await settingsReady;
        return editCommands.run(command, arg as DocumentCommandParams | undefined);
      }
    }
  }));

  // The renumber quick fix's edit is computed when the user picks it, not for every light-bulb request.
  connection.onCodeActionResolve(async (action) => {
    try {
      await settingsReady;
      return await editCommands.resolve(action);
    } catch (error) {
      log(`codeAction/resolve failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return action;
    }
  });

  connection.onRequest(Requests.coverage, guard('coverage', null, log, async (params) => {
    await settingsReady;
    return coverageOf(await ctx.analysisFor(uriToPath(params.uri)), ctx);
  }));

  registerLanguageFeatures(ctx, () => !!capabilities.textDocument?.definition?.linkSupport, editCommands);

  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  documents.listen(connection);
  connection.listen();
}
