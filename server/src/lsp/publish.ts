// Publishing: diagnostics of the files an edit reached, coverage and the
// story list when they change. Skips what the client already has.

import { createHash } from 'node:crypto';
import type { Connection } from 'vscode-languageserver/node';
import { coverageResult, findingsIn, readiness, type CoverageResult, type Diagnostic, type Finding, type Workspace } from '../core';
import { CoverageChangedNotification } from '../protocol';
import { toLspDiagnostic } from './diagnostics';
import { forgetLines, linesOf, textOf } from './text';

/** A digest of a string (what was published), so the string itself need not be kept. */
function digest(s: string): string {
  return createHash('sha1').update(s).digest('base64');
}

/** What `published` holds for a file published without a digest: never equal to one. */
const UNKNOWN = '';

/** How many files `all` publishes before it lets the event loop run. */
const PUBLISH_SLICE = 50;

export class Publisher {
  /** A digest of what was last published for each file, to skip publishing the same again. */
  private published = new Map<string, string>();
  private lastCross: ReadonlyMap<string, Finding[]> | undefined;
  /** Files whose diagnostics an edit elsewhere changed, published when typing pauses. */
  private later = new Set<string>();
  private laterTimer: ReturnType<typeof setTimeout> | undefined;
  /** Per file: its stories' titles, lines, principles, readiness and findings as last told to the client. */
  private storySig = new Map<string, string>();
  /** Set once the workspace is indexed: coverage is not announced before. */
  active = false;

  constructor(
    private readonly connection: Connection,
    private readonly ws: () => Workspace,
    private readonly versionOf: (uri: string) => number | undefined,
    private readonly guard: (what: string, fn: () => void) => void,
  ) {}

  private publishFile(uri: string, cross: ReadonlyMap<string, Finding[]>, force: boolean): void {
    this.prepareFile(uri, cross, force)?.();
  }

  /**
   * Work out a file's diagnostics now and return what sends them (undefined
   * when there is nothing to send): a caller may send a little later, so the
   * event loop runs between the two halves of a large file's work. The
   * version is the one the diagnostics were worked out for.
   */
  private prepareFile(uri: string, cross: ReadonlyMap<string, Finding[]>, force: boolean, keep?: Map<string, Diagnostic[]>): (() => void) | undefined {
    const ws = this.ws();
    const facts = ws.get(uri);
    if (!facts) return undefined;
    const diags = ws.diagnosticsFor(uri, cross);
    keep?.set(uri, diags);
    if (force) {
      // an edited document is published whatever it was: no digest is worth its cost here (a bank's
      // diagnostics are a megabyte of JSON); the next unforced publish of it sends without comparing
      this.published.set(uri, UNKNOWN);
    } else {
      const key = digest(JSON.stringify(diags));
      if (this.published.get(uri) === key) return undefined;
      this.published.set(uri, key);
    }
    const version = this.versionOf(uri);
    const text = textOf(ws, uri);
    return () => {
      const lines = text !== undefined ? linesOf(uri, text) : undefined;
      void this.connection.sendDiagnostics({
        uri,
        ...(version !== undefined ? { version } : {}),
        diagnostics: diags.map((d) => toLspDiagnostic(d, facts, text, lines)),
      });
    };
  }

  /** Which call of `all` is the latest: an older one stops at its next slice. */
  private allRun = 0;

  /**
   * Publish every file (an empty list for a clean one), a slice of files at a
   * time: between slices the messages already sent drain and their garbage
   * dies young (publishing a thousand files at once held every message in
   * memory together), and requests are answered meanwhile.
   */
  async all(force: boolean): Promise<void> {
    const run = ++this.allRun;
    const ws = this.ws();
    const cross = ws.workspaceFindings();
    this.lastCross = cross;
    const uris = ws.uris();
    for (let i = 0; i < uris.length; i += PUBLISH_SLICE) {
      if (i > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (run !== this.allRun) return;
      }
      // the workspace's findings as they are now (an edit between slices has updated them)
      const now = i > 0 ? ws.workspaceFindings() : cross;
      for (const uri of uris.slice(i, i + PUBLISH_SLICE)) if (ws.has(uri)) this.publishFile(uri, now, force);
    }
    this.coverage();
  }

