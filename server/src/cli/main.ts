// The `star-stories` command: a thin adapter over the analysis core.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import {
  answerQuestions,
  frameworkQuestions,
  isQuestionList,
  readQuestionList,
  computeCoverage,
  computeMetrics,
  coverageMatrix,
  matrixHtml,
  matrixMarkdown,
  eventOptions,
  finishDiagnostics,
  planLoop,
  planOptions,
  practicePrompts,
  PrincipleMatcher,
  resolveRules,
  runWorkspaceRules,
  seededIndex,
  spokenRange,
  stripBom,
  type FileFacts,
  type Question,
  type Story,
} from '../core';
import { drawnJson, drawnText, promptsJson, promptsText, type Drawn, type PracticeStory } from './practice';
import { planJson, planMarkdown, planText, questionsJson, questionsText } from './plan';
import { fileFilter, findConfig, findMarkdown, loadConfig, readText, specialFile } from '../node/files';
import { analyzeInParallel, reportOf, viewOf, type FileOutcome } from '../node/parallel';
import { coverageJson, coverageText, inert, metricsJson, metricsText, Out, painter, writeJson, writeSarif, writeText, type CheckRun } from './report';

declare const STAR_STORIES_VERSION: string;
const VERSION = typeof STAR_STORIES_VERSION === 'string' ? STAR_STORIES_VERSION : '0.0.0-dev';

const HELP = `star-stories ${VERSION}: check STAR interview stories written in markdown.

Usage:
  star-stories check [paths...] [--format text|json|sarif] [--config FILE]
  star-stories coverage [paths...] [--format text|json|html|markdown] [-o FILE] [--config FILE]
  star-stories metrics [paths...] [--format text|json] [--config FILE]
  star-stories plan [paths...] [--format text|json|markdown] [--config FILE]
  star-stories questions [paths...] [--format text|json] [--config FILE]
  star-stories practice [paths...] [--story TITLE | --line N] [--seed N] [--format text|json]
  star-stories --help | --version

Paths are files or folders (searched for *.md, skipping node_modules and .git);
the default is the current folder. The configuration is .starstories.yaml in the
current folder or the nearest folder above it, unless --config names one.

Options:
  -f, --format FORMAT   text (default), json, sarif (check only), markdown (plan,
                        coverage) or html (coverage)
  -o, --output FILE     write the report to FILE instead of the standard output
                        (coverage html and markdown: links are relative to FILE)
  -c, --config FILE     use this configuration file
      --no-color        never colour the text output (also NO_COLOR=1)
      --color           colour the text output even when not a terminal

Commands:
  check      report every problem of every story
  coverage   every principle with its stories; principles with none stand out
             (html: a printable principle x story matrix, one self-contained
             page; markdown: the same matrix as a table for GitHub)
  metrics    every metric claim grouped by what it measures, conflicts first
  plan       which story to tell to which interviewer: a story and a backup per
             principle of each interviewer (loop: in .starstories.yaml; default
             four interviewers and a Bar Raiser), no event told twice
  questions  the framework's questions and those of question lists in markdown
             (star: questions, or a file of no story that asks questions), each
             with the stories that answer it best
  practice   with --story TITLE (or a file and --line N): the follow-up questions
             an interviewer is likely to ask about that story, each with the part
             and line it comes from; without: one question drawn from the
             framework's and your question lists, the story to tell for it (the
             loop plan's, else the best match) and the time to aim for

Practice options:
      --story TITLE     the story with this title (case-insensitive; a unique
                        part of a title will do)
      --line N          the story at line N of the one file given
      --seed N          draw the question with this seed (default: from the
                        clock; the output says which, so a draw can be repeated)

Exit status: 0 no errors, 1 some diagnostic is an error, 2 bad usage or a file
that could not be read (the other files are still checked).
`;

interface Args {
  command: string;
  paths: string[];
  format: string;
  config?: string;
  output?: string;
  color?: boolean;
  story?: string;
  line?: number;
  seed?: number;
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
    else if (a === '--story') args.story = value(a);
    else if (a.startsWith('--story=')) args.story = a.slice(8);
    else if (a === '--line' || a.startsWith('--line=')) args.line = count(a, a === '--line' ? value(a) : a.slice(7), 1);
    else if (a === '--seed' || a.startsWith('--seed=')) args.seed = count(a, a === '--seed' ? value(a) : a.slice(7), 0);
    else if (a === '-o' || a === '--output') args.output = value(a);
    else if (a.startsWith('--output=')) args.output = a.slice(9);
    else if (a === '--no-color') args.color = false;
    else if (a === '--color') args.color = true;
    else if (a === '--') args.paths.push(...rest.splice(0));
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (!args.command) args.command = a;
    else args.paths.push(a);
  }
  if (!['check', 'coverage', 'metrics', 'plan', 'questions', 'practice'].includes(args.command))
    throw new UsageError(args.command ? `unknown command "${args.command}"` : 'no command given');
  const formats =
    args.command === 'check'
      ? ['text', 'json', 'sarif']
      : args.command === 'plan'
        ? ['text', 'json', 'markdown']
        : args.command === 'coverage'
          ? ['text', 'json', 'html', 'markdown']
          : ['text', 'json'];
  if (!formats.includes(args.format)) throw new UsageError(`--format must be one of ${formats.join(', ')} for ${args.command}`);
  if (args.command !== 'practice') {
    const only = args.story !== undefined ? '--story' : args.line !== undefined ? '--line' : args.seed !== undefined ? '--seed' : undefined;
    if (only) throw new UsageError(`${only} is an option of practice only`);
  }
  if (args.story !== undefined && args.line !== undefined) throw new UsageError('give --story or --line, not both');
  if (args.story !== undefined && !args.story.trim()) throw new UsageError('--story needs a title');
  if (args.output !== undefined && !(args.command === 'coverage' && (args.format === 'html' || args.format === 'markdown')))
    throw new UsageError('--output is for coverage --format html or markdown');
  return args;
}

