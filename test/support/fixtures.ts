// Fixtures with inline expectations.
//
// In a fixture, `<!-- expect: RULE key=value … -->` expects a diagnostic of
// RULE: alone on its line, on the next line that is not itself an expectation;
// at the end of a line with content, on that line. Inside YAML frontmatter the
// same is written as a comment: `title: X  # expect: RULE key=value`.
// key=value pairs must match the diagnostic's `data` (values may be quoted).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, parseConfig, type Diagnostic } from '../../server/src/core';

export interface Expectation {
  rule: string;
  line: number; // 1-based
  data: Record<string, string>;
}

const EXPECT = /(?:<!--\s*expect:\s*([^>]*?)\s*-->|#\s*expect:\s*(.*)$)/g;

function parseArgs(s: string): { rule: string; data: Record<string, string> } {
  const tokens = [...s.matchAll(/(\S+?)=(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+)/g)];
  let rule = '';
  const data: Record<string, string> = {};
  for (const t of tokens) {
    if (t[5] !== undefined) {
      if (!rule) rule = t[5];
      continue;
    }
    data[t[1]!] = t[2] ?? t[3] ?? t[4] ?? '';
  }
  return { rule, data };
}

export function readExpectations(text: string): Expectation[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Expectation[] = [];
  const pending: { rule: string; data: Record<string, string> }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const found: { rule: string; data: Record<string, string> }[] = [];
    EXPECT.lastIndex = 0;
    for (let m = EXPECT.exec(line); m; m = EXPECT.exec(line)) found.push(parseArgs(m[1] ?? m[2] ?? ''));
    const rest = line.replace(EXPECT, '').trim();
    if (found.length && rest === '') {
      pending.push(...found);
      continue;
    }
    for (const p of [...pending.splice(0), ...found]) out.push({ ...p, line: i + 1 });
  }
  return out;
}

/** The markdown files of a fixture: one file, or every .md file of a folder. */
export function fixtureFiles(p: string): string[] {
  if (fs.statSync(p).isDirectory())
    return fs
      .readdirSync(p)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(p, f));
  return [p];
}

/** Analyse a fixture as one workspace (a `.starstories.yaml` beside the files applies). */
export function analyzeFixture(p: string): Map<string, Diagnostic[]> {
  const dir = fs.statSync(p).isDirectory() ? p : path.dirname(p);
  const cfgFile = path.join(dir, '.starstories.yaml');
  const ws = new Workspace(fs.existsSync(cfgFile) && fs.statSync(p).isDirectory() ? parseConfig(fs.readFileSync(cfgFile, 'utf8')).config : undefined);
  for (const f of fixtureFiles(p)) ws.set(f, fs.readFileSync(f, 'utf8'));
  return ws.diagnostics();
}

function show(e: { rule: string; line: number; data?: unknown }): string {
  return `${e.rule}@${e.line}${e.data && Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : ''}`;
}

/**
 * Compare diagnostics with the expectations of a fixture. `rules` limits the
 * comparison to those rules (plus any rule named in an expectation); with
 * no `rules`, every diagnostic must be expected.
 */
export function compareFixture(p: string, rules?: string[]): string[] {
  const problems: string[] = [];
  const diags = analyzeFixture(p);
  for (const f of fixtureFiles(p)) {
    const expected = readExpectations(fs.readFileSync(f, 'utf8'));
    const scope = rules ? new Set([...rules, ...expected.map((e) => e.rule)]) : undefined;
    const actual = (diags.get(f) ?? []).filter((d) => !scope || scope.has(d.rule));
    const left = [...actual];
    for (const e of expected) {
      const i = left.findIndex(
        (d) => d.rule === e.rule && d.range.start.line + 1 === e.line && Object.entries(e.data).every(([k, v]) => String(d.data?.[k]) === v),
      );
      if (i === -1) problems.push(`${path.basename(f)}: expected ${show(e)}, not reported`);
      else left.splice(i, 1);
    }
    for (const d of left) problems.push(`${path.basename(f)}: unexpected ${show({ rule: d.rule, line: d.range.start.line + 1, data: d.data })}: ${d.message}`);
  }
  return problems;
}
