// Document sync: open documents win over the disk; edits are coalesced so
// only the latest version of a document is analysed; files on disk are
// followed through the client's file watcher.

import * as fs from 'node:fs';
import { FileChangeType, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Workspace } from '../core';
import { readText } from '../node/files';
import type { Publisher } from './publish';

export interface SyncHost {
  ws(): Workspace;
  documents: TextDocuments<TextDocument>;
  publisher: Publisher;
  isStoryFile(uri: string): boolean;
  /** Whether the first index of the workspace is done (nothing is published before). */
  indexed(): boolean;
  isConfigChange(uri: string): boolean;
  reloadConfig(): void;
}

export class DocumentSync {
  private pending = new Map<string, number>();
  private flushScheduled = false;

  constructor(private readonly host: SyncHost) {}

  /** Coalesce edits: only the latest version of a document is analysed. */
  schedule(uri: string): void {
    this.pending.set(uri, this.host.documents.get(uri)?.version ?? 0);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.pending.keys()];
      this.pending.clear();
      try {
        const ws = this.host.ws();
        for (const uri of uris) {
          const doc = this.host.documents.get(uri);
          if (!doc) continue;
          if (!this.host.isStoryFile(uri) && !ws.has(uri)) continue;
          ws.set(uri, doc.getText(), true);
        }
        if (this.host.indexed()) this.host.publisher.changed(uris, (u) => !!this.host.documents.get(u));
      } catch (e) {
        console.error(`[star-stories] analysis failed: ${(e as Error).stack ?? e}`);
      }
    });
  }

  /** The editor let go of a document: the disk version wins again. */
  closed(uri: string): void {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') {
      this.remove(uri);
      this.host.publisher.changed([], () => false);
      return;
    }
    const read = fs.existsSync(u.fsPath) ? readText(u.fsPath) : undefined;
    if (read?.ok && this.host.isStoryFile(uri)) this.host.ws().set(uri, read.text);
    else this.remove(uri);
    this.host.publisher.changed([uri], (x) => !!this.host.documents.get(x));
  }

  watched(changes: { uri: string; type: FileChangeType }[]): void {
    if (changes.some((c) => this.host.isConfigChange(c.uri))) {
      this.host.reloadConfig();
      return;
    }
    const touched: string[] = [];
    const ws = this.host.ws();
    for (const change of changes) {
      if (!/\.md$/i.test(change.uri)) continue;
      if (this.host.documents.get(change.uri)) continue; // open documents win over the disk
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

  /** A file left the workspace. */
  remove(uri: string): void {
    this.host.ws().delete(uri);
    this.host.publisher.removed(uri);
  }
}
