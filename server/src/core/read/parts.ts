// Stage 4 of the reader: a story's parts (contract sections 2 and 3). A
// marked part runs from its marker to the next, or to a heading that closes
// it; parts the story tells without markers are read from its prose
// (prose.ts): before the first marker, and after a marked part where a later
// sentence has a cue for a part marked nowhere. Words are counted less the
// holes (metadata and tag lines), so what they add up to is what is spoken.

import { isSpaceCode, type LineIndex, trimEndAt, type WordIndex } from '../text';
import type { Part } from '../types';
import { blank, type Block, lowerBound, PLACEHOLDERS, placeholderText } from './blocks';
import type { Marker } from './markers';
import { type AnyPart, rankOf } from './names';
import { byPlaceOnly, clauses, decode, type LabelledUnit, type Unit } from './prose';
import type { Head } from './stories';

/** What reading parts needs of the file. */
export interface PartDoc {
  text: string;
  lines: LineIndex;
  words: WordIndex;
  blocks: readonly Block[];
  nonProse: readonly number[];
  heads: readonly Head[];
  headings: readonly Extract<Block, { kind: 'heading' }>[];
  range(start: number, end: number): Part['markerRange'];
  units(start: number, end: number, holes?: readonly [number, number][]): Unit[];
}

/** Placeholder text: the whole of a part that is not written yet. */
const PLACEHOLDER_TEXT =
  /^(?:\s|tbd|todo|tba|n\/a|fill(?: me)? in|write here|add (?:here|details|text)|placeholder|example:?|your (?:answer|story|text) here|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\.{2,}|…|_{2,}|-{1,3}|\?+|[*_:.,;()|])*$/i;

/** Words without which no sentence reads as a Learning (a cheap test before decoding a Result's tail). */
const LEARNING_HINT =
  /\b(?:i learned|i learnt|i realized|i realised|lessons?\b|taught me|in hindsight|looking back|next time|i now\b|reflect\w*|takeaway|differently)/i;
const LEARNING_HINT_AT = new RegExp(LEARNING_HINT.source, 'gi');

/** A we-word from its start (`we`, `our`, `we're`). */
const WE_WORD = /[\p{L}'’]+/uy;

/** The part names of some parts. */
function namesOf(parts: readonly Part[]): Set<AnyPart> {
  const out = new Set<AnyPart>();
  for (const p of parts) for (const n of p.names) out.add(n);
  return out;
}

/**
 * A line holding only a list marker or quote mark. The leading blanks are taken at once (a
 * lookahead and its backreference make an atomic group): with two runs of `[ \t]*` the engine
 * tried every split of a long run of spaces, quadratic on a line of spaces before a label.
 */
const BARE_PREFIX = /^(?=([ \t]*))\1(?:[-*+>]|\d{1,9}[.)])*[ \t]*$/;

export class PartReader {
  constructor(
    private readonly doc: PartDoc,
    private readonly holes: [number, number][],
    private readonly withoutInference: boolean,
  ) {}

  /** The parts of a story whose body runs from `bodyStart` to `answerEnd` (where prep sections begin), in order. */
  read(markers: readonly Marker[], bodyStart: number, answerEnd: number): Part[] {
    const holes = this.holes;
    const heads = this.doc.heads;
    const headings = this.doc.headings;
    const parts: Part[] = [];
    for (let i = 0; i < markers.length; i++) {
      const m = markers[i]!;
      // up to the next marker: its line's start when it opens a line (a list item's `- ` is not this part's text)
      const next = markers[i + 1];
      const nextAt = next ? (next.form !== 'inline' && next.lineStart > m.contentStart ? next.lineStart : next.start) : answerEnd;
      let end = Math.min(nextAt, answerEnd);
      // a part also ends at a heading that is not deeper than its own marker
      for (let k = lowerBound(heads, m.start + 1, (h) => h.start); k < heads.length; k++) {
        const h = heads[k]!;
        if (h.start >= end) break;
        if (m.form !== 'heading' || h.type === 'pseudo' || h.level <= m.level) {
          if (h.type === 'pseudo' && m.form !== 'heading') continue;
          end = h.start;
          break;
        }
      }
      if (m.form === 'heading')
        for (let k = lowerBound(headings, m.start + 1, (b) => b.start); k < headings.length; k++) {
          const b = headings[k]!;
          if (b.start >= end) break;
          if (b.level <= m.level) {
            end = b.start;
            break;
          }
        }
      parts.push(this.markedPart(m, end, holes));
    }
    const marked = [...parts];
    // parts: in prose, before the first marker (or the whole story when nothing is marked)
    if (!this.withoutInference) {
      const markedNames = namesOf(parts);
      const firstRank = markers.length ? Math.min(...markers[0]!.names.map(rankOf)) : 99;
      const allowed = (['situation', 'task', 'action', 'result', 'learning'] as AnyPart[]).filter((p) => !markedNames.has(p) && rankOf(p) < firstRank);
      const regionEnd = Math.min(markers[0]?.start ?? answerEnd, answerEnd);
      if (allowed.length) {
        const units = this.doc.units(bodyStart, regionEnd, holes).flatMap(clauses);
        parts.unshift(...this.inferredParts(decode(units, allowed), holes));
      }
      // parts told in prose after a marked one: paragraphs past the marker's own that go on to later, unmarked parts
      const all = namesOf(parts);
      const last = markers.length - 1;
      if (all.size === 4 && !all.has('learning') && last >= 0 && markers[last]!.names.includes('result') && !markers[last]!.spans) {
        // the four parts all marked, the Result last: only a Learning may be told after it
        parts.push(...this.learningTail(marked[last]!, holes));
      } else if (all.size < 5)
        for (let i = 0; i < markers.length; i++) {
          const tail = this.tailParts(markers, i, marked[i]!, all, holes);
          for (const t of tail) {
            parts.push(t);
            all.add(t.names[0]!);
          }
        }
    }
    parts.sort((a, b) => a.contentStart - b.contentStart);

    return parts;
  }

