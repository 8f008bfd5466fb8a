// The STAR Stories language server: a thin LSP adapter over the analysis core.
// Runs over IPC for VS Code and over stdio for other editors.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  SymbolKind,
  ErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  RULES_BY_ID,
  Workspace,
  computeMetrics,
  defaultConfig,
  parseConfig,
  parseFramework,
  stripBom,
  type Config,
  type Diagnostic,
  type FileFacts,
  type Finding,
} from '../core';
import { LineIndex } from '../core/text';
import { CONFIG_NAMES, fileFilter, findMarkdown, readText } from '../node/files';
import { analyzeInParallel, type FileOutcome } from '../node/parallel';
import {
  CheckWorkspaceRequest,
  CoverageChangedNotification,
  CoverageRequest,
  MetricsRequest,
  StoriesRequest,
  type CoverageResult,
  type StoryInfo,
} from '../protocol';
import { fixesFor, type Fix } from './fixes';
import { claimHover, codeLenses, complete, documentSymbols, foldingRanges, hover } from './features';

const SOURCE = 'star-stories';
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.starStories`;

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Settings under `starStories` in the client; `.starstories.yaml` wins where both speak. */
interface Settings {
  rules?: Record<string, unknown>;
  framework?: string;
  include?: string[];
  exclude?: string[];
  coverage?: { target?: number };
  storiesFolder?: string;
}

export class StarServer {
  readonly documents = new TextDocuments(TextDocument);
  private ws = new Workspace();
  private roots: string[] = [];
  private config: Config = defaultConfig();
  private configRoot = '';
  private settings: Settings = {};
  /** A digest of what was last published for each file, to skip publishing the same again. */
  private published = new Map<string, string>();
  private lastCrossMap: ReadonlyMap<string, Finding[]> | undefined;
  /** Files whose diagnostics an edit elsewhere changed, published when typing pauses. */
  private later = new Set<string>();
  private laterTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = new Map<string, number>();
  private flushScheduled = false;
  private canRegisterWatchers = false;
  private canPullConfig = false;
  private canProgress = false;
  private indexed = false;
  /** Per file: its stories' titles, lines and principles as last told to the client. */
  private storySig = new Map<string, string>();
  /** Resolved once the first index of the workspace is done: coverage and stories wait for it. */
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(readonly connection: Connection) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  // ------------------------------------------------------------ lifecycle

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration(() => void this.reloadConfig());
    c.onDidChangeWatchedFiles((p) => this.guard('watched files', () => this.watched(p.changes)));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    this.documents.onDidClose((e) => this.guard('close', () => this.closed(e.document.uri)));
    c.onCodeAction((p) => this.request('codeAction', () => this.codeActions(p.textDocument.uri, p.context.diagnostics, p.context.only)));
    c.onCompletion((p) => this.request('completion', () => {
      const doc = this.documents.get(p.textDocument.uri);
      return doc ? complete(doc.getText(), p.position, this.ws.getMatcher()) : [];
    }));
    c.onHover((p) => this.request('hover', () => {
      const facts = this.factsFor(p.textDocument.uri);
      if (!facts) return null;
      return hover(facts, p.position, this.ws.getMatcher(), this.wpm()) ?? claimHover(facts, p.position, this.ws.files()) ?? null;
    }));
    c.onDocumentSymbol((p) => this.request('documentSymbol', () => {
      const facts = this.factsFor(p.textDocument.uri);
      return facts ? documentSymbols(facts) : [];
    }));
    c.onFoldingRanges((p) => this.request('foldingRange', () => {
      const facts = this.factsFor(p.textDocument.uri);
      return facts ? foldingRanges(facts) : [];
    }));
    c.onCodeLens((p) => this.request('codeLens', () => {
      const facts = this.factsFor(p.textDocument.uri);
      return facts ? codeLenses(facts, this.wpm()) : [];
    }));
    c.onWorkspaceSymbol((p) => this.request('workspaceSymbol', () => this.workspaceSymbols(p.query ?? '')));
    // answered once the workspace is indexed, so a client never sees a half-read workspace
    c.onRequest(CoverageRequest.method, () => this.request('coverage', async () => (await this.ready, this.coverage())));
    c.onRequest(StoriesRequest.method, () => this.request('stories', async () => (await this.ready, this.stories())));
    c.onRequest(MetricsRequest.method, () => this.request('metrics', async () => (await this.ready, computeMetrics(this.ws.files(), this.ws.workspaceFindings()))));
    c.onRequest(CheckWorkspaceRequest.method, () => this.request('checkWorkspace', () => this.checkWorkspace()));
    this.documents.listen(c);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const folders: WorkspaceFolder[] = p.workspaceFolders ?? (p.rootUri ? [{ uri: p.rootUri, name: 'root' }] : p.rootPath ? [{ uri: URI.file(p.rootPath).toString(), name: 'root' }] : []);
    this.roots = folders.map((f) => URI.parse(f.uri)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    const caps = p.capabilities;
    this.canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canProgress = !!caps.window?.workDoneProgress;
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
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'star-stories-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    try {
      if (this.canRegisterWatchers) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/.starstories.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml}' }],
        });
      }
      await this.loadConfig();
      await this.indexAll();
    } catch (e) {
      this.log(`start-up failed: ${(e as Error).stack ?? e}`);
    } finally {
      this.markReady();
    }
  }

  // ------------------------------------------------------------ configuration

  private async loadConfig(): Promise<void> {
    if (this.canPullConfig) {
      try {
        const s = (await this.connection.workspace.getConfiguration('starStories')) as Settings | null;
        this.settings = s ?? {};
      } catch {
        this.settings = {};
      }
    }
    const config = defaultConfig();
    const problems: string[] = [];
    this.configRoot = this.roots[0] ?? process.cwd();
    // settings first, then the file on top: the file is what CI reads too
    if (this.settings.rules || this.settings.include || this.settings.exclude || this.settings.coverage || this.settings.framework) {
      const fromSettings = parseConfig(
        JSON.stringify({
          ...(this.settings.rules && Object.keys(this.settings.rules).length ? { rules: this.settings.rules } : {}),
          ...(this.settings.include?.length ? { include: this.settings.include } : {}),
          ...(this.settings.exclude?.length ? { exclude: this.settings.exclude } : {}),
          ...(this.settings.coverage?.target ? { coverage: { target: this.settings.coverage.target } } : {}),
          ...(this.settings.framework ? { framework: this.settings.framework } : {}),
        }),
      );
      problems.push(...fromSettings.problems.map((p) => `settings: ${p.message}`));
      Object.assign(config, fromSettings.config);
    }
    let file: string | undefined;
    for (const root of this.roots) {
      for (const name of CONFIG_NAMES) {
        if (!file && fs.existsSync(path.join(root, name))) {
          file = path.join(root, name);
          this.configRoot = root;
        }
      }
    }
    if (file) {
      const parsed = parseConfig(fs.readFileSync(file, 'utf8'));
      problems.push(...parsed.problems.map((p) => `${path.basename(file!)}${p.line ? `:${p.line}` : ''}: ${p.message}`));
      const c = parsed.config;
      Object.assign(config.levels, c.levels);
      for (const [id, o] of Object.entries(c.options)) config.options[id] = { ...(config.options[id] ?? {}), ...o };
      if (c.frameworkPath) config.frameworkPath = c.frameworkPath;
      else if (c.framework !== config.framework && c.framework.name !== 'Amazon Leadership Principles') config.framework = c.framework;
      if (c.include.length) config.include = c.include;
      if (c.exclude.length) config.exclude = c.exclude;
      if (c.coverageTarget !== 2) config.coverageTarget = c.coverageTarget;
      if (c.storiesFolder !== 'stories') config.storiesFolder = c.storiesFolder;
    }
    if (config.frameworkPath) {
      const fw = path.resolve(this.configRoot, config.frameworkPath);
      try {
        const parsed = parseFramework(fs.readFileSync(fw, 'utf8'));
        if (parsed.framework) config.framework = parsed.framework;
        problems.push(...parsed.problems.map((p) => `${path.basename(fw)}: ${p.message}`));
      } catch (e) {
        problems.push(`cannot read the framework file ${fw}: ${(e as Error).message}`);
      }
    }
    if (problems.length) {
      for (const p of problems) this.log(p);
      void this.connection.window.showWarningMessage(`STAR Stories: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more; see the output)` : ''}`);
    }
    this.config = config;
    this.ws.setConfig(config);
  }

  private async reloadConfig(): Promise<void> {
    await this.loadConfig();
    if (this.indexed) await this.indexAll();
  }

  private wpm(): number {
    const v = this.config.options['story-length']?.wordsPerMinute;
    return typeof v === 'number' && v > 0 ? v : 150;
  }

  // ------------------------------------------------------------ indexing

  private filter() {
    return fileFilter(this.config, this.configRoot || this.roots[0] || process.cwd());
  }

  private isStoryFile(uri: string): boolean {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return u.scheme === 'untitled';
    if (!/\.md$/i.test(u.fsPath)) return false;
    const filter = this.filter();
    return filter.accept(u.fsPath);
  }

  /** Read every story file of the workspace folders and publish all diagnostics. */
  private async indexAll(): Promise<{ files: number }> {
    const filter = this.filter();
    const files = this.roots.flatMap((r) => findMarkdown(r, filter));
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
      outcomes = await analyzeInParallel(pending, sizes, this.config, __filename, { threads: 1, alwaysWorkers: pending.length > 20, send: 'facts' });
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
    for (const uri of this.ws.uris()) if (!keep.has(uri)) this.remove(uri);
    this.indexed = true;
    this.publishAll(true);
    progress?.done();
    this.log(`indexed ${files.length} files in ${Date.now() - t0} ms`);
    if (process.env.STAR_STORIES_MEMORY) { const m = process.memoryUsage(); process.stderr.write(`memory after index: heap ${(m.heapUsed / 1e6) | 0}/${(m.heapTotal / 1e6) | 0} MB, rss ${(m.rss / 1e6) | 0} MB, external ${(m.external / 1e6) | 0} MB, arrayBuffers ${(m.arrayBuffers / 1e6) | 0}\n`); }
    return { files: files.length };
  }

  // ------------------------------------------------------------ changes

  /** Coalesce edits: only the latest version of a document is analysed. */
  private schedule(uri: string): void {
    this.pending.set(uri, this.documents.get(uri)?.version ?? 0);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.pending.keys()];
      this.pending.clear();
      this.guard('analysis', () => {
        for (const uri of uris) {
          const doc = this.documents.get(uri);
          if (!doc) continue;
          if (!this.isStoryFile(uri) && !this.ws.has(uri)) continue;
          this.ws.set(uri, doc.getText(), true);
        }
        if (this.indexed) this.publishChanged(uris);
      });
    });
  }

  private closed(uri: string): void {
    // the disk version wins again once the editor lets go of the file
    const u = URI.parse(uri);
    if (u.scheme !== 'file') {
      this.remove(uri);
      this.publishChanged([]);
      return;
    }
    const read = fs.existsSync(u.fsPath) ? readText(u.fsPath) : undefined;
    if (read?.ok && this.isStoryFile(uri)) this.ws.set(uri, read.text);
    else this.remove(uri);
    this.publishChanged([uri]);
  }

  private watched(changes: { uri: string; type: FileChangeType }[]): void {
    if (changes.some((c) => /(?:^|\/)\.starstories\.ya?ml$/.test(c.uri) || (this.config.frameworkPath && c.uri.endsWith(path.basename(this.config.frameworkPath))))) {
      void this.reloadConfig();
      return;
    }
    const touched: string[] = [];
    for (const change of changes) {
      if (!/\.md$/i.test(change.uri)) continue;
      if (this.documents.get(change.uri)) continue; // open documents win over the disk
      const file = URI.parse(change.uri).fsPath;
      if (change.type === FileChangeType.Deleted) {
        this.remove(change.uri);
      } else if (this.isStoryFile(change.uri)) {
        const read = readText(file);
        if (read.ok) this.ws.set(change.uri, read.text);
        else this.remove(change.uri);
      }
      touched.push(change.uri);
    }
    if (touched.length && this.indexed) this.publishChanged(touched);
  }

  private remove(uri: string): void {
    this.ws.delete(uri);
    this.lineIndexes.delete(uri);
    if (this.published.has(uri)) {
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  // ------------------------------------------------------------ publishing

  private toLsp(d: Diagnostic, facts: FileFacts, text: string | undefined, lines: LineIndex | undefined): LspDiagnostic {
    const rule = RULES_BY_ID.get(d.rule);
    const out: LspDiagnostic = {
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.rule,
      source: SOURCE,
      message: d.message,
    };
    if (rule) out.codeDescription = { href: rule.meta.docs };
    if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    const fixes = text !== undefined && lines ? fixesFor(d, facts, text, lines) : [];
    out.data = { rule: d.rule, ...(d.data ?? {}), fixes };
    return out;
  }

  /** The line index of a file's text, kept for the file's current text (a bank is re-published on every keystroke). */
  private lineIndexes = new Map<string, { text: string; lines: LineIndex }>();
  private linesOf(uri: string, body: string): LineIndex {
    const got = this.lineIndexes.get(uri);
    if (got && got.text === body) return got.lines;
    const lines = new LineIndex(body);
    this.lineIndexes.set(uri, { text: body, lines });
    return lines;
  }

  private publishFile(uri: string, diags: Diagnostic[], force: boolean): void {
    const facts = this.ws.get(uri);
    if (!facts) return;
    const key = digest(JSON.stringify(diags));
    if (!force && this.published.get(uri) === key) return;
    this.published.set(uri, key);
    const version = this.documents.get(uri)?.version;
    const text = this.ws.text(uri);
    const body = text !== undefined ? stripBom(text) : undefined;
    const lines = body !== undefined ? this.linesOf(uri, body) : undefined;
    void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: diags.map((d) => this.toLsp(d, facts, body, lines)) });
  }

  /** Publish every file (an empty list for a clean one). */
  private publishAll(force: boolean): void {
    const cross = this.ws.workspaceFindings();
    this.lastCrossMap = cross;
    for (const uri of this.ws.uris()) this.publishFile(uri, this.ws.diagnosticsFor(uri, cross), force);
    this.notifyCoverage();
  }

  /**
   * Publish the changed files and every file whose cross-file findings
   * changed. An edited document gets its diagnostics at once; other files a
   * change reaches (a conflict's other side) follow when typing pauses.
   */
  private publishChanged(changed: string[]): void {
    const touched = new Set<string>();
    const cross = this.ws.workspaceFindings(touched);
    this.lastCrossMap = cross;
    const edited = new Set(changed.filter((u) => this.documents.get(u)));
    for (const uri of changed) if (this.ws.has(uri)) this.publishFile(uri, this.ws.diagnosticsFor(uri, cross), edited.has(uri));
    for (const uri of touched) if (!changed.includes(uri)) this.later.add(uri);
    if (this.later.size) {
      if (this.laterTimer) clearTimeout(this.laterTimer);
      this.laterTimer = setTimeout(() => this.flushLater(), edited.size ? 200 : 0);
    }
    this.notifyCoverage(changed);
  }

  private flushLater(): void {
    this.laterTimer = undefined;
    const uris = [...this.later];
    this.later.clear();
    this.guard('publishing', () => {
      const cross = this.lastCrossMap ?? this.ws.workspaceFindings();
      for (const uri of uris) if (this.ws.has(uri)) this.publishFile(uri, this.ws.diagnosticsFor(uri, cross), false);
    });
  }

  private coverage(): CoverageResult {
    const entries = this.ws.coverage();
    return {
      framework: this.ws.getMatcher().framework.name,
      target: this.config.coverageTarget,
      covered: entries.filter((e) => e.stories.length > 0).length,
      total: entries.length,
      principles: entries.map((e) => ({
        principle: e.principle,
        description: e.description,
        count: e.stories.length,
        state: e.state,
        stories: e.stories.map((s) => ({ uri: s.uri, title: s.title, range: s.range })),
      })),
    };
  }

  /**
   * Tell the client when coverage or the list of stories changed. Only the
   * changed files are looked at (their stories' titles, places, principles),
   * so a keystroke that changes neither costs nothing here.
   */
  private notifyCoverage(changed?: Iterable<string>): void {
    if (!this.indexed) return;
    let differs = !changed;
    for (const uri of changed ?? this.ws.uris()) {
      const facts = this.ws.get(uri);
      const sig = facts ? facts.stories.map((s) => `${s.title}\u0000${s.range.start.line}\u0000${s.principles.map((p) => p.name).join(',')}`).join('\u0001') : '';
      if (this.storySig.get(uri) !== sig) {
        differs = true;
        if (sig) this.storySig.set(uri, sig);
        else this.storySig.delete(uri);
      }
    }
    if (!differs) return;
    void this.connection.sendNotification(CoverageChangedNotification.method, this.coverage());
  }

  private stories(): StoryInfo[] {
    const out: StoryInfo[] = [];
    const cross = this.ws.workspaceFindings();
    for (const f of this.ws.files()) {
      const diags = this.ws.diagnosticsFor(f.uri, cross);
      for (const s of f.stories) {
        const inside = diags.filter((d) => d.range.start.line >= s.range.start.line && d.range.start.line <= s.range.end.line).length;
        out.push({
          uri: f.uri,
          title: s.title,
          range: s.titleRange,
          principles: s.principles.map((p) => p.name),
          parts: [...new Set(s.parts.flatMap((p) => p.names))],
          words: s.words,
          findings: inside,
        });
      }
    }
    out.sort((a, b) => a.title.localeCompare(b.title));
    return out;
  }

  private async checkWorkspace() {
    await this.indexAll();
    let diagnostics = 0;
    let stories = 0;
    const all = this.ws.diagnostics();
    for (const ds of all.values()) diagnostics += ds.length;
    for (const f of this.ws.files()) stories += f.stories.length;
    return { files: this.ws.uris().length, stories, diagnostics };
  }

  private workspaceSymbols(query: string) {
    const q = query.toLowerCase();
    const out = [];
    for (const f of this.ws.files())
      for (const s of f.stories)
        if (!q || s.title.toLowerCase().includes(q) || s.principles.some((p) => p.name.toLowerCase().includes(q)))
          out.push({ name: s.title, kind: SymbolKind.Class, location: { uri: f.uri, range: s.titleRange }, containerName: s.principles.map((p) => p.name).join(', ') });
    return out;
  }

  // ------------------------------------------------------------ code actions

  private codeActions(uri: string, diagnostics: LspDiagnostic[], only: string[] | undefined): CodeAction[] {
    const doc = this.documents.get(uri);
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
    const ours = diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
    if (wants(CodeActionKind.QuickFix)) {
      for (const d of ours) {
        const raw = (d.data as { fixes?: unknown } | undefined)?.fixes;
        const fixes = (Array.isArray(raw) ? raw : []).filter(
          (f): f is Fix => !!f && typeof f === 'object' && typeof (f as Fix).title === 'string' && Array.isArray((f as Fix).edits) && (f as Fix).edits.length > 0,
        );
        for (const fix of fixes) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !!fix.preferred, edit: { changes: { [uri]: fix.edits } } });
        }
        if (doc) actions.push(...this.suppressActions(uri, doc, d));
      }
    }
    if (only && wants(FIX_ALL_KIND) && !only.includes(CodeActionKind.QuickFix)) {
      const all = this.fixAll(uri);
      if (all) actions.push(all);
    }
    return actions;
  }

  private suppressActions(uri: string, doc: TextDocument, d: LspDiagnostic): CodeAction[] {
    const rule = String(d.code);
    const text = doc.getText();
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const facts = this.ws.get(uri);
    const fmEnd = facts?.frontmatter ? facts.frontmatter.range.end.line : -1;
    const out: CodeAction[] = [];
    const line = d.range.start.line;
    if (line > fmEnd) {
      const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character: 10_000 } });
      const indent = /^[ \t]*(?:>[ \t]?)*/.exec(lineText)?.[0] ?? '';
      out.push({
        title: `Disable ${rule} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- star-stories-disable-next-line ${rule} -->${eol}` }] } },
      });
    }
    const at = fmEnd >= 0 ? fmEnd + 1 : 0;
    out.push({
      title: `Disable ${rule} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [uri]: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `<!-- star-stories-disable-file ${rule} -->${eol}${fmEnd >= 0 ? '' : eol}` }] } },
    });
    return out;
  }

  /** Every safe fix of a document at once (source.fixAll.starStories). */
  private fixAll(uri: string): CodeAction | undefined {
    const facts = this.ws.get(uri);
    const text = this.ws.text(uri);
    if (!facts || text === undefined) return undefined;
    const body = stripBom(text);
    const lines = this.linesOf(uri, body);
    const edits: Fix['edits'] = [];
    const taken: number[][] = [];
    for (const d of this.ws.diagnosticsFor(uri)) {
      for (const fix of fixesFor(d, facts, body, lines)) {
        if (!fix.safe) continue;
        for (const e of fix.edits) {
          const s = lines.offset(e.range.start);
          const en = lines.offset(e.range.end);
          // overlapping replacements are skipped; several inserts at one spot keep their order
          if (taken.some(([a, b]) => s < b! && en > a!)) continue;
          taken.push([s, en]);
          edits.push(e);
        }
        break;
      }
    }
    if (!edits.length) return undefined;
    return { title: 'Fix all STAR Stories problems that can be fixed safely', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
  }

  // ------------------------------------------------------------ helpers

  private factsFor(uri: string): FileFacts | undefined {
    return this.ws.get(uri);
  }

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

/** A digest of a string (what was published), so the string itself need not be kept. */
function digest(s: string): string {
  return createHash('sha1').update(s).digest('base64');
}
