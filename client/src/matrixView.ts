// The "Coverage Matrix" webview: the principle × story matrix of the
// workspace, live. The server renders the page (core/report-html.ts, the same
// page the CLI writes, with the webview's options); this panel only shows it,
// refreshes it when coverage or findings change, opens a story when a cell is
// chosen, and saves the HTML report on "Export".
//
// Following VS Code's webview guidance: a strict Content-Security-Policy
// (`default-src 'none'`, the page's one style and one script carry a fresh
// nonce, nothing remote), `localResourceRoots` limited to the extension's media
// folder, no command URIs, every story text escaped by the renderer, theme
// colours from the --vscode-* CSS variables.

import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { Commands, type MatrixParams, type MatrixResult } from '../../server/src/protocol';

export const MATRIX_VIEW_TYPE = 'starStories.coverageMatrix';
/** Not in the palette: what the panel shows now, for tests. */
export const MATRIX_STATE_COMMAND = 'starStories.test.matrixState';

/** How long after a change the matrix asks the server again (changes in a burst give one render). */
const REFRESH_MS = 150;

export interface MatrixState {
  open: boolean;
  /** The page the webview was given last. */
  html: string | undefined;
  /** The nonce of that page. */
  nonce: string | undefined;
  /** How many times the page was rendered, and when last (Date.now()). */
  renders: number;
  renderedAt: number;
  /** The last renders: what asked for each (Date.now() when asked, when the server answered, when shown). */
  history: { why: string; asked: number; answered: number; shown: number }[];
  /** The webview's options as set. */
  options: { enableScripts: boolean; enableCommandUris: boolean; localResourceRoots: string[] } | undefined;
}

export class CoverageMatrixPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: MatrixResult | undefined;
  private nonce: string | undefined;
  private renders = 0;
  private renderedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rendering: Promise<void> | undefined;
  private again = false;
  private why: string[] = [];
  private history: MatrixState['history'] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly ask: (params: MatrixParams) => Promise<MatrixResult | undefined>,
  ) {}

  /** The only folder the webview may load from: the extension's media (the page loads nothing at all today). */
  private get mediaRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
  }

  /** Show the panel (create it, or bring it forward) and render the matrix now. */
  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(
        MATRIX_VIEW_TYPE,
        'Coverage Matrix',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [this.mediaRoot], retainContextWhenHidden: false },
      );
      this.panel = panel;
      panel.onDidDispose(() => {
        this.panel = undefined;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
      });
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
      // hidden and shown again: the page is built afresh (no context is retained)
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.refreshSoon('shown');
      });
    }
    await this.render();
  }

  /** Coverage or findings changed: render again shortly (debounced), if the panel is open. */
  refreshSoon(why = 'change'): void {
    if (!this.panel) return;
    this.why.push(`${why}@${Date.now()}`);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.render();
    }, REFRESH_MS);
  }

  /** Ask the server for the page and show it; a render asked for while one runs runs once after it. */
  render(): Promise<void> {
    if (this.rendering !== undefined) {
      this.again = true;
      return this.rendering;
    }
    this.rendering = (async () => {
      try {
        do {
          this.again = false;
          await this.renderOnce();
        } while (this.again && this.panel);
      } finally {
        this.rendering = undefined;
      }
    })();
    return this.rendering;
  }

  private async renderOnce(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const nonce = crypto
      .randomBytes(16)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
    const why = this.why.splice(0).join(' ') || 'show';
    const at = Date.now();
    const result = await this.ask({ html: { mode: 'webview', nonce, cspSource: panel.webview.cspSource } });
    const answered = Date.now();
    if (!result?.html || this.panel !== panel) return;
    this.result = result;
    this.nonce = nonce;
    panel.webview.html = result.html;
    this.renders++;
    this.renderedAt = Date.now();
    this.history.push({ why, asked: at, answered, shown: this.renderedAt });
    if (this.history.length > 10) this.history.shift();
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; story?: unknown };
    if (msg.type === 'open' && typeof msg.story === 'number') {
      const story = this.result?.matrix.stories[msg.story];
      if (!story) return;
      await vscode.commands.executeCommand(Commands.openStory, story.uri, { line: story.range.start.line, character: story.range.start.character });
    } else if (msg.type === 'export') {
      await this.exportReport();
    }
  }

  /** Save the HTML report the CLI writes (`star-stories coverage --format html -o FILE`) where the user chooses. */
  async exportReport(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: 'Export the coverage matrix',
        saveLabel: 'Export',
        filters: { 'HTML report': ['html'] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'coverage-matrix.html') } : {}),
      }));
    if (!uri) return undefined;
    const dir = vscode.Uri.joinPath(uri, '..');
    const result = await this.ask({ html: { mode: 'report', ...(uri.scheme === 'file' ? { folder: dir.fsPath } : {}) } });
    if (!result?.html) {
      void vscode.window.showErrorMessage('STAR Stories: the coverage matrix could not be made; see the "STAR Stories" output.');
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.html));
    vscode.window.setStatusBarMessage(`$(check) Coverage matrix saved to ${vscode.workspace.asRelativePath(uri)}`, 6000);
    return uri;
  }

  state(): MatrixState {
    const p = this.panel;
    return {
      open: !!p,
      html: p ? p.webview.html : undefined,
      nonce: this.nonce,
      renders: this.renders,
      renderedAt: this.renderedAt,
      history: [...this.history],
      options: p
        ? {
            enableScripts: !!p.webview.options.enableScripts,
            enableCommandUris: !!p.webview.options.enableCommandUris,
            localResourceRoots: (p.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
          }
        : undefined,
    };
  }

  /** Post a message as the page would (tests: a cell chosen, export). */
  async simulate(message: unknown): Promise<void> {
    await this.onMessage(message);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
