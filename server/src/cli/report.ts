// Reports of the CLI: the JSON report of contract section 8, SARIF 2.1.0,
// compiler-style text, and the coverage table.

import type * as Sarif from 'sarif';
import {
  RULES,
  coverageResult,
  formatClaimValue,
  withFile,
  type MetricGroup,
  type CoverageEntry,
  type Diagnostic,
  type FileReport,
  type Related,
  type Severity,
} from '../core';

/** A finished check, read file by file so that large runs stream. */
export interface CheckRun {
  /** Files checked, in order, as absolute paths (the workspace URIs). */
  files: string[];
  /** What the report needs of a file (asked once per file). */
  report(file: string): FileReport;
  /** Diagnostics of a file, levels and suppression applied. */
  diagnostics(file: string, report: FileReport): Diagnostic[];
  coverage: CoverageEntry[];
  /** Absolute path to the path shown to users. */
  rel: (abs: string) => string;
}

/**
 * A buffered writer: `write` only appends; writers call `maybeFlush` once per
 * file (not per line), which hands a large chunk to the stream and waits for
 * it to drain.
 */
export class Out {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WritableStream) {}
  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
  }
  async maybeFlush(): Promise<void> {
    if (this.size >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf.length) return;
    const chunk = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
}

export type Counts = Record<Severity, number>;
const zero = (): Counts => ({ error: 0, warning: 0, information: 0, hint: 0 });

function diagnosticJson(d: Diagnostic, file: string, rel: (abs: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
  if (d.data) out.data = d.data;
  if (d.related?.length)
    out.related = d.related.map((x) => ({ file: rel(x.uri), line: x.range.start.line + 1, column: x.range.start.character + 1, message: x.message }));
  return out;
}

/**
 * The JSON report of contract section 8, one story or diagnostic a line.
 * Diagnostics stream out file by file; the stories (a small share of the
 * report) are kept as text and follow them, so a run with many findings never
 * holds its whole report in memory.
 */
export async function writeJson(r: CheckRun, out: Out): Promise<Counts> {
  const counts = zero();
  const stories: { file: string; json: string[] }[] = [];
  out.write(`{"version":2,\n"files":${JSON.stringify(r.files.map(r.rel))},\n"diagnostics":[`);
  let first = true;
  for (const f of r.files) {
    const report = r.report(f);
    const file = r.rel(f);
    if (report.storiesJson?.length) stories.push({ file, json: report.storiesJson });
    for (const d of r.diagnostics(f, report)) {
      counts[d.severity]++;
      out.write((first ? '\n' : ',\n') + JSON.stringify(diagnosticJson(d, file, r.rel)));
      first = false;
    }
    await out.maybeFlush();
  }
  out.write(`],\n"stories":[`);
  first = true;
  for (const { file, json } of stories) {
    for (const s of json) {
      out.write((first ? '\n' : ',\n') + withFile(s, file));
      first = false;
    }
    await out.maybeFlush();
  }
  const coverage = r.coverage.map((c) => ({
    principle: c.principle,
    stories: c.stories.map((s) => ({ file: r.rel(s.uri), title: s.title, line: s.range.start.line + 1, ready: s.ready })),
  }));
  out.write(`],\n"coverage":[\n${coverage.map((c) => JSON.stringify(c)).join(',\n')}]}\n`);
  await out.flush();
  return counts;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export async function writeSarif(r: CheckRun, out: Out, version: string, srcRoot: string): Promise<Counts> {
  const counts = zero();
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.meta.id, i]));
  const loc = (uri: string, range: Diagnostic['range']): Sarif.Location => ({
    physicalLocation: {
      artifactLocation: { uri: r.rel(uri).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: Math.max(range.end.character + 1, range.end.line === range.start.line ? range.start.character + 2 : 1),
      },
    },
  });
  // Typed against the SARIF 2.1.0 object model (@types/sarif), so the shape is checked at build time.
  const head: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'star-stories',
            informationUri: 'https://github.com/star-stories/star-stories',
            version,
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              helpUri: rule.meta.docs,
              help: { text: `${rule.meta.description} See ${rule.meta.docs}`, markdown: `${rule.meta.description} [Documentation](${rule.meta.docs})` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.meta.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        results: [],
      },
    ],
  };
  const text = JSON.stringify(head, null, 2);
  const cut = text.lastIndexOf('"results": [') + '"results": ['.length;
  out.write(text.slice(0, cut));
  let first = true;
  for (const f of r.files) {
    const report = r.report(f);
    for (const d of r.diagnostics(f, report)) {
      counts[d.severity]++;
      const result: Sarif.Result = {
        ruleId: d.rule,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [loc(f, d.range)],
      };
      const idx = ruleIndex.get(d.rule);
      if (idx !== undefined) result.ruleIndex = idx;
      if (d.related?.length) result.relatedLocations = d.related.map((x, i) => ({ id: i + 1, ...loc(x.uri, x.range), message: { text: x.message } }));
      if (d.data) result.properties = { data: d.data };
      out.write((first ? '\n' : ',\n') + JSON.stringify(result));
      first = false;
    }
    await out.maybeFlush();
  }
  out.write(`${text.slice(cut)}\n`);
  await out.flush();
  return counts;
}

