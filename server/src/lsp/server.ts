// The STAR Stories language server: wiring LSP to a core Workspace. Runs
// over IPC for VS Code and over stdio for other editors. Analysis, fixes,
// coverage and the story list come from the core; each editor feature is a
// module of its own (completion, hover, symbols, codelens, codeactions);
// publishing lives in publish.ts, document sync in sync.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  WatchKind,
  ErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Workspace, computeMetrics, coverageMatrix, defaultConfig, eventOptions, matrixHtml, storyList, wordsPerMinute, type Config } from '../core';
import { fileFilter, findConfigIn, findMarkdown, loadConfig, readText, specialFile, type LoadedConfig } from '../node/files';
import { analyzeInParallel, type FileOutcome } from '../node/parallel';
import {
  CheckWorkspaceRequest,
  CoverageRequest,
  MatrixRequest,
  MetricsRequest,
  PlanRequest,
  StoriesRequest,
  type CheckWorkspaceResult,
  type MatrixParams,
  type MatrixResult,
  type Settings,
} from '../protocol';
import { FIX_ALL_KIND, codeActions } from './codeactions';
import { codeLenses } from './codelens';
import { complete } from './completion';
import { claimHover, hover, practiceHover } from './hover';
import { textOf } from './text';
import { inlayHints } from './inlay';
import { Publisher } from './publish';
import { DocumentSync } from './sync';
import { documentSymbols, foldingRanges, workspaceSymbols } from './symbols';

