// Document sync: open documents win over the disk; edits are coalesced so
// only the latest version of a document is analysed; files on disk are
// followed through the client's file watcher.

import * as fs from 'node:fs';
import { FileChangeType, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Workspace } from '../core';
import { readText } from '../node/files';
import { Analyst } from './analyst';
import type { Publisher } from './publish';

export interface SyncHost {
  ws(): Workspace;
  documents: TextDocuments<TextDocument>;
  publisher: Publisher;
  isStoryFile(uri: string): boolean;
  /** Whether the first index of the workspace is done (nothing is published before). */
  indexed(): boolean;
  /** Whether the workspace is being read (file events wait for the index, then apply on top of it). */
  indexing(): boolean;
  isConfigChange(uri: string): boolean;
  reloadConfig(): void;
  /** The script the analysis worker runs (this bundle); without it every document is analysed here. */
  workerScript?: string;
}

/**
 * How long a burst of edits may hold back analysis: while edits keep coming,
 * the latest text is still analysed at least this often.
 */
const BURST_MS = 25;

export class DocumentSync {
  private pending = new Set<string>();
  private flushScheduled = false;
  private stopped = false;
  /** File events that came while the workspace was being read, in order. */
  private held: { uri: string; type: FileChangeType }[] = [];
  /** Edits received so far, and as counted at the last look: a burst is arriving while they differ. */
  private edits = 0;
  private seen = 0;
  /** Event-loop rounds in a row with no edit, and when the oldest pending edit came. */
  private quiet = 0;
  private since = 0;
  /** Analyses run for edits (a burst of edits is analysed once it pauses, not once per edit). */
  analyses = 0;
  /** Large documents are analysed in a worker; while it works, later edits wait (no stale work is queued). */
  private readonly analyst: Analyst | undefined;
  private busy = false;
  /**
   * Open documents whose file was deleted on disk: they stop counting at once
   * (coverage, stories, diagnostics), and edits to them are not analysed until
   * the file is back (saved again, or restored).
   */
  private readonly gone = new Set<string>();

  constructor(private readonly host: SyncHost) {
    this.analyst = host.workerScript ? new Analyst(host.workerScript) : undefined;
  }

  /**
   * Coalesce edits: only the latest version of a document is analysed. The
   * connection handles one message per event-loop round, so while a burst of
   * edits is queued every round brings one; analysis waits for two rounds in
   * a row without an edit (microseconds when an edit comes alone, so typing
   * adds no delay) or at most BURST_MS, then reads each document's latest text.
   */
  schedule(uri: string): void {
    if (this.stopped) return;
    this.pending.add(uri);
    this.edits++;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.seen = this.edits;
    this.quiet = 0;
    this.since = performance.now();
    setImmediate(() => this.tick());
  }

  private tick(): void {
    if (this.edits !== this.seen) {
      this.seen = this.edits;
      this.quiet = 0;
    } else this.quiet++;
    if (this.quiet < 2 && performance.now() - this.since < BURST_MS) {
      setImmediate(() => this.tick());
      return;
    }
    this.flushScheduled = false;
    if (!this.busy) this.flush(); // else the worker's answer flushes what is pending
  }

  /**
   * Analyse the latest text of every document edited since the last flush
   * (a large one in the worker); then let the event loop run (requests that
   * came meanwhile are answered between analysis and publishing) and publish.
   */
  private flush(): void {
    const uris = [...this.pending];
    this.pending.clear();
    if (!uris.length) return;
    this.analyses++;
    const remote: { uri: string; text: string }[] = [];
    try {
      const ws = this.host.ws();
      for (const uri of uris) {
        const doc = this.host.documents.get(uri);
        if (!doc || this.gone.has(uri)) continue;
        if (!this.host.isStoryFile(uri) && !ws.has(uri)) continue;
        const text = doc.getText();
        if (this.analyst?.wants(text)) remote.push({ uri, text });
        else ws.set(uri, text, true);
      }
    } catch (e) {
      console.error(`[star-stories] analysis failed: ${(e as Error).stack ?? e}`);
    }
    if (!remote.length) {
      setImmediate(() => this.publish(uris));
      return;
    }
    this.busy = true;
    const analyst = this.analyst!;
    void Promise.all(
      remote.map(({ uri, text }) =>
        analyst.analyse(uri, text, this.host.ws().getConfig()).then((analysis) => {
          if (this.stopped || !this.host.documents.get(uri)) return; // closed meanwhile
          const ws = this.host.ws();
          // the worker's lint is kept when the workspace still has the configuration it ran under
          if (analysis) ws.setFacts({ ...analysis.facts, uri }, text, analysis.config === ws.getConfig() ? analysis.lint : undefined);
          else ws.set(uri, text, true); // the worker is gone: analyse here
        }),
      ),
    )
      .catch((e) => console.error(`[star-stories] analysis failed: ${(e as Error).stack ?? e}`))
      .then(() => {
        this.busy = false;
        // keeping the facts was one piece of work; the event loop runs before publishing, the next
        setImmediate(() => {
          this.publish(uris, true);
          if (this.pending.size && !this.flushScheduled && !this.stopped) {
            this.flushScheduled = true;
            this.seen = this.edits;
            this.quiet = 0;
            this.since = performance.now();
            setImmediate(() => this.tick());
          }
        });
      });
  }

