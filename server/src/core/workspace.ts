// An in-memory workspace: per-file facts cached by URI (recomputed only for
// the file that changed), then a cheap pass across files for the workspace
// rules, levels from the configuration and suppression comments.

import type { FileReport } from './report';
import { analyzeFile, type ChunkScan } from './analyze';
import { defaultConfig, type Config } from './config';
import { levelIn, lintFile, resolveRules, type RuleSet } from './lint';
import { PrincipleMatcher } from './principles';
import { type LoopPlan, planLoop, planOptions } from './plan';
import { claimGroups, comparable } from './claim-groups';
import { comparesWords, type EventOptions, eventGroups, eventOf, eventOptions } from './events';
import type { Framework } from './framework';
import { readiness, storyShape, type Readiness } from './readiness';
import type { Diagnostic, FileFacts, Finding, Level, Severity, Story, Suppression } from './types';

export interface CoverageStory extends Readiness {
  uri: string;
  title: string;
  range: Story['titleRange'];
}

export interface CoverageEntry {
  principle: string;
  description: string;
  /** The stories tagged with the principle, ready or not. */
  stories: CoverageStory[];
  /** How many of them are ready to tell (readiness.ts). */
  ready: number;
  /** none: no story tagged; below: fewer ready stories than the target; met: at least the target ready. */
  state: 'none' | 'below' | 'met';
  /** Distinct events among the stories (events.ts), when asked for: "Earn Trust: 4 stories, 2 events". */
  events?: number;
}

export function isSuppressed(s: Suppression, rule: string, line: number): boolean {
  if (s.file.has('*') || s.file.has(rule)) return true;
  for (const r of s.ranges) if ((r.rule === '*' || r.rule === rule) && line >= r.startLine && line < r.endLine) return true;
  for (const n of s.nextLine) if ((n.rule === '*' || n.rule === rule) && n.line === line) return true;
  return false;
}

/** Findings of the workspace rules over all files, per URI. Linear in the number of stories. */
export function runWorkspaceRules(files: Iterable<FileFacts>, rules: RuleSet): Map<string, Finding[]> {
  const all = [...files];
  const out = new Map<string, Finding[]>();
  for (const { rule, level, options } of rules.list) {
    if (rule.scope !== 'workspace' || level === 'off') continue;
    const found = rule.check({ files: all, options });
    for (const [uri, list] of found) {
      const prev = out.get(uri);
      if (prev) prev.push(...list);
      else out.set(uri, list);
    }
  }
  return out;
}

/** Findings in the order of the document, then by rule. */
function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}

/**
 * A file's diagnostics: its own findings (the lint step's) and the workspace
 * findings on it, with levels applied and suppressed findings removed. A
 * file with no story gets none.
 */
export function finishDiagnostics(
  file: Pick<FileReport, 'optedOut' | 'storyCount' | 'suppression'>,
  own: readonly Finding[],
  cross: readonly Finding[],
  rules: RuleSet,
): Diagnostic[] {
  // a file with no story gets nothing but what the lint step gave it (lintFile: an internal error, or a file too large to read)
  if (file.optedOut || (!file.storyCount && !own.length)) return [];
  const out: Diagnostic[] = [];
  for (const f of [...own, ...cross]) {
    const level = levelIn(rules, f.rule);
    if (level === 'off') continue;
    if (isSuppressed(file.suppression, f.rule, f.range.start.line)) continue;
    out.push({ ...f, severity: level as Severity });
  }
  out.sort(byPosition);
  return out;
}

/**
 * Every principle of the framework with the stories tagged with it and how many
 * of them are ready (all four parts, a quantified Result, a spoken length in
 * `story-length`'s range): a principle meets the target with ready stories only.
 * With `events`, each principle also counts the distinct events its stories tell.
 */
export function computeCoverage(files: Iterable<FileFacts>, framework: Framework, target: number, rules: RuleSet, events?: EventOptions): CoverageEntry[] {
  const list = [...files];
  const byName = new Map<string, CoverageStory[]>(framework.principles.map((p) => [p.name, []]));
  const eventsOf = new Map<string, Set<string>>();
  const groupOf = events ? eventOf(eventGroups(list, events)) : undefined;
  for (const f of list) {
    for (const s of f.stories) {
      if (!s.principles.length) continue;
      const r = readiness(s, rules);
      const g = groupOf?.get(s);
      for (const tag of s.principles) {
        byName.get(tag.name)?.push({ uri: f.uri, title: s.title, range: s.range, ...r });
        if (!g) continue;
        let set = eventsOf.get(tag.name);
        if (!set) eventsOf.set(tag.name, (set = new Set()));
        set.add(g.id);
      }
    }
  }
  return framework.principles.map((p) => {
    const stories = byName.get(p.name)!;
    const ready = stories.filter((s) => s.ready).length;
    const entry: CoverageEntry = {
      principle: p.name,
      description: p.description,
      stories,
      ready,
      state: stories.length === 0 ? 'none' : ready < target ? 'below' : 'met',
    };
    if (groupOf) entry.events = eventsOf.get(p.name)?.size ?? 0;
    return entry;
  });
}

