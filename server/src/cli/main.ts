// The `star-stories` command: a thin adapter over the analysis core.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeCoverage, computeMetrics, finishDiagnostics, resolveRules, runWorkspaceRules, type FileFacts } from '../core';
import { fileFilter, findConfig, findMarkdown, loadConfig, specialFile } from '../node/files';
import { analyzeInParallel, reportOf, viewOf, type FileOutcome } from '../node/parallel';
import { coverageJson, coverageText, inert, metricsJson, metricsText, Out, painter, writeJson, writeSarif, writeText, type CheckRun } from './report';

declare const STAR_STORIES_VERSION: string;
const VERSION = typeof STAR_STORIES_VERSION === 'string' ? STAR_STORIES_VERSION : '0.0.0-dev';

const HELP = `star-stories ${VERSION}: check STAR interview stories written in markdown.

Usage:
  star-stories check [paths...] [--format text|json|sarif] [--config FILE]
  star-stories coverage [paths...] [--format text|json] [--config FILE]
  star-stories metrics [paths...] [--format text|json] [--config FILE]
  star-stories --help | --version

Paths are files or folders (searched for *.md, skipping node_modules and .git);
the default is the current folder. The configuration is .starstories.yaml in the
current folder or the nearest folder above it, unless --config names one.

Options:
  -f, --format FORMAT   text (default), json or sarif (check only)

Commands:
  check      report every problem of every story
  coverage   every principle with its stories; principles with none stand out
  metrics    every metric claim grouped by what it measures, conflicts first
  -c, --config FILE     use this configuration file
      --no-color        never colour the text output (also NO_COLOR=1)
      --color           colour the text output even when not a terminal

Exit status: 0 no errors, 1 some diagnostic is an error, 2 bad usage or a file
that could not be read (the other files are still checked).
`;

