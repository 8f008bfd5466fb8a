// Events: the stories that tell the same event. A story may say which event
// it tells (`event:` in its frontmatter, an `Event:` line in its metadata);
// else two stories tell one event when their spoken words are alike beyond
// chance: TF-IDF cosine over content words, named variants ("model A") and
// comparable claims ("45% accuracy"), each weighted by how rare it is in the
// workspace, so a figure recycled in every story or the name of the tool the
// candidate uses everywhere says little, and a detail two stories alone share
// says much. Pure: facts in, groups out.

import { comparable } from './claim-groups';
import { formatClaimValue } from './claims';
import type { Claim, FileFacts, Range, Story } from './types';

// ------------------------------------------------------------------ terms

/** Function words: they say nothing about which event is told, and break a phrase. */
const FUNCTION = new Set(
  (
    'a about above across after again against all almost along already also although always am among an and another any anyone anything ' +
    'are around as at away back be became because become been before being below between both but by can could did do does doing done ' +
    'down during each either else enough even ever every few for from further get gets getting got had has have having he her here hers ' +
    'him his how however i if in into is it its itself just least less like made make makes making many may me might more most much must ' +
    'my myself near need needed new next no nor not now of off often on once one only onto or other others our ours ourselves out over ' +
    'own per perhaps quite rather really same several she should since so some still such than that the their theirs them themselves ' +
    'then there these they this those though three through thus to together too toward towards two under until up upon us use used using ' +
    'very via was way we well were what when where whether which while who whom whose why will with within without would yet you your ' +
    'e.g i.e etc'
  ).split(' '),
);

/** The words every interview story uses: not telling alone, but part of a phrase ("processing time"). */
const STOCK = new Set(
  (
    'situation task action result results learning outcome impact goal role responsible responsibility decided ensure ensured ensuring ' +
    'improve improved improving improvement increase increased reduce reduced reducing reduction achieve achieved achieving deliver ' +
    'delivered team teams work worked working company project projects time weeks week months month days day year years first second ' +
    'help helped lead led manage managed managing able key major better high low set ' +
    // the outcomes and people of every story
    'productivity efficiency reliability performance accuracy satisfaction quality cost costs revenue growth success issue issues ' +
    'problem problems solution solutions stakeholder stakeholders customer customers client clients manager managers user users'
  ).split(' '),
);

/** A word's key for comparison: lower case, possessive and plural gone, common endings folded (optimize, optimized, optimization). */
export function termKey(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  const known = KEYS.get(w);
  if (known) return known;
  const k = stem(w);
  if (KEYS.size > 50_000) KEYS.clear();
  KEYS.set(w, k);
  return k;
}

const KEYS = new Map<string, string>();

