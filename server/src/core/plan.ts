// Planning the loop: which story to tell to which interviewer. Each
// interviewer asks about a few principles; each of their principles gets a
// story and a backup, no event is told twice in the loop (stories that tell
// one event are one choice: events.ts), ready stories are preferred, and a
// story is preferred for the principles it names first. Solved exactly as a
// min-cost flow (slots -> stories -> events with unit capacity -> sink):
// first the stories, as many as can be told, at the least cost; then the
// backups from the events left. Deterministic: the same input gives the
// same plan. Pure: facts in, a plan out.

import { type EventGroup, type EventOptions, eventGroups, eventOf, eventOptions } from './events';
import type { Framework } from './framework';
import type { RuleSet } from './lint';
import type { PrincipleMatcher } from './principles';
import { readiness } from './readiness';
import type { FileFacts, Range, Story } from './types';

export interface LoopInterviewer {
  name: string;
  /** Canonical principle names, in the order they are asked. */
  principles: string[];
}

export interface Loop {
  interviewers: LoopInterviewer[];
}

/** The loop when the configuration gives none: four interviewers and a Bar Raiser, the framework's principles dealt to them in order. */
export function defaultLoop(framework: Framework): Loop {
  const names = ['Interviewer 1', 'Interviewer 2', 'Interviewer 3', 'Interviewer 4', 'Bar Raiser'];
  const ps = framework.principles.map((p) => p.name);
  const interviewers: LoopInterviewer[] = names.map((name) => ({ name, principles: [] }));
  // consecutive runs: 16 principles give 4, 3, 3, 3, 3
  const base = Math.floor(ps.length / names.length);
  const extra = ps.length % names.length;
  let k = 0;
  interviewers.forEach((iv, i) => {
    const n = base + (i < extra ? 1 : 0);
    iv.principles = ps.slice(k, k + n);
    k += n;
  });
  return { interviewers: interviewers.filter((iv) => iv.principles.length) };
}

/** A loop as written in `.starstories.yaml`, its principle names read as tags are (short forms, case); names that match none are returned apart. */
export function resolveLoop(raw: { interviewers: { name: string; principles: string[] }[] }, matcher: PrincipleMatcher): { loop: Loop; unknown: string[] } {
  const unknown: string[] = [];
  const interviewers = raw.interviewers.map((iv) => {
    const principles: string[] = [];
    for (const name of iv.principles) {
      const m = matcher.scan(name).matches[0];
      if (!m) unknown.push(name);
      else if (!principles.includes(m.name)) principles.push(m.name);
    }
    return { name: iv.name, principles };
  });
  return { loop: { interviewers }, unknown };
}

// ------------------------------------------------------------------ the plan

export interface PlannedStory {
  uri: string;
  title: string;
  /** The whole story: it starts at its heading (a bank story) or the file's first line. */
  range: Range;
  /** The event the story tells (events.ts group id). */
  event: string;
  ready: boolean;
  /** Where the principle stands among the story's tags (0: the first it names). */
  rank: number;
}

export interface PlanSlot {
  principle: string;
  story: PlannedStory | null;
  backup: PlannedStory | null;
}

export interface PlanInterviewer {
  name: string;
  slots: PlanSlot[];
}

export interface UnfilledSlot {
  interviewer: string;
  principle: string;
  /** The story itself, or its backup. */
  slot: 'story' | 'backup';
  /** Why, in a sentence, and what story would fill it. */
  reason: string;
  /** Stories tagged with the principle whose event the loop already tells, and where. */
  blocked: { uri: string; title: string; range: Range; usedBy: string }[];
}

export interface LoopPlan {
  interviewers: PlanInterviewer[];
  unfilled: UnfilledSlot[];
  /** Distinct events among the bank's stories. */
  events: number;
  stories: number;
}

export interface PlanOptions {
  loop: Loop;
  events: EventOptions;
  /** The rules as configured: what makes a story ready (readiness.ts: story-length's range, the checks turned on). */
  rules: RuleSet;
}

/** What a slot costs to fill with a story: not ready costs most, then a principle named late. */
const NOT_READY = 100;
const PER_RANK = 10;

interface Candidate {
  story: Story;
  uri: string;
  event: number;
  ready: boolean;
}

