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

/** Characters that end a clause: no phrase is made across them. */
const CLAUSE_END = new Set([...'.,;:!?()[]"“”'].map((ch) => ch.charCodeAt(0)));

const LETTER = /\p{L}/u;
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * The content terms of a text, as first written, one per key: words that are
 * neither function words nor the stock words of a story, phrases of two
 * words that are not function words ("processing time", "skeptical
 * manager"), and named variants ("model A"). At most 800.
 */
export function contentTerms(text: string): string[] {
  return termsOf(termStream(text));
}

/**
 * What a text's terms are made of, compact: its named variants, then its
 * content words in order with a line break where a clause ends (a phrase is
 * two neighbours of one clause). A story keeps this (`Story.terms`): a third
 * of the size of its terms, and one string, cheap to send between threads.
 */
export function termStream(text: string): string {
  return scanTerms(text).stream;
}

/** The terms of a `termStream`, in the order `contentTerms` gives them (`each` also hears each one's key and whether it is a named variant). */
function termsOf(stream: string, each?: (surface: string, key: string, variant: boolean) => void): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let variant = true;
  const add = (surface: string) => {
    if (out.length >= 800) return;
    const key = keyOfTerm(surface);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(surface);
    each?.(surface, key, variant);
  };
  const cut = stream.indexOf('\u0002');
  if (cut > 0) for (const v of stream.slice(0, cut).split('\u0001')) add(v);
  variant = false;
  for (const clause of stream.slice(cut + 1).split('\n')) {
    if (!clause) continue;
    let prev: string | undefined;
    for (const w of clause.split(' ')) {
      // phrases: two content words next to each other in one clause ("processing time", "model optimization")
      if (prev !== undefined) add(`${prev} ${w}`);
      prev = w;
      if (STOCK.has(w.toLowerCase()) || STOCK.has(termKey(w))) continue;
      add(w);
    }
  }
  return out;
}

/**
 * A story's terms as it keeps them: its `termStream` and the ids of its
 * terms (`termIds` of that stream), read in one pass over the characters
 * (or found among those of the last texts read).
 * This runs on every story read, so it makes no string for a word it has
 * met before: a word is found by a hash of its characters (checked against
 * the word) in a table of the words met so far, which knows its key's hash
 * and whether it is a function or stock word.
 */
export function spokenTerms(spoken: string): { stream: string; ids: Int32Array } {
  // a document being edited is read again at every keystroke, and all its stories but one say the same
  // words: those are looked up (a bank of 100 stories: 7.5 ms an edit less), not scanned again
  let got = RECENT.get(spoken);
  if (got === undefined) {
    got = scanTerms(spoken);
    if (RECENT.size >= 512) RECENT.clear();
    RECENT.set(spoken, got);
  }
  return got;
}

/** The terms of recently read spoken texts, by the text. */
const RECENT = new Map<string, { stream: string; ids: Int32Array }>();

interface Word {
  /** As written (the table is case-sensitive: "Model" and "model" are two entries with one key). */
  text: string;
  /** A function word, or shorter than three characters: not a content word. */
  skip: boolean;
  /** A stock word: part of a phrase, never a term alone. */
  stock: boolean;
  /** The hash of its `termKey` (`wordHash`). */
  hash: number;
  /** The noun it ends with that may name a variant ("model A", "mock-interview Q"): ASCII letters after any - or ., three or more, not a function or stock word. */
  noun: string | undefined;
  next: Word | undefined;
}

/** The words met so far, by the FNV-1a hash of their characters as written. */
const WORDS = new Map<number, Word>();
let wordCount = 0;

function wordAt(text: string, start: number, end: number, h: number): Word {
  let w = WORDS.get(h);
  for (let x = w; x; x = x.next) {
    const t = x.text;
    if (t.length !== end - start) continue;
    let same = true;
    for (let k = 0; k < t.length; k++)
      if (t.charCodeAt(k) !== text.charCodeAt(start + k)) {
        same = false;
        break;
      }
    if (same) return x;
  }
  if (wordCount >= 50_000) {
    WORDS.clear();
    wordCount = 0;
    w = undefined;
  }
  const t = text.slice(start, end);
  const lower = t.toLowerCase();
  const made: Word = {
    text: t,
    skip: t.length < 3 || FUNCTION.has(lower),
    stock: STOCK.has(lower) || STOCK.has(termKey(t)),
    hash: wordHash(t),
    noun: nounOf(t),
    next: w,
  };
  WORDS.set(h, made);
  wordCount++;
  return made;
}

function nounOf(word: string): string | undefined {
  const tail = /[A-Za-z]{3,}$/.exec(word);
  if (!tail) return undefined;
  const before = word.charCodeAt(tail.index - 1);
  if (tail.index > 0 && before !== 45 && before !== 46) return undefined;
  const lower = tail[0].toLowerCase();
  return FUNCTION.has(lower) || STOCK.has(lower) ? undefined : tail[0];
}

/** Scratch for the ids of one text (grown when a text has more terms). */
let scratch: Int32Array<ArrayBuffer> = new Int32Array(4096);

/** ASCII character classes for the scan: letters, digits, blanks, clause ends; anything else 0. */
const LETTER_C = 1;
const DIGIT_C = 2;
const BLANK_C = 3;
const CLAUSE_C = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) CLASS[c] = LETTER_C;
  else if (c >= 48 && c <= 57) CLASS[c] = DIGIT_C;
  else if (c === 32 || c === 9 || c === 10 || c === 13) CLASS[c] = BLANK_C;
  else if (CLAUSE_END.has(c)) CLASS[c] = CLAUSE_C;
}