function stem(w: string): string {
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(w)) {
    // class, status, analysis: not plurals
  } else if (/(?:sses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  for (const end of ['ations', 'ation', 'ing', 'ed', 'ment', 'er']) {
    if (w.length - end.length >= 4 && w.endsWith(end)) {
      w = w.slice(0, -end.length);
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** A named variant: a noun followed by a capital letter or a number that names which one ("model A", "models B and C", "phase 2"). */
const VARIANT = /\b([A-Za-z]{3,})\s+([A-Z]|\d{1,2})(?![\p{L}\p{N}])(?:['’]s)?((?:\s*(?:,|and|or|&)\s*(?:[A-Z]|\d{1,2})(?![\p{L}\p{N}]))*)/gu;

const TOKEN = /[\p{L}][\p{L}\p{N}]*(?:[-.][\p{L}\p{N}]+)*(?:['’]s)?|[.,;:!?()[\]"“”]/gu;

/**
 * The content terms of a story's spoken text, as first written, one per
 * key: words that are neither function words nor the stock words of a
 * story, phrases of two words that are not function words ("processing
 * time", "skeptical manager"), and named variants ("model A"). At most 800.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (surface: string) => {
    if (out.length >= 800) return;
    const key = keyOfTerm(surface);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(surface);
  };
  for (const m of text.matchAll(VARIANT)) {
    const noun = m[1]!;
    // "Finally I": a pronoun, not a variant
    if (m[2] === 'I' || FUNCTION.has(noun.toLowerCase()) || STOCK.has(noun.toLowerCase())) continue;
    const base = noun.replace(/s$/, '');
    add(`${base} ${m[2]}`);
    for (const more of (m[3] ?? '').matchAll(/(?:[A-Z]|\d{1,2})(?![\p{L}\p{N}])/gu)) if (more[0] !== 'I') add(`${base} ${more[0]}`);
  }
  // phrases: two content words close together in one clause, in either order ("optimized the model", "model optimization")
  const recent: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const w = m[0].replace(/['’]s$/, '');
    const lower = w.toLowerCase();
    if (!/\p{L}/u.test(w)) {
      recent.length = 0;
      continue;
    }
    if (w.length < 3 || FUNCTION.has(lower)) continue;
    for (const p of recent) add(`${p} ${w}`);
    recent.push(w);
    if (recent.length > WINDOW) recent.shift();
    if (STOCK.has(lower) || STOCK.has(termKey(w))) continue;
    add(w);
  }
  return out;
}

/** How many content words before a word make a phrase with it. */
const WINDOW = 1;

/** The key of a term as `contentTerms` wrote it: each word's `termKey`, a phrase's two in order of their keys. */
function keyOfTerm(surface: string): string {
  const sp = surface.indexOf(' ');
  if (sp === -1) return termKey(surface);
  const a = termKey(surface.slice(0, sp));
  const b = termKey(surface.slice(sp + 1));
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

// ------------------------------------------------------------------ features

/** A story's features: the interned keys of its terms and claims, and how each reads in a message ("Snowflake", "model A", "45% data accuracy"). */
interface Features {
  ids: Int32Array;
  labels: string[];
}

const featuresOf = new WeakMap<Story, Features>();

/** Feature keys as numbers (a vocabulary: started again past a million keys, with the features made from it). */
let interned = new Map<string, number>();
let keysById: string[] = [];
let strongIds: boolean[] = [];
let generation = 0;
const generationOf = new WeakMap<Features, number>();
function intern(key: string): number {
  let id = interned.get(key);
  if (id === undefined) {
    id = keysById.length;
    interned.set(key, id);
    keysById.push(key);
    strongIds.push(strong(key));
  }
  return id;
}

/** A story's features: its content terms and its comparable result claims (value, unit and head noun). */
function storyFeatures(story: Story): Features {
  const got = featuresOf.get(story);
  if (got && generationOf.get(got) === generation) return got;
  if (interned.size > 1_000_000) {
    interned = new Map();
    keysById = [];
    strongIds = [];
    generation++;
  }
  const ids: number[] = [];
  const labels: string[] = [];
  const seen = new Set<number>();
  const add = (key: string, label: string) => {
    const id = intern(key);
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    labels.push(label);
  };
  for (const t of story.terms ?? []) add(keyOfTerm(t), t);
  for (const c of story.claims) {
    const k = claimFeature(c);
    if (k) add(k, `${formatClaimValue(c)} ${c.subject}`.trim());
  }
  const out = { ids: Int32Array.from(ids), labels };
  featuresOf.set(story, out);
  generationOf.set(out, generation);
  return out;
}

/** A claim's feature, or a named variant ("model a"). */
function strong(key: string): boolean {
  return key.charCodeAt(0) === 1 || /(?:^|\s)[a-z0-9]{1,2}(?:\s|$)/.test(key);
}

/** How many telling features two stories must share to be one event. */
const MIN_SHARED = 3;

function claimFeature(c: Claim): string | undefined {
  if (!comparable(c) || !c.norm) return undefined;
  const v = Math.round(c.value * 10) / 10;
  return `\u0001${c.kind}:${c.unit}:${v}:${c.norm.head}`;
}

// ------------------------------------------------------------------ groups

export interface EventStory {
  uri: string;
  story: Story;
  /** The story's index in its file. */
  index: number;
}

export interface EventPair {
  a: EventStory;
  b: EventStory;
  /** Cosine of the two stories' weighted features (0 to 1); 1 for an explicit key. */
  score: number;
  /** What the two share, most telling first (at most five). */
  evidence: string[];
}

export interface EventGroup {
  /** A stable id: the explicit key when the stories give one, else made from the first story. */
  id: string;
  /** The explicit `event:` key the group's stories give, when any does. */
  key?: string;
  stories: EventStory[];
  /** The pairs found alike by their words (explicit keys need no evidence). */
  pairs: EventPair[];
}

export interface EventOptions {
  /** How alike two stories must be (cosine of their weighted features, 0 to 1). */
  threshold: number;
}

export const DEFAULT_EVENT_THRESHOLD = 0.3;

/** A slug for an event key: lower case words joined by hyphens. */
export function eventSlug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/^\s*\d+[.)]\s*/, '')
    .match(/[\p{L}\p{N}]+/gu);
  return (words ?? ['event']).slice(0, 6).join('-') || 'event';
}

/**
 * The stories of the files grouped by the event they tell: the same explicit
 * key, else alike beyond `threshold`. Stories with different explicit keys
 * are never grouped. Deterministic: stories in the order of the files given
 * (sorted by URI here) and of their files.
 */
export function eventGroups(files: Iterable<FileFacts>, options: EventOptions): EventGroup[] {
  const all: EventStory[] = [];
  const sorted = [...files].sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : 0));
  for (const f of sorted)
    f.stories.forEach((story, index) => {
      all.push({ uri: f.uri, story, index });
    });
  // the same stories as the last call (the rule, coverage and the plan ask in turn): the same groups
  if (
    last &&
    last.threshold === options.threshold &&
    last.all.length === all.length &&
    last.all.every((s, i) => s.story === all[i]!.story && s.uri === all[i]!.uri)
  )
    return last.groups;
  const groups = computeGroups(all, options);
  last = { threshold: options.threshold, all, groups };
  return groups;
}

/** The last groups made, and of which stories (plain data in, so a fact changed in place is a new object anyway). */
let last: { threshold: number; all: EventStory[]; groups: EventGroup[] } | undefined;

function computeGroups(all: EventStory[], options: EventOptions): EventGroup[] {
  const n = all.length;
  // document frequency of each feature
  const feats = all.map((s) => storyFeatures(s.story));
  const df = new Int32Array(interned.size);
  for (const fs of feats) for (const id of fs.ids) df[id]!++;
  // features told in many stories say nothing about which event: left out of the comparison
  // (an event is retold a handful of times: a feature of more than 50 stories is common whatever the bank's size)
  const cap = Math.min(50, Math.max(6, Math.ceil(n / 10)));
  // a shared result figure or named variant ("model A") says more about the event than a shared word
  const idf = (id: number) => Math.log(1 + n / (df[id] || 1)) * (strongIds[id] ? 2 : 1);
  // A feature of one story alone counts for less in its length: retellings differ in their words, and a story is not
  // less alike for saying more. How much less depends on how much the workspace can tell: in a few stories a shared
  // word may be common anywhere, so there the length counts in full (plain cosine); from 18 stories on, a tenth.
  const uniqueWeight = Math.max(0.1, 1 - n / 20);
  const norms = feats.map((fs) => {
    let sum = 0;
    for (const id of fs.ids) {
      const d = df[id]!;
      if (d <= cap) sum += (d < 2 ? uniqueWeight : 1) * idf(id) ** 2;
    }
    return Math.sqrt(sum) || 1;
  });
  // an inverted index over the telling features: only stories that share one are compared
  const postings = new Map<number, number[]>();
  const own: number[][] = feats.map((fs, i) => {
    const ids: number[] = [];
    for (const id of fs.ids) {
      const d = df[id]!;
      if (d > cap || d < 2) continue;
      let p = postings.get(id);
      if (!p) postings.set(id, (p = []));
      p.push(i);
      ids.push(id);
    }
    return ids;
  });
  // complete linkage: two groups become one only when every story of one is alike to every story of the other,
  // so a chain of stories each a little like the next never makes one event
  const keyOf = (i: number) => all[i]!.story.event?.key.toLowerCase();
  const scores = new Map<number, number>();
  // per story, the dot products with the later stories it shares a feature with (dense scratch arrays)
  const dot = new Float64Array(n);
  const count = new Uint32Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const id of own[i]!) {
      const p = postings.get(id)!;
      const w = idf(id) ** 2;
      // postings are in story order: start after i
      for (let x = p.length - 1; x >= 0 && p[x]! > i; x--) {
        const j = p[x]!;
        if (!count[j]) touched.push(j);
        dot[j]! += w;
        count[j]!++;
      }
    }
    for (const j of touched) {
      const score = dot[j]! / (norms[i]! * norms[j]!);
      // two short stories that share a word or two are not one event
      if (score >= options.threshold && count[j]! >= MIN_SHARED) scores.set(i * n + j, score);
      dot[j] = 0;
      count[j] = 0;
    }
    touched.length = 0;
  }
  const alike = (i: number, j: number): boolean => {
    const ki = keyOf(i);
    const kj = keyOf(j);
    // the candidate said which event each tells: trust it
    if (ki && kj) return ki === kj;
    return scores.has(i < j ? i * n + j : j * n + i);
  };
  const groupOf = all.map((_, i) => i);
  const members = new Map<number, number[]>(all.map((_, i) => [i, [i]]));
  const merge = (a: number, b: number): void => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const into = members.get(lo)!;
    for (const m of members.get(hi)!) {
      into.push(m);
      groupOf[m] = lo;
    }
    into.sort((x, y) => x - y);
    members.delete(hi);
  };
  // the same explicit key: one event, whatever the words
  const byKey = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (!k) continue;
    const first = byKey.get(k);
    if (first === undefined) byKey.set(k, i);
    else if (groupOf[first] !== groupOf[i]) merge(groupOf[first]!, groupOf[i]!);
  }
  // then the most alike pairs first
  const order = [...scores].sort((p, q) => q[1] - p[1] || p[0] - q[0]);
  for (const [id] of order) {
    const a = groupOf[Math.floor(id / n)]!;
    const b = groupOf[id % n]!;
    if (a === b) continue;
    const ma = members.get(a)!;
    const mb = members.get(b)!;
    if (ma.every((x) => mb.every((y) => alike(x, y)))) merge(a, b);
  }
  const groups = new Map<number, EventGroup>();
  for (const [root, list] of members) {
    const first = all[list[0]!]!;
    const key = list.map(keyOf).find(Boolean);
    const g: EventGroup = { id: key ?? `${first.uri}#${first.index}`, stories: list.map((i) => all[i]!), pairs: [] };
    if (key) g.key = key;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const score = scores.get(list[x]! * n + list[y]!);
        if (score !== undefined)
          g.pairs.push({ a: all[list[x]!]!, b: all[list[y]!]!, score, evidence: evidence(feats[list[x]!]!, feats[list[y]!]!, idf, df, cap) });
      }
    groups.set(root, g);
  }
  return [...groups.values()];
}