/** Plan a loop over the stories of the files. Never throws on odd input: slots that cannot be filled are listed. */
export function planLoop(files: Iterable<FileFacts>, options: PlanOptions): LoopPlan {
  const list = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const groups = eventGroups(list, options.events);
  const groupOf = eventOf(groups);
  const eventIndex = new Map<EventGroup, number>(groups.map((g, i) => [g, i]));
  const candidates: Candidate[] = [];
  for (const f of list)
    for (const story of f.stories) {
      const g = groupOf.get(story);
      if (!g) continue;
      candidates.push({ story, uri: f.uri, event: eventIndex.get(g)!, ready: readiness(story, options.rules).ready });
    }
  const slots: { interviewer: number; principle: string }[] = [];
  options.loop.interviewers.forEach((iv, i) => {
    for (const p of iv.principles) slots.push({ interviewer: i, principle: p });
  });
  const byPrinciple = new Map<string, { c: number; rank: number }[]>();
  candidates.forEach((c, ci) => {
    c.story.principles.forEach((t, rank) => {
      let l = byPrinciple.get(t.name);
      if (!l) byPrinciple.set(t.name, (l = []));
      l.push({ c: ci, rank });
    });
  });
  const cost = (ci: number, rank: number) => (candidates[ci]!.ready ? 0 : NOT_READY) + PER_RANK * rank;

  // 1. the stories
  const primary = assign(slots, byPrinciple, candidates, groups.length, cost, new Set());
  const usedEvents = new Set<number>();
  primary.forEach((ci) => {
    if (ci !== undefined) usedEvents.add(candidates[ci]!.event);
  });
  // 2. the backups, from the events the stories left
  const backup = assign(slots, byPrinciple, candidates, groups.length, cost, usedEvents);

  const planned = (ci: number | undefined, principle: string): PlannedStory | null => {
    if (ci === undefined) return null;
    const c = candidates[ci]!;
    return {
      uri: c.uri,
      title: c.story.title,
      range: c.story.range,
      event: groups[c.event]!.id,
      ready: c.ready,
      rank: Math.max(
        0,
        c.story.principles.findIndex((t) => t.name === principle),
      ),
    };
  };
  const interviewers: PlanInterviewer[] = options.loop.interviewers.map((iv) => ({ name: iv.name, slots: [] }));
  // where each event is told, and by which story
  const where = new Map<number, { at: string; by: number }>();
  slots.forEach((s, k) => {
    const a = primary[k];
    const b = backup[k];
    if (a !== undefined) where.set(candidates[a]!.event, { at: `${options.loop.interviewers[s.interviewer]!.name}, ${s.principle}`, by: a });
    if (b !== undefined) where.set(candidates[b]!.event, { at: `${options.loop.interviewers[s.interviewer]!.name}, ${s.principle} (backup)`, by: b });
    interviewers[s.interviewer]!.slots.push({ principle: s.principle, story: planned(a, s.principle), backup: planned(b, s.principle) });
  });
  const unfilled: UnfilledSlot[] = [];
  slots.forEach((s, k) => {
    const name = options.loop.interviewers[s.interviewer]!.name;
    for (const kind of ['story', 'backup'] as const) {
      if ((kind === 'story' ? primary[k] : backup[k]) !== undefined) continue;
      // a backup for a slot with no story: the story is what is missing
      if (kind === 'backup' && primary[k] === undefined) continue;
      const tagged = byPrinciple.get(s.principle) ?? [];
      const blocked = tagged
        .filter(({ c }) => where.has(candidates[c]!.event))
        .map(({ c }) => {
          const w = where.get(candidates[c]!.event)!;
          return {
            uri: candidates[c]!.uri,
            title: candidates[c]!.story.title,
            range: candidates[c]!.story.range,
            usedBy: w.at,
            sameAs: w.by === c ? undefined : candidates[w.by]!.story.title,
          };
        });
      const what = kind === 'story' ? 'a story' : 'a backup story';
      const reason = !tagged.length
        ? `No story is tagged ${s.principle}: write ${what} that shows ${s.principle}, from an event the loop does not tell yet.`
        : `Every story tagged ${s.principle} tells an event the loop already tells (${blocked
            .slice(0, 3)
            .map((b) => (b.sameAs === undefined ? `"${b.title}" is told to ${b.usedBy}` : `"${b.title}" tells the event of "${b.sameAs}", told to ${b.usedBy}`))
            .join('; ')}${blocked.length > 3 ? '; …' : ''}): ${what} of another event that shows ${s.principle} would fill it.`;
      unfilled.push({ interviewer: name, principle: s.principle, slot: kind, reason, blocked: blocked.map(({ sameAs: _, ...b }) => b) });
    }
  });
  return { interviewers, unfilled, events: groups.length, stories: candidates.length };
}