/** Whether two lists of findings read the same (rule, place, message, data and related places). */
function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.rule !== y.rule || x.message !== y.message || !sameRange(x.range, y.range)) return false;
    if ((x.related?.length ?? 0) !== (y.related?.length ?? 0)) return false;
    for (let j = 0; j < (x.related?.length ?? 0); j++) {
      const r = x.related![j]!;
      const q = y.related![j]!;
      if (r.uri !== q.uri || r.message !== q.message || !sameRange(r.range, q.range)) return false;
    }
    if (!sameData(x.data, y.data)) return false;
  }
  return true;
}

function sameData(a: Finding['data'], b: Finding['data']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  let n = Object.keys(b).length;
  for (const k of keys) {
    n--;
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return n === 0;
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * What the workspace pass and coverage read of a file: each story's title,
 * place, principle names, the claims that can be compared across stories
 * (comparable kinds with a subject), and its event key and content terms
 * (events.ts: same-event and events per principle). Parts, tag positions, unknown tags and the
 * file's own findings are left out (empty). Adapters that hold many files
 * keep this small view for the workspace pass and the full facts elsewhere.
 * Rules with workspace scope must read only what this view keeps.
 */
export function crossFileView(facts: FileFacts): FileFacts {
  return {
    uri: facts.uri,
    optedOut: facts.optedOut,
    stories: facts.stories.map((s) => {
      const v: Story = {
        title: s.title,
        titleRange: s.titleRange,
        range: s.range,
        kind: s.kind,
        level: s.level,
        principles: s.principles.map((p) => ({ name: p.name, raw: '', range: NOWHERE, source: p.source })),
        unknownPrinciples: [],
        parts: [],
        words: s.words,
        // only claims that can be compared across stories: the others never leave their story
        claims: s.claims.filter(comparable),
        bodyStart: s.bodyStart,
        bodyEnd: s.bodyEnd,
        inlineLabels: [],
        // the parts are left out: what readiness reads of them (and of the claims) stays
        shape: storyShape(s),
      };
      if (s.company) v.company = s.company;
      // what same-event and the loop plan compare
      if (s.event) v.event = s.event;
      if (s.place) v.place = s.place;
      if (s.terms) v.terms = s.terms;
      if (s.termIds) v.termIds = s.termIds;
      return v;
    }),
    problems: [],
    suppression: { file: new Set(), ranges: [], nextLine: [] },
    lineCount: facts.lineCount,
  };
}

function sameFramework(a: Framework, b: Framework): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class Workspace {
  private facts = new Map<string, FileFacts>();
  /** The lint step's findings per file, kept until the file or the rules' configuration changes. */
  private lint = new Map<string, Finding[]>();
  private texts = new Map<string, string>();
  /** Parsed chunks of documents being edited, so an edit re-parses only its chunk. */
  private chunks = new Map<string, Map<string, ChunkScan>>();
  /** Each file's workspace findings, merged across rules and keys and sorted; kept up to date by workspaceFindings. */
  private merged = new Map<string, Finding[]>();
  /**
   * The cross-file pass, kept per workspace rule and key (a title; a context
   * and head noun): an edit re-runs a rule only for the keys of the files it touched.
   */
  private cross = new Map<
    string,
    { byKey: Map<string, Map<string, Finding[]>>; files: Map<string, Set<string>>; keysOf: Map<string, string[]>; dirty: Set<string>; touched: Set<string> }
  >();

  private config: Config;
  private rules: RuleSet;
  private matcher: PrincipleMatcher;
  /** How many files were parsed and analysed (a configuration change that only re-runs rules adds none). */
  analyses = 0;

  constructor(config: Config = defaultConfig()) {
    this.config = config;
    this.rules = resolveRules(config);
    this.matcher = new PrincipleMatcher(config.framework);
  }

  /** The rules with the levels and options of the configuration in force. */
  getRules(): RuleSet {
    return this.rules;
  }

  getConfig(): Config {
    return this.config;
  }

  getMatcher(): PrincipleMatcher {
    return this.matcher;
  }

  /**
   * Replace the configuration. Rules run again over the facts already
   * known; files are analysed again only when the framework changed (it
   * decides which words are principle tags). Returns whether they were.
   */
  setConfig(config: Config): boolean {
    const reread = !sameFramework(config.framework, this.matcher.framework);
    this.config = config;
    this.rules = resolveRules(config);
    this.lint.clear();
    this.cross.clear();
    this.merged.clear();
    if (!reread) return false;
    this.matcher = new PrincipleMatcher(config.framework);
    this.chunks.clear();
    for (const [uri, text] of this.texts) this.facts.set(uri, this.analyze(uri, text));
    return true;
  }

  private analyze(uri: string, text: string, live = false): FileFacts {
    this.analyses++;
    this.lint.delete(uri);
    if (!live) {
      this.chunks.delete(uri);
      return analyzeFile(uri, text, { matcher: this.matcher });
    }
    const produced = new Map<string, ChunkScan>();
    const reuse = this.chunks.get(uri);
    const facts = analyzeFile(uri, text, { matcher: this.matcher, recentClaims: true, chunks: reuse ? { reuse, produced } : { produced } });
    this.chunks.set(uri, produced);
    return facts;
  }

  /**
   * Add or update a file; returns its facts. Unchanged text is not analysed
   * again. `live` marks a document being edited: its chunks are kept so the
   * next edit re-parses only the chunk it touched.
   */
  set(uri: string, text: string, live = false): FileFacts {
    const prev = this.facts.get(uri);
    if (prev && this.texts.get(uri) === text) return prev;
    const facts = this.analyze(uri, text, live);
    this.facts.set(uri, facts);
    this.texts.set(uri, text);
    this.touch(uri);
    return facts;
  }

  /**
   * Keep facts computed elsewhere (e.g. in a worker), with the text they came
   * from when known, and the lint step's findings on them when that place
   * had this workspace's rule set (the language server's analyst does).
   */
  setFacts(facts: FileFacts, text?: string, lint?: Finding[]): void {
    this.facts.set(facts.uri, facts);
    if (lint) this.lint.set(facts.uri, lint);
    else this.lint.delete(facts.uri);
    if (text !== undefined) this.texts.set(facts.uri, text);
    else this.texts.delete(facts.uri);
    this.touch(facts.uri);
  }

  delete(uri: string): boolean {
    this.texts.delete(uri);
    this.lint.delete(uri);
    this.chunks.delete(uri);
    const had = this.facts.delete(uri);
    this.touch(uri);
    return had;
  }

  /**
   * Files read without their stories' terms (a workspace that was past events'
   * `maxStories`) are read again from their text once the workspace is a bank
   * again, so events compare every story's words.
   */
  private readTermsIfBank(): void {
    let left = false;
    let stories = 0;
    for (const f of this.facts.values()) {
      stories += f.stories.length;
      if (f.termsLeftOut) left = true;
    }
    if (!left || !comparesWords(stories, eventOptions(this.rules))) return;
    for (const [uri, f] of this.facts) {
      const text = this.texts.get(uri);
      if (!f.termsLeftOut || text === undefined) continue;
      this.facts.set(uri, this.analyze(uri, text));
      this.touch(uri);
    }
  }

  /** A file changed: the keys it had and has now need the cross-file pass again. */
  private touch(uri: string): void {
    const facts = this.facts.get(uri);
    for (const { rule, options } of this.rules.list) {
      if (rule.scope !== 'workspace') continue;
      const state = this.cross.get(rule.meta.id);
      if (!state) continue; // not built yet: the first pass builds everything
      const old = state.keysOf.get(uri) ?? [];
      const now = facts ? rule.keys(facts, options) : [];
      for (const k of old) {
        state.dirty.add(k);
        state.files.get(k)?.delete(uri);
      }
      for (const k of now) {
        state.dirty.add(k);
        let set = state.files.get(k);
        if (!set) state.files.set(k, (set = new Set()));
        set.add(uri);
      }
      if (now.length) state.keysOf.set(uri, now);
      else state.keysOf.delete(uri);
      state.touched.add(uri);
    }
  }

  has(uri: string): boolean {
    return this.facts.has(uri);
  }

  get(uri: string): FileFacts | undefined {
    return this.facts.get(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  uris(): string[] {
    return [...this.facts.keys()];
  }

  files(): FileFacts[] {
    return [...this.facts.values()];
  }

  level(rule: string): Level {
    return levelIn(this.rules, rule);
  }

  /** The lint step's findings on a file (story- and file-scope rules), before levels and suppression. */
  ownFindings(uri: string): Finding[] {
    let found = this.lint.get(uri);
    if (!found) {
      const facts = this.facts.get(uri);
      if (!facts) return [];
      found = lintFile(facts, this.rules);
      this.lint.set(uri, found);
    }
    return found;
  }

  /**
   * Findings of the workspace rules, per URI. Incremental: only the keys
   * touched since the last call are computed again. `changed` receives the
   * URIs whose cross-file findings may differ from the last call's.
   */
  workspaceFindings(changed?: Set<string>): ReadonlyMap<string, Finding[]> {
    this.readTermsIfBank();
    // files whose merged list must be built again: those of every key computed again
    const affected = new Set<string>();
    for (const { rule, options, level } of this.rules.list) {
      if (rule.scope !== 'workspace') continue;
      const id = rule.meta.id;
      let state = this.cross.get(id);
      if (!state) {
        state = { byKey: new Map(), files: new Map(), keysOf: new Map(), dirty: new Set(), touched: new Set() };
        for (const f of this.facts.values()) {
          const keys = rule.keys(f, options);
          if (keys.length) state.keysOf.set(f.uri, keys);
          for (const k of keys) {
            let set = state.files.get(k);
            if (!set) state.files.set(k, (set = new Set()));
            set.add(f.uri);
            state.dirty.add(k);
          }
        }
        this.cross.set(id, state);
      }
      // a file whose keys changed gets its merged list again, whatever its findings
      for (const uri of state.touched) affected.add(uri);
      state.touched.clear();
      if (!state.dirty.size) continue;
      const dirty = state.dirty;
      state.dirty = new Set();
      const live: string[] = [];
      for (const k of dirty) {
        const uris = state.files.get(k);
        if (!uris?.size || level === 'off') {
          for (const uri of state.byKey.get(k)?.keys() ?? []) affected.add(uri);
          state.byKey.delete(k);
          if (!uris?.size) state.files.delete(k);
          continue;
        }
        live.push(k);
      }
      if (!live.length) continue;
      // One check for all the keys an edit touched (a story bank touches a
      // key per story), over the files under any of them; each finding says
      // which key it belongs to. A stable file order, so related information
      // comes out the same whatever the edit history.
      const union = new Set<string>();
      for (const k of live) for (const u of state.files.get(k)!) union.add(u);
      const files = [...union]
        .sort()
        .map((u) => this.facts.get(u)!)
        .filter(Boolean);
      const byKey = new Map<string, Map<string, Finding[]>>(live.map((k) => [k, new Map()]));
      // (forEach rather than for…of over entries: no [key, value] pair is made per entry on every keystroke)
      rule.check({ files, options, keys: new Set(live) }).forEach((list, uri) => {
        for (const f of list) {
          // a rule reports only groups under the keys it was given
          const perUri = byKey.get(f.key);
          if (!perUri) continue;
          const l = perUri.get(uri);
          if (l) l.push(f);
          else perUri.set(uri, [f]);
        }
      });
      // only files whose findings under a key changed are merged and published again
      // (a recycled number's group spans the workspace; one edit rarely changes it)
      byKey.forEach((perUri, k) => {
        const before = state.byKey.get(k);
        if (before) {
          perUri.forEach((list, uri) => {
            const old = before.get(uri);
            // the same findings: keep the old lists (long-lived), let the new ones die young
            if (old && sameFindings(old, list)) perUri.set(uri, old);
            else affected.add(uri);
          });
          before.forEach((_, uri) => {
            if (!perUri.has(uri)) affected.add(uri);
          });
        } else
          perUri.forEach((_, uri) => {
            affected.add(uri);
          });
        // a key with no findings keeps no map (a claim has three keys; most have nothing to say)
        if (perUri.size) state.byKey.set(k, perUri);
        else state.byKey.delete(k);
      });
    }
    // the merged, sorted list of each affected file; the others keep theirs
    for (const uri of affected) {
      changed?.add(uri);
      const list: Finding[] = [];
      for (const state of this.cross.values()) {
        const keys = state.keysOf.get(uri);
        if (!keys) continue;
        for (const k of keys) {
          const found = state.byKey.get(k)?.get(uri);
          if (found) list.push(...found);
        }
      }
      if (!list.length) {
        this.merged.delete(uri);
        continue;
      }
      list.sort(byPosition);
      this.merged.set(uri, list);
    }
    return this.merged;
  }

  /**
   * Diagnostics of every file (an empty list for a clean one), with levels
   * applied and suppressed findings removed.
   */
  diagnostics(): Map<string, Diagnostic[]> {
    const cross = this.workspaceFindings();
    const out = new Map<string, Diagnostic[]>();
    for (const [uri, facts] of this.facts) out.set(uri, this.finish(facts, cross.get(uri) ?? []));
    return out;
  }

  /** Diagnostics of one file, given the workspace findings computed once. */
  diagnosticsFor(uri: string, cross?: ReadonlyMap<string, Finding[]>): Diagnostic[] {
    const facts = this.facts.get(uri);
    if (!facts) return [];
    return this.finish(facts, (cross ?? this.workspaceFindings()).get(uri) ?? []);
  }

  private finish(facts: FileFacts, cross: Finding[]): Diagnostic[] {
    return finishDiagnostics(
      { optedOut: facts.optedOut, storyCount: facts.stories.length, suppression: facts.suppression },
      this.ownFindings(facts.uri),
      cross,
      this.rules,
    );
  }

  /** The loop plan (plan.ts) for the workspace's stories under its configuration. */
  plan(): LoopPlan & { unknownPrinciples: string[] } {
    this.readTermsIfBank();
    const { options, unknown } = planOptions(this.config, this.matcher, this.rules);
    return { ...planLoop(this.facts.values(), options), unknownPrinciples: unknown };
  }

  /** Every principle of the framework with the stories tagged with it, ready or not, and the events they tell. */
  coverage(): CoverageEntry[] {
    this.readTermsIfBank();
    return computeCoverage(this.facts.values(), this.matcher.framework, this.config.coverageTarget, this.rules, eventOptions(this.rules));
  }
}

export interface MetricClaimInfo {
  uri: string;
  story: string;
  storyRange: Story['titleRange'];
  range: Story['titleRange'];
  text: string;
  value: number;
  unit: string;
  kind: string;
  direction?: 'increase' | 'decrease';
  approximate: boolean;
  /** metric-conflict / recycled-metric findings on this claim */
  flags: string[];
}

export interface MetricGroup {
  /** Stable identity of the group (unit, head noun, modifiers) */
  id: string;
  /** What the claims measure, as written: "data accuracy" */
  subject: string;
  /** The companies, or files, the claims come from (conflicts are looked for within each one) */
  contexts: string[];
  /** The first of `contexts`, or "N contexts" (kept for readers of version 1) */
  context: string;
  status: 'conflict' | 'recycled' | 'ok';
  claims: MetricClaimInfo[];
}

/**
 * Claims grouped as the metric rules group them (claim-groups.ts), conflicts
 * first, then recycled numbers, then the rest; claims in story order.
 */
export function computeMetrics(files: Iterable<FileFacts>, cross: ReadonlyMap<string, Finding[]>): MetricGroup[] {
  const flagsAt = new Map<string, string[]>();
  for (const [uri, list] of cross)
    for (const f of list)
      if (f.rule === 'metric-conflict' || f.rule === 'recycled-metric') {
        const k = `${uri}#${f.range.start.line}:${f.range.start.character}`;
        flagsAt.set(k, [...(flagsAt.get(k) ?? []), f.rule]);
      }
  const out: MetricGroup[] = [];
  for (const g of claimGroups(files)) {
    const contexts = g.contexts.map((c) => c.label);
    const claims = g.members.map(({ uri, story: s, claim: c }): MetricClaimInfo => {
      const info: MetricClaimInfo = {
        uri,
        story: s.title,
        storyRange: s.titleRange,
        range: c.range,
        text: c.text,
        value: c.value,
        unit: c.unit,
        kind: c.kind,
        approximate: c.approximate,
        flags: flagsAt.get(`${uri}#${c.range.start.line}:${c.range.start.character}`) ?? [],
      };
      if (c.direction) info.direction = c.direction;
      return info;
    });
    const flags = new Set(claims.flatMap((c) => c.flags));
    const status = flags.has('metric-conflict') ? 'conflict' : flags.has('recycled-metric') ? 'recycled' : 'ok';
    out.push({ id: g.id, subject: g.subject, contexts, context: contexts.length === 1 ? contexts[0]! : `${contexts.length} contexts`, status, claims });
  }
  const rank = { conflict: 0, recycled: 1, ok: 2 };
  out.sort((a, b) => rank[a.status] - rank[b.status] || b.claims.length - a.claims.length || a.subject.localeCompare(b.subject));
  return out;
}
