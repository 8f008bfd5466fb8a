// The STAR Stories VS Code extension: starts the language server, shows
// principle coverage and the story list, and adds commands to write stories.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CheckWorkspaceRequest,
  Commands,
  CoverageChangedNotification,
  CoverageRequest,
  MatrixRequest,
  StoriesRequest,
  MetricsRequest,
  PlanRequest,
  type MetricSubject,
  type PlanResult,
  type CheckWorkspaceResult,
  type CoverageResult,
  type StoryInfo,
} from '../../server/src/protocol';
import {
  insertSkeleton,
  newStory,
  openConfig,
  openRuleDoc,
  openStory,
  packagedRuleDoc,
  revealPosition,
  ruleDocTarget,
  showPractice,
  showRulePage,
} from './commands';
import { CoverageTreeProvider, coverageViewParts, escapeMd, type CoverageNode } from './coverageTree';
import { StoriesTreeProvider } from './storiesTree';
import { MetricsTreeProvider } from './metricsTree';
import { PlanTreeProvider } from './planTree';
import { CoverageMatrixPanel, MATRIX_STATE_COMMAND } from './matrixView';

/** What `activate` returns: for tests and for other extensions. */
export interface StarStoriesApi {
  /** The coverage the "Principle Coverage" view shows, or undefined before the server has sent it. */
  coverage(): CoverageResult | undefined;
  /** The stories the "Stories" view shows, or undefined before the server has sent them. */
  stories(): StoryInfo[] | undefined;
  /** Ask the server again for coverage and stories; resolves when both views are updated. */
  refresh(): Promise<void>;
  /** The language client (undefined when dist/server.js is missing). */
  client: LanguageClient | undefined;
  /** What the status bar item shows (`LP 9/16`), or undefined while it is hidden. */
  status(): StatusInfo | undefined;
  coverageProvider: CoverageTreeProvider;
  storiesProvider: StoriesTreeProvider;
  /** The claims the "Metrics" view shows, grouped by subject, conflicts first. */
  metrics(): MetricSubject[] | undefined;
  metricsProvider: MetricsTreeProvider;
  /** The loop plan the "Loop Plan" view shows. */
  plan(): PlanResult | undefined;
  planProvider: PlanTreeProvider;
}

/** The status bar item as a person sees it (the API cannot read a status bar item back). */
export interface StatusInfo {
  text: string;
  /** The hover, as markdown. */
  tooltip: string;
  command: string | undefined;
}

const SECTION = 'starStories';
const CRASH_WINDOW_MS = 3 * 60_000;
const CRASHES_BEFORE_WARNING = 5;

let client: LanguageClient | undefined;

/**
 * Always restart a server whose connection closed, waiting a little longer
 * after each crash in a burst, and tell the user (once per burst) when it
 * keeps crashing rather than leave the editor silently without diagnostics.
 */
export class RestartingErrorHandler implements ErrorHandler {
  private crashes: number[] = [];
  private warnedAt = 0;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.warn(`connection error (${count ?? 1}): ${error.message}`);
    return { action: ErrorAction.Continue, handled: true };
  }

  async closed(): Promise<CloseHandlerResult> {
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    const n = this.crashes.length;
    this.output.warn(`the server stopped unexpectedly (${n} time(s) in 3 minutes); restarting it.`);
    if (n >= CRASHES_BEFORE_WARNING && now - this.warnedAt > CRASH_WINDOW_MS) {
      this.warnedAt = now;
      void vscode.window
        .showWarningMessage(
          `The STAR Stories server has crashed ${n} times in the last 3 minutes. It is being restarted; diagnostics may lag until it stays up.`,
          'Show Output',
        )
        .then((choice) => {
          if (choice === 'Show Output') this.output.show(true);
        });
    }
    // Back off in a crash loop: immediately for the first few, then up to 30 s.
    if (n > 3) await this.sleep(Math.min(30_000, 1000 * 2 ** (n - 4)));
    return { action: CloseAction.Restart, handled: true };
  }
}

function coverageKey(node: CoverageNode): string {
  return node.kind === 'principle' ? `p:${node.principle.principle}` : `s:${node.principle}:${node.story.uri}:${node.story.range.start.line}`;
}

