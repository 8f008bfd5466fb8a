// Metric claims: quantities tied to what they measure (contract section 5).
//
// This module finds the quantities in a piece of prose and says what kind
// they are. Dates, years, quarters, versions, identifiers (EC2, S3, p99) and
// list numbering are not claims.

import { isSpaceCode } from './text';
import type { ClaimKind, Direction } from './types';

export interface RawClaim {
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  text: string;
  kind: ClaimKind;
  value: number;
  unit: string;
  approximate: boolean;
  direction?: Direction;
  subject: string;
  from?: number;
  to?: number;
  stated?: { value: number; unit: '%' | 'x' | 'pp'; start: number; end: number; speedup?: boolean };
  /** Where the end value B of `from A to B` is written, to change it. */
  toSpan?: { start: number; end: number };
  /** The direction came from a word of praise (improved, better), not of size. */
  praise?: boolean;
  /** A goal, limit or threshold ("aimed to cut it by 10%", "an SLA of 99.9%"), not a result: never compared. */
  target?: boolean;
  /**
   * For a share ("70% of calls came before noon", "answered 94% of calls"):
   * what the share is of, beyond its noun. Shares of one noun with other
   * predicates measure different things.
   */
  predicate?: string;
}

/** Number words and their values (a map: no word such as `constructor` is found on a prototype). */
const SMALL = new Map<string, number>(
  Object.entries({
    zero: 0,
    no: 0,
    one: 1,
    a: 1,
    an: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    dozen: 12,
    hundred: 100,
    thousand: 1000,
    half: 0.5,
    single: 1,
    couple: 2,
  }),
);
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9, k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