export class StarServer {
  readonly documents = new TextDocuments(TextDocument);
  private ws = new Workspace();
  private roots: string[] = [];
  private config: Config = defaultConfig();
  private configRoot = '';
  private canRegisterWatchers = false;
  private canPullConfig = false;
  private canProgress = false;
  /** The client answers window/showMessageRequest (an action on a message) and window/showDocument. */
  private canAskUser = false;
  private canShowDocument = false;
  /** False in an untrusted workspace (VS Code's Restricted Mode, from initializationOptions): settings are held to the workspace too. */
  private trusted = true;
  /** A configuration has loaded whole at least once: when a later load fails, it stays in force. */
  private goodConfig = false;
  /** The configuration file that holds problems now (its diagnostics are cleared when they go). */
  private configDiagnosticsUri: string | undefined;
  /** The last problems shown in a message, so a reload with the same problems does not show them again. */
  private lastShown = '';
  private indexed = false;
  /** Index runs in progress: file events are held until the last one ends. */
  private indexing = 0;
  /** Set when start-up (configuration and the first index) is over, however it ended. */
  private started = false;
  /** Set by `shutdown`: later requests get an error, edits are ignored. */
  private shutDown = false;
  private readonly publisher: Publisher;
  private readonly sync: DocumentSync;
  /** Resolved once the first index of the workspace is done: coverage and stories wait for it. */
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(readonly connection: Connection) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.publisher = new Publisher(
      connection,
      () => this.ws,
      (uri) => this.documents.get(uri)?.version,
      (what, fn) => this.guard(what, fn),
    );
    this.sync = new DocumentSync({
      ws: () => this.ws,
      documents: this.documents,
      publisher: this.publisher,
      isStoryFile: (uri) => this.isStoryFile(uri),
      indexed: () => this.indexed,
      // before the first index too: its listing of the folders must not miss or keep a file
      indexing: () => this.indexing > 0 || !this.started,
      isConfigChange: (uri) =>
        /(?:^|\/)\.starstories\.ya?ml$/.test(uri) || (!!this.config.frameworkPath && uri.endsWith(this.config.frameworkPath.split(/[\\/]/).pop()!)),
      reloadConfig: () => void this.reloadConfig(),
      workerScript: __filename,
    });
  }

  // ------------------------------------------------------------ lifecycle

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => {
      this.shutDown = true;
      this.sync.stop();
      this.publisher.stop();
    });
    c.onDidChangeConfiguration(() => void this.reloadConfig());
    c.onDidChangeWatchedFiles((p) => this.guard('watched files', () => this.sync.watched(p.changes)));
    this.documents.onDidChangeContent((e) => this.sync.schedule(e.document.uri));
    this.documents.onDidClose((e) => this.guard('close', () => this.sync.closed(e.document.uri)));
    c.onCodeAction((p) => this.request('codeAction', () => codeActions(this.ws, p.textDocument.uri, p.context.diagnostics, p.context.only)));
    c.onCompletion((p) =>
      this.request('completion', () => {
        const doc = this.documents.get(p.textDocument.uri);
        return doc ? complete(doc.getText(), p.position, this.ws.getMatcher()) : [];
      }),
    );
    c.onHover((p) =>
      this.request('hover', () => {
        const facts = this.ws.get(p.textDocument.uri);
        if (!facts) return null;
        return (
          hover(facts, p.position, this.ws.getMatcher(), wordsPerMinute(this.ws.getRules()), this.ws.files()) ??
          practiceHover(facts, p.position, this.ws.getMatcher().framework, textOf(this.ws, p.textDocument.uri)) ??
          claimHover(facts, p.position, this.ws.files()) ??
          null
        );
      }),
    );
    c.onDocumentSymbol((p) => this.request('documentSymbol', () => documentSymbols(this.ws.get(p.textDocument.uri))));
    c.onFoldingRanges((p) => this.request('foldingRange', () => foldingRanges(this.ws.get(p.textDocument.uri))));
    c.onCodeLens((p) =>
      this.request('codeLens', () =>
        codeLenses(this.ws.get(p.textDocument.uri), wordsPerMinute(this.ws.getRules()), {
          framework: this.ws.getMatcher().framework,
          text: textOf(this.ws, p.textDocument.uri),
        }),
      ),
    );
    c.languages.inlayHint.on((p) => this.request('inlayHint', () => inlayHints(this.ws.get(p.textDocument.uri), p.range)));
    c.onWorkspaceSymbol((p) => this.request('workspaceSymbol', () => workspaceSymbols(this.ws.files(), p.query ?? '')));
    // answered once the workspace is indexed, so a client never sees a half-read workspace
    c.onRequest(CoverageRequest.method, () =>
      this.request('coverage', async () => {
        await this.ready;
        return this.publisher.coverageResult();
      }),
    );
    c.onRequest(StoriesRequest.method, () =>
      this.request('stories', async () => {
        await this.ready;
        const cross = this.ws.workspaceFindings();
        return storyList(this.ws.files(), (uri) => this.ws.diagnosticsFor(uri, cross), this.ws.getRules());
      }),
    );
    c.onRequest(MetricsRequest.method, () =>
      this.request('metrics', async () => {
        await this.ready;
        return computeMetrics(this.ws.files(), this.ws.workspaceFindings());
      }),
    );
    c.onRequest(PlanRequest.method, () =>
      this.request('plan', async () => {
        await this.ready;
        return this.ws.plan();
      }),
    );
    c.onRequest(MatrixRequest.method, (p: MatrixParams | null) =>
      this.request('matrix', async () => {
        await this.ready;
        return this.matrix(p ?? {});
      }),
    );
    c.onRequest(CheckWorkspaceRequest.method, () => this.request('checkWorkspace', () => this.checkWorkspace()));
    this.documents.listen(c);
    c.listen();
  }

  /** The coverage matrix with each story's findings, and the page when asked (file names relative to the workspace or the report's folder). */
  private matrix(p: MatrixParams): MatrixResult {
    const cross = this.ws.workspaceFindings();
    const ws = this.ws;
    const rules = ws.getRules();
    const matrix = coverageMatrix(ws.files(), ws.getMatcher().framework, ws.getConfig().coverageTarget, rules, eventOptions(rules), (uri) =>
      ws.diagnosticsFor(uri, cross),
    );
    const h = p.html;
    if (!h) return { matrix };
    const fsPath = (uri: string) => {
      try {
        return URI.parse(uri).fsPath;
      } catch {
        return uri;
      }
    };
    const slash = (s: string) => s.split(path.sep).join('/');
    const file =
      h.mode === 'report' && h.folder
        ? (uri: string) => slash(path.relative(h.folder!, fsPath(uri)))
        : (uri: string) => {
            const abs = fsPath(uri);
            const root = this.roots.find((r) => !path.relative(r, abs).startsWith('..'));
            return slash(root ? path.relative(root, abs) : abs);
          };
    const options = { file, ...(h.nonce ? { nonce: h.nonce } : {}), ...(h.cspSource ? { cspSource: h.cspSource } : {}) };
    const html =
      h.mode === 'report'
        ? matrixHtml(matrix, { ...options, href: (s) => `${file(s.uri)}#L${s.line}` })
        : matrixHtml(matrix, { ...options, webview: true, title: `Coverage matrix: ${matrix.framework}` });
    return { matrix, html };
  }

  private initialize(p: InitializeParams): InitializeResult {
    const folders: WorkspaceFolder[] =
      p.workspaceFolders ?? (p.rootUri ? [{ uri: p.rootUri, name: 'root' }] : p.rootPath ? [{ uri: URI.file(p.rootPath).toString(), name: 'root' }] : []);
    this.roots = folders
      .map((f) => URI.parse(f.uri))
      .filter((u) => u.scheme === 'file')
      .map((u) => u.fsPath);
    const caps = p.capabilities;
    this.canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canProgress = !!caps.window?.workDoneProgress;
    this.canAskUser = !!caps.window?.showMessage;
    this.canShowDocument = !!caps.window?.showDocument?.support;
    const init = p.initializationOptions as { trusted?: unknown } | null | undefined;
    this.trusted = init?.trusted !== false;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' ', ',', '#', '-', '['] },
        hoverProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'star-stories-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    try {
      if (this.canRegisterWatchers) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.md' },
            { globPattern: '**/.starstories.{yaml,yml}' },
            { globPattern: '**/*.{yaml,yml}' },
            // a deleted folder comes as one event, without the files in it
            { globPattern: '**/*', kind: WatchKind.Delete },
          ],
        });
      }
      await this.loadConfig();
      await this.indexAll();
    } catch (e) {
      this.log(`start-up failed: ${(e as Error).stack ?? e}`);
    } finally {
      this.started = true;
      this.sync.replay();
      this.markReady();
    }
  }

  // ------------------------------------------------------------ configuration

  /**
   * Load the configuration (settings, then `.starstories.yaml`) with the
   * loader the CLI uses. Never throws. Every problem reaches the user: a
   * diagnostic on the configuration file when there is one to point at, a
   * message (with "Open configuration" where the client can answer one),
   * and the log. When the file or the framework cannot be read or parsed at
   * all, the last configuration that loaded stays in force.
   */
  private async loadConfig(): Promise<void> {
    let settings: Settings = {};
    if (this.canPullConfig) {
      try {
        settings = ((await this.connection.workspace.getConfiguration('starStories')) as Settings | null) ?? {};
      } catch {
        settings = {};
      }
    }
    const file = findConfigIn(this.roots);
    const loaded = loadConfig(file, this.roots[0] ?? process.cwd(), settings, { workspaceRoots: this.roots, trustedSettings: this.trusted });
    const keep = loaded.failed && this.goodConfig;
    this.reportConfigProblems(loaded, keep);
    if (keep) {
      this.log('the configuration could not be loaded whole: the last configuration that loaded stays in force');
      return;
    }
    if (!loaded.failed) this.goodConfig = true;
    this.configRoot = loaded.root;
    this.config = loaded.config;
    const started = this.ws.analyses;
    const reread = this.ws.setConfig(loaded.config);
    this.log(
      `configuration loaded${file ? ` from ${file}` : ''}; ${reread ? `framework changed: ${this.ws.analyses - started} files analysed again` : 'rules re-run over the facts already read'}`,
    );
  }

  private reportConfigProblems(loaded: LoadedConfig, kept: boolean): void {
    const problems = loaded.problems;
    // diagnostics on the configuration file, when it is a file the editor can open
    const fileUri = loaded.file && !specialFile(loaded.file) ? URI.file(loaded.file).toString() : undefined;
    if (this.configDiagnosticsUri && this.configDiagnosticsUri !== fileUri) this.sendConfigDiagnostics(this.configDiagnosticsUri, []);
    this.configDiagnosticsUri = undefined;
    if (fileUri) {
      const name = loaded.file!;
      const diagnostics = problems.map((p) => {
        const line = Math.max(0, (p.line ?? 1) - 1);
        // messages name their file; on the file itself its name is noise
        const message = p.message.startsWith(name) ? p.message.slice(name.length).replace(/^(?::\d+)?:\s*/, '') : p.message;
        return {
          range: { start: { line, character: 0 }, end: { line, character: 2147483647 } },
          severity: DiagnosticSeverity.Warning,
          source: 'star-stories',
          message: kept ? `${message} (the last configuration that loaded stays in force)` : message,
        };
      });
      this.sendConfigDiagnostics(fileUri, diagnostics);
      if (diagnostics.length) this.configDiagnosticsUri = fileUri;
    }
    if (!problems.length) {
      this.lastShown = '';
      return;
    }
    for (const p of problems) this.log(p.message);
    const shown = problems.map((p) => p.message).join('\n');
    if (shown === this.lastShown) return; // a reload with the same problems: already shown
    this.lastShown = shown;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; see the output)` : '';
    const message = `STAR Stories: ${problems[0]!.message}${more}${kept ? ' The last configuration that loaded stays in force.' : ''}`;
    if (this.canAskUser && fileUri) {
      const open = 'Open configuration';
      // a request: a client may fail it or never answer; neither may reach the server's unhandled rejections
      this.connection.window.showWarningMessage(message, { title: open }).then(
        (choice) => {
          if (choice?.title === open && this.canShowDocument)
            this.connection.window.showDocument({ uri: fileUri, takeFocus: true }).then(undefined, (e) => this.log(`showDocument failed: ${e}`));
        },
        (e) => this.log(`window/showMessageRequest failed: ${(e as Error).message ?? e}`),
      );
    } else {
      // a notification (window/showMessage): no answer is awaited, so a client without message requests is fine
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
    }
  }

  private sendConfigDiagnostics(uri: string, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  private async reloadConfig(): Promise<void> {
    try {
      const include = JSON.stringify([this.config.include, this.config.exclude]);
      await this.loadConfig();
      if (!this.indexed) return;
      // other globs may take in other files: read the folders again; else only publish what the rules say now
      if (JSON.stringify([this.config.include, this.config.exclude]) !== include) await this.indexAll();
      else await this.publisher.all(false);
    } catch (e) {
      this.log(`reloading the configuration failed: ${(e as Error).stack ?? e}`);
    }
  }

  // ------------------------------------------------------------ indexing

  private filter() {
    return fileFilter(this.config, this.configRoot || this.roots[0] || process.cwd());
  }

  private isStoryFile(uri: string): boolean {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return u.scheme === 'untitled';
    if (!/\.md$/i.test(u.fsPath)) return false;
    return this.filter().accept(u.fsPath);
  }

  /** Read every story file of the workspace folders and publish all diagnostics. */
  private async indexAll(): Promise<{ files: number }> {
    this.indexing++;
    try {
      return await this.readAll();
    } finally {
      this.indexing--;
      // events that came while the last run published (at start-up, `initialized` replays them)
      if (this.indexing === 0 && this.started) this.sync.replay();
    }
  }

  private async readAll(): Promise<{ files: number }> {
    const filter = this.filter();
    const files = this.roots.flatMap((r) => findMarkdown(r, filter, [], (f, why) => this.log(`${f}: ${why}; skipped`)));
    if (this.config.include.length && this.configRoot) {
      // include globs are relative to the configuration's folder: files of other workspace folders are read whatever they say
      const outside = files.filter((f) => path.relative(this.configRoot, f).startsWith('..')).length;
      if (outside) this.log(`include applies only to files under ${this.configRoot} (the configuration's folder); ${outside} files outside it are read`);
    }
    const progress = this.canProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('STAR Stories', 0, `Reading ${files.length} story files`, false);
    const keep = new Set<string>();
    const t0 = Date.now();
    // Files are read and analysed in a worker thread: the parse trees' garbage
    // stays in the worker's heap, which goes away with it, and this thread
    // keeps answering requests meanwhile.
    const pending = files.filter((f) => !this.documents.get(URI.file(f).toString()));
    const sizes = pending.map((f) => {
      try {
        return fs.statSync(f).size;
      } catch {
        return 0;
      }
    });
    let outcomes: Map<string, FileOutcome>;
    try {
      outcomes = await analyzeInParallel(pending, sizes, this.config, __filename, {
        threads: 1,
        alwaysWorkers: pending.length > 20,
        send: 'facts',
        // past a bank's size events compare no words: those stories' terms are not read (the workspace reads them again if it shrinks back)
        termsUpTo: eventOptions(this.ws.getRules()).maxStories,
      });
    } catch (e) {
      this.log(`indexing in a worker failed (${(e as Error).message}); reading on the main thread`);
      outcomes = new Map();
    }
    for (let i = 0; i < files.length; i++) {
      const uri = URI.file(files[i]!).toString();
      keep.add(uri);
      if (this.documents.get(uri)) continue;
      const o = outcomes.get(files[i]!);
      if (o?.facts) {
        // the text too: quick fixes are computed from it when diagnostics are published
        const read = readText(files[i]!);
        this.ws.setFacts({ ...o.facts, uri }, read.ok ? read.text : undefined);
        continue;
      }
      if (o?.error) {
        this.log(`${files[i]}: ${o.error}; skipped`);
        continue;
      }
      const read = readText(files[i]!);
      if (read.ok) this.ws.set(uri, read.text);
      else this.log(`${files[i]}: ${read.error}; skipped`);
      if (i % 50 === 49) {
        progress?.report(Math.round((i / files.length) * 100), `${i + 1}/${files.length}`);
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const doc of this.documents.all()) {
      keep.add(doc.uri);
      if (this.isStoryFile(doc.uri)) this.ws.set(doc.uri, doc.getText());
    }
    for (const uri of this.ws.uris()) if (!keep.has(uri)) this.sync.remove(uri);
    // files created, changed or deleted while the folders were read
    if (this.indexing === 1) this.sync.replay();
    this.indexed = true;
    this.publisher.active = true;
    await this.publisher.all(true);
    progress?.done();
    this.log(`indexed ${files.length} files in ${Date.now() - t0} ms`);
    if (process.env.STAR_STORIES_MEMORY) {
      const m = process.memoryUsage();
      process.stderr.write(
        `memory after index: heap ${(m.heapUsed / 1e6) | 0}/${(m.heapTotal / 1e6) | 0} MB, rss ${(m.rss / 1e6) | 0} MB, external ${(m.external / 1e6) | 0} MB, arrayBuffers ${(m.arrayBuffers / 1e6) | 0}\n`,
      );
    }
    return { files: files.length };
  }

  private async checkWorkspace(): Promise<CheckWorkspaceResult> {
    await this.indexAll();
    let diagnostics = 0;
    let stories = 0;
    for (const ds of this.ws.diagnostics().values()) diagnostics += ds.length;
    for (const f of this.ws.files()) stories += f.stories.length;
    return { files: this.ws.uris().length, stories, diagnostics };
  }

  // ------------------------------------------------------------ helpers

  private log(message: string): void {
    this.connection.console.log(`[star-stories] ${message}`);
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log(`${what} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** Run a request handler; a failure answers an LSP error and the server keeps serving. */
  private async request<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
    if (this.shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, `STAR Stories is shutting down: ${what} is not answered`);
    try {
      return await fn();
    } catch (e) {
      this.log(`${what} failed: ${(e as Error).stack ?? e}`);
      throw new ResponseError(ErrorCodes.InternalError, `STAR Stories could not answer ${what}: ${(e as Error).message}`);
    }
  }
}

export function start(): void {
  const connection = createConnection(ProposedFeatures.all);
  new StarServer(connection).listen();
}
