// What a claim measures, and when two claims measure the same thing.
//
// A subject is normalised to a head noun and a set of modifiers:
//   - lower case, possessives dropped, nouns singular (pluralize);
//   - function words and vague qualifiers dropped (the, our, overall, …),
//     and change words at the end ("accuracy improvement" -> accuracy);
//   - "X of Y" reads as "Y X" ("time of queries" = "query time");
//   - a small synonym table: response time = latency; spend, bill, expense
//     = cost; uptime = availability; duration = time; CSAT = customer
//     satisfaction.
// Two subjects are the same when their heads are equal and their modifiers
// are equal, or one of them has none ("accuracy" = "data accuracy", while
// "data accuracy" and "reporting accuracy", or "compute cost" and "AWS
// cost", stay apart).

import pluralize from 'pluralize';

export interface Subject {
  head: string;
  mods: string[];
  /** head and modifiers, for display and grouping: "query time" */
  key: string;
}

const DROP = new Set([
  'the',
  'a',
  'an',
  'our',
  'my',
  'their',
  'its',
  'his',
  'her',
  'your',
  'this',
  'that',
  'these',
  'those',
  'overall',
  'average',
  'total',
  'mean',
  'all',
  'each',
  'every',
  'whole',
  'entire',
  'its',
  'some',
  'for',
  'in',
  'on',
  'to',
  'by',
  'and',
  'per',
  'across',
  'with',
  'at',
  'from',
  'into',
]);

/** Verbs that end up next to a subject ("latency fell by 20%"): never part of it. */
const VERBS = new Set([
  'fell',
  'rose',
  'went',
  'came',
  'down',
  'up',
  'dropped',
  'grew',
  'climbed',
  'jumped',
  'declined',
  'shrank',
  'moved',
  'sank',
  'fall',
  'rise',
  'go',
  'goes',
  'come',
  'comes',
  'falls',
  'rises',
  'drops',
  'grows',
  'doubled',
  'tripled',
  'halved',
  'quadrupled',
  'was',
  'were',
  'is',
  'are',
  'became',
  'stood',
  'dropping',
  'falling',
  'rising',
  'went',
  'decreased',
  'increased',
  'improved',
  'reduced',
]);

const CHANGE = new Set([
  'improvement',
  'improvements',
  'reduction',
  'reductions',
  'increase',
  'increases',
  'decrease',
  'decreases',
  'gain',
  'gains',
  'boost',
  'drop',
  'cut',
  'cuts',
  'saving',
  'savings',
  'growth',
  'rise',
  'decline',
  'uplift',
  'lift',
  'change',
  'speedup',
  'faster',
  'slower',
  'fewer',
  'less',
  'more',
  'higher',
  'lower',
  'better',
  'worse',
  'improved',
  'reduced',
  'increased',
]);

/** Multi-word synonyms first, then single words. */
const PHRASES: [RegExp, string][] = [
  [/\bresponse[- ]times?\b/g, 'latency'],
  [/\bresponse latenc(?:y|ies)\b/g, 'latency'],
  [/\bcustomer satisfaction\b/g, 'csat'],
  [/\bmean time to (?:recover|restore|recovery|repair)\b/g, 'mttr'],
];
const WORDS: Record<string, string> = {
  spend: 'cost',
  spending: 'cost',
  bill: 'cost',
  billing: 'cost',
  expense: 'cost',
  expenditure: 'cost',
  uptime: 'availability',
  duration: 'time',
  latencie: 'latency',
  mistake: 'error',
  launch: 'startup',
  'start-up': 'startup',
};

const KEEP = new Set(['data', 'media', 'news', 'analytics', 'sales', 'operations', 'ops', 'devops', 'series', 'kubernetes', 'aws', 'gcp']);

const singulars = new Map<string, string>();

function singular(w: string): string {
  if (w.length <= 3 || /\d/.test(w) || KEEP.has(w)) return w;
  let s = singulars.get(w);
  if (s === undefined) {
    s = /(?:ss|us|is|sis)$/.test(w) ? (w === 'analyses' ? 'analysis' : w) : pluralize.singular(w);
    // pluralize's rules are slow next to a lookup; subjects repeat a small vocabulary
    if (singulars.size > 5000) singulars.clear();
    singulars.set(w, s);
  }
  return s;
}

/**
 * Subjects recur (the same phrase in many stories, and in every re-analysis
 * of a story being edited): remember the last few thousand. The results are
 * shared, so callers must not change them.
 */
const normalized = new Map<string, Subject | null>();

/** Normalise what a claim measures; undefined when nothing is left. */
export function normalizeSubject(raw: string): Subject | undefined {
  let got = normalized.get(raw);
  if (got === undefined) {
    if (normalized.size >= 4096) normalized.clear();
    normalized.set(raw, (got = normalizeUncached(raw) ?? null));
  }
  return got ?? undefined;
}

function normalizeUncached(raw: string): Subject | undefined {
  let t = raw
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ');
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  // "time spent on reconciliation" -> "reconciliation time"
  t = t.replace(/\b(time|effort|hours|money)\s+spent\s+(?:on|in|doing)\s+(.+)$/, '$2 $1');
  let words = t.split(/[\s-]+/).filter(Boolean);
  // "time of queries" -> "queries time"; "abandonment at checkout" -> "checkout abandonment"; "time to first response" -> "first response time"
  const prep = words.findIndex((w, i) => i > 0 && i < words.length - 1 && (w === 'of' || w === 'at' || w === 'in' || (w === 'to' && words[i - 1] === 'time')));
  if (prep > 0) words = [...words.slice(prep + 1), ...words.slice(0, prep)];
  words = words.filter((w) => !DROP.has(w) && !VERBS.has(w) && w !== 'of');
  while (words.length > 1 && CHANGE.has(words[words.length - 1]!)) words.pop();
  while (words.length > 1 && CHANGE.has(words[0]!)) words.shift();
  words = words.filter((w) => !CHANGE.has(w) || words.length === 1).map((w) => WORDS[singular(w)] ?? WORDS[w] ?? singular(w));
  if (!words.length || (words.length === 1 && CHANGE.has(words[0]!))) return undefined;
  const head = words[words.length - 1]!;
  const mods = [...new Set(words.slice(0, -1))].filter((w) => w !== head).sort();
  return { head, mods, key: [...mods, head].join(' ') };
}

/** Heads for which less is better: "improved" them means they fell. */
const LOWER_IS_BETTER = new Set([
  'time',
  'latency',
  'cost',
  'error',
  'failure',
  'incident',
  'outage',
  'page',
  'alert',
  'bug',
  'defect',
  'complaint',
  'ticket',
  'churn',
  'downtime',
  'mttr',
  'delay',
  'lag',
  'backlog',
  'size',
  'spend',
  'waste',
  'escalation',
  'rate',
]);

export function lowerIsBetter(head: string): boolean {
  return LOWER_IS_BETTER.has(head);
}

/** Whether two subjects measure the same thing. */
export function sameSubject(a: Subject, b: Subject): boolean {
  if (a.head !== b.head) return false;
  if (!a.mods.length || !b.mods.length) return true;
  return a.mods.length === b.mods.length && a.mods.every((m, i) => m === b.mods[i]);
}