  /**
   * Publish the changed files and every file whose cross-file findings
   * changed. An edited document (`open`) gets its diagnostics at once; other
   * files a change reaches (a conflict's other side) follow when typing pauses.
   */
  changed(changed: string[], open: (uri: string) => boolean, split = false): void {
    const ws = this.ws();
    const touched = new Set<string>();
    const cross = ws.workspaceFindings(touched);
    this.lastCross = cross;
    const edited = new Set(changed.filter(open));
    const sends: (() => void)[] = [];
    // the diagnostics worked out here serve coverage's look at the changed files too
    const worked = new Map<string, Diagnostic[]>();
    for (const uri of changed) {
      if (!ws.has(uri)) continue;
      const send = this.prepareFile(uri, cross, edited.has(uri), worked);
      if (send) sends.push(send);
    }
    for (const uri of touched) if (!changed.includes(uri)) this.later.add(uri);
    if (this.later.size) {
      if (this.laterTimer) clearTimeout(this.laterTimer);
      this.laterTimer = setTimeout(() => this.flushLater(), edited.size ? 200 : 0);
    }
    const rest = () => {
      for (const send of sends) send();
      this.coverage(touched.size ? [...new Set([...changed, ...touched])] : changed, worked);
    };
    // a large document's diagnostics are worked out in one turn of the event loop and sent in the next, so
    // requests that came meanwhile are answered between the two (messages still go out in order)
    if (split) setImmediate(() => this.guard('publishing', rest));
    else rest();
  }

  private flushLater(): void {
    this.laterTimer = undefined;
    const uris = [...this.later];
    this.later.clear();
    this.guard('publishing', () => {
      const ws = this.ws();
      const cross = this.lastCross ?? ws.workspaceFindings();
      for (const uri of uris) if (ws.has(uri)) this.publishFile(uri, cross, false);
    });
  }

  /** Stop publishing (the server is shutting down). */
  stop(): void {
    if (this.laterTimer) clearTimeout(this.laterTimer);
    this.laterTimer = undefined;
    this.later.clear();
    this.allRun++;
    this.active = false;
  }

  /** A file left the workspace: clear what the client shows of it. */
  removed(uri: string): void {
    forgetLines(uri);
    this.later.delete(uri);
    if (this.published.has(uri)) {
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  coverageResult(): CoverageResult {
    const ws = this.ws();
    const cross = ws.workspaceFindings();
    return coverageResult(ws.coverage(), ws.getMatcher().framework.name, ws.getConfig().coverageTarget, (uri) => ws.diagnosticsFor(uri, cross));
  }

  /**
   * Tell the client when coverage or the list of stories changed. Only the
   * changed files are looked at (their stories' titles, places, principles,
   * readiness and findings), so a keystroke that changes none costs nothing here.
   */
  private coverage(changed?: Iterable<string>, worked?: ReadonlyMap<string, Diagnostic[]>): void {
    if (!this.active) return;
    const ws = this.ws();
    const rules = ws.getRules();
    let differs = !changed;
    for (const uri of changed ?? ws.uris()) {
      const facts = ws.get(uri);
      const diags = facts?.stories.length ? (worked?.get(uri) ?? ws.diagnosticsFor(uri, this.lastCross)) : [];
      const sig = facts
        ? facts.stories
            .map(
              (s) =>
                `${s.title}\u0000${s.range.start.line}\u0000${s.range.end.line}\u0000${s.principles.map((p) => p.name).join(',')}\u0000${readiness(s, rules).why.join(',')}\u0000${findingsIn(diags, s.range)}`,
            )
            .join('\u0001')
        : '';
      if (this.storySig.get(uri) !== sig) {
        differs = true;
        if (sig) this.storySig.set(uri, sig);
        else this.storySig.delete(uri);
      }
    }
    if (!differs) return;
    void this.connection.sendNotification(CoverageChangedNotification.method, this.coverageResult());
  }
}