/**
 * Min-cost max-flow over source -> slot -> story -> event -> sink, every
 * capacity 1, by successive shortest paths (Bellman-Ford on the residual
 * graph: costs are small integers, the graph a few thousand edges).
 * Events in `taken` are not available. Returns the story of each slot.
 */
function assign(
  slots: { interviewer: number; principle: string }[],
  byPrinciple: Map<string, { c: number; rank: number }[]>,
  candidates: Candidate[],
  eventCount: number,
  cost: (ci: number, rank: number) => number,
  taken: ReadonlySet<number>,
): (number | undefined)[] {
  const S = 0;
  const slot0 = 1;
  const cand0 = slot0 + slots.length;
  const ev0 = cand0 + candidates.length;
  const T = ev0 + eventCount;
  const n = T + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cst: number[] = [];
  const head = new Array<number>(n).fill(-1);
  const next: number[] = [];
  const edge = (u: number, v: number, c: number) => {
    to.push(v, u);
    cap.push(1, 0);
    cst.push(c, -c);
    next.push(head[u]!, head[v]!);
    head[u] = to.length - 2;
    head[v] = to.length - 1;
  };
  const usedCand = new Set<number>();
  const usedEvent = new Set<number>();
  slots.forEach((s, k) => {
    const list = byPrinciple.get(s.principle);
    if (!list) return;
    let any = false;
    for (const { c, rank } of list) {
      if (taken.has(candidates[c]!.event)) continue;
      edge(slot0 + k, cand0 + c, cost(c, rank));
      usedCand.add(c);
      any = true;
    }
    if (any) edge(S, slot0 + k, 0);
  });
  for (const c of [...usedCand].sort((a, b) => a - b)) {
    edge(cand0 + c, ev0 + candidates[c]!.event, 0);
    usedEvent.add(candidates[c]!.event);
  }
  for (const e of [...usedEvent].sort((a, b) => a - b)) edge(ev0 + e, T, 0);
  // successive shortest paths
  const dist = new Array<number>(n);
  const via = new Array<number>(n);
  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    via.fill(-1);
    dist[S] = 0;
    // Bellman-Ford with a queue (SPFA), nodes visited in a fixed order
    const queue = [S];
    const inQueue = new Uint8Array(n);
    inQueue[S] = 1;
    while (queue.length) {
      const u = queue.shift()!;
      inQueue[u] = 0;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (!cap[e]) continue;
        const v = to[e]!;
        const d = dist[u]! + cst[e]!;
        if (d < dist[v]!) {
          dist[v] = d;
          via[v] = e;
          if (!inQueue[v]) {
            inQueue[v] = 1;
            queue.push(v);
          }
        }
      }
    }
    if (dist[T] === Number.POSITIVE_INFINITY) break;
    for (let v = T; v !== S; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--;
      cap[via[v]! ^ 1]!++;
    }
  }
  const out: (number | undefined)[] = slots.map(() => undefined);
  slots.forEach((_, k) => {
    for (let e = head[slot0 + k]!; e !== -1; e = next[e]!) {
      const v = to[e]!;
      // a forward edge to a story that carries flow
      if (v >= cand0 && v < ev0 && e % 2 === 0 && cap[e] === 0) out[k] = v - cand0;
    }
  });
  return out;
}

/**
 * The plan's options from a configuration: its loop (or the default one),
 * same-event's grouping and the rules readiness reads. `unknown` lists loop
 * principles that name none of the framework's.
 */
export function planOptions(
  config: { loop?: { interviewers: { name: string; principles: string[] }[] } },
  matcher: PrincipleMatcher,
  rules: RuleSet,
): { options: PlanOptions; unknown: string[] } {
  const { loop, unknown } = config.loop ? resolveLoop(config.loop, matcher) : { loop: defaultLoop(matcher.framework), unknown: [] };
  return { options: { loop, events: eventOptions(rules), rules }, unknown };
}
