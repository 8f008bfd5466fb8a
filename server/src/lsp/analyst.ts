// Large open documents are analysed in a worker thread, so the server's main
// thread keeps answering requests while a big bank is read after each edit.
// The worker keeps its own workspace of those documents (with their chunks:
// an edit re-reads only the chunk it touched) and sends back plain facts;
// the main thread keeps them as it keeps facts from the indexing worker.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Workspace, type Config, type FileFacts, type Finding } from '../core';

/** Documents of this many characters or more go to the worker; shorter ones take a few ms on the main thread. */
export const WORKER_MIN_CHARS = 64 * 1024;

const KIND = 'star-stories-analyst';

type Message = { kind: 'analyse'; id: number; uri: string; text: string; config?: Config } | { kind: 'forget'; uri: string };
type Reply = { id: number; facts: FileFacts; lint: Finding[] };

/** What the worker sends back: the facts, and the lint step's findings under the configuration it was given. */
export interface Analysis {
  facts: FileFacts;
  lint: Finding[];
  /** The configuration the lint ran under: the caller keeps the lint only if it still has it. */
  config: Config;
}

/** In the analyst worker thread: serve analyses until the server ends. Returns true when this thread is one. */
export function runAnalystIfAny(): boolean {
  if (isMainThread || !parentPort || (workerData as { kind?: string } | undefined)?.kind !== KIND) return false;
  const port = parentPort;
  const ws = new Workspace((workerData as { config: Config }).config);
  port.on('message', (m: Message) => {
    if (m.kind === 'forget') {
      ws.delete(m.uri);
      return;
    }
    if (m.config) ws.setConfig(m.config);
    // the lint step runs here too, so the main thread only keeps what comes back
    const facts = ws.set(m.uri, m.text, true);
    port.postMessage({ id: m.id, facts, lint: ws.ownFindings(m.uri) } satisfies Reply);
  });
  return true;
}

/** The main thread's side: one worker, started when the first large document is edited. */
export class Analyst {
  private worker: Worker | undefined;
  /** Set when the worker failed or the server shuts down: analysis stays on the main thread. */
  private broken = false;
  private next = 0;
  private readonly waiting = new Map<number, (analysis: Analysis | undefined) => void>();
  /** The configuration the worker has. */
  private config: Config | undefined;
  /** Documents the worker holds. */
  private readonly held = new Set<string>();

  constructor(private readonly script: string) {}

  /** Whether this text is analysed in the worker. */
  wants(text: string): boolean {
    return !this.broken && text.length >= WORKER_MIN_CHARS;
  }

  /** The facts of `text` and their lint; undefined when the worker failed (the caller analyses on the main thread then). */
  analyse(uri: string, text: string, config: Config): Promise<Analysis | undefined> {
    const w = this.start(config);
    if (!w) return Promise.resolve(undefined);
    const id = ++this.next;
    const message: Message = { kind: 'analyse', id, uri, text, ...(config !== this.config ? { config } : {}) };
    this.config = config;
    this.held.add(uri);
    return new Promise((resolve) => {
      this.waiting.set(id, (r) => resolve(r && { ...r, config }));
      try {
        w.postMessage(message);
      } catch (e) {
        // a configuration that cannot be copied to the thread: analyse here from now on
        console.error(`[star-stories] the analysis worker cannot be used (${(e as Error).message}); large documents are analysed on the main thread`);
        this.stop();
      }
    });
  }

  /** The document was closed or left the workspace. */
  forget(uri: string): void {
    if (this.held.delete(uri)) this.worker?.postMessage({ kind: 'forget', uri } satisfies Message);
  }

  stop(): void {
    this.broken = true;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    this.fail();
  }

  private start(config: Config): Worker | undefined {
    if (this.broken) return undefined;
    if (this.worker) return this.worker;
    try {
      const w = new Worker(this.script, { workerData: { kind: KIND, config } });
      this.config = config;
      w.on('message', (r: Reply) => {
        const resolve = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        resolve?.({ facts: r.facts, lint: r.lint, config: this.config! });
      });
      const lost = (why: string) => {
        if (this.worker !== w) return;
        console.error(`[star-stories] the analysis worker ${why}; large documents are analysed on the main thread`);
        this.broken = true;
        this.worker = undefined;
        this.held.clear();
        this.fail();
      };
      w.on('error', (e) => lost(`failed: ${e.stack ?? e}`));
      w.on('exit', (code) => lost(`exited (${code})`));
      w.unref();
      this.worker = w;
      return w;
    } catch (e) {
      console.error(`[star-stories] no analysis worker (${(e as Error).message}); large documents are analysed on the main thread`);
      this.broken = true;
      return undefined;
    }
  }

  /** Answer every analysis still waiting with "not done here". */
  private fail(): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const resolve of waiting) resolve(undefined);
  }
}
