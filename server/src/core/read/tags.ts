// Stage 5 of the reader: a story's principle tags (contract section 6), from
// the frontmatter (`principles`, `lp`, `lps`, `leadership_principles`,
// `competency`, `competencies`, and framework names in `tags`), the
// `Principles:` / `LP:` / `Competencies:` lines of its metadata, its heading
// and the categories above it. Names are matched longest first; words a
// candidate meant as a tag but that name no principle are kept with the
// nearest name, for `unknown-principle`.

import type { FmLayout, FmScalar } from '../frontmatter';
import { HEADING_TYPO_DISTANCE, type PrincipleMatcher } from '../principles';
import type { PrincipleTag, Range, TagSource, UnknownTag } from '../types';
import { blank } from './blocks';

/** Frontmatter keys that hold principles (`tags` only where its words name one). */
export const FRONTMATTER_TAG_KEYS = ['principles', 'lp', 'lps', 'leadership_principles', 'competency', 'competencies', 'tags'];

/** The keys that name a story's principles: `Principles`, `LP`, `Competencies`… */
const TAG_KEY_WORDS = '(?:principles?|leadership principles?|lps?|competenc(?:y|ies)|lp tags?|principles? tested)';

const TAG_LINE = new RegExp(
  String.raw`^([ \t]*(?:[-*+][ \t]+)?)(?:[*_]{1,2})?${TAG_KEY_WORDS}(?:[*_]{1,2})?[ \t]*(?:\([^)]*\))?[ \t]*[:：][ \t]*(?:[*_]{1,2})?[ \t]*`,
  'i',
);

const TAG_KEY = new RegExp(`^${TAG_KEY_WORDS}$`, 'i');

