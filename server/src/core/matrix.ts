// The coverage matrix: every principle of the framework against every story
// of the workspace, as plain data the adapters render (an HTML report, a
// markdown table, the editor's webview). Nothing is decided here twice:
// readiness and the per-principle counts come from `computeCoverage`
// (workspace.ts, which reads readiness.ts) and the events from `events.ts`.
//
// A cell says how well a story serves a principle:
//   ready   the story is tagged with the principle and ready to tell (readiness.ts);
//   weak    tagged, but it lacks content: a part (Situation, Task, Action or
//           Result) is not told, or the Result has no number in it;
//   tagged  tagged and told in full, but not ready for another reason (its
//           spoken length is out of `story-length`'s range): trim or expand it;
//   null    the story is not tagged with the principle.

import { type EventOptions, eventGroups, eventOf } from './events';
import type { Framework } from './framework';
import type { RuleSet } from './lint';
import { type Readiness, readiness } from './readiness';
import type { Diagnostic, FileFacts, Range, Severity, Story } from './types';
import { type CoverageEntry, computeCoverage } from './workspace';

export type MatrixCell = 'ready' | 'tagged' | 'weak';

export interface MatrixStory {
  uri: string;
  /** 1-based line where the story starts. */
  line: number;
  /** The whole story (0-based, as the core's ranges are): a client opens it at its start. */
  range: Range;
  title: string;
  /** The event the story tells (events.ts: its group's id); stories of one event sit side by side. */
  event: string;
  /** How many stories of the workspace tell the same event (1: only this one). */
  eventSize: number;
  /** Principles the story is tagged with (known to the framework). */
  principles: string[];
  ready: boolean;
  /** Why the story is not ready, one reason an item (empty when it is). */
  why: string[];
  /** It lacks content: a part, or a number in its Result (every tagged cell of it is `weak`). */
  weak: boolean;
  /** Diagnostics inside the story, by level (when the adapter counts them). */
  findings: Record<Severity, number>;
}

export interface MatrixPrinciple {
  name: string;
  description: string;
  /** Its place in the framework (0-based): the principles are listed by need. */
  index: number;
  state: CoverageEntry['state'];
  /** Stories tagged with the principle, ready or not. */
  stories: number;
  ready: number;
  /** Distinct events its stories tell. */
  events: number;
  /** One cell per story, in the order of `CoverageMatrix.stories`. */
  cells: (MatrixCell | null)[];
}

export interface CoverageMatrix {
  framework: string;
  /** Ready stories wanted per principle. */
  target: number;
  /** Principles by need: no story, then below the target (fewer ready first), then met; framework order within. */
  principles: MatrixPrinciple[];
  /** Every story, stories of one event adjacent, events in the order their first story appears (files by URI, then in the file). */
  stories: MatrixStory[];
  /** Distinct events among the stories. */
  events: number;
}

const NEED = { none: 0, below: 1, met: 2 } as const;

/** The cell of a tagged story: ready, weak (a part or a number missing) or tagged. */
export function matrixCell(s: Pick<Readiness, 'ready' | 'missing' | 'unquantified'>): MatrixCell {
  if (s.ready) return 'ready';
  return s.missing.length > 0 || s.unquantified ? 'weak' : 'tagged';
}

/**
 * The principle × story matrix of the files. `diagnosticsOf` gives a file's
 * diagnostics (levels applied) to count each story's findings; without it the
 * counts are zero. Never throws on input; linear in principles × stories.
 */
export function coverageMatrix(
  files: Iterable<FileFacts>,
  framework: Framework,
  target: number,
  rules: RuleSet,
  events: EventOptions,
  diagnosticsOf?: (uri: string) => readonly Diagnostic[],
): CoverageMatrix {
  const list = [...files];
  const entries = computeCoverage(list, framework, target, rules, events);
  // events.ts keeps the last groups of the same stories: this is the grouping computeCoverage just made
  const groupOf = eventOf(eventGroups(list, events));

  // columns: stories in file order (files by URI), then each event's stories brought together at its first story
  const placed: { uri: string; story: Story; group: string; size: number; at: number }[] = [];
  for (const f of [...list].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)))
    for (const story of f.stories) {
      const g = groupOf.get(story);
      placed.push({ uri: f.uri, story, group: g?.id ?? `${f.uri}#${story.range.start.line}`, size: g?.stories.length ?? 1, at: placed.length });
    }
  const firstOf = new Map<string, number>();
  for (const p of placed) if (!firstOf.has(p.group)) firstOf.set(p.group, p.at);
  placed.sort((a, b) => firstOf.get(a.group)! - firstOf.get(b.group)! || a.at - b.at);

  const column = new Map<string, number>(); // uri \u0000 start line -> column
  const stories: MatrixStory[] = [];
  const diags = new Map<string, readonly Diagnostic[]>();
  for (const p of placed) {
    const key = `${p.uri}\u0000${p.story.range.start.line}`;
    if (column.has(key)) continue;
    let inside = diags.get(p.uri);
    if (!inside) diags.set(p.uri, (inside = diagnosticsOf?.(p.uri) ?? []));
    const findings: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const d of inside) if (d.range.start.line >= p.story.range.start.line && d.range.start.line <= p.story.range.end.line) findings[d.severity]++;
    const r = readiness(p.story, rules);
    column.set(key, stories.length);
    stories.push({
      uri: p.uri,
      line: p.story.range.start.line + 1,
      range: p.story.range,
      title: p.story.title,
      event: p.group,
      eventSize: p.size,
      principles: [...new Set(p.story.principles.map((t) => t.name))],
      ready: r.ready,
      why: r.why,
      weak: matrixCell(r) === 'weak',
      findings,
    });
  }

  const principles = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => NEED[a.e.state] - NEED[b.e.state] || (a.e.state === 'below' ? a.e.ready - b.e.ready : 0) || a.i - b.i)
    .map(({ e, i }): MatrixPrinciple => {
      const cells: (MatrixCell | null)[] = new Array(stories.length).fill(null);
      for (const s of e.stories) {
        const c = column.get(`${s.uri}\u0000${s.range.start.line}`);
        if (c !== undefined) cells[c] = matrixCell(s);
      }
      return {
        name: e.principle,
        description: e.description,
        index: i,
        state: e.state,
        stories: e.stories.length,
        ready: e.ready,
        events: e.events ?? 0,
        cells,
      };
    });
  return { framework: framework.name, target, principles, stories, events: new Set(stories.map((s) => s.event)).size };
}