  /** `split`: a large document's diagnostics are sent a turn of the event loop after they are worked out. */
  private publish(uris: string[], split = false): void {
    if (this.stopped) return;
    // a document edited again meanwhile is published by the next flush, with the version it analyses
    const fresh = uris.filter((u) => !this.pending.has(u));
    if (!fresh.length || !this.host.indexed()) return;
    try {
      this.host.publisher.changed(fresh, (u) => !!this.host.documents.get(u), split);
    } catch (e) {
      console.error(`[star-stories] publishing failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** Drop pending work and ignore later edits (the server is shutting down). */
  stop(): void {
    this.stopped = true;
    this.analyst?.stop();
    this.pending.clear();
    this.held = [];
  }

  /** The editor let go of a document: the disk version wins again. */
  closed(uri: string): void {
    this.analyst?.forget(uri);
    this.gone.delete(uri);
    const u = URI.parse(uri);
    if (u.scheme !== 'file') {
      // nothing of an untitled document stays behind, and coverage and the story list drop its stories
      this.remove(uri);
      this.host.publisher.changed([uri], () => false);
      return;
    }
    const read = fs.existsSync(u.fsPath) ? readText(u.fsPath) : undefined;
    if (read?.ok && this.host.isStoryFile(uri)) this.host.ws().set(uri, read.text);
    else this.remove(uri);
    this.host.publisher.changed([uri], (x) => !!this.host.documents.get(x));
  }

  /**
   * A folder deleted on disk comes as one event (the editor drops the events
   * of the files in it): it stands for a deletion of every file the
   * workspace has under it.
   */
  private withFolderDeletions(changes: { uri: string; type: FileChangeType }[]): { uri: string; type: FileChangeType }[] {
    const out: { uri: string; type: FileChangeType }[] = [];
    for (const c of changes) {
      if (c.type !== FileChangeType.Deleted || /\.md$/i.test(c.uri) || fs.existsSync(URI.parse(c.uri).fsPath)) {
        out.push(c);
        continue;
      }
      const prefix = c.uri.endsWith('/') ? c.uri : `${c.uri}/`;
      const known = new Set([...this.host.ws().uris(), ...this.held.map((h) => h.uri)]);
      for (const uri of known) if (uri.startsWith(prefix)) out.push({ uri, type: FileChangeType.Deleted });
    }
    return out;
  }

  watched(events: { uri: string; type: FileChangeType }[], replaying = false): void {
    const changes = this.withFolderDeletions(events);
    if (changes.some((c) => this.host.isConfigChange(c.uri))) {
      this.host.reloadConfig();
      return;
    }
    if (this.stopped) return;
    if (!replaying && this.host.indexing()) {
      // the index lists the folders once and reads what it listed: a file created meanwhile would be
      // dropped and a deleted one kept; the events apply on top of the finished index instead
      for (const c of changes) if (/\.md$/i.test(c.uri)) this.held.push(c);
      return;
    }
    const touched: string[] = [];
    const ws = this.host.ws();
    for (const change of changes) {
      if (!/\.md$/i.test(change.uri)) continue;
      const open = this.host.documents.get(change.uri);
      if (open) {
        // open documents win over the disk, but a file deleted on disk stops counting at once
        if (change.type === FileChangeType.Deleted && !fs.existsSync(URI.parse(change.uri).fsPath)) {
          this.gone.add(change.uri);
          this.remove(change.uri);
          touched.push(change.uri);
        } else if (change.type !== FileChangeType.Deleted && this.gone.delete(change.uri) && this.host.isStoryFile(change.uri)) {
          ws.set(change.uri, open.getText(), true); // saved again: the editor's text counts again
          touched.push(change.uri);
        }
        continue;
      }
      const file = URI.parse(change.uri).fsPath;
      if (change.type === FileChangeType.Deleted) {
        this.remove(change.uri);
      } else if (this.host.isStoryFile(change.uri)) {
        const read = readText(file);
        if (read.ok) ws.set(change.uri, read.text);
        else this.remove(change.uri);
      }
      touched.push(change.uri);
    }
    if (touched.length && this.host.indexed()) this.host.publisher.changed(touched, (x) => !!this.host.documents.get(x));
  }

  /** Apply the file events held while the workspace was being read (called when the index is done). */
  replay(): void {
    const held = this.held;
    this.held = [];
    if (held.length) this.watched(held, true);
  }

  /** A file left the workspace. */
  remove(uri: string): void {
    this.analyst?.forget(uri);
    this.host.ws().delete(uri);
    this.host.publisher.removed(uri);
  }
}