  /** Parts that hold only placeholders, with nothing told in prose: a template, not a story. */
  template(parts: readonly Part[]): boolean {
    return parts.length > 0 && parts.every((p) => p.words === 0 || p.placeholderOnly || this.placeholder(p)) && !parts.some((p) => p.inferred);
  }

  /**
   * A marked part whose later paragraphs tell parts that are marked nowhere
   * (`**Situation:** …` then a paragraph of what was done and how it ended):
   * those paragraphs are decoded; from the first unit that reads as a later
   * part, the marked part ends and inferred parts follow.
   */
  private tailParts(markers: readonly Marker[], i: number, part: Part, marked: ReadonlySet<AnyPart>, holes: [number, number][]): Part[] {
    const m = markers[i]!;
    if (m.spans) return [];
    const own = m.names[m.names.length - 1]!;
    const nextRank = markers[i + 1] ? Math.min(...markers[i + 1]!.names.map(rankOf)) : 99;
    const allowed = (['situation', 'task', 'action', 'result', 'learning'] as AnyPart[]).filter(
      (p) => rankOf(p) > rankOf(own) && rankOf(p) < nextRank && !marked.has(p),
    );
    if (!allowed.length) return [];
    // only a Learning could follow (after the Result): it starts at the sentence that speaks of one, if any
    if (allowed.length === 1 && allowed[0] === 'learning') return this.learningTail(part, holes);
    // the marker's own first sentence is the part's; what follows may go on to later parts
    const units = this.doc.units(m.start, part.contentEnd, holes).flatMap(clauses).slice(1);
    if (!units.length) return [];
    const labelled = decode(units, [own, ...allowed]);
    // a marked part goes on to another only at a sentence with a cue for it, not by its place alone
    const first = labelled.findIndex((u) => u.part !== own && !byPlaceOnly(u));
    if (first < 0) return [];
    // the marked part ends where the first of them starts
    this.endPartAt(part, labelled[first]!.start, holes);
    return this.inferredParts(labelled.slice(first), holes);
  }

  /** Decoded units as parts: a run of units with one label is one part, its words counted. */
  private inferredParts(labelled: readonly LabelledUnit[], holes: [number, number][]): Part[] {
    const out: Part[] = [];
    for (const u of labelled) {
      const last = out[out.length - 1];
      if (last && last.names[0] === u.part) {
        last.contentEnd = u.end;
        continue;
      }
      out.push(this.inferredPart(u.part, u.start, u.end, u.cue));
    }
    for (const p of out) this.recount(p, holes);
    return out;
  }

  /** A marked part cut short where a part read from its prose begins: its end and its words again. */
  private endPartAt(part: Part, at: number, holes: [number, number][]): void {
    part.contentEnd = trimEndAt(this.doc.text, part.contentStart, at);
    this.recount(part, holes);
  }

  /** A Learning told at the end of a marked part: from the first sentence past its first that speaks of one. */
  private learningTail(part: Part, holes: [number, number][]): Part[] {
    // a cheap look first, in place, before the part's text is cut out
    LEARNING_HINT_AT.lastIndex = part.contentStart;
    const hit = LEARNING_HINT_AT.exec(this.doc.text);
    if (!hit || hit.index >= part.contentEnd) return [];
    const raw = this.doc.text.slice(part.contentStart, part.contentEnd);
    const m = { index: hit.index - part.contentStart };
    // the start of that sentence: back to the end of the one before it
    let k = m.index - 1;
    while (k > 0 && isSpaceCode(raw.charCodeAt(k))) k--;
    for (; k > 0; k--) {
      const c = raw[k]!;
      if ((c === '.' || c === '!' || c === '?') && isSpaceCode(raw.charCodeAt(k + 1))) break;
    }
    if (k <= 0) return []; // the part's own first sentence
    let startAt = k + 1;
    while (startAt < raw.length && isSpaceCode(raw.charCodeAt(startAt))) startAt++;
    const start = part.contentStart + startAt;
    const out = this.inferredPart('learning', start, part.contentEnd, 'what I learned');
    this.endPartAt(part, start, holes);
    this.recount(out, holes);
    return [out];
  }

