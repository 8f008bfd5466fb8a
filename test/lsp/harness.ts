// A real LSP client for tests: starts the built server over stdio and speaks
// JSON-RPC to it (vscode-languageserver-protocol on the node side).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import type { Diagnostic, MessageConnection, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';

export const root = path.resolve(__dirname, '../..');
export const serverJs = path.join(root, 'dist/server.js');

export class TestClient {
  readonly conn: ProtocolConnection;
  readonly proc: ChildProcess;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly publishes: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';
  exited = false;

  /** `script`: the file node runs (default dist/server.js), started with `--stdio`. */
  constructor(
    readonly dir: string,
    script: string = serverJs,
  ) {
    if (!fs.existsSync(serverJs)) throw new Error('dist/server.js is missing: run node scripts/build.mjs');
    this.proc = spawn(process.execPath, [script, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    // a write racing the process's exit must not crash the test run
    this.proc.stdin!.on('error', () => undefined);
    this.proc.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publishes.push(p);
      this.wake();
    });
    // every other notification (the protocol connection's typings omit jsonrpc's star handler)
    (this.conn as unknown as MessageConnection).onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.wake();
    });
    this.conn.onRequest('workspace/configuration', () => [null]);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Wait until `check` holds, re-checking on every message; fail after `ms`. */
  async until<T>(what: string, check: () => T | undefined | false, ms = 15000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The last diagnostics published for a workspace-relative file, if any. */
  diags(rel: string): Diagnostic[] | undefined {
    return this.diagnostics.get(this.uri(rel));
  }

  /** Wait until the last published diagnostics of `rel` satisfy `check`. */
  waitDiags(rel: string, what: string, check: (ds: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]> {
    return this.until(
      `${what} (${rel}); last published: ${JSON.stringify(this.diags(rel)?.map((d) => [d.code, d.range.start.line, msg(d)]))}`,
      () => {
        const ds = this.diags(rel);
        return ds && check(ds) ? ds : undefined;
      },
      ms,
    );
  }

  /** How many times diagnostics were published for `rel`. */
  publishCount(rel: string): number {
    const uri = this.uri(rel);
    return this.publishes.filter((p) => p.uri === uri).length;
  }

  /** Notifications of one method received so far. */
  notificationsOf<T = unknown>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  /** Wait for the start-up index: the server sends its first coverageChanged after publishing every file. */
  async ready(): Promise<void> {
    await this.until('the first starStories/coverageChanged (start-up index done)', () => this.notificationsOf('starStories/coverageChanged').length > 0);
  }

  request<T = any>(method: string, params?: unknown): Promise<T> {
    return (params === undefined ? this.conn.sendRequest(method) : this.conn.sendRequest(method, params)) as Promise<T>;
  }

  uri(rel: string): string {
    return URI.file(path.join(this.dir, rel)).toString();
  }

  async start(
    capabilities: object = { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
  ) {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(this.dir).toString(),
      workspaceFolders: [{ uri: URI.file(this.dir).toString(), name: 'ws' }],
      capabilities,
    });
    await this.conn.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** Write a file of the workspace on disk (no notification is sent). */
  write(rel: string, text: string): void {
    const f = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  }

  close(rel: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(rel) } });
  }

  /** `workspace/didChangeWatchedFiles` with one change (1 created, 2 changed, 3 deleted). */
  watched(rel: string, type: 1 | 2 | 3): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(rel), type }] });
  }

  open(rel: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(rel), languageId: 'markdown', version, text } });
  }

  change(rel: string, text: string, version: number): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(rel), version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      // give the server a moment to exit by itself after `exit`
      await this.until('the server process to exit', () => this.exited, 2000).catch(() => undefined);
    }
    this.conn.dispose();
    if (!this.exited) this.proc.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A temporary workspace folder with the given files. */
export function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'star-lsp-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A Position-based text range. */
export type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** Apply the edits of a WorkspaceEdit (`changes` or `documentChanges`) for one URI to a text; edits of other files are an error. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  if (!edit) throw new Error('the code action has no edit');
  const docEdits = (edit.documentChanges ?? []).map((d) => {
    if (!('textDocument' in d)) throw new Error(`a file operation in the edit: ${JSON.stringify(d)}`);
    return d;
  });
  const edits = [...(edit.changes?.[uri] ?? []), ...docEdits.filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits)].map((e) => {
    if (!('newText' in e)) throw new Error(`a snippet edit: ${JSON.stringify(e)}`);
    return e;
  });
  const others = [...Object.keys(edit.changes ?? {}), ...docEdits.map((d) => d.textDocument.uri)].filter((u) => u !== uri);
  if (others.length) throw new Error(`the edit also touches ${others.join(', ')}`);
  return applyEdits(text, edits);
}

/** Apply LSP text edits to a text. */
export function applyEdits(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  // last edit first; inserts at one position appear in array order (LSP spec), so apply those in reverse
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => offset(b.e.range.start) - offset(a.e.range.start) || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/**
 * Start a server on a fresh temporary workspace with `files`, run `fn`, and
 * always stop the server (and remove the folder) afterwards.
 */
export async function withServer(files: Record<string, string>, fn: (c: TestClient) => Promise<void>): Promise<void> {
  const c = new TestClient(workspace(files));
  try {
    await c.start();
    await fn(c);
  } finally {
    await c.stop();
  }
}

/** Diagnostics with a given code. */
export function withCode(ds: Diagnostic[] | undefined, code: string): Diagnostic[] {
  return (ds ?? []).filter((d) => d.code === code);
}

/** A diagnostic's message as plain text. */
export function msg(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