function classOf(c: number, text: string, i: number): number {
  if (c < 128) return CLASS[c]!;
  if (c === 0x201c || c === 0x201d) return CLAUSE_C;
  return LETTER.test(text[i]!) ? LETTER_C : 0;
}

function alnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) {
    const k = CLASS[c];
    return k === LETTER_C || k === DIGIT_C;
  }
  return !Number.isNaN(c) && ALNUM.test(text[i]!);
}

/**
 * One pass over the characters: a word starts with a letter and goes on with letters and digits, joined by - or .
 * between them, a possessive 's dropped; . , ; : ! ? ( ) [ ] and quotes end a clause; anything else (spaces,
 * figures, signs) is passed over, but a capital letter or one or two digits after a noun (and the marks of a list
 * after it, joined by , & and or) name a variant.
 */
function scanTerms(text: string): { stream: string; ids: Int32Array } {
  const pieces: string[] = [];
  let variants: string[] | undefined;
  let variantIds: number[] | undefined;
  let buf = scratch;
  let count = 0;
  // the previous content word of this clause (for phrases)
  let prev: Word | undefined;
  // a variant: the last noun, when only blanks followed it; after a variant, its base while a list goes on ("B and C")
  let noun: Word | undefined;
  let listBase: string | undefined;
  let listSep = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = classOf(c, text, i);
    if (k === BLANK_C) {
      i++;
      continue;
    }
    let mark: string | undefined;
    if (k === LETTER_C) {
      const start = i;
      let h = 0x811c9dc5;
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d < 128 ? CLASS[d] === LETTER_C || CLASS[d] === DIGIT_C : ALNUM.test(text[i]!)) {
            h = Math.imul(h ^ d, 0x01000193);
            i++;
          } else break;
        }
        const d = text.charCodeAt(i);
        if ((d === 45 || d === 46) && i + 1 < n && alnumAt(text, i + 1)) {
          h = Math.imul(h ^ d, 0x01000193);
          i++;
        } else break;
      }
      const end = i;
      const q = text.charCodeAt(i);
      if ((q === 39 || q === 0x2019) && text.charCodeAt(i + 1) === 115) i += 2;
      const len = end - start;
      if (len === 1 && c >= 65 && c <= 90 && c !== 73 && !alnumAt(text, end)) mark = text[start]!;
      else {
        if (listBase !== undefined) {
          // "and" or "or" between two marks of a list
          const isSep =
            len === 3
              ? c === 97 && text.charCodeAt(start + 1) === 110 && text.charCodeAt(start + 2) === 100
              : len === 2 && c === 111 && text.charCodeAt(start + 1) === 114;
          if (isSep && listSep === 0) listSep = 1;
          else listBase = undefined;
        }
        if (len < 3) {
          noun = undefined;
          continue;
        }
        const w = wordAt(text, start, end, h);
        // a possessive noun names no variant ("team's A")
        noun = w.noun !== undefined && i === end ? w : undefined;
        if (w.skip) continue;
        if (prev) {
          pieces.push(' ', w.text);
          if (count + 2 > buf.length) buf = grow(buf);
          buf[count++] = (pairHash(prev.hash, w.hash) & 0x3fffffff) << 1;
        } else pieces.push(w.text);
        if (!w.stock) {
          if (count + 1 > buf.length) buf = grow(buf);
          buf[count++] = (w.hash & 0x3fffffff) << 1;
        }
        prev = w;
        continue;
      }
    } else if (k === DIGIT_C) {
      // figures are passed over; one or two digits after a noun name a variant ("phase 2")
      const start = i;
      while (i < n && CLASS[text.charCodeAt(i)] === DIGIT_C && text.charCodeAt(i) < 128) i++;
      if (i - start <= 2 && !alnumAt(text, i)) mark = text.slice(start, i);
    }
    if (mark !== undefined) {
      // a capital letter or a number after a noun (or in its list) names a variant: "model A", "models B and C", "phase 2"
      const base = noun ? noun.noun!.replace(/s$/, '') : listBase !== undefined && listSep === 1 ? listBase : undefined;
      if (base !== undefined) {
        (variants ??= []).push(`${base} ${mark}`);
        (variantIds ??= []).push(((pairHash(wordHash(base), wordHash(mark)) & 0x3fffffff) << 1) | 1);
        listSep = 0;
      }
      listBase = base;
      noun = undefined;
      continue;
    }
    if (k === DIGIT_C) {
      noun = undefined;
      listBase = undefined;
      continue;
    }
    noun = undefined;
    if (listBase !== undefined && (c === 44 || c === 38) && listSep === 0) listSep = 1;
    else listBase = undefined;
    if (k === CLAUSE_C && prev) {
      // the clause ends: no phrase across it
      pieces.push('\n');
      prev = undefined;
    }
    i++;
  }
  // the ids, each once, ascending, in one new array: sorted in the scratch (variants first in termsOf's order, which
  // decides the first 800 of a long text)
  const nv = variantIds?.length ?? 0;
  if (count + nv > buf.length) buf = grow(buf, count + nv);
  if (nv) {
    buf.copyWithin(nv, 0, count);
    buf.set(variantIds!);
  }
  scratch = buf;
  const total = count + nv;
  let ids: Int32Array;
  if (total > 800 && new Set(buf.subarray(0, total)).size > 800) {
    const seen = new Set<number>();
    for (let x = 0; x < total && seen.size < 800; x++) seen.add(buf[x]!);
    ids = uniqueSorted(Int32Array.from(seen));
  } else {
    const view = buf.subarray(0, total).sort();
    let m = 0;
    for (let x = 0; x < total; x++) if (x === 0 || view[x] !== view[x - 1]) view[m++] = view[x]!;
    ids = buf.slice(0, m);
  }
  return { stream: `${variants ? variants.join('\u0001') : ''}\u0002${pieces.join('')}`, ids };
}