interface Args {
  command: string;
  paths: string[];
  format: string;
  config?: string;
  color?: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const rest = [...argv];
  if (!rest.length) return 'help';
  const args: Args = { command: '', paths: [], format: 'text' };
  while (rest.length) {
    const a = rest.shift()!;
    const value = (name: string) => {
      const v = rest.shift();
      if (v === undefined || v.startsWith('-')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    if (a === '-v' || a === '--version') return 'version';
    if (a === '-f' || a === '--format') args.format = value(a);
    else if (a.startsWith('--format=')) args.format = a.slice(9);
    else if (a === '-c' || a === '--config') args.config = value(a);
    else if (a.startsWith('--config=')) args.config = a.slice(9);
    else if (a === '--no-color') args.color = false;
    else if (a === '--color') args.color = true;
    else if (a === '--') args.paths.push(...rest.splice(0));
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!args.command) args.command = a;
    else args.paths.push(a);
  }
  if (args.command !== 'check' && args.command !== 'coverage' && args.command !== 'metrics')
    throw new UsageError(args.command ? `unknown command "${args.command}"` : 'no command given');
  const formats = args.command === 'check' ? ['text', 'json', 'sarif'] : ['text', 'json'];
  if (!formats.includes(args.format)) throw new UsageError(`--format must be one of ${formats.join(', ')} for ${args.command}`);
  return args;
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let args: Args;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout.write(HELP);
      return argv.length ? 0 : 2;
    }
    if (parsed === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    args = parsed;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`star-stories: ${inert(e.message)}\nRun "star-stories --help" for usage.\n`);
      return 2;
    }
    throw e;
  }

  const cwd = io.cwd;
  const configFile = args.config ? path.resolve(cwd, args.config) : findConfig(cwd);
  if (args.config && !fs.existsSync(configFile!)) {
    io.stderr.write(`star-stories: the configuration file ${inert(args.config)} does not exist\n`);
    return 2;
  }
  // the CLI's workspace is the folder it runs in: a framework file must lie there or beside the configuration
  const loaded = loadConfig(configFile, cwd, undefined, { workspaceRoots: [cwd] });
  if (loaded.problems.length) {
    for (const p of loaded.problems) io.stderr.write(`star-stories: ${inert(p.message)}\n`);
    return 2;
  }
  const filter = fileFilter(loaded.config, loaded.root);

  let status = 0;
  const skipped = (abs: string, why: string) => io.stderr.write(`star-stories: ${rel(cwd, abs)}: ${why}; skipped\n`);
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of args.paths.length ? args.paths : ['.']) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      io.stderr.write(`star-stories: ${inert(p)}: no such file or folder\n`);
      status = 2;
      continue;
    }
    if (!stat.isDirectory() && !stat.isFile()) {
      // a FIFO, a device or a socket: reading it could block or never end
      io.stderr.write(`star-stories: ${rel(cwd, abs)}: ${specialFile(abs) ?? 'not a regular file'}; skipped\n`);
      continue;
    }
    const found = stat.isDirectory() ? findMarkdown(abs, filter, [], skipped) : filter.accept(abs) ? [abs] : [];
    for (const f of found) {
      if (seen.has(f)) continue;
      seen.add(f);
      files.push(f);
    }
  }

  if (loaded.config.include.length) {
    // include globs are relative to the configuration's folder: they cannot name a file outside it
    const outside = files.filter((f) => path.relative(loaded.root, f).startsWith('..')).length;
    if (outside)
      io.stderr.write(
        `star-stories: note: include applies only to files under ${rel(cwd, loaded.root)} (the configuration's folder); ${outside} file${outside === 1 ? '' : 's'} outside it ${outside === 1 ? 'is' : 'are'} checked as named\n`,
      );
  }

  const sizes = files.map((f) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  });
  // STAR_STORIES_STATS=1: where the time and memory of a run go, phase by phase
  const stats = (label: string) => {
    if (!process.env.STAR_STORIES_STATS) return;
    const m = process.memoryUsage();
    const mb = (n: number) => `${(n / 1048576).toFixed(0)}MB`;
    io.stderr.write(
      `stats: ${label} ${(performance.now() - t0).toFixed(0)}ms rss=${mb(m.rss)} heap=${mb(m.heapUsed)} ext=${mb(m.external)} ab=${mb(m.arrayBuffers)}\n`,
    );
  };
  const t0 = performance.now();
  const withStories = args.command === 'check' && args.format === 'json';
  const send = args.command === 'check' ? (withStories ? 'report+stories' : 'report') : 'view';
  const outcomes = await analyzeInParallel(files, sizes, loaded.config, __filename, { send });
  stats('analysed');
  const checked: string[] = [];
  const kept = new Map<string, FileOutcome>();
  const views: FileFacts[] = [];
  for (const f of files) {
    const o = outcomes.get(f);
    const view = o && viewOf(o);
    if (!o || !view) {
      io.stderr.write(`star-stories: ${inert(rel(cwd, f))}: ${inert(o?.error ?? 'not analysed')}; skipped\n`);
      status = 2;
      continue;
    }
    checked.push(f);
    kept.set(f, o);
    views.push(view);
  }

  const config = loaded.config;
  const rules = resolveRules(config);
  const cross = runWorkspaceRules(views, rules);
  stats('cross-file');
  const coverage = computeCoverage(views, config.framework, config.coverageTarget, rules);
  // reports name the same files over and over (related information): work each path out once
  const relCache = new Map<string, string>();
  const toRel = (abs: string) => {
    let r = relCache.get(abs);
    if (r === undefined) relCache.set(abs, (r = rel(cwd, abs)));
    return r;
  };
  const color = args.color ?? colorFromEnv(process.env, (io.stdout as NodeJS.WriteStream).isTTY === true);
  const paint = painter(color);
  const out = new Out(io.stdout);

  if (args.command === 'coverage') {
    out.write(
      args.format === 'json'
        ? `${JSON.stringify(coverageJson(coverage, config.coverageTarget, config.framework.name, toRel), null, 2)}\n`
        : coverageText(coverage, config.coverageTarget, toRel, paint),
    );
    await out.flush();
    return status;
  }

  if (args.command === 'metrics') {
    const groups = computeMetrics(views, cross);
    out.write(args.format === 'json' ? `${JSON.stringify(metricsJson(groups, toRel), null, 2)}\n` : metricsText(groups, toRel, paint));
    await out.flush();
    return status;
  }

  // the report needs each file's report and the cross-file findings, not the views: ten thousand files' views
  // would stay in memory through the report, beside its garbage (the peak of a big run)
  views.length = 0;
  const run: CheckRun = {
    files: checked,
    // each file is reported once: let go of it as soon as it is
    report: (f) => {
      const o = kept.get(f)!;
      kept.delete(f);
      return reportOf(o, withStories, rules)!;
    },
    diagnostics: (f, report) => finishDiagnostics(report, report.findings, cross.get(f) ?? [], rules),
    coverage,
    rel: toRel,
  };
  const counts =
    args.format === 'json'
      ? await writeJson(run, out)
      : args.format === 'sarif'
        ? await writeSarif(run, out, VERSION, `${pathToFileURL(cwd).href}/`)
        : await writeText(run, out, paint);
  stats('reported');
  if (status === 2) return 2;
  return counts.error ? 1 : 0;
}

/** NO_COLOR and FORCE_COLOR as Node and most tools read them (FORCE_COLOR=0 or false means no colour). */
function colorFromEnv(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !/^(?:0|false)$/i.test(force);
  return tty;
}

function rel(cwd: string, abs: string): string {
  const r = path.relative(cwd, abs);
  return (r && !path.isAbsolute(r) ? r : r ? abs : '.').split(path.sep).join('/');
}