/**
 * A tree's nodes as the same objects from one change of its data to the
 * next, and their parents: what TreeView.reveal needs (it knows elements by
 * identity) from a provider that builds new nodes on each call.
 */
export class StableNodes<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private nodes = new Map<string, T>();
  private parents = new Map<T, T | undefined>();
  private readonly sub: vscode.Disposable;
  readonly onDidChangeTreeData: vscode.Event<T | undefined>;

  constructor(
    private readonly inner: vscode.TreeDataProvider<T>,
    private readonly key: (node: T) => string,
  ) {
    const changed = new vscode.EventEmitter<T | undefined>();
    this.onDidChangeTreeData = changed.event;
    this.sub = vscode.Disposable.from(
      changed,
      inner.onDidChangeTreeData!(() => {
        this.nodes.clear();
        this.parents.clear();
        changed.fire(undefined);
      }),
    );
  }

  getChildren(node?: T): T[] {
    const children = (this.inner.getChildren(node) ?? []) as T[];
    return children.map((c) => {
      const k = this.key(c);
      let stable = this.nodes.get(k);
      if (!stable) this.nodes.set(k, (stable = c));
      this.parents.set(stable, node);
      return stable;
    });
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.inner.getTreeItem(node);
  }

  getParent(node: T): T | undefined {
    return this.parents.get(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.inner.resolveTreeItem ? this.inner.resolveTreeItem(item, node, token) : item;
  }

  dispose(): void {
    this.sub.dispose();
  }
}

function debounce(fn: () => void, ms: number): { (): void; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
  run.dispose = () => timer && clearTimeout(timer);
  return run;
}