function grow(buf: Int32Array, least = 0): Int32Array<ArrayBuffer> {
  const more = new Int32Array(Math.max(buf.length * 2, least));
  more.set(buf);
  return more;
}

/** The feature ids of a term stream's terms, ascending: worked out where the story is read (a worker), so the index only reads them. */
export function termIds(stream: string): Int32Array {
  const ids: number[] = [];
  eachTermId(stream, (id) => {
    ids.push(id);
  });
  return uniqueSorted(Int32Array.from(ids));
}

/**
 * Each term of a stream by its feature id, in `termsOf`'s order, each key
 * once, at most 800: a word's id hashes its `termKey`; a phrase's (and a
 * named variant's) mixes its two words' hashes, in either order, so no key
 * string is made for it.
 */
function eachTermId(stream: string, each: (id: number, first: string, second: string | undefined) => void): void {
  const seen = new Set<number>();
  // the term reads `first`, or `first second` for a phrase: made by `each` only when it needs it
  const emit = (h: number, strong: boolean, first: string, second?: string) => {
    if (seen.size >= 800) return;
    const id = ((h & 0x3fffffff) << 1) | (strong ? 1 : 0);
    if (seen.has(id)) return;
    seen.add(id);
    each(id, first, second);
  };
  const cut = stream.indexOf('\u0002');
  if (cut > 0)
    for (const v of stream.slice(0, cut).split('\u0001')) {
      const sp = v.indexOf(' ');
      if (sp === -1) emit(wordHash(v), true, v);
      else emit(pairHash(wordHash(v.slice(0, sp)), wordHash(v.slice(sp + 1))), true, v);
    }
  for (const clause of stream.slice(cut + 1).split('\n')) {
    if (!clause) continue;
    let prev: string | undefined;
    let prevHash = 0;
    for (const w of clause.split(' ')) {
      const h = wordHash(w);
      if (prev !== undefined) emit(pairHash(prevHash, h), false, prev, w);
      prev = w;
      prevHash = h;
      if (stock(w)) continue;
      emit(h, false, w);
    }
  }
}

/** FNV-1a of a word's `termKey` (kept by word: a bank says the same words again and again). */
function wordHash(w: string): number {
  let h = HASHES.get(w);
  if (h !== undefined) return h;
  const key = termKey(w);
  h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  if (HASHES.size >= 50_000) HASHES.clear();
  HASHES.set(w, h);
  return h;
}

const HASHES = new Map<string, number>();

/** Whether a word is one every story uses (`STOCK`), by the word or its key (kept by word). */
function stock(w: string): boolean {
  let s = STOCKED.get(w);
  if (s === undefined) {
    s = STOCK.has(w.toLowerCase()) || STOCK.has(termKey(w));
    if (STOCKED.size >= 50_000) STOCKED.clear();
    STOCKED.set(w, s);
  }
  return s;
}

const STOCKED = new Map<string, boolean>();

/** Two words' hashes as one, whatever their order. */
function pairHash(a: number, b: number): number {
  const lo = Math.min(a >>> 0, b >>> 0);
  const hi = Math.max(a >>> 0, b >>> 0);
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ hi, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function uniqueSorted(a: Int32Array): Int32Array {
  a.sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i]!;
  return n === a.length ? a : a.slice(0, n);
}

/** A story's content terms. */
export function storyTerms(story: Story): string[] {
  return story.terms ? termsOf(story.terms) : [];
}

/** The key of a term as `contentTerms` wrote it: each word's `termKey`, a phrase's two in order of their keys. */
function keyOfTerm(surface: string): string {
  const sp = surface.indexOf(' ');
  if (sp === -1) return termKey(surface);
  const a = termKey(surface.slice(0, sp));
  const b = termKey(surface.slice(sp + 1));
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

// ------------------------------------------------------------------ features

/**
 * A story's features: the ids of its terms and claims, ascending, and where
 * each is written (for messages: "Snowflake", "model A", "45% data
 * accuracy"). An id is a 30-bit hash of the feature's key with one more bit
 * for a strong feature (a figure or a named variant): no vocabulary is kept.
 */
interface Features {
  ids: Int32Array;
  /** The story's `termStream`, to name a feature in a message. */
  terms: string;
  /** How each claim feature reads ("45% data accuracy"). */
  claims: ReadonlyMap<number, string>;
}

/** Features by story (the rule, coverage and the plan ask for the same stories in turn). */
const featuresOf = new WeakMap<Story, Features>();

/** A feature's id: a 30-bit FNV-1a hash of its key, and a bit for a strong one (a figure or a named variant). */
function featureId(key: string, strong: boolean): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h & 0x3fffffff) << 1) | (strong ? 1 : 0);
}

const isStrong = (id: number) => (id & 1) === 1;

