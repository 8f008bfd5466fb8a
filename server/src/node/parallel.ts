// Analysing many files on every core: the main thread takes a share and
// worker threads (running this same bundle) take the rest. Facts are plain
// data, so they cross threads by structured clone.

import * as os from 'node:os';
import * as v8 from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, crossFileView, PrincipleMatcher, type Config, type FileFacts } from '../core';
import { readText } from './files';

/**
 * One file's result. From a worker, the full facts arrive serialised (`blob`,
 * a couple of kilobytes) beside the small cross-file view (`view`); the main
 * thread decodes the blob only when it reports that file, so ten thousand
 * files do not all sit decoded in memory at once.
 */
export interface FileOutcome {
  file: string;
  error?: string;
  facts?: FileFacts;
  blob?: Uint8Array;
  view?: FileFacts;
}

/** The full facts of an outcome (decoding a blob if need be). */
export function factsOf(o: FileOutcome): FileFacts | undefined {
  return o.facts ?? (o.blob ? (v8.deserialize(o.blob) as FileFacts) : undefined);
}

/** What the workspace pass and coverage read of an outcome. */
export function viewOf(o: FileOutcome): FileFacts | undefined {
  return o.view ?? o.facts;
}

interface Job {
  kind: 'star-stories-analyze';
  files: string[];
  config: Config;
  /** Send full facts as objects (the language server keeps them) rather than blob + view. */
  full?: boolean;
}

export interface ParallelOptions {
  threads?: number;
  /** Use worker threads even for a few files (the language server: parse garbage stays out of its heap). */
  alwaysWorkers?: boolean;
  full?: boolean;
}

function analyzeList(files: string[], config: Config, each: (o: FileOutcome) => void): void {
  const matcher = new PrincipleMatcher(config.framework);
  for (const file of files) {
    const read = readText(file);
    if (!read.ok) each({ file, error: read.error });
    else each({ file, facts: analyzeFile(file, read.text, { matcher, ruleOptions: config.options }) });
  }
}

/** Split files into `n` shares of about equal size, keeping each share in order. */
function shares(files: string[], sizes: number[], n: number): string[][] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const out: string[][] = Array.from({ length: n }, () => []);
  let acc = 0;
  for (let i = 0; i < files.length; i++) {
    const k = Math.min(n - 1, Math.floor((acc / Math.max(total, 1)) * n));
    out[k]!.push(files[i]!);
    acc += sizes[i]!;
  }
  return out;
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
  if (n === 1 && !opts.alwaysWorkers) {
    analyzeList(files, config, (o) => results.set(o.file, o));
    return results;
  }
  // Every share goes to a worker: the main thread only gathers facts, so its
  // heap holds facts and not the garbage of parsing.
  const parts = shares(files, sizes, n);
  const workers = parts.map(
    (share) =>
      new Promise<void>((resolve, reject) => {
        const job: Job = { kind: 'star-stories-analyze', files: share, config, full: !!opts.full };
        // A small young generation keeps each worker's garbage (and the process's peak memory) down.
        const w = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
        w.on('message', (batch: FileOutcome[]) => {
          for (const o of batch) results.set(o.file, o);
        });
        w.once('error', reject);
        w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analysis worker exited with code ${code}`))));
      }),
  );
  await Promise.all(workers);
  return results;
}

/** In a worker thread started by analyzeInParallel: do the job and exit. Returns true when it ran. */
export function runWorkerIfAny(): boolean {
  if (isMainThread || !parentPort) return false;
  const job = workerData as Job | undefined;
  if (!job || job.kind !== 'star-stories-analyze') return false;
  let batch: FileOutcome[] = [];
  analyzeList(job.files, job.config, (o) => {
    batch.push(o.facts && !job.full ? { file: o.file, blob: v8.serialize(o.facts), view: crossFileView(o.facts) } : o);
    if (batch.length >= 100) {
      parentPort!.postMessage(batch);
      batch = [];
    }
  });
  if (batch.length) parentPort.postMessage(batch);
  return true;
}