// ------------------------------------------------------------------ text

/**
 * Control characters, and the characters that reorder or break lines, in user
 * text (titles, headings, claims, file names, messages that quote them): a
 * terminal would act on them (clear the screen, set the window title, forge a
 * hyperlink or a report line), so the text report shows them as escapes.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** User text made inert for a terminal: control characters shown as visible escapes (`\e`, `\n`, `\x07`, `\u202e`). */
export function inert(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, escapeChar) : s;
}

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  gray(s: string): string;
  bold(s: string): string;
  green(s: string): string;
}

export function painter(color: boolean): Paint {
  const wrap = (a: number, b: number) => (s: string) => (color ? `\x1b[${a}m${s}\x1b[${b}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), gray: wrap(90, 39), bold: wrap(1, 22), green: wrap(32, 39) };
}

/** How many related entries' lines the text report keeps for reuse. */
const RELATED_LINES = 4096;

export async function writeText(r: CheckRun, out: Out, paint: Paint): Promise<Counts> {
  const counts = zero();
  let stories = 0;
  let filesWithProblems = 0;
  let any = false;
  // a related entry is shared by every finding that points at its claim (a recycled figure is listed by
  // each of its stories): its line is written once and reused
  const relatedLines = new Map<Related, string>();
  for (const f of r.files) {
    const report = r.report(f);
    stories += report.storyCount;
    const ds = r.diagnostics(f, report);
    if (ds.length) filesWithProblems++;
    const file = ds.length ? inert(r.rel(f)) : '';
    for (const d of ds) {
      any = true;
      counts[d.severity]++;
      const sev =
        d.severity === 'error'
          ? paint.red('error')
          : d.severity === 'warning'
            ? paint.yellow('warning')
            : d.severity === 'information'
              ? paint.blue('info')
              : paint.gray('hint');
      out.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${sev}  ${inert(d.message)}  ${paint.gray(d.rule)}\n`);
      for (const x of d.related ?? []) {
        let line = relatedLines.get(x);
        if (line === undefined) {
          // kept for the next findings that list it, up to a bound: ten thousand stories' related entries held all
          // at once took more memory (12 MB) than writing a line again costs
          if (relatedLines.size >= RELATED_LINES) relatedLines.clear();
          relatedLines.set(
            x,
            (line = `${paint.gray(`    ${inert(r.rel(x.uri))}:${x.range.start.line + 1}:${x.range.start.character + 1}  ${inert(x.message)}`)}\n`),
          );
        }
        out.write(line);
      }
    }
    await out.maybeFlush();
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const n = r.files.length;
  const scope = `${stories} ${stories === 1 ? 'story' : 'stories'} in ${n} ${n === 1 ? 'file' : 'files'}`;
  if (total === 0) out.write(`${paint.green(`No problems in ${scope}.`)}\n`);
  else {
    if (any) out.write('\n');
    const parts = [
      `${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`,
      `${counts.warning} ${counts.warning === 1 ? 'warning' : 'warnings'}`,
      `${counts.information} info`,
      `${counts.hint} ${counts.hint === 1 ? 'hint' : 'hints'}`,
    ];
    const summary = `${total} ${total === 1 ? 'problem' : 'problems'} (${parts.join(', ')}) in ${filesWithProblems} of ${n} files; ${stories} ${stories === 1 ? 'story' : 'stories'} checked.`;
    out.write(`${counts.error ? paint.red(paint.bold(summary)) : paint.bold(summary)}\n`);
  }
  await out.flush();
  return counts;
}

/**
 * `star-stories coverage`: a row per principle (tagged stories, ready stories, how it stands
 * against the target), each tagged story under it, ready or with why not; then a summary.
 */