export async function activate(context: vscode.ExtensionContext): Promise<StarStoriesApi> {
  const output = vscode.window.createOutputChannel('STAR Stories', { log: true });
  context.subscriptions.push(output);

  const coverageProvider = new CoverageTreeProvider();
  const storiesProvider = new StoriesTreeProvider();
  const coverageNodes = new StableNodes(coverageProvider, coverageKey);
  const coverageView = vscode.window.createTreeView('starStories.coverage', {
    treeDataProvider: coverageNodes,
    showCollapseAll: true,
  });
  const storiesView = vscode.window.createTreeView('starStories.stories', { treeDataProvider: storiesProvider });
  const metricsProvider = new MetricsTreeProvider();
  const metricsView = vscode.window.createTreeView('starStories.metrics', { treeDataProvider: metricsProvider, showCollapseAll: true });
  const planProvider = new PlanTreeProvider();
  const planView = vscode.window.createTreeView('starStories.plan', { treeDataProvider: planProvider, showCollapseAll: true });
  context.subscriptions.push(coverageProvider, coverageNodes, storiesProvider, coverageView, storiesView, metricsProvider, metricsView, planProvider, planView);
  context.subscriptions.push(...coverageViewParts(coverageProvider));
  // every view says why it is empty: waiting here, then its welcome text (package.json viewsWelcome)
  for (const view of [coverageView, storiesView, metricsView, planView]) view.message = 'Waiting for the STAR Stories server…';

  const statusItem = vscode.window.createStatusBarItem('starStories.coverage', vscode.StatusBarAlignment.Left, 100);
  statusItem.name = 'STAR Stories: Principle Coverage';
  statusItem.command = Commands.showCoverage;
  context.subscriptions.push(statusItem);

  let lastCoverage: CoverageResult | undefined;
  let lastStories: StoryInfo[] | undefined;
  let statusShown = false;
  const status = (): StatusInfo | undefined => {
    if (!statusShown) return undefined;
    const tip = statusItem.tooltip;
    const command = statusItem.command;
    return {
      text: statusItem.text,
      tooltip: typeof tip === 'string' ? tip : (tip?.value ?? ''),
      command: typeof command === 'string' ? command : command?.command,
    };
  };

  const hasStories = (): boolean => (lastStories?.length ?? 0) > 0 || (lastCoverage?.principles.some((p) => p.count > 0) ?? false);

  const publish = (): void => {
    const any = hasStories();
    coverageProvider.update(lastCoverage, any);
    storiesProvider.update(lastStories);
    void vscode.commands.executeCommand('setContext', 'starStories.hasStories', any);
    if (lastCoverage || lastStories) {
      void vscode.commands.executeCommand('setContext', 'starStories.ready', true);
      coverageView.message = undefined;
      storiesView.message = undefined;
      metricsView.message = undefined;
      planView.message = undefined;
    }
    if (lastCoverage) {
      updateStatus(statusItem, lastCoverage);
      statusShown = true;
    }
  };

  // The server: dist/server.js beside this bundle.
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  if (fs.existsSync(serverModule)) {
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6019'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      // The server registers its own file watchers (dynamic registration).
      synchronize: { configurationSection: SECTION },
      // Restricted Mode: the server holds even the editor's settings to the workspace (see loadConfig)
      initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
      outputChannel: output,
      errorHandler: new RestartingErrorHandler(output),
      middleware: {
        // the packaged rule pages are documentation: the server never sees them (they would be read as stories)
        didOpen: (doc, next) => (packagedRuleDoc(context.extensionUri, doc.uri) ? Promise.resolve() : next(doc)),
        didChange: (e, next) => (packagedRuleDoc(context.extensionUri, e.document.uri) ? Promise.resolve() : next(e)),
        didClose: (doc, next) => (packagedRuleDoc(context.extensionUri, doc.uri) ? Promise.resolve() : next(doc)),
        // A rule id's link opens the page packaged with the extension (docs/rules/<id>.md), not the web
        handleDiagnostics: (uri, diagnostics, next) => {
          // the rule pages are documentation, not stories: never findings of their own
          if (packagedRuleDoc(context.extensionUri, uri)) return next(uri, []);
          for (const d of diagnostics) {
            const code = d.code;
            if (code && typeof code === 'object' && typeof code.value === 'string') {
              const target = ruleDocTarget(context.extensionUri, code.value);
              if (target) d.code = { value: code.value, target };
            }
          }
          next(uri, diagnostics);
        },
      },
    };
    client = new LanguageClient(SECTION, 'STAR Stories', serverOptions, clientOptions);
  } else {
    output.error(`${serverModule} is missing: build it with "node scripts/build.mjs".`);
    for (const view of [coverageView, storiesView, metricsView, planView]) view.message = 'The STAR Stories server is not built (dist/server.js is missing).';
    void vscode.window.showErrorMessage(
      'STAR Stories: the language server (dist/server.js) is missing, so stories cannot be checked. Run "node scripts/build.mjs" in the extension folder.',
    );
  }

  // Custom requests: unknown methods (an older server) are logged once, not shown.
  const reported = new Set<string>();
  async function ask<R>(what: string, send: (c: LanguageClient) => Promise<R>): Promise<R | undefined> {
    const c = client;
    if (!c || c.state !== State.Running) return undefined;
    try {
      return await send(c);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (!reported.has(what + msg)) {
        reported.add(what + msg);
        output.warn(`${what} failed: ${msg}`);
      }
      return undefined;
    }
  }

  const updateMetrics = (metrics: MetricSubject[]): void => {
    metricsProvider.update(metrics);
    void vscode.commands.executeCommand('setContext', 'starStories.hasMetrics', metrics.length > 0);
  };
  const refreshStories = async (): Promise<void> => {
    const [stories, metrics, plan] = await Promise.all([
      ask('starStories/stories', (c) => c.sendRequest(StoriesRequest)),
      ask('starStories/metrics', (c) => c.sendRequest(MetricsRequest)),
      ask('starStories/plan', (c) => c.sendRequest(PlanRequest)),
    ]);
    if (stories) {
      lastStories = stories;
      publish();
    }
    if (metrics) updateMetrics(metrics);
    if (plan) planProvider.update(plan);
  };
  const refresh = async (): Promise<void> => {
    const [coverage, stories] = await Promise.all([
      ask('starStories/coverage', (c) => c.sendRequest(CoverageRequest)),
      ask('starStories/stories', (c) => c.sendRequest(StoriesRequest)),
    ]);
    if (coverage) lastCoverage = coverage;
    if (stories) lastStories = stories;
    publish();
    const metrics = await ask('starStories/metrics', (c) => c.sendRequest(MetricsRequest));
    if (metrics) updateMetrics(metrics);
    const plan = await ask('starStories/plan', (c) => c.sendRequest(PlanRequest));
    if (plan) planProvider.update(plan);
  };
  const storiesSoon = debounce(() => void refreshStories(), 300);
  context.subscriptions.push({ dispose: () => storiesSoon.dispose() });
  // the Coverage Matrix webview: rendered by the server, refreshed (debounced) when coverage or findings change
  const matrixPanel = new CoverageMatrixPanel(context.extensionUri, (params) => ask('starStories/matrix', (c) => c.sendRequest(MatrixRequest, params)));
  context.subscriptions.push(matrixPanel);

  if (client) {
    const c = client;
    // Handlers registered before start() survive restarts of the server.
    c.onNotification(CoverageChangedNotification, (coverage) => {
      lastCoverage = coverage;
      publish();
      storiesSoon();
      matrixPanel.refreshSoon('coverage');
    });
    context.subscriptions.push(
      c.onDidChangeState((e) => {
        if (e.newState === State.Running) void refresh();
      }),
      // Findings per story follow the diagnostics.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.path.toLowerCase().endsWith('.md'))) {
          storiesSoon();
          matrixPanel.refreshSoon('diagnostics');
        }
      }),
    );
  }

  // Commands.
  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg(Commands.newStory, (arg?: unknown) =>
    newStory(
      arg,
      () => lastCoverage,
      () => lastStories,
    ),
  );
  reg(Commands.openStory, (uri?: unknown, position?: unknown) => openStory(uri, position));
  reg(Commands.showPractice, (uri?: unknown, title?: unknown, items?: unknown) => showPractice(uri, title, items));
  reg(Commands.showCoverageFor, async (names?: unknown) => {
    await vscode.commands.executeCommand('starStories.coverage.focus');
    const wanted = new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
    const nodes = coverageNodes.getChildren().filter((n) => n.kind === 'principle' && wanted.has(n.principle.principle));
    // select the story's principles (the first one focused), each revealed
    for (const [i, node] of nodes.entries()) {
      await coverageView.reveal(node, { select: true, focus: i === 0, expand: true }).then(undefined, () => undefined);
    }
    return nodes.map((n) => (n.kind === 'principle' ? n.principle.principle : ''));
  });
  reg('starStories.openRuleDoc', (id?: unknown) => openRuleDoc(context.extensionUri, id));
  // a packaged rule page opened by its code link (Problems panel, hover): show it as a preview
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const uri = editor?.document.uri;
      if (!uri || !packagedRuleDoc(context.extensionUri, uri)) return;
      void vscode.commands.executeCommand('workbench.action.closeActiveEditor').then(() => showRulePage(uri));
    }),
  );
  reg(Commands.insertSkeleton, (uri?: unknown, position?: unknown) => insertSkeleton(uri, position));
  reg(Commands.revealPosition, (uri?: unknown, position?: unknown) => revealPosition(uri, position));
  reg(Commands.showCoverage, async () => {
    await vscode.commands.executeCommand('starStories.coverage.focus');
  });
  reg('starStories.showStories', async () => {
    await vscode.commands.executeCommand('starStories.stories.focus');
  });
  reg(Commands.checkWorkspace, async (): Promise<CheckWorkspaceResult | undefined> => {
    if (!client) {
      void vscode.window.showErrorMessage('STAR Stories: the language server is not available.');
      return undefined;
    }
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'STAR Stories: checking stories' }, async () => {
      if (client && client.state !== State.Running) await client.start().catch(() => undefined);
      return ask('starStories/checkWorkspace', (c) => c.sendRequest(CheckWorkspaceRequest));
    });
    if (!result) {
      void vscode.window.showErrorMessage('STAR Stories: checking the workspace failed; see the "STAR Stories" output.');
      return undefined;
    }
    const text = `Checked ${result.files} files, ${result.stories} stories: ${result.diagnostics} findings`;
    vscode.window.setStatusBarMessage(`$(check) ${text}`, 8000);
    void vscode.window.showInformationMessage(text);
    void refresh();
    return result;
  });
  reg('starStories.getCoverage', () => lastCoverage);
  reg('starStories.getStories', () => lastStories);
  reg('starStories.getMetrics', () => metricsProvider.data);
  reg('starStories.showMetrics', async () => {
    await vscode.commands.executeCommand('starStories.metrics.focus');
  });
  reg('starStories.getPlan', () => planProvider.data);
  reg(Commands.showCoverageMatrix, () => matrixPanel.show());
  reg('starStories.exportCoverageMatrix', (target?: unknown) => matrixPanel.exportReport(target instanceof vscode.Uri ? target : undefined));
  // Not in the palette: what the Coverage Matrix shows, and a message as its page would post (tests)
  reg(MATRIX_STATE_COMMAND, async (message?: unknown) => {
    if (message !== undefined) await matrixPanel.simulate(message);
    return matrixPanel.state();
  });
  // Plan My Loop: plan again now and show the Loop Plan view
  reg('starStories.planLoop', async () => {
    const plan = await ask('starStories/plan', (c) => c.sendRequest(PlanRequest));
    if (plan) planProvider.update(plan);
    await vscode.commands.executeCommand('starStories.plan.focus');
    return plan;
  });
  // Not in the palette: what the status bar shows, for tests and other extensions.
  reg('starStories.getStatus', () => status());
  reg('starStories.refresh', () => refresh());
  reg('starStories.openConfig', () => openConfig());
  reg('starStories.showOutput', () => output.show(true));
  reg('starStories.restartServer', async () => {
    if (!client) return;
    output.info('restarting the server on request.');
    await client.restart();
  });

  // trust granted: start again so the server reads the editor's settings in full
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (!client) return;
      output.info('the workspace is trusted now: restarting the server.');
      void client.restart();
    }),
  );

  if (client) {
    try {
      await client.start();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      output.error(`the server failed to start: ${msg}`);
      void vscode.window
        .showErrorMessage(`STAR Stories: the language server failed to start (${msg}).`, 'Show Output')
        .then((choice) => choice && output.show(true));
    }
    // Data arrives through onDidChangeState (Running) above, on every start and restart.
  }

  return {
    coverage: () => lastCoverage,
    stories: () => lastStories,
    refresh,
    client,
    status,
    coverageProvider,
    storiesProvider,
    metricsProvider,
    metrics: () => metricsProvider.data,
    planProvider,
    plan: () => planProvider.data,
  };
}