/** A story's features: its content terms (their ids come with the story) and its comparable result claims (value, unit and head noun). */
function storyFeatures(story: Story): Features {
  const got = featuresOf.get(story);
  if (got) return got;
  const terms = story.terms ?? '';
  let ids = story.termIds ?? termIds(terms);
  let claims: Map<number, string> | undefined;
  for (const c of story.claims) {
    const k = claimFeature(c);
    if (!k) continue;
    const id = featureId(k, true);
    if (hasId(ids, id) || claims?.has(id)) continue;
    claims ??= new Map();
    claims.set(id, `${formatClaimValue(c)} ${c.subject}`.trim());
  }
  if (claims) {
    const all = new Int32Array(ids.length + claims.size);
    all.set(ids);
    let k = ids.length;
    for (const id of claims.keys()) all[k++] = id;
    ids = all.sort();
  }
  const out: Features = { ids, terms, claims: claims ?? NO_CLAIMS };
  featuresOf.set(story, out);
  return out;
}

const NO_CLAIMS: ReadonlyMap<number, string> = new Map();

/** How each feature of a story reads, by id (made when a message needs it). */
function labelsOf(f: Features, want: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  eachTermId(f.terms, (id, first, second) => {
    if (want.has(id)) out.set(id, second === undefined ? first : `${first} ${second}`);
  });
  f.claims.forEach((label, id) => {
    if (want.has(id) && !out.has(id)) out.set(id, label);
  });
  return out;
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
  /**
   * The most stories compared by their words (a bank). A folder of more is a
   * collection (generated sets, many people's stories), not one candidate's
   * retold events: there only explicit keys make an event.
   */
  maxStories?: number;
}

export const DEFAULT_EVENT_THRESHOLD = 0.3;
/** A candidate's bank is tens of stories; the loop plan is benchmarked at 200. */
export const DEFAULT_EVENT_MAX_STORIES = 500;

/** Whether stories are compared by their words in a workspace of this many stories (else by explicit keys only). */
export function comparesWords(stories: number, options: EventOptions): boolean {
  return stories <= (options.maxStories ?? DEFAULT_EVENT_MAX_STORIES);
}

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
 * (sorted by URI here) and of their files; the groups depend on the stories
 * alone, never on the order of the edits that led to them.
 *
 * Incremental: one index (`EventIndex`) keeps what the last call computed,
 * so a call after an edit re-scores only the pairs of stories the edit
 * touched. The rule, coverage and the plan all ask in turn.
 */
export function eventGroups(files: Iterable<FileFacts>, options: EventOptions): EventGroup[] {
  return shared.groups(files, options);
}

/** Scores are sums of integers (weights scaled by 2^16, rounded): the same whatever the order they were added in. */
const SCALE = 65_536;

/** The workspace size the weights are computed for: the exact count up to 64 stories, then quarter powers of two (a new story changes no weight until the count crosses a step). */
function sizeStep(n: number): number {
  return n <= 64 ? n : Math.round(2 ** (Math.floor(Math.log2(n) * 4) / 4));
}

interface Params {
  size: number;
  /** Features told in more stories than this say nothing about which event: left out of the comparison. */
  cap: number;
  /** How much a feature of one story alone counts in its story's length. */
  unique: number;
}

function paramsFor(n: number): Params {
  const size = sizeStep(n);
  return {
    size,
    // an event is retold a handful of times: a feature of more than 50 stories is common whatever the bank's size
    cap: Math.min(50, Math.max(6, Math.ceil(size / 10))),
    // A feature of one story alone counts for less in its length: retellings differ in their words, and a story is not
    // less alike for saying more. How much less depends on how much the workspace can tell: in a few stories a shared
    // word may be common anywhere, so there the length counts in full (plain cosine); from 18 stories on, a tenth.
    unique: Math.max(0.1, 1 - size / 20),
  };
}

interface Entry {
  uri: string;
  index: number;
  story: Story;
  feats: Features;
  /** The explicit event key, lower case. */
  key: string | undefined;
  /** Where it happened (frontmatter `company`, else a `Company:` line), lower case: stories at two companies never tell one event. */
  company: string | undefined;
  /** Sum of the features' squared weights (scaled integer). */
  norm: number;
  /** The stories alike with it (over the threshold, sharing MIN_SHARED telling features), with their pair. */
  near: Map<Entry, Pair>;
  /** The order it entered the index in: a pair between two new stories is computed once. */
  serial: number;
  /** Its place in the last linkage's list. */
  slot: number;
  /** Its place in the comparison's scratch arrays (reused after it leaves). */
  dense: number;
  /** The pass that compared it last. */
  done: number;
}

/** Two alike stories. */
interface Pair {
  a: Entry;
  b: Entry;
  score: number;
  evidence?: string[];
}