export function coverageText(coverage: CoverageEntry[], target: number, rel: (abs: string) => string, paint: Paint): string {
  const names = coverage.map((c) => inert(c.principle));
  const width = Math.max(...names.map((n) => n.length), 'Principle'.length);
  const lines = [paint.bold(`${'Principle'.padEnd(width)}  Tagged  Ready`)];
  for (const [i, c] of coverage.entries()) {
    const mark = c.state === 'none' ? '✗' : c.state === 'below' ? '!' : '✓';
    const note = c.state === 'none' ? 'no story yet' : c.state === 'below' ? `${c.ready} of ${target} ready` : 'target met';
    const row = `${names[i]!.padEnd(width)}  ${String(c.stories.length).padStart(6)}  ${String(c.ready).padStart(5)}  ${mark} ${note}`;
    lines.push(c.state === 'none' ? paint.red(paint.bold(row)) : c.state === 'below' ? paint.yellow(row) : row);
    for (const s of c.stories) {
      const where = `${inert(s.title)} (${inert(rel(s.uri))}:${s.range.start.line + 1})`;
      lines.push(s.ready ? `    ${paint.green('✓')} ${where} ready` : `    ${paint.gray('✗')} ${where} ${paint.gray(`not ready: ${s.why.join('; ')}`)}`);
    }
  }
  const covered = coverage.filter((c) => c.stories.length > 0).length;
  const ready = coverage.filter((c) => c.ready > 0).length;
  const meeting = coverage.filter((c) => c.state === 'met').length;
  const none = names.filter((_, i) => coverage[i]!.state === 'none');
  const unready = names.filter((_, i) => coverage[i]!.stories.length > 0 && coverage[i]!.ready === 0);
  lines.push('');
  lines.push(
    paint.bold(
      `${ready}/${coverage.length} principles have a ready story; ${covered} have a tagged story; ${meeting} ${meeting === 1 ? 'meets' : 'meet'} the target of ${target} ready ${target === 1 ? 'story' : 'stories'}.`,
    ),
  );
  // one name a line: names hold commas and semicolons of their own ("Are Right, A Lot")
  if (none.length) lines.push(paint.red('No story yet:'), ...none.map((n) => paint.red(`  - ${n}`)));
  if (unready.length) lines.push(paint.yellow('Tagged, but no story ready yet:'), ...unready.map((n) => paint.yellow(`  - ${n}`)));
  // where several stories tell one event, the principle is thinner than its count says
  const thin = coverage.flatMap((c, i) =>
    c.events !== undefined && c.events < c.stories.length
      ? [`  - ${names[i]}: ${c.stories.length} stories, ${c.events} ${c.events === 1 ? 'event' : 'events'}`]
      : [],
  );
  if (thin.length) lines.push(paint.yellow('Stories that retell one event:'), ...thin.map((t) => paint.yellow(t)));
  lines.push(paint.gray('A story is ready with all four parts (S, T, A, R), a number in its Result and a spoken length in range (story-length).'));
  return `${lines.join('\n')}\n`;
}

export function coverageJson(coverage: CoverageEntry[], target: number, framework: string, rel: (abs: string) => string) {
  const r = coverageResult(coverage, framework, target);
  return {
    version: 2,
    framework: r.framework,
    target: r.target,
    covered: r.covered,
    ready: r.ready,
    met: r.met,
    total: r.total,
    principles: r.principles.map((p) => ({
      principle: p.principle,
      description: p.description,
      count: p.count,
      ready: p.ready,
      state: p.state,
      ...(p.events !== undefined ? { events: p.events } : {}),
      stories: p.stories.map((s) => ({ file: rel(s.uri), title: s.title, line: s.range.start.line + 1, ready: s.ready, why: s.why })),
    })),
  };
}

/** `star-stories metrics`: claims by subject, conflicts first. */
export function metricsText(groups: MetricGroup[], rel: (abs: string) => string, paint: Paint): string {
  const lines: string[] = [];
  const ctx = (c: string) => inert(c.includes('/') || c.includes('\\') ? rel(c) : c);
  for (const g of groups) {
    const mark = g.status === 'conflict' ? paint.red(paint.bold('conflict')) : g.status === 'recycled' ? paint.yellow('recycled') : paint.gray('ok');
    lines.push(`${paint.bold(inert(g.subject))}  ${paint.gray(`(${g.contexts.map(ctx).join(', ')})`)}  ${mark}`);
    for (const c of g.claims) {
      const flag = c.flags.includes('metric-conflict') ? paint.red('✗') : c.flags.includes('recycled-metric') ? paint.yellow('↻') : ' ';
      lines.push(
        `${`  ${flag} ${formatClaimValue(c).padEnd(10)} ${c.direction ?? ''}`.padEnd(26)} ${inert(rel(c.uri))}:${c.range.start.line + 1}  "${inert(c.story)}": ${inert(c.text)}`,
      );
    }
  }
  const conflicts = groups.filter((g) => g.status === 'conflict').length;
  const recycled = groups.filter((g) => g.status === 'recycled').length;
  const claims = groups.reduce((n, g) => n + g.claims.length, 0);
  if (lines.length) lines.push('');
  lines.push(paint.bold(`${claims} claims about ${groups.length} subjects: ${conflicts} in conflict, ${recycled} recycled.`));
  return `${lines.join('\n')}\n`;
}

export function metricsJson(groups: MetricGroup[], rel: (abs: string) => string) {
  return {
    version: 2,
    subjects: groups.map((g) => ({
      subject: g.subject,
      context: g.context.includes('/') ? rel(g.context) : g.context,
      contexts: g.contexts.map((c) => (c.includes('/') ? rel(c) : c)),
      status: g.status,
      claims: g.claims.map((c) => ({
        file: rel(c.uri),
        line: c.range.start.line + 1,
        column: c.range.start.character + 1,
        story: c.story,
        text: c.text,
        value: c.value,
        unit: c.unit,
        ...(c.direction ? { direction: c.direction } : {}),
        approximate: c.approximate,
        flags: c.flags,
      })),
    })),
  };
}