/** `LP 7/16 ready · 9 tagged`: principles with a ready story, and with any tagged story; the hover lists the gaps. */
function updateStatus(item: vscode.StatusBarItem, coverage: CoverageResult): void {
  item.text = `LP ${coverage.ready}/${coverage.total} ready · ${coverage.covered} tagged`;
  const none = coverage.principles.filter((p) => p.count === 0).map((p) => p.principle);
  const unready = coverage.principles.filter((p) => p.count > 0 && p.ready === 0).map((p) => p.principle);
  const below = coverage.principles.filter((p) => p.state === 'below' && p.ready > 0).map((p) => p.principle);
  const list = (names: string[]) => names.map((n) => `- ${escapeMd(n)}\n`).join('');
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**${escapeMd(coverage.framework)}**\n\n`);
  tip.appendMarkdown(`- ${coverage.ready} of ${coverage.total} principles have a story ready to tell\n`);
  tip.appendMarkdown(`- ${coverage.covered} of ${coverage.total} have a tagged story\n`);
  tip.appendMarkdown(`- ${coverage.met} meet the target of ${coverage.target} ready ${coverage.target === 1 ? 'story' : 'stories'}\n\n`);
  tip.appendMarkdown('A story is ready with all four parts (Situation, Task, Action, Result), a number in its Result and a spoken length in range.\n\n');
  if (none.length) tip.appendMarkdown(`No story yet:\n\n${list(none)}\n`);
  if (unready.length) tip.appendMarkdown(`Tagged, but no story ready yet:\n\n${list(unready)}\n`);
  if (below.length) tip.appendMarkdown(`Below the target of ${coverage.target} ready:\n\n${list(below)}\n`);
  tip.appendMarkdown('Click to show Principle Coverage.');
  item.tooltip = tip;
  item.accessibilityInformation = {
    label: `Leadership principles: ${coverage.ready} of ${coverage.total} with a ready story, ${coverage.covered} with a tagged story`,
  };
  item.show();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop(3000).catch(() => undefined);
}
