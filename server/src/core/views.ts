// What the adapters show of a whole workspace, built once here for the CLI
// and the language server: principle coverage and the list of stories.

import type { RuleSet } from './lint';
import type { Diagnostic, FileFacts, PartName, Range } from './types';
import type { CoverageEntry } from './workspace';

export type CoverageState = 'none' | 'below' | 'covered';

export interface CoverageStoryInfo {
  uri: string;
  title: string;
  /** Where the story starts; a client opens the story here. */
  range: Range;
}

export interface PrincipleCoverage {
  principle: string;
  description: string;
  count: number;
  /** none: no story; below: fewer than the target; covered: at least the target. */
  state: CoverageState;
  stories: CoverageStoryInfo[];
  /** Distinct events told by the stories (same-event's grouping), when known. */
  events?: number;
}

export interface CoverageResult {
  framework: string;
  /** Stories wanted per principle (setting `coverage.target`, default 2). */
  target: number;
  /** Principles with at least one story. */
  covered: number;
  total: number;
  principles: PrincipleCoverage[];
}

/** Coverage as the editor's views and the CLI's report show it. */
export function coverageResult(entries: readonly CoverageEntry[], framework: string, target: number): CoverageResult {
  return {
    framework,
    target,
    covered: entries.filter((e) => e.stories.length > 0).length,
    total: entries.length,
    principles: entries.map((e) => {
      const p: PrincipleCoverage = {
        principle: e.principle,
        description: e.description,
        count: e.stories.length,
        state: e.state,
        stories: e.stories.map((s) => ({ uri: s.uri, title: s.title, range: s.range })),
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
}

/** How fast the candidate speaks: `story-length`'s `wordsPerMinute`, as configured. */
export function wordsPerMinute(rules: RuleSet): number {
  const v = rules.byId.get('story-length')?.options.wordsPerMinute;
  return typeof v === 'number' && v > 0 ? v : 150;
}

/** Every story of the files, sorted by title, with the number of diagnostics inside it. */
export function storyList(files: Iterable<FileFacts>, diagnosticsOf: (uri: string) => Diagnostic[], rules: RuleSet): StoryInfo[] {
  const wpm = wordsPerMinute(rules);
  const out: StoryInfo[] = [];
  for (const f of files) {
    const diags = diagnosticsOf(f.uri);
    for (const s of f.stories) {
      const inside = diags.filter((d) => d.range.start.line >= s.range.start.line && d.range.start.line <= s.range.end.line).length;
      out.push({
        uri: f.uri,
        title: s.title,
        range: s.titleRange,
        principles: s.principles.map((p) => p.name),
        parts: [...new Set(s.parts.flatMap((p) => p.names))],
        words: s.words,
        minutes: s.words / wpm,
        findings: inside,
      });
    }
  }
  out.sort((a, b) => a.title.localeCompare(b.title));
  return out;
}
