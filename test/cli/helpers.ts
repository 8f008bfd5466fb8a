// Shared helpers for the CLI's process-level tests: run bin/star-stories.js as
// a real child process in a throw-away folder holding the test's own stories.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'star-stories.js');

export { AMAZON_PRINCIPLES } from '../support/principles';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI in `cwd`, never on a terminal and with no colour forced from the outside. */
export function run(cwd: string, args: string[], env: Record<string, string> = {}): RunResult {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  delete base.STAR_STORIES_STATS;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, timeout: 20_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run and parse stdout as JSON, with the output in the message when it is not JSON. */
export function runJson<T = any>(cwd: string, args: string[]): RunResult & { json: T } {
  const r = run(cwd, args);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch (e) {
    throw new Error(`stdout is not JSON (${(e as Error).message}); status ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return { ...r, json };
}

const made: string[] = [];

/** A fresh temporary folder, holding `files` (paths relative to it, with `/`). Removed after the run. */
export function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'star-stories-cli-')));
  made.push(dir);
  write(dir, files);
  return dir;
}

export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

after(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A readable description of a result, for assertion messages. */
export function show(r: RunResult): string {
  return `status ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\x1b\[[0-9;]*m/;

/** One text-report line: `path:line:col  severity  message  rule-id`. */
export const DIAGNOSTIC_LINE =
  /^(?<file>[^\s:][^:]*):(?<line>\d+):(?<col>\d+) {2}(?<severity>error|warning|info|hint) {2}(?<message>.+) {2}(?<rule>[a-z]+(?:-[a-z]+)*)$/;

export interface TextDiagnostic {
  file: string;
  line: number;
  col: number;
  severity: string;
  message: string;
  rule: string;
}

/** The diagnostic lines of a text report (related-location lines are indented and left out). */
export function textDiagnostics(stdout: string): TextDiagnostic[] {
  const out: TextDiagnostic[] = [];
  for (const line of stdout.split('\n')) {
    const m = DIAGNOSTIC_LINE.exec(line);
    if (m?.groups) {
      const g = m.groups;
      out.push({ file: g.file!, line: Number(g.line), col: Number(g.col), severity: g.severity!, message: g.message!, rule: g.rule! });
    }
  }
  return out;
}