function hasId(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** What a feature says about the event: its squared weight (0: not telling). */
function weight(id: number, d: number, p: Params): number {
  if (d < 2 || d > p.cap) return 0;
  const idf = Math.log(1 + p.size / d) * (isStrong(id) ? 2 : 1);
  return Math.round(idf * idf * SCALE);
}

/** A feature's part of its story's length: counted up to the cap, less when no other story has it. */
function normPart(id: number, d: number, p: Params): number {
  if (d < 1 || d > p.cap) return 0;
  const idf = Math.log(1 + p.size / d) * (isStrong(id) ? 2 : 1);
  return Math.round((d < 2 ? p.unique : 1) * idf * idf * SCALE);
}

/**
 * The stories of a workspace by their features, with the pairs alike enough
 * to be one event; kept up to date by `groups`. It keeps who tells each
 * feature and the alike pairs only: after an edit, the stories whose weights
 * moved (those telling a feature whose count changed, within the cap) are
 * compared again with every story they share a telling feature with.
 */
export class EventIndex {
  private params: Params | undefined;
  private threshold = Number.NaN;
  private max = Number.NaN;
  private readonly byUri = new Map<string, { facts: FileFacts; entries: Entry[] }>();
  /** How many stories tell each feature (its document frequency). */
  private readonly counts = new Map<number, number>();
  /** Who tells each feature of at most `hold` stories: one entry, or several (a commoner one says nothing: only counted). */
  private readonly holders = new Map<number, Entry | Entry[]>();
  /** Features told by more stories than this (one more than the cap) are only counted: they tell nothing. */
  private hold = 0;
  /** Features back within `hold` whose holders must be found again. */
  private readonly stale = new Set<number>();
  /** Stories by explicit key. */
  private readonly keyed = new Map<string, Set<Entry>>();
  /** Each story's group (its members in story order) as last made; a story alone has none. */
  private readonly cluster = new Map<Entry, Entry[]>();
  /** The group last made for a cluster, by its first story: given again while nothing in it changed. */
  private readonly made = new Map<Entry, EventGroup>();
  /** Stories whose group may have changed since the last `build`. */
  private dirty = new Set<Entry>();
  private serial = 0;
  private count = 0;
  /** Scratch for comparisons, by `Entry.dense`; free places first. */
  private dot = new Float64Array(256);
  private shared = new Uint16Array(256);
  private readonly free: number[] = [];
  private dense = 0;
  private pass = 0;
  private last: { files: FileFacts[]; groups: EventGroup[] } | undefined;

  groups(input: Iterable<FileFacts>, options: EventOptions): EventGroup[] {
    const files = [...input];
    const max = options.maxStories ?? DEFAULT_EVENT_MAX_STORIES;
    if (
      this.last &&
      this.threshold === options.threshold &&
      this.max === max &&
      this.last.files.length === files.length &&
      this.last.files.every((f, i) => f === files[i])
    )
      return this.last.groups;
    const sorted = [...files].sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : 0));
    this.max = max;
    let stories = 0;
    for (const f of sorted) stories += f.stories.length;
    if (!comparesWords(stories, options)) {
      // a collection, not a bank: explicit keys alone, and nothing kept for comparing words
      if (this.byUri.size) this.reset();
      // cheap to make again, and not kept: a collection's stories are not held here
      this.last = undefined;
      return keyedGroups(sorted);
    }
    this.sync(sorted, options.threshold);
    const groups = this.build(sorted);
    this.last = { files, groups };
    return groups;
  }

  /** Forget every story (the workspace became a collection): what comparing words kept goes. */
  private reset(): void {
    for (const m of [this.byUri, this.counts, this.holders, this.stale, this.keyed, this.cluster, this.made]) m.clear();
    this.dirty = new Set();
    this.free.length = 0;
    this.params = undefined;
    this.threshold = Number.NaN;
    this.hold = 0;
    this.serial = 0;
    this.count = 0;
    this.dense = 0;
    this.dot = new Float64Array(256);
    this.shared = new Uint16Array(256);
  }

  private df(id: number): number {
    return this.counts.get(id) ?? 0;
  }

  private holdersOf(id: number): readonly Entry[] {
    const h = this.holders.get(id);
    return h === undefined ? [] : Array.isArray(h) ? h : [h];
  }

  /** Bring the index to these files: stories gone leave, new ones come in, and the stories whose weights moved are compared again. */
  private sync(files: FileFacts[], threshold: number): void {
    const removed: Entry[] = [];
    const added: Entry[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      seen.add(f.uri);
      const had = this.byUri.get(f.uri);
      if (had?.facts === f) continue;
      const entries = this.match(f, had?.entries ?? [], removed, added);
      this.byUri.set(f.uri, { facts: f, entries });
    }
    for (const [uri, had] of this.byUri)
      if (!seen.has(uri)) {
        removed.push(...had.entries);
        this.byUri.delete(uri);
      }
    this.count += added.length - removed.length;
    const params = paramsFor(this.count);
    const before = new Map<number, number>();
    for (const e of removed) this.leave(e, before);
    for (const e of added) this.enter(e, before);
    if (this.stale.size) {
      // features told by fewer stories again: who tells them
      const all = [...this.byUri.values()].flatMap((x) => x.entries);
      for (const id of this.stale) {
        const list = all.filter((e) => hasId(e.feats.ids, id));
        if (list.length <= this.hold) this.holders.set(id, list.length === 1 ? list[0]! : list);
      }
      this.stale.clear();
    }
    if (!this.params || this.params.size !== params.size || threshold !== this.threshold) {
      // the weights of every feature changed: everything again
      this.params = params;
      this.threshold = threshold;
      const all = [...this.byUri.values()].flatMap((x) => x.entries);
      if (this.hold !== params.cap + 1) {
        this.hold = params.cap + 1;
        this.holders.clear();
        this.stale.clear();
        for (const e of all)
          for (const id of e.feats.ids) {
            if (this.df(id) > this.hold) continue;
            const h = this.holders.get(id);
            if (h === undefined) this.holders.set(id, e);
            else if (Array.isArray(h)) h.push(e);
            else this.holders.set(id, [h, e]);
          }
      }
      for (const e of all) {
        for (const pair of e.near.values()) this.unlike(pair);
        e.norm = this.norm(e);
      }
      const pass = ++this.pass;
      for (const e of all) {
        this.compare(e, pass);
        e.done = pass;
      }
      return;
    }
    // the stories whose weights moved: those telling a feature whose count changed while within the cap
    const p = this.params;
    const again = new Set<Entry>(added);
    before.forEach((old, id) => {
      const now = this.df(id);
      if (old === now || (old > p.cap && now > p.cap)) return;
      for (const e of this.holdersOf(id)) again.add(e);
    });
    for (const e of again) e.norm = this.norm(e);
    const pass = ++this.pass;
    for (const e of again) {
      this.compare(e, pass);
      e.done = pass;
    }
  }

  /** A file's stories as entries: one whose features and key did not change keeps its entry (and its pairs). */
  private match(f: FileFacts, old: Entry[], removed: Entry[], added: Entry[]): Entry[] {
    const pool = new Map<string, Entry[]>();
    for (const e of old) {
      const sig = signature(e.feats.ids);
      const list = pool.get(sig);
      if (list) list.push(e);
      else pool.set(sig, [e]);
    }
    const out = f.stories.map((story, index) => {
      const feats = storyFeatures(story);
      const key = story.event?.key.toLowerCase();
      const company = (story.company ?? story.place)?.toLowerCase();
      const list = pool.get(signature(feats.ids));
      const same = list?.findIndex((e) => e.key === key && e.company === company && equalIds(e.feats.ids, feats.ids)) ?? -1;
      if (list && same >= 0) {
        const e = list.splice(same, 1)[0]!;
        // a story moved among the others: the order of its group (and the group's id) may change
        if (e.index !== index) this.dirty.add(e);
        e.index = index;
        e.story = story;
        // the same features, maybe told in other words (a label of a message): the old labels go
        if (e.feats !== feats) {
          if (e.feats.terms !== feats.terms) for (const pair of e.near.values()) pair.evidence = undefined;
          e.feats = feats;
        }
        return e;
      }
      const e: Entry = { uri: f.uri, index, story, feats, key, company, norm: 0, near: new Map(), serial: this.serial++, slot: -1, dense: -1, done: -1 };
      added.push(e);
      return e;
    });
    for (const list of pool.values()) removed.push(...list);
    return out;
  }

  private leave(e: Entry, before: Map<number, number>): void {
    for (const pair of [...e.near.values()]) this.unlike(pair);
    for (const m of this.cluster.get(e) ?? []) this.dirty.add(m);
    this.cluster.delete(e);
    this.made.delete(e);
    this.dirty.delete(e);
    if (e.key) this.keyed.get(e.key)?.delete(e);
    this.free.push(e.dense);
    for (const id of e.feats.ids) {
      const c = this.df(id);
      if (!before.has(id)) before.set(id, c);
      if (c <= 1) this.counts.delete(id);
      else this.counts.set(id, c - 1);
      if (c - 1 === this.hold) this.stale.add(id);
      if (c > this.hold) continue;
      const h = this.holders.get(id);
      if (h === e) this.holders.delete(id);
      else if (Array.isArray(h)) {
        const at = h.indexOf(e);
        if (at >= 0) h.splice(at, 1);
        if (h.length === 1) this.holders.set(id, h[0]!);
      }
    }
  }

  private enter(e: Entry, before: Map<number, number>): void {
    this.dirty.add(e);
    e.dense = this.free.pop() ?? this.dense++;
    if (e.dense >= this.dot.length) {
      const dot = new Float64Array(this.dot.length * 2);
      dot.set(this.dot);
      this.dot = dot;
      const shared = new Uint16Array(this.dot.length);
      shared.set(this.shared);
      this.shared = shared;
    }
    if (e.key) {
      let set = this.keyed.get(e.key);
      if (!set) this.keyed.set(e.key, (set = new Set()));
      set.add(e);
      for (const o of set) this.dirty.add(o);
    }
    for (const id of e.feats.ids) {
      const c = this.df(id) + 1;
      if (!before.has(id)) before.set(id, c - 1);
      this.counts.set(id, c);
      if (c > this.hold) {
        this.holders.delete(id);
        this.stale.delete(id);
        continue;
      }
      if (this.stale.has(id)) continue;
      const h = this.holders.get(id);
      if (h === undefined) this.holders.set(id, e);
      else if (Array.isArray(h)) h.push(e);
      else this.holders.set(id, [h, e]);
    }
  }

  private norm(e: Entry): number {
    let sum = 0;
    for (const id of e.feats.ids) sum += normPart(id, this.df(id), this.params!);
    return sum;
  }

  /**
   * Compare a story with every story it shares a telling feature with (but
   * those in `done`, compared with it already): its alike pairs afterwards
   * are exactly those found here. Dot products are sums of integers.
   */
  private compare(e: Entry, pass: number): void {
    const p = this.params!;
    const dot = this.dot;
    const shared = this.shared;
    const touched: Entry[] = [];
    for (const id of e.feats.ids) {
      const w = weight(id, this.df(id), p);
      if (!w) continue;
      const h = this.holders.get(id);
      if (!Array.isArray(h)) continue;
      for (const o of h) {
        // one event happens at one company
        if (o === e || o.done === pass || (e.company !== undefined && o.company !== undefined && e.company !== o.company)) continue;
        const k = o.dense;
        if (!shared[k]) touched.push(o);
        dot[k]! += w;
        shared[k]!++;
      }
    }
    const scoreWith = (o: Entry): number =>
      // two short stories that share a word or two are not one event
      shared[o.dense]! < MIN_SHARED ? -1 : dot[o.dense]! / Math.sqrt((e.norm || SCALE) * (o.norm || SCALE));
    // alike before and not now
    for (const [o, pair] of [...e.near]) if (o.done !== pass && scoreWith(o) < this.threshold) this.unlike(pair);
    for (const o of touched) {
      const score = scoreWith(o);
      dot[o.dense] = 0;
      shared[o.dense] = 0;
      if (score < this.threshold) continue;
      const had = e.near.get(o);
      if (had) {
        if (had.score === score) continue;
        had.score = score;
        had.evidence = undefined;
      } else {
        const pair: Pair = e.serial < o.serial ? { a: e, b: o, score } : { a: o, b: e, score };
        e.near.set(o, pair);
        o.near.set(e, pair);
      }
      this.dirty.add(e);
      this.dirty.add(o);
    }
  }

  private unlike(pair: Pair): void {
    pair.a.near.delete(pair.b);
    pair.b.near.delete(pair.a);
    this.dirty.add(pair.a);
    this.dirty.add(pair.b);
  }

  /**
   * The groups: complete linkage over the alike pairs (two groups become one
   * only when every story of one is alike to every story of the other), made
   * again only for the stories connected to one that changed.
   */
  private build(files: FileFacts[]): EventGroup[] {
    const all: Entry[] = [];
    for (const f of files) all.push(...this.byUri.get(f.uri)!.entries);
    const pos = new Map<Entry, number>();
    all.forEach((e, i) => {
      pos.set(e, i);
    });
    if (this.dirty.size) {
      // the stories connected to a changed one (alike, the same key, or of one group before): their groups are made again
      const reach = new Set<Entry>();
      const queue: Entry[] = [];
      const visit = (e: Entry) => {
        if (reach.has(e) || !pos.has(e)) return;
        reach.add(e);
        queue.push(e);
      };
      for (const e of this.dirty) visit(e);
      while (queue.length) {
        const e = queue.pop()!;
        for (const o of e.near.keys()) visit(o);
        if (e.key) for (const o of this.keyed.get(e.key) ?? []) visit(o);
        for (const o of this.cluster.get(e) ?? []) visit(o);
      }
      this.dirty = new Set();
      this.linkage([...reach].sort((x, y) => pos.get(x)! - pos.get(y)!));
    }
    const out: EventGroup[] = [];
    for (const e of all) {
      const list = this.cluster.get(e);
      if (list && list[0] !== e) continue;
      out.push(this.group(list ?? [e]));
    }
    return out;
  }

  /** Complete linkage among these stories (in story order), the most alike pairs first. */
  private linkage(list: Entry[]): void {
    const n = list.length;
    list.forEach((e, i) => {
      e.slot = i;
      this.cluster.delete(e);
    });
    const inList = (e: Entry) => e.slot < n && list[e.slot] === e;
    // who is alike with whom, a row of bits per story: alike pairs, except that stories with keys are alike when their keys agree
    const W = (n + 31) >>> 5;
    const rows = new Uint32Array(n * W);
    const set = (i: number, j: number) => {
      rows[i * W + (j >>> 5)]! |= 1 << (j & 31);
    };
    let m = 0;
    for (const e of list) for (const o of e.near.keys()) if (o.slot > e.slot && inList(o) && !(e.key && o.key)) m++;
    const score = new Float64Array(m);
    const from = new Int32Array(m);
    const to = new Int32Array(m);
    m = 0;
    for (let i = 0; i < n; i++) {
      const e = list[i]!;
      for (const [o, pair] of e.near) {
        if (!inList(o) || (e.key && o.key)) continue;
        set(i, o.slot);
        if (o.slot <= i) continue;
        score[m] = pair.score;
        from[m] = i;
        to[m++] = o.slot;
      }
      if (e.key) for (const o of this.keyed.get(e.key) ?? []) if (o !== e && inList(o)) set(i, o.slot);
    }
    // each group by its first story: its members and the stories alike with all of them (bits); a story alone uses its row
    const groupOf = new Int32Array(n).map((_, i) => i);
    const members: (number[] | undefined)[] = new Array(n);
    const common: (Uint32Array | undefined)[] = new Array(n);
    const mask: (Uint32Array | undefined)[] = new Array(n);
    const commonOf = (g: number) => common[g] ?? rows.subarray(g * W, g * W + W);
    const merge = (a: number, b: number): void => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const x = members[lo] ?? [lo];
      const y = members[hi] ?? [hi];
      const into: number[] = [];
      for (let p = 0, q = 0; p < x.length || q < y.length; ) into.push(q >= y.length || (p < x.length && x[p]! < y[q]!) ? x[p++]! : y[q++]!);
      for (const k of y) groupOf[k] = lo;
      members[lo] = into;
      members[hi] = undefined;
      const c = new Uint32Array(W);
      const ca = commonOf(lo);
      const cb = commonOf(hi);
      for (let w = 0; w < W; w++) c[w] = ca[w]! & cb[w]!;
      common[lo] = c;
      common[hi] = undefined;
      const mk = mask[lo] ?? new Uint32Array(W);
      if (!mask[lo]) mk[lo >>> 5]! |= 1 << (lo & 31);
      const mh = mask[hi];
      if (mh) for (let w = 0; w < W; w++) mk[w]! |= mh[w]!;
      else mk[hi >>> 5]! |= 1 << (hi & 31);
      mask[lo] = mk;
      mask[hi] = undefined;
    };
    /** Every story of b alike with every story of a. */
    const complete = (a: number, b: number): boolean => {
      const ca = commonOf(a);
      const mb = mask[b];
      if (!mb) return (ca[b >>> 5]! & (1 << (b & 31))) !== 0;
      for (let w = 0; w < W; w++) if ((ca[w]! & mb[w]!) !== mb[w]) return false;
      return true;
    };
    // the same explicit key: one event, whatever the words
    const byKey = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = list[i]!.key;
      if (!k) continue;
      const first = byKey.get(k);
      if (first === undefined) byKey.set(k, i);
      else if (groupOf[first] !== groupOf[i]) merge(groupOf[first]!, groupOf[i]!);
    }
    // then the most alike pairs first (ties in story order): two groups become one when every story of one is alike to every story of the other
    const order = new Uint32Array(score.length).map((_, k) => k);
    order.sort((p, q) => score[q]! - score[p]! || from[p]! - from[q]! || to[p]! - to[q]!);
    for (const k of order) {
      const a = groupOf[from[k]!]!;
      const b = groupOf[to[k]!]!;
      if (a !== b && complete(a, b)) merge(a, b);
    }
    for (const g of members) {
      if (!g) continue;
      const group = g.map((i) => list[i]!);
      for (const e of group) this.cluster.set(e, group);
    }
  }

  /** The group of a cluster: the one made last time while its stories are the same objects in the same places. */
  private group(list: Entry[]): EventGroup {
    const first = list[0]!;
    const had = this.made.get(first);
    const pairs: { x: number; y: number; pair: Pair }[] = [];
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const pair = list[x]!.near.get(list[y]!);
        if (!pair) continue;
        pair.evidence ??= this.evidence(list[x]!, list[y]!);
        pairs.push({ x, y, pair });
      }
    if (
      had &&
      had.stories.length === list.length &&
      had.stories.every((s, i) => s.story === list[i]!.story && s.index === list[i]!.index && s.uri === list[i]!.uri) &&
      had.pairs.length === pairs.length &&
      had.pairs.every(
        (p, k) =>
          p.score === pairs[k]!.pair.score && p.evidence === pairs[k]!.pair.evidence && p.a === had.stories[pairs[k]!.x] && p.b === had.stories[pairs[k]!.y],
      )
    )
      return had;
    const key = list.map((e) => e.key).find(Boolean);
    const stories = list.map((e): EventStory => ({ uri: e.uri, story: e.story, index: e.index }));
    const g: EventGroup = { id: key ?? `${first.uri}#${first.index}`, stories, pairs: [] };
    if (key) g.key = key;
    for (const { x, y, pair } of pairs) g.pairs.push({ a: stories[x]!, b: stories[y]!, score: pair.score, evidence: pair.evidence! });
    // single stories are many and cheap: only groups are kept
    if (list.length > 1) this.made.set(first, g);
    else this.made.delete(first);
    return g;
  }

  /** What two stories share, most telling first: figures and named variants, then words, then phrases of words not yet named; rarest first. */
  private evidence(a: Entry, b: Entry): string[] {
    const p = this.params!;
    const x = a.feats.ids;
    const y = b.feats.ids;
    // the telling features both tell, then how each reads (only theirs are named)
    const both: { id: number; w: number }[] = [];
    for (let i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i]! < y[j]!) i++;
      else if (x[i]! > y[j]!) j++;
      else {
        const id = x[i]!;
        const w = weight(id, this.df(id), p);
        if (w) both.push({ id, w });
        i++;
        j++;
      }
    }
    const labels = labelsOf(a.feats, new Set(both.map((f) => f.id)));
    const shared = both.map(({ id, w }) => {
      const label = labels.get(id) ?? '';
      const claim = a.feats.claims.has(id);
      const key = claim ? '' : keyOfTerm(label);
      return { key, label, w, rank: isStrong(id) || claim ? 0 : key.includes(' ') ? 2 : 1 };
    });
    shared.sort((m, n) => m.rank - n.rank || n.w - m.w || (m.key < n.key ? -1 : m.key > n.key ? 1 : m.label < n.label ? -1 : 1));
    const named = new Set<string>();
    const out: string[] = [];
    for (const f of shared) {
      if (out.length >= 5) break;
      const words = f.key ? f.key.split(' ') : [];
      if (f.rank === 2 && words.some((w) => named.has(w))) continue;
      for (const w of words) named.add(w);
      out.push(f.label);
    }
    return out;
  }
}

