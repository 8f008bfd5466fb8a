// Shared by the extension tests: the fixture workspace, the extension's API,
// and waiting on events (never on fixed sleeps).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StarStoriesApi } from '../extension';

export const EXTENSION_ID = 'star-stories.star-stories';
/** How long one wait may take before the test fails with a message. */
export const WAIT_MS = 30_000;

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace (test/vscode-workspace) open as a folder');
  return folder.uri;
}

/** A file of the fixture workspace by its relative path, e.g. `stories/refund-flow.md`. */
export function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

let api: StarStoriesApi | undefined;

/** Activate the extension and wait until its server has sent coverage. */
export async function getApi(): Promise<StarStoriesApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<StarStoriesApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const a = await ext.activate();
  assert.ok(a && typeof a.coverage === 'function', 'activate() did not return the STAR Stories API');
  assert.ok(a.client, 'the extension has no language client (is dist/server.js built?)');
  await waitFor(() => a.coverage() !== undefined && a.stories() !== undefined, 'the server to send coverage and stories');
  api = a;
  return a;
}

/**
 * Resolve when `check` returns a value other than undefined/false, checking
 * again whenever diagnostics change and at least every 100 ms; fail after
 * `timeout` ms with `what` and the last value `describe` gives.
 */
export function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeout = WAIT_MS,
  describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let busy = false;
    const finish = (err: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearInterval(interval);
      clearTimeout(timer);
      sub.dispose();
      if (err) reject(err);
      else resolve(value as T);
    };
    const probe = async () => {
      if (done || busy) return;
      busy = true;
      try {
        const v = await check();
        if (v !== undefined && v !== false) finish(undefined, v);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      } finally {
        busy = false;
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(() => void probe());
    const interval = setInterval(() => void probe(), 100);
    const timer = setTimeout(() => {
      let detail = '';
      try {
        detail = describe ? `\n  last seen: ${describe()}` : '';
      } catch {
        /* ignore */
      }
      finish(new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`));
    }, timeout);
    void probe();
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics of `uri` (source star-stories). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'star-stories');
}

export function describeDiags(uri: vscode.Uri): string {
  const ds = vscode.languages.getDiagnostics(uri);
  return ds.length ? ds.map((d) => `${d.source}:${codeOf(d)}@${fmtRange(d.range)} ${d.message}`).join(' | ') : '(no diagnostics)';
}

export function fmtRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Wait until `uri` has our diagnostics that satisfy `ok`, and return them. */
export function waitForDiags(uri: vscode.Uri, what: string, ok: (ds: vscode.Diagnostic[]) => boolean, timeout = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const ds = ours(uri);
      return ok(ds) ? ds : undefined;
    },
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    timeout,
    () => describeDiags(uri),
  );
}

export function withCode(ds: vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d) === code);
}

/** The text of `rel` as it is on disk in the fixture workspace. */
export async function diskText(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(file(rel)));
}

/** Replace the whole text of an open document and save it, so later tests see the fixture as it was. */
export async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${doc.uri.toString()}`);
  }
  if (doc.isDirty) await doc.save();
  assert.equal(doc.getText(), text);
}

/** Apply a code action's edit (what choosing it in the light bulb does) and return the document's new text. */
export async function applyAction(doc: vscode.TextDocument, action: vscode.CodeAction): Promise<string> {
  assert.ok(action.edit, `the action "${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `applying "${action.title}" failed`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return doc.getText();
}

/** The code actions VS Code's light bulb would list for `range` (quick fixes included). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/**
 * The code actions at `range` once they include `title`. Right after a file is
 * opened the server may not have the document yet and answers with none, so
 * this asks again until the time limit, as a person pressing Ctrl+. again would.
 */
export function actionsWith(uri: vscode.Uri, range: vscode.Range, title: string): Promise<vscode.CodeAction[]> {
  let last: string[] = [];
  return waitFor(
    async () => {
      const actions = await codeActions(uri, range);
      last = actions.map((a) => a.title);
      return actions.some((a) => a.title === title) ? actions : undefined;
    },
    `the code action "${title}"`,
    undefined,
    () => JSON.stringify(last),
  );
}

export function pick(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const found = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(found, `no code action ${String(title)} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found;
}

/**
 * Close every editor without saving. Untitled scratch documents are emptied
 * first: VS Code keeps a document an extension opened for a while after its
 * editor closes, and the server counts the stories of open documents.
 */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'untitled' || doc.isClosed || doc.getText() === '') continue;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), '');
    await vscode.workspace.applyEdit(edit);
  }
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.isDirty && tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'untitled') {
        await vscode.window.showTextDocument(tab.input.uri, { preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A scratch markdown document that is not a file (nothing on disk changes). */
export async function scratch(content: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** Wait until the language server knows `doc`'s current version (its diagnostics for it were published). */
export function settled(doc: vscode.TextDocument, ok: (ds: vscode.Diagnostic[]) => boolean = () => true): Promise<vscode.Diagnostic[]> {
  return waitForDiags(doc.uri, 'the server to check the document', ok);
}
