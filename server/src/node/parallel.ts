// Analysing many files on every core: worker threads (running this same
// bundle), and in the CLI the main thread too, take files one at a time
// from a shared queue. Facts are plain data, so they cross threads by
// structured clone.

import * as os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  analyzeFile,
  spokenTerms,
  crossFileView,
  fileReport,
  lintFile,
  PrincipleMatcher,
  resolveRules,
  type Config,
  type FileFacts,
  type FileReport,
  type RuleSet,
  type Story,
} from '../core';
import { readText } from './files';

/**
 * One file's result: in the main thread, its facts; from a worker, what the
 * caller asked for (`send`): the full facts, or the small cross-file view and
 * what the report needs of the file, so ten thousand files never sit in the
 * main thread as full facts.
 */
export interface FileOutcome {
  file: string;
  error?: string;
  facts?: FileFacts;
  view?: FileFacts;
  report?: FileReport;
}

/** What workers send of each file: full facts (the language server keeps them) or view and report (the CLI). */
export type Send = 'facts' | 'report' | 'report+stories' | 'view';

/** What the workspace pass and coverage read of an outcome. */
export function viewOf(o: FileOutcome): FileFacts | undefined {
  return o.view ?? o.facts;
}

/** What reporting reads of an outcome. */
export function reportOf(o: FileOutcome, withStories: boolean, rules: RuleSet): FileReport | undefined {
  return o.report ?? (o.facts ? fileReport(o.facts, lintFile(o.facts, rules), withStories) : undefined);
}

interface Job {
  kind: 'star-stories-analyze';
  files: string[];
  /** The next file to take, shared by every thread of the job (a work queue: no thread idles while another has a long share). */
  next: Int32Array;
  config: Config;
  send: Send;
  /** Stories read so far by every thread of the job, and how many have their terms read (see `ParallelOptions.termsUpTo`). */
  terms?: TermsBudget;
}

interface TermsBudget {
  stories: Int32Array;
  upTo: number;
}

export interface ParallelOptions {
  threads?: number;
  /** Use worker threads even for a few files (the language server: parse garbage stays out of its heap). */
  alwaysWorkers?: boolean;
  /** What workers send back of each file (default: the full facts). */
  send?: Send;
  /**
   * Read stories' terms (what events compare) only if the whole job has at most
   * this many stories: beyond, events compare no words (the CLI, and the server's
   * first read, whose workspace reads them again if it shrinks back to a bank).
   */
  termsUpTo?: number;
}

/** The terms of a file's stories read after the job (see `ParallelOptions.termsUpTo`), by story index; null: none. */
interface TermsPatch {
  file: string;
  terms: ({ stream: string; ids: Int32Array } | null)[];
}

/**
 * Read and analyse the files this thread takes. With a terms budget, stories are read without their terms and
 * their spoken text is kept while the job's stories stay within the budget; at the end, if they still do, the
 * terms are read and returned (a bank), else nothing is (a collection: no time spent on terms nobody compares).
 */
function analyzeList(files: string[], config: Config, each: (o: FileOutcome) => void, next?: Int32Array, terms?: TermsBudget): TermsPatch[] {
  const matcher = new PrincipleMatcher(config.framework);
  let pending: { file: string; stories: Story[]; spoken: Map<Story, string> }[] = [];
  let over = false;
  for (let i = take(next, 0); i < files.length; i = take(next, i + 1)) {
    const file = files[i]!;
    const read = readText(file);
    if (!read.ok) {
      each({ file, error: read.error });
      continue;
    }
    const spoken = terms && !over ? new Map<Story, string>() : undefined;
    const facts = analyzeFile(file, read.text, terms ? { matcher, withoutTerms: true, spokenOut: spoken } : { matcher });
    if (terms && facts.stories.length) {
      const total = Atomics.add(terms.stories, 0, facts.stories.length) + facts.stories.length;
      if (total > terms.upTo) {
        over = true;
        pending = [];
      } else if (spoken) pending.push({ file, stories: facts.stories, spoken });
    }
    each({ file, facts });
  }
  if (!terms || over || Atomics.load(terms.stories, 0) > terms.upTo) return [];
  return pending.map((p) => ({
    file: p.file,
    terms: p.stories.map((s) => {
      const spoken = p.spoken.get(s);
      const t = spoken === undefined ? undefined : spokenTerms(spoken);
      return t?.ids.length ? t : null;
    }),
  }));
}

