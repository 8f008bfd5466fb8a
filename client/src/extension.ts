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
  StoriesRequest,
  MetricsRequest,
  type MetricSubject,
  type CheckWorkspaceResult,
  type CoverageResult,
  type StoryInfo,
} from '../../server/src/protocol';
import { insertSkeleton, newStory, openConfig, revealPosition } from './commands';
import { CoverageTreeProvider, escapeMd } from './coverageTree';
import { StoriesTreeProvider } from './storiesTree';
import { MetricsTreeProvider } from './metricsTree';

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
  const coverageView = vscode.window.createTreeView('starStories.coverage', {
    treeDataProvider: coverageProvider,
    showCollapseAll: true,
  });
  const storiesView = vscode.window.createTreeView('starStories.stories', { treeDataProvider: storiesProvider });
  const metricsProvider = new MetricsTreeProvider();
  const metricsView = vscode.window.createTreeView('starStories.metrics', { treeDataProvider: metricsProvider, showCollapseAll: true });
  context.subscriptions.push(coverageProvider, storiesProvider, coverageView, storiesView, metricsProvider, metricsView);
  coverageView.message = 'Waiting for the STAR Stories server…';

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
    };
    client = new LanguageClient(SECTION, 'STAR Stories', serverOptions, clientOptions);
  } else {
    output.error(`${serverModule} is missing: build it with "node scripts/build.mjs".`);
    coverageView.message = 'The STAR Stories server is not built (dist/server.js is missing).';
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

  const refreshStories = async (): Promise<void> => {
    const [stories, metrics] = await Promise.all([
      ask('starStories/stories', (c) => c.sendRequest(StoriesRequest)),
      ask('starStories/metrics', (c) => c.sendRequest(MetricsRequest)),
    ]);
    if (stories) {
      lastStories = stories;
      publish();
    }
    if (metrics) metricsProvider.update(metrics);
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
    if (metrics) metricsProvider.update(metrics);
  };
  const storiesSoon = debounce(() => void refreshStories(), 300);
  context.subscriptions.push({ dispose: () => storiesSoon.dispose() });

  if (client) {
    const c = client;
    // Handlers registered before start() survive restarts of the server.
    c.onNotification(CoverageChangedNotification, (coverage) => {
      lastCoverage = coverage;
      publish();
      storiesSoon();
    });
    context.subscriptions.push(
      c.onDidChangeState((e) => {
        if (e.newState === State.Running) void refresh();
      }),
      // Findings per story follow the diagnostics.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.path.toLowerCase().endsWith('.md'))) storiesSoon();
      }),
    );
  }

  // Commands.
  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg(Commands.newStory, (arg?: unknown) => newStory(arg, () => lastCoverage));
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
  };
}

function updateStatus(item: vscode.StatusBarItem, coverage: CoverageResult): void {
  item.text = `LP ${coverage.covered}/${coverage.total}`;
  const uncovered = coverage.principles.filter((p) => p.count === 0).map((p) => p.principle);
  const below = coverage.principles.filter((p) => p.state === 'below').map((p) => p.principle);
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**${escapeMd(coverage.framework)}**: ${coverage.covered} of ${coverage.total} principles have a story.\n\n`);
  if (uncovered.length) tip.appendMarkdown(`No story yet: ${uncovered.map(escapeMd).join(', ')}.\n\n`);
  else tip.appendMarkdown('Every principle has at least one story.\n\n');
  if (below.length) tip.appendMarkdown(`Below the target of ${coverage.target}: ${below.map(escapeMd).join(', ')}.\n\n`);
  tip.appendMarkdown('Click to show Principle Coverage.');
  item.tooltip = tip;
  item.accessibilityInformation = {
    label: `Leadership principles covered: ${coverage.covered} of ${coverage.total}`,
  };
  item.show();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) await c.stop(3000).catch(() => undefined);
}