/** A whole number of at least `min` (a line, a seed), else a usage error. */
function count(name: string, v: string, min: number): number {
  const n = /^\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${name.replace(/=.*$/, '')} needs a whole number${min ? ` of at least ${min}` : ''}, not "${v}"`);
  return n;
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
  // the plan reads each story's parts (is it ready?): the full facts
  // the coverage matrix counts each story's findings: the reports too
  const matrix = args.command === 'coverage' && (args.format === 'html' || args.format === 'markdown');
  const send =
    args.command === 'check'
      ? withStories
        ? 'report+stories'
        : 'report'
      : args.command === 'plan' || args.command === 'practice'
        ? 'facts'
        : matrix
          ? 'report'
          : 'view';
  const config = loaded.config;
  const rules = resolveRules(config);
  // events compare words in a bank only: past that many stories, the rest are read without their terms
  const outcomes = await analyzeInParallel(files, sizes, config, __filename, { send, termsUpTo: eventOptions(rules).maxStories });
  // a big job: the main thread's share of parsing, then the workspace pass, leave garbage behind; collected
  // before the next phase grows the heap on top of it (10,000 stories: peak RSS 242 -> 220 MB, same time)
  const big = sizes.reduce((a, b) => a + b, 0) > BIG_JOB;
  if (big) collectGarbage();
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

  const cross = runWorkspaceRules(views, rules);
  if (big) collectGarbage();
  stats('cross-file');
  const coverage = computeCoverage(views, config.framework, config.coverageTarget, rules, eventOptions(rules));
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

  if (matrix) {
    const t1 = performance.now();
    const diagnostics = new Map<string, ReturnType<typeof finishDiagnostics>>();
    for (const f of checked) {
      const report = reportOf(kept.get(f)!, false, rules)!;
      diagnostics.set(f, finishDiagnostics(report, report.findings, cross.get(f) ?? [], rules));
    }
    const m = coverageMatrix(views, config.framework, config.coverageTarget, rules, eventOptions(rules), (uri) => diagnostics.get(uri) ?? []);
    // links and file names relative to where the report is written (the current folder for the standard output)
    const base = args.output ? path.dirname(path.resolve(cwd, args.output)) : cwd;
    const names = { file: (abs: string) => rel(base, abs), href: (s: { uri: string; line: number }) => `${rel(base, s.uri)}#L${s.line}` };
    const text = args.format === 'html' ? matrixHtml(m, names) : matrixMarkdown(m, names);
    if (process.env.STAR_STORIES_STATS) io.stderr.write(`stats: matrix ${(performance.now() - t1).toFixed(0)}ms (${m.stories.length} stories)\n`);
    if (args.output) {
      try {
        const target = path.resolve(cwd, args.output);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
      } catch (e) {
        io.stderr.write(`star-stories: cannot write ${inert(args.output)}: ${inert((e as Error).message)}\n`);
        return 2;
      }
    } else {
      out.write(text);
      await out.flush();
    }
    return status;
  }

  if (args.command === 'coverage') {
    out.write(
      args.format === 'json'
        ? `${JSON.stringify(coverageJson(coverage, config.coverageTarget, config.framework.name, toRel), null, 2)}\n`
        : coverageText(coverage, config.coverageTarget, toRel, paint),
    );
    await out.flush();
    return status;
  }

  if (args.command === 'plan') {
    const { options, unknown } = planOptions(config, new PrincipleMatcher(config.framework), rules);
    for (const u of unknown) io.stderr.write(`star-stories: loop: "${inert(u)}" names no principle of ${inert(config.framework.name)}; left out\n`);
    const plan = planLoop(views, options);
    out.write(
      args.format === 'json'
        ? `${JSON.stringify(planJson(plan, toRel), null, 2)}\n`
        : args.format === 'markdown'
          ? planMarkdown(plan, toRel)
          : planText(plan, toRel, paint),
    );
    await out.flush();
    return status;
  }

  /** The framework's questions and those of the question lists among the files. */
  const bankQuestions = (): Question[] => {
    const matcher = new PrincipleMatcher(config.framework);
    const questions = frameworkQuestions(config.framework);
    // a question list is a file that says so or holds no story: read its text here (it is small)
    views.forEach((v, i) => {
      if (v.stories.length) return;
      let text: string;
      try {
        text = fs.readFileSync(checked[i]!, 'utf8');
      } catch {
        return;
      }
      const list = readQuestionList(checked[i]!, text, matcher);
      if (isQuestionList(v, list) || /^---[\s\S]*?\bstar:\s*questions\b/.test(text)) questions.push(...list);
    });
    return questions;
  };

  if (args.command === 'practice') {
    const aim = spokenRange(rules);
    if (args.story !== undefined || args.line !== undefined) {
      const found = findStory(args, views, checked, toRel);
      if ('error' in found) {
        io.stderr.write(`star-stories: ${inert(found.error)}\n`);
        return 2;
      }
      const read = readText(found.abs);
      const text = read.ok ? stripBom(read.text) : undefined;
      const chosen: PracticeStory = { file: toRel(found.abs), story: found.story };
      const prompts = practicePrompts(found.story, { text, framework: config.framework });
      out.write(args.format === 'json' ? `${JSON.stringify(promptsJson(chosen, prompts, aim), null, 2)}\n` : promptsText(chosen, prompts, aim, paint));
      await out.flush();
      return status;
    }
    const questions = bankQuestions();
    if (!questions.length) {
      io.stderr.write(`star-stories: no question to draw: ${inert(config.framework.name)} asks none and no question list was found\n`);
      return 2;
    }
    const seed = args.seed ?? Date.now() % 2147483648;
    const question = questions[seededIndex(seed, questions.length)]!;
    const drawn: Drawn = { seed, question, of: questions.length, story: undefined, from: undefined };
    // the loop plan's story for the question's principle, else the story that answers it best
    const { options } = planOptions(config, new PrincipleMatcher(config.framework), rules);
    const slot = question.principle
      ? planLoop(views, options)
          .interviewers.flatMap((iv) => iv.slots)
          .find((s) => s.principle === question.principle && s.story)
      : undefined;
    const pick = slot?.story ?? answerQuestions([question], views, 1)[0]?.stories[0];
    if (pick) {
      const i = views.findIndex((v) => v.uri === pick.uri);
      const story = views[i]?.stories.find((s) => s.range.start.line === pick.range.start.line);
      if (story) drawn.story = { file: toRel(checked[i]!), story };
      drawn.from = slot ? 'plan' : 'best-match';
    }
    out.write(args.format === 'json' ? `${JSON.stringify(drawnJson(drawn, aim, toRel), null, 2)}\n` : drawnText(drawn, aim, toRel, paint));
    await out.flush();
    return status;
  }

  if (args.command === 'questions') {
    const questions = bankQuestions();
    const answered = answerQuestions(questions, views);
    out.write(args.format === 'json' ? `${JSON.stringify(questionsJson(answered, toRel), null, 2)}\n` : questionsText(answered, toRel, paint));
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

/** Above this many bytes of markdown a run collects garbage between its phases. */
const BIG_JOB = 8_000_000;

let gc: (() => void) | undefined | null;

/**
 * A full garbage collection, when V8 lets us ask for one (its `gc`, exposed at run time): a batch run
 * that knows a phase's garbage is dead keeps the heap, and the peak memory, at the size of what lives.
 */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/** The story `--story` or `--line` names, or why there is none. */
function findStory(args: Args, views: FileFacts[], files: string[], rel: (abs: string) => string): { abs: string; story: Story } | { error: string } {
  const all = views.flatMap((v, i) => v.stories.map((story) => ({ abs: files[i]!, story })));
  const where = (x: { abs: string; story: Story }) => `"${x.story.title}" (${rel(x.abs)}:${x.story.range.start.line + 1})`;
  if (args.line !== undefined) {
    if (files.length !== 1) return { error: `--line needs exactly one file (${files.length} were read): star-stories practice FILE --line N` };
    const line = args.line - 1;
    const hit = all.find((x) => x.story.range.start.line <= line && line <= x.story.range.end.line);
    if (hit) return hit;
    return {
      error: `no story at line ${args.line} of ${rel(files[0]!)}${all.length ? `; its stories start at line ${all.map((x) => x.story.range.start.line + 1).join(', ')}` : ' (it holds no story)'}`,
    };
  }
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const wanted = norm(args.story ?? '');
  const exact = all.filter((x) => norm(x.story.title) === wanted);
  const found = exact.length ? exact : all.filter((x) => norm(x.story.title).includes(wanted));
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    return {
      error: `${found.length} stories match "${args.story}": ${found
        .slice(0, 5)
        .map(where)
        .join(', ')}${found.length > 5 ? ', …' : ''}; give more of the title, or a file and --line`,
    };
  return {
    error: `no story titled "${args.story}" among ${all.length} ${all.length === 1 ? 'story' : 'stories'}${all.length ? ' (star-stories coverage lists them)' : ''}`,
  };
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