/** Put terms read after the job on the stories their outcome keeps. */
function applyTerms(results: Map<string, FileOutcome>, patches: readonly TermsPatch[]): void {
  for (const p of patches) {
    const o = results.get(p.file);
    const view = o && viewOf(o);
    if (!view) continue;
    delete view.termsLeftOut;
    const stories = view.stories;
    p.terms.forEach((t, k) => {
      const s = stories[k];
      if (!s || !t) return;
      s.terms = t.stream;
      s.termIds = t.ids;
    });
  }
}

/** The index of the next file: from the shared queue when there is one, else `i`. */
function take(next: Int32Array | undefined, i: number): number {
  return next ? Atomics.add(next, 0, 1) : i;
}

/**
 * Read and analyse `files`, in parallel when there are enough of them.
 * `script` is the file of this bundle (workers run it again).
 */
export async function analyzeInParallel(
  files: string[],
  sizes: number[],
  config: Config,
  script: string,
  opts: ParallelOptions = {},
): Promise<Map<string, FileOutcome>> {
  const threads = opts.threads ?? Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);
  const results = new Map<string, FileOutcome>();
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  // Below ~300 KB a worker's start-up costs more than it saves.
  const n = opts.alwaysWorkers ? Math.max(1, threads) : totalBytes < 300_000 || threads < 2 ? 1 : threads;
  const terms = opts.termsUpTo === undefined ? undefined : { stories: new Int32Array(new SharedArrayBuffer(4)), upTo: opts.termsUpTo };
  if (n === 1 && !opts.alwaysWorkers) {
    applyTerms(
      results,
      analyzeList(files, config, (o) => results.set(o.file, o), undefined, terms),
    );
    return results;
  }
  // The threads take files from one queue, one at a time: a thread that starts late (a worker's start-up)
  // or meets long files takes fewer, and all finish together.
  const next = new Int32Array(new SharedArrayBuffer(4));
  // The CLI: the main thread takes files too, one worker fewer (its start-up, and the copying of half the
  // outcomes between threads). What it keeps of each file is what a worker would send, so its heap holds no
  // parse tree for long. (Leaving the main thread to gather only, above 8 MB, made 10,000 stories 11% slower
  // for the same peak memory.) The language server (`alwaysWorkers`) keeps parsing out of its own heap.
  const shared = !opts.alwaysWorkers;
  const patches: TermsPatch[] = [];
  const workers = Array.from(
    { length: shared ? n - 1 : n },
    () =>
      new Promise<void>((resolve, reject) => {
        const job: Job = { kind: 'star-stories-analyze', files, next, config, send: opts.send ?? 'facts' };
        if (terms) job.terms = terms;
        // A small young generation keeps each worker's garbage (and the process's peak memory) down;
        // from 3 to 24 MB it made no measurable difference to the time of 10,000 stories, 6 MB the least memory.
        const w = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
        w.on('message', (batch: FileOutcome[] | { terms: TermsPatch[] }) => {
          if (!Array.isArray(batch)) {
            patches.push(...batch.terms);
            return;
          }
          for (const o of batch) results.set(o.file, o);
        });
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analysis worker exited with code ${code}`))));
      }),
  );
  if (shared) {
    const send = opts.send ?? 'facts';
    const rules = send === 'facts' ? undefined : resolveRules(config);
    patches.push(...analyzeList(files, config, (o) => results.set(o.file, rules ? shipped(o, send, rules) : o), next, terms));
  }
  await Promise.all(workers);
  // read after every thread is done: terms only when the whole job is a bank
  if (terms && Atomics.load(terms.stories, 0) <= terms.upTo) applyTerms(results, patches);
  return results;
}

/** What a worker sends of one file's outcome. */
function shipped(o: FileOutcome, send: Send, rules: RuleSet): FileOutcome {
  if (!o.facts || send === 'facts') return o;
  const out: FileOutcome = { file: o.file, view: crossFileView(o.facts) };
  if (send !== 'view') out.report = fileReport(o.facts, lintFile(o.facts, rules), send === 'report+stories');
  return out;
}

/** In a worker thread started by analyzeInParallel: do the job and exit. Returns true when it ran. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || !parentPort) return false;
  const job = workerData as Job | undefined;
  if (job?.kind !== 'star-stories-analyze') return false;
  let batch: FileOutcome[] = [];
  const rules = resolveRules(job.config);
  const patches = analyzeList(
    job.files,
    job.config,
    (o) => {
      batch.push(shipped(o, job.send, rules));
      if (batch.length >= 100) {
        parentPort!.postMessage(batch);
        batch = [];
      }
    },
    job.next,
    job.terms,
  );
  if (batch.length) parentPort.postMessage(batch);
  if (patches.length) parentPort.postMessage({ terms: patches });
  return true;
}