/** The stories of these files grouped by their explicit keys alone (in story order; a story with none is its own group). */
function keyedGroups(files: readonly FileFacts[]): EventGroup[] {
  const out: EventGroup[] = [];
  const byKey = new Map<string, EventGroup>();
  for (const f of files)
    f.stories.forEach((story, index) => {
      const s: EventStory = { uri: f.uri, story, index };
      const key = story.event?.key.toLowerCase();
      const had = key ? byKey.get(key) : undefined;
      if (had) {
        had.stories.push(s);
        return;
      }
      const g: EventGroup = { id: key ?? `${f.uri}#${index}`, stories: [s], pairs: [] };
      if (key) {
        g.key = key;
        byKey.set(key, g);
      }
      out.push(g);
    });
  return out;
}

function signature(ids: Int32Array): string {
  let h = 0;
  for (const id of ids) h = (Math.imul(h, 31) + id) | 0;
  return `${ids.length}:${h}`;
}

function equalIds(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The index `eventGroups` keeps between calls. */
const shared = new EventIndex();

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
  const o = rules.byId.get('same-event')?.options as { threshold?: unknown; maxStories?: unknown } | undefined;
  return {
    threshold: typeof o?.threshold === 'number' ? o.threshold : DEFAULT_EVENT_THRESHOLD,
    maxStories: typeof o?.maxStories === 'number' ? o.maxStories : DEFAULT_EVENT_MAX_STORIES,
  };
}