/** What two stories share, most telling first: figures and named variants, then words, then phrases of words not yet named; rarest first. */
function evidence(a: Features, b: Features, idf: (id: number) => number, df: Int32Array, cap: number): string[] {
  const inB = new Set(b.ids);
  const shared: { id: number; key: string; label: string }[] = [];
  a.ids.forEach((id, k) => {
    if (inB.has(id) && df[id]! <= cap) shared.push({ id, key: keysById[id]!, label: a.labels[k]! });
  });
  const rank = (f: { id: number; key: string }) => (strongIds[f.id] ? 0 : f.key.includes(' ') ? 2 : 1);
  shared.sort((x, y) => rank(x) - rank(y) || idf(y.id) - idf(x.id) || (x.key < y.key ? -1 : 1));
  const named = new Set<string>();
  const out: string[] = [];
  for (const f of shared) {
    if (out.length >= 5) break;
    const words = f.key.startsWith('\u0001') ? [] : f.key.split(' ');
    if (rank(f) === 2 && words.some((w) => named.has(w))) continue;
    for (const w of words) named.add(w);
    out.push(f.label);
  }
  return out;
}

/** The event each story tells, by story: its group's id. */
export function eventOf(groups: readonly EventGroup[]): Map<Story, EventGroup> {
  const out = new Map<Story, EventGroup>();
  for (const g of groups) for (const s of g.stories) out.set(s.story, g);
  return out;
}

/** The range an `Event:` line or `event:` key is written at, for messages that point there. */
export type EventKey = { key: string; range: Range };

/** The options events are found with: `same-event`'s, as configured (the loop plan and coverage group as the rule does). */
export function eventOptions(rules: { byId: ReadonlyMap<string, { options: object }> }): EventOptions {
  const v = (rules.byId.get('same-event')?.options as { threshold?: unknown } | undefined)?.threshold;
  return { threshold: typeof v === 'number' ? v : DEFAULT_EVENT_THRESHOLD };
}
