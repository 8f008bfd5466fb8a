// Offsets, positions and word counting.

import type { Pos, Range } from './types';

const LONE_CR = /\r(?!\n)/g;

/** The text with each lone CR made a LF (the same length: offsets and positions do not move). */
export function loneCrAsLf(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  LONE_CR.lastIndex = 0;
  return LONE_CR.test(text) ? text.replace(LONE_CR, '\n') : text;
}

/** Maps offsets to 0-based line/character positions (LF, CRLF and a lone CR each end a line). */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      // LF, CRLF and a lone CR each end a line, as LSP counts them
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset of the end of a line, before its line ending. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    const start = this.lineStart(line);
    let e = next;
    if (e > start && this.text[e - 1] === '\n') e--;
    if (e > start && this.text[e - 1] === '\r') e--;
    return Math.max(e, start);
  }

  offset(pos: Pos): number {
    return Math.min(this.lineStart(pos.line) + pos.character, this.text.length);
  }
}

/** Whether a UTF-16 code unit is white space as `\s` means it in a regular expression (without making a string). */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The end of `text[start, end)` without its trailing white space. */
export function trimEndAt(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

export const WORD_RE = /[\p{L}\p{N}$€£₹]+(?:['’.,-][\p{L}\p{N}]+)*%?/gu;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** ASCII classes for the word scan: 2 a letter or digit, 1 the dollar sign (a word character that does not join), 0 anything else. */
const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 2;
  for (let c = 65; c <= 90; c++) t[c] = 2;
  for (let c = 97; c <= 122; c++) t[c] = 2;
  t[36] = 1;
  return t;
})();

function isLetterOrDigit(c: number, text: string, i: number): boolean {
  if (c < 128) return ASCII_CLASS[c] === 2;
  return LETTER_OR_DIGIT.test(text[i]!);
}

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return ASCII_CLASS[c] !== 0;
  return c === 0x20ac || c === 0xa3 || c === 0x20b9 || LETTER_OR_DIGIT.test(text[i]!);
}

const WE = new Set(['we', 'our', 'ours', 'us', 'ourselves', "we're", "we've", "we'd", "we'll"]);
const I = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);

/**
 * Whether the word `text[start, end)` can be a we- or I-word, from its first
 * two letters, so most words are ruled out without making a string.
 */
function maybePronoun(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len > 9) return false;
  const f = text.charCodeAt(start) | 32;
  if (len === 1) return f === 105; // i
  const s = text.charCodeAt(start + 1);
  const s32 = s | 32;
  switch (f) {
    case 119: // w: we…
      return s32 === 101;
    case 111: // o: our…
      return s32 === 117;
    case 117: // u: us
      return s32 === 115;
    case 105: // i: i'm, i've…
      return s === 39 || s === 0x2019;
    case 109: // m: me, my, mine, myself
      return s32 === 101 || s32 === 121 || s32 === 105;
    default:
      return false;
  }
}

/**
 * Words of a file's prose, as sorted start offsets with a flag per word
 * (1 = a we-word, 2 = an I-word), so any range can be counted quickly.
 */
export class WordIndex {
  starts: number[] = [];
  flags: number[] = [];

  /** Add words counted elsewhere (another chunk), their offsets moved by `base`. */
  append(starts: readonly number[], flags: readonly number[], base: number): void {
    if (base === 0 && !this.starts.length) {
      // the first chunk (most files are one): a copy in one go (the chunk's own lists are kept between edits)
      this.starts = starts.slice();
      this.flags = flags.slice();
      return;
    }
    for (let i = 0; i < starts.length; i++) {
      this.starts.push(starts[i]! + base);
      this.flags.push(flags[i]!);
    }
  }

  /** Add the words of `text`, which starts at `offset` in the source. Calls must come in order. */
  add(text: string, offset: number, single = false): void {
    if (single) {
      if (/\S/.test(text)) {
        this.starts.push(offset);
        this.flags.push(0);
      }
      return;
    }
    // A hand-rolled scan (this runs on every character of prose): a word is a
    // run of letters, digits or currency signs, joined by ' ’ . , - between
    // word characters, as WORD_RE says.
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isWordChar(text.charCodeAt(i), text, i)) {
        i++;
        continue;
      }
      const start = i;
      i++;
      for (;;) {
        while (i < n && isWordChar(text.charCodeAt(i), text, i)) i++;
        const c = text.charCodeAt(i);
        if (i + 1 < n && (c === 39 || c === 0x2019 || c === 46 || c === 44 || c === 45) && isLetterOrDigit(text.charCodeAt(i + 1), text, i + 1)) i += 1;
        else break;
      }
      this.starts.push(offset + start);
      let flag = 0;
      if (maybePronoun(text, start, i)) {
        let w = text.slice(start, i).toLowerCase();
        if (w.includes('’')) w = w.replace(/’/g, "'");
        flag = WE.has(w) ? 1 : I.has(w) ? 2 : 0;
      }
      this.flags.push(flag);
    }
  }

  private lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The starts of the we/our/us words whose start lies in [start, end), outside the holes (at most `max`). */
  weStarts(start: number, end: number, holes: readonly [number, number][] = [], max = 20): number[] {
    const out: number[] = [];
    const b = this.lowerBound(end);
    outer: for (let k = this.lowerBound(start); k < b && out.length < max; k++) {
      if (this.flags[k] !== 1) continue;
      const s = this.starts[k]!;
      for (const [hs, he] of holes) if (s >= hs && s < he) continue outer;
      out.push(s);
    }
    return out;
  }

  /** Words whose start lies in [start, end), excluding any of the given holes. */
  count(start: number, end: number, holes: readonly [number, number][] = []): { words: number; we: number; i: number } {
    let words = 0;
    let we = 0;
    let i = 0;
    const a = this.lowerBound(start);
    const b = this.lowerBound(end);
    outer: for (let k = a; k < b; k++) {
      const s = this.starts[k]!;
      for (const [hs, he] of holes) if (s >= hs && s < he) continue outer;
      words++;
      const f = this.flags[k];
      if (f === 1) we++;
      else if (f === 2) i++;
    }
    return { words, we, i };
  }
}