const NUMBER_WORDS =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens of|a hundred|hundreds of|a thousand|thousands of|a couple of|a single|half a';
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?`;
const WNUM = `(?:${NUM}|(?:${NUMBER_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)`;
const APPROX = `(?:~\\s*|≈\\s*|(?:about|around|approximately|roughly|nearly|almost|over|more than|less than|under|up to|at least|close to|some)\\s+)`;

const DURATION_UNITS: Record<string, number> = {
  ms: 0.001,
  millisecond: 0.001,
  milliseconds: 0.001,
  msec: 0.001,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  day: 86400,
  days: 86400,
  week: 604800,
  weeks: 604800,
  month: 2629800,
  months: 2629800,
  quarter: 7889400,
  quarters: 7889400,
  year: 31557600,
  years: 31557600,
  sprint: 1209600,
  sprints: 1209600,
};
const SIZE_UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  kib: 1024,
  mib: 1048576,
  gib: 1073741824,
  tib: 1099511627776,
};
const DURATION_RE = Object.keys(DURATION_UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const SIZE_RE = Object.keys(SIZE_UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const MONTHS =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
/** Words that, right before a number, make it an ordinal or a label, not a quantity. */
const LABEL_BEFORE =
  /(?:\b(?:step|phase|round|version|release|level|tier|stage|part|item|number|no\.|chapter|figure|page|line|grade|rank|sprint|week|day|q|p|v|#)\s*)$/i;
const STOP_NOUN = new Set([
  'and',
  'or',
  'to',
  'by',
  'in',
  'of',
  'from',
  'with',
  'for',
  'the',
  'a',
  'an',
  'on',
  'at',
  'as',
  'than',
  'per',
  'that',
  'which',
  'while',
  'so',
  'but',
  'into',
  'across',
  'within',
  'after',
  'before',
  'over',
  'under',
  'is',
  'was',
  'were',
  'are',
  'be',
  'been',
  'it',
  'its',
  'this',
  'these',
  'those',
  'i',
  'we',
  'my',
  'our',
  'more',
  'less',
  'times',
  'without',
  'before',
  'during',
  'between',
  'because',
  'since',
  'until',
  'ahead',
]);

const DECREASE =
  /\b(?:reduc\w*|cut\w*|decreas\w*|lower\w*|shorten\w*|dropp?\w*|fell|fall\w*|sav(?:e|ed|ing|ings)|eliminat\w*|shrank|shrunk|shrink\w*|trimm?\w*|halved|slash\w*|removed?|faster|quicker|less|fewer|down)\b/i;
const INCREASE =
  /\b(?:improv\w*|increas\w*|boost\w*|gr[eo]w\w*|rais\w*|doubled|tripled|quadrupled|higher|more|up|gain\w*|expand\w*|accelerat\w*|lift\w*|enhanc\w*|rose|rise|rising)\b/i;

export function parseNumber(raw: string): number | undefined {
  const s = raw.trim().toLowerCase();
  const d = s.replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(d)) return Number(d);
  const scaled = /^(\d+(?:\.\d+)?)\s+(million|billion|thousand)$/.exec(d);
  if (scaled) return Number(scaled[1]) * SCALE[scaled[2]!]!;
  const words = s
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== 'of');
  let total = 0;
  let cur = 0;
  let any = false;
  for (const w of words) {
    if (w === 'a' || w === 'an') {
      if (cur === 0) cur = 1;
      any = true;
      continue;
    }
    if (w === 'dozens' || w === 'hundreds' || w === 'thousands') {
      cur = Math.max(cur, 1) * (w === 'dozens' ? 12 : w === 'hundreds' ? 100 : 1000);
      any = true;
      continue;
    }
    if (w in SCALE && w !== 'm' && w !== 'k' && w !== 'b') {
      cur = Math.max(cur, 1) * SCALE[w]!;
      if (SCALE[w]! >= 1000) {
        total += cur;
        cur = 0;
      }
      any = true;
      continue;
    }
    const small = SMALL.get(w);
    if (small !== undefined) {
      cur += small;
      any = true;
      continue;
    }
    return undefined;
  }
  return any ? total + cur : undefined;
}

interface Hit {
  start: number;
  end: number;
  kind: ClaimKind;
  value: number;
  unit: string;
  approximate: boolean;
  from?: number;
  to?: number;
  /** "halved", "cut in half": a factor of 2 downwards */
  halved?: boolean;
  /** Where the end value of a from-to change is written (its sign included). */
  toStart?: number;
  toEnd?: number;
  /** A from-to change between percentages: its value is in points. */
  points?: boolean;
  /** A from-to change from zero or below: its value is the difference, not a ratio. */
  signed?: boolean;
  /** The number's own sign: "+1.8 pp", "-3%". */
  sign?: 'increase' | 'decrease';
}

function signOf(g: string | undefined): { sign?: 'increase' | 'decrease' } {
  return g === '+' ? { sign: 'increase' } : g === '-' || g === '−' ? { sign: 'decrease' } : {};
}

const APPROX_END = new RegExp(`${APPROX}$`, 'i');

function approxAt(text: string, start: number): { approximate: boolean; start: number } {
  const before = text.slice(Math.max(0, start - 20), start);
  const m = APPROX_END.exec(before);
  if (m) return { approximate: true, start: start - m[0].length };
  return { approximate: false, start };
}

/** Is the number at [start, end) glued to an identifier (EC2, S3, p99, v2.1, t3.medium)? */
function isIdentifier(text: string, start: number, end: number): boolean {
  const prev = text[start - 1] ?? ' ';
  const next = text[end] ?? ' ';
  if (/[\p{L}_\-/.#]/u.test(prev) && prev !== '$' && prev !== '-') return true;
  if (prev === '-' && /[\p{L}\d]/u.test(text[start - 2] ?? ' ')) return true;
  if (next === '.' && /\d/.test(text[end + 1] ?? '')) return true;
  if (/[\p{L}_]/u.test(next)) return true;
  if (next === '-' && /\p{L}/u.test(text[end + 1] ?? '')) return false; // "3-day" is fine
  return false;
}

function isYearOrDate(text: string, start: number, end: number, raw: string): boolean {
  const d = raw.replace(/,/g, '');
  if (/^\d{4}$/.test(d) && !raw.includes(',')) {
    const n = Number(d);
    if (n >= 1900 && n <= 2100) return true;
  }
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 12);
  if (/(?:^|\s)(?:q[1-4]|h[12]|fy)\s*$/i.test(before)) return true;
  const prevWord = /([A-Za-z]+)\.?\s+$/.exec(before)?.[1];
  const nextWord = /^\s+([A-Za-z]+)/.exec(after)?.[1];
  if (prevWord && MONTHS.test(prevWord)) return true;
  if (nextWord && MONTHS.test(nextWord) && /^\d{1,2}$/.test(d)) return true;
  if (/^[/-]\d/.test(after) || /\d[/-]$/.test(before)) return true; // 2023-11-05, 11/05
  if (/^(?:st|nd|rd|th)\b/i.test(after)) return true;
  if (/^:\d/.test(after)) return true; // 10:30
  return false;
}

// "from 12 to 4 seconds", "from -11% IRR to +68% IRR": signs kept; a percentage may name what it measures before "to"
const FT_UNIT = `${DURATION_RE}|${SIZE_RE}|%|\\s?percent\\b|pp\\b|x|k|m`;
const FROM_TO = new RegExp(
  `\\bfrom\\s+(?:${APPROX})?([$€£₹]?)([-+−]?)(${NUM})\\s*(${FT_UNIT})?(?![\\p{L}\\d])(?:(?<=%|percent|pp)(?:\\s+(?!to\\b)[\\p{L}][\\p{L}\\d'’-]*){1,2}?(?=\\s+to\\s))?\\s*(?:per\\s+\\w+\\s+)?(?:down |up )?to\\s+(?:${APPROX})?([$€£₹]?)([-+−]?)(${NUM})\\s*(${FT_UNIT})?(?![\\p{L}\\d])`,
  'giu',
);
const PCT = new RegExp(`([-+−]?)(${NUM})\\s*(?:%|\\s?percent\\b|\\s?per cent\\b)`, 'gi');
/** Percentage points are their own unit: "+1.8 pp", "3 percentage points", "a swing of 79 points", "50 basis points". */
const PP = new RegExp(
  `([-+−]?)(${NUM})\\s*(?:\\s?percentage points?\\b|\\s?pp\\b|\\s?(?:points?|pts)\\b|\\s?(basis points?|bps)\\b|-point(?=\\s+(?:drop|fall|rise|gain|jump|swing|improvement|increase|decrease|reduction|cut|lift|shift|change)\\b))`,
  'gi',
);
const MULT = new RegExp(`(${NUM})\\s*(?:x|×)(?![\\p{L}\\d])|\\b(${WNUM}|${NUM})[- ]fold\\b`, 'giu');
const MONEY = new RegExp(
  `([$€£₹])\\s?(${NUM})\\s*(k|m|mm|bn|b|million|billion|thousand|lakhs?|crores?)?(?![\\p{L}\\d])|(${NUM})\\s*(k|m|million|billion|thousand)?\\s*(lpa|lakhs?|crores?|usd|eur|gbp|inr|dollars|euros|rupees)\\b`,
  'giu',
);
const DUR = new RegExp(`\\b(${WNUM}|${NUM})(?:\\s*|-)(${DURATION_RE})(?![\\p{L}\\d])`, 'giu');
const SIZE = new RegExp(`(?<![\\p{L}\\d.])(${NUM})\\s*(${SIZE_RE})(?![\\p{L}\\d])`, 'giu');
const COUNT = new RegExp(
  `(?<![\\p{L}\\d$€£₹.,])(${NUM}\\s+(?:million|billion|thousand)|${WNUM}|${NUM})\\s+((?:[\\p{L}][\\p{L}'’\\-]*\\s+){0,2}[\\p{L}][\\p{L}'’\\-]*)`,
  'giu',
);
const TIMES = new RegExp(
  `\\b(${WNUM}|${NUM})\\s+times\\s+(?=faster|slower|more|fewer|higher|lower|larger|smaller|bigger|quicker|greater|as\\b|the\\b|our\\b|its\\b)`,
  'giu',
);
const MULT_WORDS = /\b(doubl(?:ed|ing|e(?![-\w]))|tripl(?:ed|ing|e)|quadrupl(?:ed|ing|e)|halv(?:ed|ing|e)|cut (?:\w+ )?in half|by half|in half)\b/gi;
/** What money needs: a currency sign, or a number before a currency word (one pass over the text). */
const MONEY_HINT = /[$€£₹]|\d\s*(?:k|m|million|billion|thousand)?\s*(?:lpa|lakh|crore|usd|eur|gbp|inr|dollar|rupee)/i;
const DURATION_HINT = /\d\s*(?:ms|s|h)\b|sec|min|hour|hr|day|week|month|quarter|year|sprint/i;
// Digits and the number words the patterns know, as a prefix tree (the regexp
// engine scans a tree far faster than a flat list of alternatives).
const QUICK_TRIE =
  /\d+|\b(?:z(?:ero)|o(?:ne)|t(?:w(?:o|elve|enty)|h(?:ree|irt(?:een|y)|ousand)|en)|f(?:o(?:ur(?:teen)?|rty)|i(?:ve|ft(?:een|y)))|s(?:ix(?:teen|ty)?|even(?:teen|ty)?|ingle)|e(?:ight(?:een|y)?|leven)|n(?:ine(?:teen|ty)?)|h(?:undred)|d(?:ozen)|c(?:ouple))\b|\b(?:doubl|tripl|quadrupl|halv|half)|fold\b/gi;

const QUICK_G = QUICK_TRIE;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Find quantities in `text`. Offsets are relative to `text`.
 * The patterns run only on windows around number-like words, so long prose
 * with few numbers costs little.
 */
export function findQuantities(text: string): Hit[] {
  const out: Hit[] = [];
  QUICK_G.lastIndex = 0;
  let winStart = -1;
  let winEnd = -1;
  const windows: number[] = [];
  let covered = 0;
  const flush = () => {
    if (winStart < 0) return;
    windows.push(winStart, winEnd);
    covered += winEnd - winStart;
  };
  // Where the last walk forward stopped (a space or the end): walks start further on each
  // time, so one that starts before it stops there too. With the walk back stopping at the
  // open window, each character is walked over a bounded number of times, even in a long
  // blob without spaces (base64, `1.1.1.…`), where every match used to walk the whole blob.
  let walkedTo = -1;
  for (let m = QUICK_G.exec(text); m; m = QUICK_G.exec(text)) {
    let a = Math.max(0, m.index - 45);
    while (a > 0 && a > winEnd && !isSpaceCode(text.charCodeAt(a - 1))) a--;
    // a run of digits is one match; its window reaches as far past its last digit as a word's does
    const last = m.index + (isDigit(m[0].charCodeAt(0)) ? m[0].length - 1 : 0);
    let b = Math.min(text.length, last + 55);
    if (b <= walkedTo) b = walkedTo;
    else {
      while (b < text.length && !isSpaceCode(text.charCodeAt(b))) b++;
      walkedTo = b;
    }
    if (a <= winEnd) winEnd = Math.max(winEnd, b);
    else {
      flush();
      winStart = a;
      winEnd = b;
    }
    QUICK_G.lastIndex = Math.max(QUICK_G.lastIndex, m.index + 1);
  }
  flush();
  // prose dense with numbers is read whole, once; sparse prose only around its numbers
  if (windows.length > 2 && covered >= 0.6 * text.length) return scanQuantities(text);
  for (let k = 0; k < windows.length; k += 2) {
    const a = windows[k]!;
    for (const h of scanQuantities(text.slice(a, windows[k + 1]!))) {
      h.start += a;
      h.end += a;
      out.push(h);
    }
  }
  return out;
}

function scanQuantities(text: string): Hit[] {
  const hits: Hit[] = [];
  // spans already taken, as start, end pairs sorted by start (they never overlap, so also by
  // end): a binary search finds the one span a new hit could overlap, and the passes mostly
  // take hits in order, so a new span usually goes at the end
  const taken: number[] = [];
  /** Index (in pairs) of the first taken span that ends after `s`. */
  const firstEndingAfter = (s: number) => {
    let lo = 0;
    let hi = taken.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[2 * mid + 1]! <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const free = (s: number, e: number) => {
    const k = firstEndingAfter(s);
    return 2 * k >= taken.length || taken[2 * k]! >= e;
  };
  const take = (h: Hit) => {
    const k = firstEndingAfter(h.start);
    if (2 * k < taken.length && taken[2 * k]! < h.end) return;
    if (2 * k === taken.length) taken.push(h.start, h.end);
    else taken.splice(2 * k, 0, h.start, h.end);
    hits.push(h);
  };
  const numOk = (s: number, e: number, raw: string) =>
    !isIdentifier(text, s, e) && !isYearOrDate(text, s, e, raw) && !LABEL_BEFORE.test(text.slice(Math.max(0, s - 10), s));

  // from A to B (with units on either side); each pattern runs only where a cheap look finds its words
  const fromTo = FROM_TO;
  fromTo.lastIndex = 0;
  if (/from/i.test(text))
    for (let m = fromTo.exec(text); m; m = fromTo.exec(text)) {
      const sign = (g: string | undefined) => (g === '-' || g === '−' ? -1 : 1);
      const a0 = parseNumber(m[3]!);
      const b0 = parseNumber(m[7]!);
      if (a0 === undefined || b0 === undefined) continue;
      const a = a0 * sign(m[2]);
      const b = b0 * sign(m[6]);
      const unitOf = (g: string | undefined) => {
        const u = (g ?? '').trim().toLowerCase();
        return u === 'percent' ? '%' : u;
      };
      const ua = unitOf(m[4]);
      const ub = unitOf(m[8]);
      const unit = ub || ua;
      const conv = (v: number, u: string) => (u in DURATION_UNITS ? v * DURATION_UNITS[u]! : u in SIZE_UNITS ? v * SIZE_UNITS[u]! : v);
      // "$1.2M to $800k": thousands and millions, when money or written in capitals
      const scale = (v: number, u: string, raw: string | undefined) =>
        (u === 'k' || u === 'm') && (m![1] || m![5] || /[KM]/.test(raw ?? '')) ? v * (u === 'k' ? 1e3 : 1e6) : v;
      const fa = scale(conv(a, ua || unit), ua || unit, m[4] ?? m[8]);
      const fb = scale(conv(b, ub || unit), ub || unit, m[8] ?? m[4]);
      const numAt = m.index + m[0].indexOf(m[3]!);
      if (!unit && !m[1] && !m[5] && isYearOrDate(text, numAt, numAt + m[3]!.length, m[3]!)) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      const toAt = end - m[0].length + m[0].lastIndexOf(m[7]!);
      const points = unit === '%' || unit === 'pp';
      // between two percentages the change is in points (a swing); elsewhere it is relative, and only from a positive start
      const value = points ? Math.round(Math.abs(fb - fa) * 10) / 10 : fa > 0 ? Math.round(((fb - fa) / fa) * 1000) / 10 : Math.abs(fb - fa);
      take({
        start,
        end,
        kind: 'change',
        value,
        unit: points ? 'pp' : unit in DURATION_UNITS ? 's' : unit in SIZE_UNITS ? 'B' : m[1] || m[5] ? '$' : unit,
        approximate: false,
        from: fa,
        to: fb,
        toStart: toAt - (m[6] ? m[6].length : 0),
        toEnd: toAt + m[7]!.length,
        ...(points ? { points: true } : fa > 0 ? {} : { signed: true }),
      });
    }

  // percentages, then percentage points
  const pct = PCT;
  pct.lastIndex = 0;
  if (/%|per/i.test(text))
    for (let m = pct.exec(text); m; m = pct.exec(text)) {
      const s = m.index + m[1]!.length;
      const e = m.index + m[0].length;
      if (isIdentifier(text, s, s + m[2]!.length) && !/^\d/.test(text[s - 1] ?? '')) {
        if (/[\p{L}_]/u.test(text[s - 1] ?? '')) continue;
      }
      if (m[1] && /[\p{L}\d]/u.test(text[m.index - 1] ?? '')) continue;
      const ap = approxAt(text, m.index);
      take({ start: ap.start, end: e, kind: 'percent', value: parseNumber(m[2]!)!, unit: '%', approximate: ap.approximate, ...signOf(m[1]) });
    }
  const pp = PP;
  pp.lastIndex = 0;
  if (/\d(?:\s*|-)(?:pp|percentage point|points?\b|pts|basis point|bps)/i.test(text))
    for (let m = pp.exec(text); m; m = pp.exec(text)) {
      const s = m.index + m[1]!.length;
      if (/[\p{L}_\d.]/u.test(text[m.index - 1] ?? '') || !numOk(s, s + m[2]!.length, m[2]!)) continue;
      const v = parseNumber(m[2]!);
      if (v === undefined) continue;
      const ap = approxAt(text, m.index);
      take({
        start: ap.start,
        end: m.index + m[0].length,
        kind: 'percent',
        value: m[3] ? v / 100 : v,
        unit: 'pp',
        approximate: ap.approximate,
        ...signOf(m[1]),
      });
    }

  // multiples: 3x, 10×, doubled, tripled, halved, cut in half, two-fold
  const mult = MULT;
  mult.lastIndex = 0;
  if (/\d\s*[x×]|fold/i.test(text))
    for (let m = mult.exec(text); m; m = mult.exec(text)) {
      const raw = m[1] ?? m[2]!;
      if (m[1] && /[\p{L}_]/u.test(text[m.index - 1] ?? '')) continue;
      const ap = approxAt(text, m.index);
      const v = parseNumber(raw);
      if (v === undefined) continue;
      take({ start: ap.start, end: m.index + m[0].length, kind: 'multiple', value: v, unit: 'x', approximate: ap.approximate });
    }
  const multWords = MULT_WORDS;
  multWords.lastIndex = 0;
  if (/doubl|tripl|quadrupl|halv|half/i.test(text))
    for (let m = multWords.exec(text); m; m = multWords.exec(text)) {
      const w = m[1]!.toLowerCase();
      // halving is a factor of 2 downwards, as "3x faster" is a factor of 3
      const value = w.startsWith('doubl') ? 2 : w.startsWith('tripl') ? 3 : w.startsWith('quadrupl') ? 4 : 2;
      take({
        start: m.index,
        end: m.index + m[0].length,
        kind: 'multiple',
        value,
        unit: 'x',
        approximate: false,
        ...(value === 2 && !w.startsWith('doubl') ? { halved: true } : {}),
      });
    }
  // "five times faster", "3 times the throughput"
  const times = TIMES;
  times.lastIndex = 0;
  if (/times/i.test(text))
    for (let m = times.exec(text); m; m = times.exec(text)) {
      const v = parseNumber(m[1]!);
      if (v === undefined || v < 2) continue;
      const ap = approxAt(text, m.index);
      take({ start: ap.start, end: m.index + m[0].length, kind: 'multiple', value: v, unit: 'x', approximate: ap.approximate });
    }

  // money: $18,000, $12k, $1.2M, €3,000, 18 LPA, 2 lakh, 40,000 USD
  const money = MONEY;
  money.lastIndex = 0;
  if (MONEY_HINT.test(text))
    for (let m = money.exec(text); m; m = money.exec(text)) {
      const raw = m[2] ?? m[4]!;
      let v = parseNumber(raw);
      if (v === undefined) continue;
      const scale = (m[3] ?? m[5] ?? '').toLowerCase();
      const indian = /^(?:lakh|crore)/.test(scale) ? scale.replace(/s$/, '') : undefined;
      if (scale && !indian) v *= SCALE[scale] ?? 1;
      const ap = approxAt(text, m.index);
      const cur = m[1] ?? (m[6] ?? '').toUpperCase();
      const unit = indian
        ? indian
        : cur === '$' || cur === 'DOLLARS'
          ? 'USD'
          : cur === '€' || cur === 'EUROS'
            ? 'EUR'
            : cur === '£'
              ? 'GBP'
              : cur === '₹' || cur === 'RUPEES'
                ? 'INR'
                : /^(?:LAKH|LPA)/.test(cur)
                  ? 'lakh'
                  : /^CRORE/.test(cur)
                    ? 'crore'
                    : cur;
      take({ start: ap.start, end: m.index + m[0].length, kind: 'money', value: v, unit, approximate: ap.approximate });
    }

  // durations and sizes
  const dur = DUR;
  dur.lastIndex = 0;
  if (DURATION_HINT.test(text))
    for (let m = dur.exec(text); m; m = dur.exec(text)) {
      const raw = m[1]!;
      const numStart = m.index;
      if (/^\d/.test(raw) && !numOk(numStart, numStart + raw.length, raw)) continue;
      if (/^\d/.test(raw) && isIdentifier(text, numStart, numStart + raw.length)) continue;
      const v = parseNumber(raw);
      if (v === undefined) continue;
      // "one sprint" is a duration; "a day" in "twice a day" is not a claim
      if (/^(?:a|an)$/i.test(raw)) continue;
      const unitRaw = m[2]!.toLowerCase();
      if (unitRaw === 's' && !/^\d/.test(raw)) continue;
      if (unitRaw === 'm') continue;
      const ap = approxAt(text, m.index);
      take({ start: ap.start, end: m.index + m[0].length, kind: 'duration', value: v * DURATION_UNITS[unitRaw]!, unit: 's', approximate: ap.approximate });
    }
  const size = SIZE;
  size.lastIndex = 0;
  if (/\d\s*(?:[kmgtp]i?b|b\b|bytes)/i.test(text))
    for (let m = size.exec(text); m; m = size.exec(text)) {
      const unitRaw = m[2]!.toLowerCase();
      if (unitRaw === 'b' && !/\d\s*B\b/.test(m[0])) continue;
      const v = parseNumber(m[1]!);
      if (v === undefined) continue;
      const ap = approxAt(text, m.index);
      take({ start: ap.start, end: m.index + m[0].length, kind: 'size', value: v * SIZE_UNITS[unitRaw]!, unit: 'B', approximate: ap.approximate });
    }

  // counts with their noun: "14,000 events", "zero lost appointments", "three teams"
  const count = COUNT; // noun phrases are taken greedily, then cut at a function word
  count.lastIndex = 0;
  for (let m = count.exec(text); m; m = count.exec(text)) {
    const raw = m[1]!;
    const s = m.index;
    // the noun phrase may hold the next number ("six weeks and two engineers"): look again after this one
    count.lastIndex = s + raw.length;
    if (!free(s, s + raw.length)) continue;
    const lower = raw.toLowerCase();
    if (/^(?:one|a|an|a single|half a|a couple of)$/.test(lower)) continue;
    if (/^\d/.test(raw) && !numOk(s, s + raw.length, raw)) continue;
    // a decimal count needs a scale ("2.3 million"); "Spark 3.4", "PostgreSQL 15", "ISO 27001" are versions and names
    if (/^\d+\.\d/.test(raw) && !/million|billion|thousand/i.test(raw)) continue;
    const prevWord = /(\S+)\s+$/.exec(text.slice(Math.max(0, s - 30), s))?.[1] ?? '';
    if (
      /^\d/.test(raw) &&
      /[A-Z]/.test(prevWord) &&
      !/[.!?:,;]$/.test(prevWord) &&
      !/^(?:I|In|On|At|By|For|About|Over|Under|Nearly|Almost|Only|Just|Some|With|All|And|The|Our|We|To|From)$/.test(prevWord)
    )
      continue;
    // noun phrase: up to three words, stop at a function word
    const words = m[2]!.split(/\s+/);
    const noun: string[] = [];
    for (const w of words) {
      if (STOP_NOUN.has(w.toLowerCase())) break;
      noun.push(w);
    }
    if (!noun.length) continue;
    const first = noun[0]!;
    if (MONTHS.test(first)) continue;
    if (/^(?:percent|times|am|pm|st|nd|rd|th)$/i.test(first)) continue;
    // "2 p.m.", "10 a.m.": a time of day
    if (/^[ap]$/i.test(first) && /^\.m\b/i.test(text.slice(s + raw.length + (m[0].length - raw.length - m[2]!.length) + 1))) continue;
    // "2 EC2" or "3 S3" are ids; "3 AZs" and "1.1 million SMS messages" count things
    if (/^\d/.test(raw) && (/\d/.test(first) || (/^[A-Z]+$/.test(first) && noun.length === 1 && !/s$/.test(first)))) continue;
    const v = parseNumber(raw);
    if (v === undefined) continue;
    const end = s + raw.length + (m[0].length - raw.length - m[2]!.length) + noun.join(' ').length;
    const ap = approxAt(text, s);
    take({ start: ap.start, end, kind: 'count', value: v, unit: noun[noun.length - 1]!.toLowerCase(), approximate: ap.approximate });
  }
  hits.sort((a, b) => a.start - b.start);
  return hits;
}

const DIRECTION_WORD = new RegExp(`${DECREASE.source}|${INCREASE.source}`, 'gi');

/** The direction word nearest before the claim in its clause, else the first after it. */
function directionAround(text: string, start: number, end: number): Direction | undefined {
  // the clause's start, looked for only as far back as the 70 characters read
  const lo = Math.max(0, start - 72);
  const w = text.slice(lo, start);
  const at = Math.max(
    w.lastIndexOf(';', start - 1 - lo),
    w.lastIndexOf('. ', start - 2 - lo),
    w.lastIndexOf(',', start - 1 - lo),
    w.lastIndexOf('\n', start - 1 - lo),
  );
  const clauseStart = at < 0 ? 0 : at + lo + 1;
  const before = text.slice(Math.max(clauseStart, start - 70), start);
  let last: string | undefined;
  DIRECTION_WORD.lastIndex = 0;
  for (let m = DIRECTION_WORD.exec(before); m; m = DIRECTION_WORD.exec(before)) last = m[0];
  const word = last ?? /^[^.;,]*/.exec(text.slice(end, end + 30))?.[0].match(DIRECTION_WORD)?.[0];
  if (!word) return undefined;
  return DECREASE.test(word) ? 'decrease' : /^(?:improv|better|enhanc|optimi)/i.test(word) ? ('improve' as Direction) : 'increase';
}

const VERB =
  'reduc\\w*|cut(?:ting)?|decreas\\w*|lower\\w*|shorten\\w*|improv\\w*|increas\\w*|boost\\w*|gr[eo]w\\w*|rais\\w*|dropp?\\w*|brought|slash\\w*|trimm?\\w*|accelerat\\w*|sp(?:e|ee)d(?:ing)? up|enhanc\\w*|lift\\w*|halv\\w*|doubl\\w*|tripl\\w*|expand\\w*|optimi[sz]\\w*|sav(?:e|ed|ing)|elimin\\w*|minimi[sz]\\w*|maximi[sz]\\w*|achiev\\w*|reach\\w*|deliver\\w*|hit';
const INTRANSITIVE =
  'fell|dropped|drops|rose|rises|grew|grows|improved|increased|decreased|declined|went down|went up|came down|shrank|climbed|jumped|sank|moved';
const STOPS = new Set([
  'and',
  'or',
  'by',
  'from',
  'to',
  'while',
  'with',
  'which',
  'that',
  'across',
  'within',
  'after',
  'as',
  'when',
  'because',
  'so',
  'but',
  'for',
  'in',
  'on',
  'at',
  'per',
  'than',
  'without',
  'despite',
  'through',
  'via',
  'over',
  'under',
  'compared',
  'versus',
  'vs',
  'is',
  'was',
  'were',
  'are',
  'has',
  'had',
  'have',
  'be',
  'been',
  'it',
  'we',
  'i',
  'they',
  'this',
  'then',
  'also',
  'while',
  'during',
  'since',
  'each',
  'every',
  'a',
  'an',
  'month',
  'year',
  'week',
  'day',
  'quarter',
]);
const LEADING = /^(?:the|our|its|their|my|a|an)\s+/i;
const NP_BEFORE_VERB = new RegExp(`\\b(?:${VERB})\\s+((?:[\\p{L}\\d][\\p{L}\\d'’\\-]*\\s+){0,6}?)(?:by|to|from)\\s*(?:${APPROX})?$`, 'iu');
// Matched on the last few words only: a verb right before the number.
const INTRANSITIVE_END = new RegExp(`(?:^|\\s)(?:${INTRANSITIVE})\\s+(?:by\\s+|to\\s+|from\\s+)?(?:${APPROX})?$`, 'i');
const TOOK_END = /(?:^|\s)(?:took|takes|lasted|of|at|is|was|stood at|down to|under)\s+(?:only\s+|just\s+)?$/i;

/** The subject before a verb that ends `before` ("latency fell by"), if `end` matches the last words. */
function beforeVerb(before: string, end: RegExp): string | undefined {
  const tail = before.slice(-48);
  const m = end.exec(tail);
  if (!m) return undefined;
  return phraseBefore(before.slice(0, before.length - tail.length + m.index)) || undefined;
}

/** The noun phrase starting at `from`, up to five words, stopping at function words and punctuation. */
function phraseAfter(text: string, from: number): string {
  const words: string[] = [];
  const re = /[\s]*([\p{L}\d][\p{L}\d'’\-/]*)|([^\s])/uy;
  re.lastIndex = from;
  for (let m = re.exec(text); m && words.length < 5; m = re.exec(text)) {
    if (m[2] !== undefined) break;
    const w = m[1]!;
    // "30% of calls": the noun after "of" is what is measured
    if (!words.length && /^(?:in|of|on|for)$/i.test(w)) continue;
    if (STOPS.has(w.toLowerCase())) {
      break;
    }
    if (/^\d/.test(w) && words.length) break;
    const lower = w.toLowerCase();
    // "12% above the target", "30% of them": the figure is measured against something, or of nobody in particular
    if (!words.length && NOT_A_SUBJECT_START.has(lower)) return '';
    // "38% of western parcels stayed in the depot": the noun phrase ends at its verb
    if (words.length && (PAST_VERBS.has(lower) || SMALL.has(lower))) break;
    words.push(w);
  }
  return words.join(' ').replace(LEADING, '');
}

/** First words after a figure that mean it names no subject of its own. */
const NOT_A_SUBJECT_START = new Set([
  'them',
  'they',
  'it',
  'us',
  'you',
  'him',
  'her',
  'above',
  'below',
  'before',
  'instead',
  'ahead',
  'behind',
  'beyond',
  'against',
  'versus',
  'vs',
]);
/** Verbs that join a cause to its effect ("fewer stuck settlements meant on-call pages fell"): the subject starts after them. */
const CAUSE_VERBS = new Set(['meant', 'led', 'caused', 'helped', 'let', 'saw', 'gave', 'brought', 'drove', 'pushed', 'pulled', 'sent', 'put']);
/** Common irregular verbs in the past tense: a noun phrase stops before them. */
const PAST_VERBS = new Set([
  'sat',
  'stood',
  'went',
  'came',
  'got',
  'made',
  'took',
  'ran',
  'fell',
  'rose',
  'grew',
  'left',
  'kept',
  'held',
  'found',
  'saw',
  'became',
  'stayed',
  'were',
  'was',
  'had',
  'did',
  'still',
  'now',
]);

const VERB_WORD = new RegExp(`^(?:${VERB}|${INTRANSITIVE}|went|came|down|up|was|were|is|are|stood|became|doubled|tripled|halved)$`, 'i');

const ADVERB = /^(?:still|also|then|further|even|only|nearly|almost|roughly|steadily|sharply|dramatically|significantly|quickly|consistently|overall)$/i;

/** Whether a word is made of ASCII letters only (most are: no cleaning needed). */
function asciiLetters(w: string): boolean {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** A word's letters only. */
const lettersOf = (w: string) => (asciiLetters(w) ? w : w.replace(/[^\p{L}]/gu, ''));

/** The last noun phrase of `before`, up to five words, verbs after it skipped ("latency fell by" -> latency). */
function phraseBefore(before: string): string {
  const words = before.trimEnd().split(/\s+/);
  const out: string[] = [];
  let i = words.length - 1;
  // skip the verb (and its adverbs) between the subject and the number
  while (i >= 0 && (VERB_WORD.test(lettersOf(words[i]!)) || ADVERB.test(words[i]!))) i--;
  for (; i >= 0 && out.length < 6; i--) {
    const w = words[i]!;
    const clean = asciiLetters(w) ? w : w.replace(/[^\p{L}\d'’-]/gu, '');
    const lower = clean.toLowerCase();
    // "in three weeks the failure rate fell 24%": a number before the noun phrase ends it
    if (out.length && (isDigit(clean.charCodeAt(0)) || (lower !== 'no' && SMALL.has(lower)))) break;
    // "time of queries", "time spent on reconciliation" hold together
    const joiner = lower === 'of' || lower === 'on' || lower === 'spent' || lower === 'to' || lower === 'at' || lower === 'in';
    const prev = joiner ? lettersOf(words[i - 1] ?? '') : '';
    const joins =
      joiner &&
      out.length > 0 &&
      i > 0 &&
      (((lower === 'of' || lower === 'on' || lower === 'spent' || lower === 'to') &&
        /^(?:time|effort|hours|money|spent|number|share|rate|cost|percentage|count)$/i.test(prev)) ||
        // "abandonment at checkout", "errors in production": a noun, a preposition, a noun
        ((lower === 'at' || lower === 'in' || lower === 'of') &&
          out.length <= 2 &&
          !!prev &&
          !STOPS.has(prev.toLowerCase()) &&
          !VERB_WORD.test(prev) &&
          /\p{L}{4,}/u.test(prev)));
    if (!clean || (!joins && STOPS.has(lower)) || (!joins && VERB_WORD.test(clean)) || PAST_VERBS.has(lower) || CAUSE_VERBS.has(lower)) break;
    out.unshift(clean);
    if (/[,.;:()]$/.test(words[i - 1] ?? '')) break;
  }
  return out.join(' ').replace(LEADING, '');
}

const BY_END = new RegExp(`\\bby\\s*(?:${APPROX})?$`, 'i');

/** A best-effort subject: the noun phrase the claim measures, as written. */
function subjectAround(text: string, h: Hit): string {
  // the sentence's start, looked for only as far back as the 90 characters read
  const lo = Math.max(0, h.start - 92);
  const w = text.slice(lo, h.start + 1);
  const stop = (sep: string) => {
    const i = w.lastIndexOf(sep, h.start - 1 - lo);
    return i === -1 ? 0 : i + lo + sep.length;
  };
  const sentenceStart = Math.max(stop('. '), stop('; '), stop('\n'), stop(': '));
  const before = text.slice(Math.max(sentenceStart, h.start - 90), h.start);
  const afterStart = h.kind === 'change' ? h.end : h.end;
  // "reduced X by N%", "…, Y by N%, and Z by M%"
  const by = BY_END.exec(before);
  if (by && h.kind !== 'change') {
    const np = phraseBefore(before.slice(0, by.index));
    if (np) return np;
  }
  // "cut X from A to B"
  const m = NP_BEFORE_VERB.exec(before);
  if (m && m[1]!.trim() && !/\b(?:and|or|by)\b/i.test(m[1]!)) return m[1]!.trim().replace(LEADING, '');
  // "X fell by N%", "X dropped from A to B"
  const fell = beforeVerb(before, INTRANSITIVE_END);
  if (fell) return fell;
  if (h.kind === 'change') {
    // "p95 latency from 1.8 s to 420 ms"
    const np = phraseBefore(before.replace(/\s*$/, ''));
    if (np) return np;
  }
  if (h.kind === 'count') return text.slice(h.start, h.end).replace(/^\S+\s+/, '');
  // "deployment frequency doubled", "the queue was cut in half"
  if (h.kind === 'multiple' && /^\D/.test(text.slice(h.start, h.end))) {
    const np = phraseBefore(before);
    if (np) return np;
  }
  if (h.kind === 'duration' || h.kind === 'size') {
    const took = beforeVerb(before, TOOK_END);
    if (took) return took;
  }
  // "N% reduction in X", "25% cost reduction", "30% fewer errors", "$18,000 a month in AWS costs"
  let rest = text.slice(afterStart);
  const skip = /^\s*(?:a|per|each|every)\s+(?:month|year|week|day|quarter)\b|^\s*(?:annually|monthly|yearly|weekly|daily)\b/i.exec(rest);
  if (skip) rest = rest.slice(skip[0].length);
  // "30% more parcels", "35% fewer tickets": the noun is the subject
  const phrase = phraseAfter(rest, 0).replace(/^(?:more|fewer|less|additional|extra)\s+(?=\S)/i, '');
  if (phrase && !/^(?:reduction|decrease|drop|improvement|increase|gain|cut|boost|faster|slower|higher|lower|better)$/i.test(phrase)) return phrase;
  const tail = /^\s*(?:reduction|decrease|drop|improvement|increase|gain|cut|boost)\s+(?:in|of|on)\s+/i.exec(rest);
  if (tail) return phraseAfter(rest, tail[0].length);
  return '';
}

const SHARE_OF = /^\s+of\s+(?:(?:the|our|all|their|its|those|these|my)\s+)?/;
const VERB_BEFORE =
  /(?:^|\s)([\p{Ll}]{3,}ed|won|lost|made|kept|held|met|hit|took|got|saw|caught|sold|built|fixed|ran|served)\s+(?:(?:only|just|about|around|roughly|nearly|almost|over|under|some|up to|at least|more than|less than)\s+)?$/u;
const BE = new Set(['was', 'were', 'is', 'are', 'had', 'have', 'got', 'being', 'been']);
const STATE_WORDS =
  /^(?:late|early|open|closed|idle|used|unused|due|overdue|wrong|missing|lost|duplicate|duplicated|empty|invalid|broken|stale|delayed|cancelled|canceled)$/;

/**
 * What a share is of, beyond its noun: the verb after the noun ("70% of
 * calls came …" -> came, "40% of runs were late" -> late), else the verb
 * before the number ("answered 94% of calls" -> answered). Words of
 * change ("cut 12% of spend") are the direction, not a predicate.
 */
function sharePredicate(text: string, h: Hit): string | undefined {
  const after = text.slice(h.end, h.end + 120);
  const of = SHARE_OF.exec(after);
  if (!of) return undefined;
  const words = after
    .slice(of[0].length)
    .split(/\s+/, 7)
    .map((w) => w.replace(/[^\p{L}\d'’-]+$/u, ''));
  const isVerb = (w: string) =>
    !!w && /^\p{Ll}/u.test(w) && (PAST_VERBS.has(w) || STATE_WORDS.test(w) || /[^e]ed$/.test(w)) && !STOPS.has(w) && !directionWord(w);
  // the noun phrase is up to four words; the first verb-like word after it is the predicate
  for (let i = 1; i < Math.min(words.length, 5); i++) {
    let w = words[i]!;
    if (BE.has(w)) w = words[i + 1] ?? '';
    if (isVerb(w)) return w;
    if (STOPS.has(words[i]!) || /[,.;:]$/.test(words[i - 1] ?? '')) break;
  }
  const before = VERB_BEFORE.exec(text.slice(Math.max(0, h.start - 40), h.start))?.[1];
  if (before && !directionWord(before)) return before;
  return undefined;
}

function directionWord(w: string): boolean {
  DIRECTION_WORD.lastIndex = 0;
  const hit = DIRECTION_WORD.test(w);
  DIRECTION_WORD.lastIndex = 0;
  return hit;
}

/** A claim's value as people read it: "~15%", "3x", "18,000 USD", else its own words. */
export function formatClaimValue(c: { value: number; kind: string; unit: string; approximate: boolean; text: string }): string {
  const v = Number.isInteger(c.value) ? String(c.value) : c.value.toFixed(1);
  const a = c.approximate ? '~' : '';
  if ((c.kind === 'percent' || c.kind === 'change') && c.unit === 'pp') return `${a}${v} pp`;
  if (c.kind === 'percent' || c.kind === 'change') return `${a}${v}%`;
  if (c.kind === 'multiple') return `${a}${v}x`;
  if (c.kind === 'money') return `${a}${c.value.toLocaleString('en-US')} ${c.unit}`;
  return `${a}${c.text || v}`;
}

/** A percentage or a multiple: what can be stated beside a from-to change. */
const isFigure = (h: Hit | undefined): h is Hit => !!h && (h.kind === 'percent' || h.kind === 'multiple');

/**
 * Words that may stand between a from-to change and the figure stated with
 * it, in one clause: ", a 67% cut", " (4x faster)", "; that is 50%", ",
 * cutting it by 67%". Anything else (", and the team shipped 30% more
 * orders") starts another claim.
 */
const APPOSITION =
  /^\s*[,(:;–—-]?\s*(?:(?:a|an|or|which|that|is|was|being|i\.e\.,?|representing|meaning|giving|for|of|roughly|about|nearly|almost|around|over|under|some|just|only|total|overall|full|whopping|swing|change|shift|difference|jump|drop|fall|rise|gain|cut|reduction|improvement|increase|decrease|cutting|reducing|lowering|shrinking|increasing|improving|raising|boosting|speeding|it|them|up|down|by)\b[\s,]*)*$/i;
/** What a stated figure is about, when it names something after its change word ("30% more parcels"). */
const OWN_NOUN = /^\s*(?:more|fewer|less|additional|extra)\s+(?!of\b|than\b|in\b|on\b|time\b)([\p{L}][\p{L}'’-]*)/iu;

/** Is `h` a figure stated with `change`, written between `from` and `to` of the text? */
function statedWith(text: string, between: string, figure: Hit): boolean {
  // "from 40 to 100 reports per hour, a 250% increase": the change's unit may come first
  const rest = between.replace(UNIT_WORDS, '');
  if (!APPOSITION.test(rest)) return false;
  // "30% more parcels": a figure about a noun of its own is another claim
  return !OWN_NOUN.test(text.slice(figure.end, figure.end + 40));
}

/** The words of a change's unit right after it, up to the punctuation before a stated figure. */
const UNIT_WORDS = /^\s*(?:(?!(?:and|but|while|so|then|which|that)\b)[\p{L}\d][\p{L}\d'’-]*\s*){1,5}(?=[,(:;–—]|\s-\s)/iu;

/** Words before a claim, in its clause, that make it a goal or a limit rather than a result. */
const TARGET_BEFORE =
  /\b(?:aim(?:ed|ing|s)?(?:\s+\w+)?\s+(?:to|for|at)|goal|target(?:ed|ing|s)?|objective|hop(?:ed|ing)\s+to|threshold|slas?|slos?|budget(?:ed)?\s+(?:of|for)|allowed|allow(?:s|ing)?|at most|no more than|if (?:more|less|fewer) than|cap(?:ped)?\s+(?:of|at)|limit(?:ed)?\s+(?:of|to))\b[^.;!?]*$/i;

/** The stems of those words: most text has none of them, and one case-insensitive pass rules it out. */
const TARGET_HINT = /aim|goal|target|objective|hop|threshold|sla|slo|budget|allow|at most|no more than|if |cap|limit/i;

function isTarget(text: string, start: number): boolean {
  const lo = Math.max(0, start - 80);
  const before = text.slice(lo, start);
  // most claims have none of the words: a look for their stems first
  if (!TARGET_HINT.test(before)) return false;
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf(', and '), before.lastIndexOf(' but '));
  return TARGET_BEFORE.test(cut >= 0 ? before.slice(cut + 1) : before);
}

/**
 * Claims of recent pieces of prose, by their text: a story being edited is
 * read again on every keystroke, and all its paragraphs but one are as they
 * were. Bounded; the results are shared, so callers must not change them.
 */
const recent = new Map<string, readonly RawClaim[]>();

/**
 * Claims in a piece of prose, with subject and direction. `remember`: a
 * document being edited, whose paragraphs come back keystroke after
 * keystroke; a one-off read (the CLI) would only fill the memory.
 */
export function extractClaims(text: string, remember = false): readonly RawClaim[] {
  if (!remember) return extractClaimsOf(text);
  let got = recent.get(text);
  if (got === undefined) {
    if (recent.size >= 2048) recent.clear();
    recent.set(text, (got = extractClaimsOf(text)));
  }
  return got;
}

function extractClaimsOf(text: string): RawClaim[] {
  const hits = findQuantities(text);
  if (!hits.length) return [];
  // goals are looked for only in prose that has one of their words
  const out: RawClaim[] = [];
  // the index of the last figure a change took as stated after it: no later change takes it again
  let taken = -1;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    // "cut build time by 75%, from 40 to 10 minutes": the figure comes first and belongs to the change after it
    const nextHit = hits[i + 1];
    if (isFigure(h) && nextHit?.kind === 'change' && /^\s*,?\s*$/.test(text.slice(h.end, nextHit.start))) continue;
    const claim: RawClaim = {
      start: h.start,
      end: h.end,
      text: text.slice(h.start, h.end),
      kind: h.kind,
      value: h.value,
      unit: h.unit,
      approximate: h.approximate,
      subject: subjectAround(text, h),
    };
    if (h.kind === 'percent') {
      const p = sharePredicate(text, h);
      if (p) claim.predicate = p;
    }
    if (h.kind === 'change') {
      // A from-to change is a claim of a relative change: "from 12 to 4
      // seconds" is a 67% reduction; between percentages it is a change in
      // points ("from -11% to +68%" is 79 points).
      claim.from = h.from;
      claim.to = h.to;
      claim.direction = h.to! < h.from! ? 'decrease' : h.to! > h.from! ? 'increase' : undefined;
      if (!claim.direction) delete claim.direction;
      claim.unit = h.points ? 'pp' : h.signed ? 'delta' : '%';
      claim.value = h.points ? h.value : Math.round(Math.abs(h.value));
      if (h.toStart !== undefined && h.toEnd !== undefined) claim.toSpan = { start: h.toStart, end: h.toEnd };
      // the value stays the computed change; a figure stated with it in the same clause is kept beside it
      const prev = hits[i - 1];
      const next = hits[i + 1];
      let stated: Hit | undefined;
      if (isFigure(prev) && taken !== i - 1 && /^\s*,?\s*$/.test(text.slice(prev.end, h.start))) stated = prev;
      else if (isFigure(next) && statedWith(text, text.slice(h.end, next.start), next)) {
        stated = next;
        taken = ++i;
      }
      if (stated) {
        claim.stated = {
          value: stated.value,
          unit: stated.kind === 'percent' ? (stated.unit === 'pp' ? 'pp' : '%') : 'x',
          start: stated.start,
          end: stated.end,
        };
        if (/^\s*(?:faster|quicker|speed-?up)/i.test(text.slice(stated.end, stated.end + 20))) claim.stated.speedup = true;
        claim.start = Math.min(claim.start, stated.start);
        claim.end = Math.max(claim.end, stated.end);
        claim.text = text.slice(claim.start, claim.end);
        // "NPS went from -12 to +31, a 43-point swing": a figure in points says the change is in points
        if (claim.stated.unit === 'pp' && (h.unit === '' || h.signed)) {
          claim.unit = 'pp';
          claim.value = Math.round(Math.abs(h.to! - h.from!) * 10) / 10;
        }
      }
    } else if (h.halved) {
      claim.direction = 'decrease';
    } else if (h.kind === 'multiple' && /^(?:doubl|tripl|quadrupl)/i.test(claim.text)) {
      claim.direction = 'increase';
    } else {
      const d = directionAround(text, h.start, h.end);
      const prev = out[out.length - 1];
      // "Reduced X by 20%, Y by 30% and Z by 25%": the list shares its verb
      const between = text.slice(prev?.end ?? 0, h.start);
      if (
        prev?.direction &&
        prev.kind === h.kind &&
        /^[^.;!?]{0,80}\bby\s*(?:~|about |around |nearly |over )?$/i.test(between) &&
        !DIRECTION_WORD.test(between)
      )
        claim.direction = prev.direction;
      else if (d === ('improve' as Direction)) {
        claim.direction = 'increase';
        claim.praise = true;
      } else if (d) claim.direction = d;
      else if (h.sign) claim.direction = h.sign;
      DIRECTION_WORD.lastIndex = 0;
    }
    // "I am 100% sure", "90% confident", "gave it 110%": how sure or how keen someone is, not a measured result
    if (h.kind === 'percent' && (CERTAINTY.test(text.slice(h.end, h.end + 24)) || EFFORT_BEFORE.test(text.slice(Math.max(0, h.start - 24), h.start)))) continue;
    if (isTarget(text, claim.start)) claim.target = true;
    out.push(claim);
  }
  return out;
}

/** "gave it 110%", "giving everything 100%": effort, not a measurement. */
const EFFORT_BEFORE = /\b(?:gave|give|giving|gives|put in|putting in)\s+(?:it|this|that|everything|my all|all|the job|the project)?\s*$/i;

/** Words of certainty right after a percentage: the number measures nothing. */
const CERTAINTY = /^\s*(?:sure|certain|confident|convinced|positive|committed|behind (?:it|this|that)|on board)\b/i;
