// What the adapters show of a whole workspace, built once here for the CLI
// and the language server: principle coverage and the list of stories.

import type { RuleSet } from './lint';
import { readiness, spokenRange } from './readiness';
import type { Diagnostic, FileFacts, PartName, Range } from './types';
import type { CoverageEntry } from './workspace';

/** none: no story tagged; below: fewer ready stories than the target; met: at least the target ready. */
export type CoverageState = 'none' | 'below' | 'met';

export interface CoverageStoryInfo {
  uri: string;
  title: string;
  /** The whole story; a client opens it at its start. */
  range: Range;
  /** All four parts told, a quantified Result and a spoken length in range. */
  ready: boolean;
  /** S, T, A, R parts the story does not tell. */
  missing: PartName[];
  /** Why the story is not ready, one reason an item ("no Task or Action", "no number in the Result", "too short (…)"). */
  why: string[];
  /** Diagnostics of the file inside this story (when the adapter counts them: the language server does). */
  findings?: number;
}

export interface PrincipleCoverage {
  principle: string;
  description: string;
  /** Stories tagged with the principle, ready or not. */
  count: number;
  /** Of them, stories ready to tell. */
  ready: number;
  state: CoverageState;
  stories: CoverageStoryInfo[];
  /** Distinct events told by the stories (same-event's grouping), when known. */
  events?: number;
}

export interface CoverageResult {
  framework: string;
  /** Ready stories wanted per principle (setting `coverage.target`, default 2). */
  target: number;
  /** Principles with at least one tagged story, ready or not. */
  covered: number;
  /** Principles with at least one ready story. */
  ready: number;
  /** Principles with at least the target of ready stories. */
  met: number;
  total: number;
  principles: PrincipleCoverage[];
}

/** The number of diagnostics of a file inside a story, by lines (as the story list counts them). */
export function findingsIn(diags: readonly Diagnostic[], range: Range): number {
  let n = 0;
  for (const d of diags) if (d.range.start.line >= range.start.line && d.range.start.line <= range.end.line) n++;
  return n;
}

/**
 * Coverage as the editor's views and the CLI's report show it; with
 * `diagnosticsOf`, each story carries the number of findings inside it.
 */
export function coverageResult(
  entries: readonly CoverageEntry[],
  framework: string,
  target: number,
  diagnosticsOf?: (uri: string) => readonly Diagnostic[],
): CoverageResult {
  const diags = new Map<string, readonly Diagnostic[]>();
  const of = (uri: string) => {
    let d = diags.get(uri);
    if (!d) diags.set(uri, (d = diagnosticsOf!(uri)));
    return d;
  };
  return {
    framework,
    target,
    covered: entries.filter((e) => e.stories.length > 0).length,
    ready: entries.filter((e) => e.ready > 0).length,
    met: entries.filter((e) => e.state === 'met').length,
    total: entries.length,
    principles: entries.map((e) => {
      const p: PrincipleCoverage = {
        principle: e.principle,
        description: e.description,
        count: e.stories.length,
        ready: e.ready,
        state: e.state,
        stories: e.stories.map((s) => {
          const info: CoverageStoryInfo = { uri: s.uri, title: s.title, range: s.range, ready: s.ready, missing: s.missing, why: s.why };
          if (diagnosticsOf) info.findings = findingsIn(of(s.uri), s.range);
          return info;
        }),
      };
      if (e.events !== undefined) p.events = e.events;
      return p;
    }),
  };
}

export interface StoryInfo {
  uri: string;
  title: string;
  /** The story's title (heading, pseudo-heading or frontmatter title). */
  range: Range;
  principles: string[];
  /** Parts present, in S, T, A, R terms. */
  parts: PartName[];
  words: number;
  /** Spoken minutes at the configured words a minute (`story-length`'s `wordsPerMinute`). */
  minutes: number;
  /** Diagnostics of the file that fall inside this story. */
  findings: number;
  /** All four parts told, a quantified Result and a spoken length in range (readiness.ts). */
  ready: boolean;
  /** Why the story is not ready (empty when it is). */
  why: string[];
}

/** How fast the candidate speaks: `story-length`'s `wordsPerMinute`, as configured. */
export function wordsPerMinute(rules: RuleSet): number {
  return spokenRange(rules).wordsPerMinute;
}

/** Every story of the files, sorted by title, with the number of diagnostics inside it. */
export function storyList(files: Iterable<FileFacts>, diagnosticsOf: (uri: string) => Diagnostic[], rules: RuleSet): StoryInfo[] {
  const wpm = wordsPerMinute(rules);
  const out: StoryInfo[] = [];
  for (const f of files) {
    const diags = diagnosticsOf(f.uri);
    for (const s of f.stories) {
      const inside = findingsIn(diags, s.range);
      const r = readiness(s, rules);
      out.push({
        uri: f.uri,
        title: s.title,
        range: s.titleRange,
        principles: s.principles.map((p) => p.name),
        parts: [...new Set(s.parts.flatMap((p) => p.names))],
        words: s.words,
        minutes: s.words / wpm,
        findings: inside,
        ready: r.ready,
        why: r.why,
      });
    }
  }
  out.sort((a, b) => a.title.localeCompare(b.title));
  return out;
}