  /** The end of a part's text: without trailing space, nor the list marker or quote mark of the next item's line. */
  private trimPartEnd(start: number, end: number): number {
    const text = this.doc.text;
    let e = trimEndAt(text, start, end);
    for (;;) {
      const nl = text.lastIndexOf('\n', e - 1);
      if (nl < start) return e;
      if (!BARE_PREFIX.test(text.slice(nl + 1, e))) return e;
      e = trimEndAt(text, start, nl);
    }
  }

  private placeholder(p: Part): boolean {
    if (p.inferred) return false;
    const text = blank(this.doc.text.slice(p.contentStart, p.contentEnd));
    return (p.words <= 12 && PLACEHOLDER_TEXT.test(text)) || placeholderText(text);
  }

  private markedPart(m: Marker, end: number, holes: [number, number][]): Part {
    const spans = m.spans ?? [[m.contentStart, end] as [number, number]];
    let words = 0;
    let we = 0;
    let i = 0;
    for (const [a, b] of spans) {
      const c = this.doc.words.count(a, b, holes);
      words += c.words;
      we += c.we;
      i += c.i;
    }
    const contentStart = spans[0]?.[0] ?? m.contentStart;
    const lastEnd = spans[spans.length - 1]?.[1] ?? end;
    const np = lowerBound(this.doc.nonProse, contentStart, (o) => o);
    const hasNonProse = !m.spans && np < this.doc.nonProse.length && this.doc.nonProse[np]! < lastEnd;
    let placeholderOnly = false;
    let shortWords: string[] | undefined;
    if (words > 0 && words <= 6 && !hasNonProse) {
      shortWords = spans.flatMap(([a, b]) => blank(this.doc.text.slice(a, b)).match(/[\p{L}\p{N}]+/gu) ?? []);
      placeholderOnly = shortWords.every((w) => PLACEHOLDERS.has(w.toLowerCase()));
    }
    const contentEnd = this.trimPartEnd(contentStart, lastEnd);
    // where we-not-i (an Action that says we more than I: up to 20) and the practice prompts (the first) point
    const weRanges = we > 0 && m.names.includes('action') ? this.weRanges(spans, holes, we > i ? 20 : 1) : undefined;
    const part: Part = {
      names: m.names,
      label: m.label,
      markerRange: this.doc.range(m.start, m.end),
      contentRange: this.doc.range(contentStart, contentEnd),
      contentStart,
      contentEnd,
      words,
      placeholderOnly,
      ...(shortWords ? { shortWords } : {}),
      hasNonProse,
      style: m.style,
      weCount: we,
      iCount: i,
      ...(weRanges ? { weRanges } : {}),
    };
    if (!placeholderOnly && words > 0 && this.placeholder(part)) part.placeholderOnly = true;
    // a placeholder is not content: it says nothing, so it counts no words
    if (part.placeholderOnly) {
      part.words = 0;
      part.weCount = 0;
      part.iCount = 0;
    }
    return part;
  }

  private inferredPart(name: AnyPart, start: number, end: number, cue: string): Part {
    return {
      names: [name],
      label: '',
      markerRange: this.doc.range(start, start),
      contentRange: this.doc.range(start, end),
      contentStart: start,
      contentEnd: end,
      words: 0,
      placeholderOnly: false,
      hasNonProse: false,
      style: { kind: 'label' },
      weCount: 0,
      iCount: 0,
      inferred: true,
      cue,
    };
  }

  /** Where the first we/our/us words of some spans are written (at most 20). */
  private weRanges(spans: readonly (readonly [number, number])[], holes: [number, number][], max: number): Part['markerRange'][] {
    const out: Part['markerRange'][] = [];
    const text = this.doc.text;
    for (const [a, b] of spans)
      for (const s of this.doc.words.weStarts(a, b, holes, max - out.length)) {
        WE_WORD.lastIndex = s;
        const m = WE_WORD.exec(text);
        out.push(this.doc.range(s, s + (m ? m[0].length : 2)));
      }
    return out;
  }

  /** A part's words, we- and I-words and content range, from its start and end. */
  private recount(p: Part, holes: [number, number][]): void {
    const c = this.doc.words.count(p.contentStart, p.contentEnd, holes);
    // a placeholder counts no words (markedPart)
    p.words = p.placeholderOnly ? 0 : c.words;
    p.weCount = p.placeholderOnly ? 0 : c.we;
    p.iCount = p.placeholderOnly ? 0 : c.i;
    if (p.weCount > 0 && p.names.includes('action')) p.weRanges = this.weRanges([[p.contentStart, p.contentEnd]], holes, p.weCount > p.iCount ? 20 : 1);
    else delete p.weRanges;
    p.contentRange = this.doc.range(p.contentStart, p.contentEnd);
  }
}