/** Whether a key (a property table's first cell) names the principles: `LP`, `Principles`, `Competencies`. */
export function tagKey(key: string): boolean {
  return TAG_KEY.test(key.replace(/[*_`]/g, '').trim());
}

/**
 * Where the principle names start on a `Principles:` line (the same grammar
 * the reader tags stories by), or undefined when the line is not one.
 */
export function principlesLineStart(line: string): number | undefined {
  if (!line.includes(':') && !line.includes('：')) return undefined;
  const m = TAG_LINE.exec(line.includes('<!--') ? blank(line) : line);
  return m ? m[0].length : undefined;
}

const EVENT_LINE = /^([ \t]*(?:[-*+][ \t]+)?)(?:[*_]{1,2})?event(?:[ \t]+(?:key|id))?(?:[*_]{1,2})?[ \t]*[:：][ \t]*(?:[*_]{1,2})?[ \t]*/i;

/**
 * An `Event:` line of a story's metadata (`Event: sprint-optimisation`,
 * bold or plain, in a paragraph or a list item): where its key starts and
 * ends on the line, or undefined when the line is not one or names nothing.
 */
export function eventLineKey(line: string): { start: number; end: number } | undefined {
  if (!/event/i.test(line) || (!line.includes(':') && !line.includes('：'))) return undefined;
  const m = EVENT_LINE.exec(line);
  if (!m) return undefined;
  const rest = line.slice(m[0].length).replace(/[ \t]*(?:[*_]{1,2})?[ \t]*$/, '');
  if (!rest || rest.length > 80 || !/[\p{L}\p{N}]/u.test(rest)) return undefined;
  return { start: m[0].length, end: m[0].length + rest.length };
}

/** A line of nothing but hashtags (`#Ownership #DeliverResults`, `- #bias-for-action`). */
const HASHTAG_LINE = /^[ \t]*(?:[-*+][ \t]+)?#[\p{L}][\p{L}\p{N}_'’-]*(?:[ \t,]+#[\p{L}][\p{L}\p{N}_'’-]*)*[ \t,]*$/u;
const HASHTAG = /#([\p{L}][\p{L}\p{N}_'’-]*)/gu;

/** Whether a line holds only hashtags (a note app's tags). */
export function hashtagLine(line: string): boolean {
  return line.includes('#') && HASHTAG_LINE.test(line);
}

/** A hashtag's words: `DeliverResults`, `deliver-results`, `deliver_results` -> `Deliver Results`. */
function hashtagWords(tag: string): string {
  return tag
    .replace(/[_-]+/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .trim();
}

/** Words that hold a tag's place (`<Principle>`, `[Principle]`, `TODO`): no principle, and not a misspelt one. */
const PLACEHOLDER_TAG = /^(?:todo|tbd|tba|principles?|leadership principles?|competency|competencies|lps?)$/i;

/** Whether the leftover `start`..`end` of a tag text only holds a tag's place: a placeholder word, or text in brackets. */
function placeholderTag(text: string, start: number, end: number): boolean {
  if (PLACEHOLDER_TAG.test(text.slice(start, end).trim())) return true;
  const before = text.slice(0, start).trimEnd().at(-1);
  const after = text.slice(end).trimStart()[0];
  return (before === '<' && after === '>') || (before === '[' && after === ']') || (before === '{' && after === '}');
}

/** One story's tags, gathered from each place in turn; the first place of a name wins. */
export class StoryTags {
  readonly principles: PrincipleTag[] = [];
  readonly unknown: UnknownTag[] = [];
  /** Where the tags are written (for fixes and `too-many-principles`). */
  range: Range | undefined;

  constructor(
    private readonly text: string,
    private readonly matcher: PrincipleMatcher,
    private readonly rangeOf: (start: number, end: number) => Range,
  ) {}

  /** The names in `text` (at `offset` in the file); with `reportUnknown`, what names none is kept as an unknown tag. */
  add(text: string, offset: number, source: TagSource, reportUnknown: boolean): void {
    const { matches, leftovers } = this.matcher.scan(blank(text));
    for (const m of matches) {
      if (this.principles.some((p) => p.name === m.name)) continue;
      this.principles.push({ name: m.name, raw: text.slice(m.start, m.end), range: this.rangeOf(offset + m.start, offset + m.end), source });
    }
    if (reportUnknown)
      for (const l of leftovers) {
        if (placeholderTag(text, l.start, l.end)) continue;
        const sug = this.matcher.suggest(l.text);
        this.unknown.push({ raw: l.text, range: this.rangeOf(offset + l.start, offset + l.end), source, suggestion: sug.name, distance: sug.distance });
      }
  }

  /** The frontmatter's tag keys (a single-story file). */
  frontmatter(layout: FmLayout | undefined, contentOffset: number): void {
    if (!layout) return;
    for (const key of FRONTMATTER_TAG_KEYS) {
      const pair = layout.pairs.find((p) => p.key === key);
      if (!pair) continue;
      // `tags` holds the candidate's own words too: only the framework's names in it count, and nothing else is reported
      const own = key !== 'tags';
      if (own) this.range = this.rangeOf(contentOffset + pair.keyStart, contentOffset + pair.keyEnd);
      const scalar = (node: FmScalar) => {
        if (typeof node.value !== 'string') return;
        const raw = this.text.slice(contentOffset + node.start, contentOffset + node.end);
        // quoted scalars: skip the quote so offsets line up with the text
        const quoted = raw.startsWith('"') || raw.startsWith("'");
        const text = quoted ? raw.slice(1, -1) : raw;
        const offset = contentOffset + node.start + (quoted ? 1 : 0);
        if (own || this.matcher.resolve(text)) this.add(text, offset, 'frontmatter', own);
      };
      if (pair.items) for (const item of pair.items) scalar(item);
      else if (pair.scalar) scalar(pair.scalar);
    }
  }

  /** A line of hashtags: each one that names a principle is a tag; others (`#interview`) are the candidate's own. */
  hashtags(line: string, offset: number): void {
    for (const m of line.matchAll(HASHTAG)) {
      const name = this.matcher.resolve(hashtagWords(m[1]!));
      if (!name || this.principles.some((p) => p.name === name)) continue;
      const start = offset + m.index!;
      this.principles.push({ name, raw: m[0], range: this.rangeOf(start, start + m[0].length), source: 'line' });
      this.range ??= this.rangeOf(start, start + m[0].length);
    }
  }

  /**
   * A story's heading: its principle names; and a near miss in the label
   * before its first colon (`**1. Invent and Simplfy: …**`) is a misspelt tag.
   */
  heading(titleStart: number, titleEnd: number): void {
    const raw = this.text.slice(titleStart, titleEnd);
    const before = this.principles.length;
    this.add(raw, titleStart, 'heading', false);
    if (this.principles.length > before) this.range ??= this.rangeOf(titleStart, titleEnd);
    const clean = blank(raw);
    const colon = clean.indexOf(':');
    if (colon === -1) return;
    // the unknown-principle rule may report fewer (its maxSuggestionDistance), never more
    for (const l of this.matcher.scan(clean.slice(0, colon)).leftovers) {
      if (!/\p{L}{3}/u.test(l.text)) continue;
      const sug = this.matcher.suggest(l.text);
      if (sug.distance > 0 && sug.distance <= HEADING_TYPO_DISTANCE)
        this.unknown.push({
          raw: l.text,
          range: this.rangeOf(titleStart + l.start, titleStart + l.end),
          source: 'heading',
          suggestion: sug.name,
          distance: sug.distance,
        });
    }
  }
}
