// Practice prompts: the follow-up questions an interviewer is likely to ask
// about a story, derived from the story alone (deterministic: the same story
// gives the same prompts in the same order). Each prompt cites the place in
// the file it comes from: a claim's figure, the first "we" of the Action, a
// thin part's words, the marker of an empty part, the title (for a part the
// story lacks) or a principle tag. Pure: facts and the file's text in, prompts out.

import { contentTerms, storyTerms, termKey } from './events';
import type { Framework } from './framework';
import { storyShape } from './readiness';
import { unquantifiedResults } from './rules/unquantified-result';
import { LineIndex } from './text';
import { PART_NAMES, type Claim, type Part, type PartName, type Pos, type Range, type Story } from './types';

/** Where a prompt's citation sits: a part of the story, its title, or a principle tag. */
export type PromptPart = PartName | 'title' | 'principle';

export type PromptKind =
  /** a quantified claim: how it was measured, against what, over what period */
  | 'claim'
  /** "we" in the Action: what the candidate did themself */
  | 'ownership'
  /** a part the story does not tell (S, T, A, R, or no Learning) */
  | 'missing-part'
  /** a Result told without a number */
  | 'no-number'
  /** a part told in very few words (see THIN_WORDS) */
  | 'thin-part'
  /** a tagged principle's own question (from the framework) */
  | 'principle';

export interface PracticePrompt {
  question: string;
  kind: PromptKind;
  source: {
    part: PromptPart;
    /** Where in the file the prompt comes from (LSP-style, 0-based). */
    range: Range;
    /** The text at `range`: the short text the prompt cites (at most QUOTE_MAX characters; one line, except a claim written over a line break). */
    quote: string;
  };
  /** For `missing-part` and `thin-part`: the part the question is about. */
  about?: PartName;
}

export interface PracticeContext {
  /** The file's text the story's facts were read from (BOM stripped), for the quotes; without it quotes come from the facts. */
  text?: string;
  /** The framework whose questions the tagged principles ask. */
  framework: Framework;
  /** The line index of `text`, when the caller keeps one. */
  lines?: LineIndex;
  /** At most this many prompts (default MAX_PROMPTS). */
  max?: number;
}

/** The line index of the last text seen: the lenses of a bank ask for every story of one text in a row. */
let lastLines: LineIndex | undefined;
function linesOf(text: string): LineIndex {
  if (lastLines?.text !== text) lastLines = new LineIndex(text);
  return lastLines;
}

/** A question's telling words (as questions.ts compares them), kept: every story tagged with a principle asks them again. */
const keysOf = new Map<string, string[]>();
function questionKeys(q: string): string[] {
  let keys = keysOf.get(q);
  if (!keys) {
    keys = [
      ...new Set(
        contentTerms(q)
          .filter((t) => !t.includes(' '))
          .map(termKey),
      ),
    ];
    if (keysOf.size > 2000) keysOf.clear();
    keysOf.set(q, keys);
  }
  return keys;
}

/** At most this many prompts per story: the list is for practice, not a questionnaire. */
export const MAX_PROMPTS = 8;
/** At most this many claims are asked about (Result claims first), so gaps and ownership still fit. */
export const MAX_CLAIM_PROMPTS = 3;
/** At most this many principle questions. */
export const MAX_PRINCIPLE_PROMPTS = 2;
/** A quote is cut to one line and at most this many characters (its range with it). */
export const QUOTE_MAX = 60;

/**
 * A told part with fewer spoken words than this is thin: one short sentence.
 * The Action carries the story, so it is thin under 25 words; the other parts under 10.
 */
export const THIN_WORDS: Record<PartName, number> = { situation: 10, task: 10, action: 25, result: 10, learning: 10 };

/** The question that exposes a part the story does not tell. */
const MISSING: Record<PartName, string> = {
  situation: 'Set the scene: where were you, and what was going wrong before you stepped in?',
  task: 'What exactly were you responsible for, and who was counting on you?',
  action: 'What did you do, step by step?',
  result: 'What was the outcome, in numbers?',
  learning: 'What would you do differently if you did it again?',
};

/** The probing question for a part told in a sentence or less. */
const THIN: Record<PartName, string> = {
  situation: 'What was at stake, and for whom? Why did it matter then?',
  task: 'Why was this yours to solve, and what did success look like?',
  action: 'Walk me through what you did, step by step: which call was the hardest?',
  result: 'What changed afterwards, and how do you know it was your work that changed it?',
  learning: 'What have you done differently since, because of what you learned?',
};

const NO_NUMBER = 'How much better was it, in numbers: what was it before, and what after?';

/** The question for a claim, by its kind: how it was measured, against what, over what period. */
function claimQuestion(c: Claim, q: string): string {
  if (c.target) return `You aimed for "${q}": did you reach it, and how do you know?`;
  switch (c.kind) {
    case 'change':
      return `How did you measure "${q}", and over what period?`;
    case 'percent':
      return c.unit === 'pp'
        ? `"${q}": what was the rate before and after, and how was it measured?`
        : `How did you measure "${q}", and what was the baseline?`;
    case 'money':
      return `How did you arrive at "${q}": what does it count, and over what period?`;
    case 'duration':
      return `"${q}": from when to when, and how does it compare with before?`;
    case 'multiple':
      return `"${q}" compared with what: what was the baseline, and how did you measure it?`;
    default:
      return `How did you count "${q}", and how much of it was your doing?`;
  }
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function inside(r: Range, outer: Range): boolean {
  return !before(r.start, outer.start) && !before(outer.end, r.end);
}

/** Where a part's own text sits: its content, or its marker when the content is empty. */
function partSpan(p: Part): Range {
  return { start: before(p.markerRange.start, p.contentRange.start) ? p.markerRange.start : p.contentRange.start, end: p.contentRange.end };
}

/**
 * The follow-up questions an interviewer is likely to ask about a story, in
 * this order, each once, at most `ctx.max` (8): a part it does not tell (S,
 * T, A, R), a Result with no number, its claims (Result claims first, at
 * most 3), "we" in the Action, thin parts, no Learning, then the tagged
 * principles' own questions (at most 2). Never throws.
 */
export function practicePrompts(story: Story, ctx: PracticeContext): PracticePrompt[] {
  try {
    return prompts(story, ctx);
  } catch {
    return [];
  }
}

function prompts(story: Story, ctx: PracticeContext): PracticePrompt[] {
  const text = ctx.text;
  const lines = text !== undefined ? (ctx.lines ?? linesOf(text)) : undefined;
  const out: PracticePrompt[] = [];
  const seen = new Set<string>();
  const max = Math.max(0, ctx.max ?? MAX_PROMPTS);

  /** The citation of a range: cut to its first line and QUOTE_MAX characters (at a word end), the quote the text there. */
  const cite = (part: PromptPart, range: Range, fallback: string, multiline = false): PracticePrompt['source'] => {
    if (!lines || !text) {
      const quote = fallback.split(/\r\n|\r|\n/)[0]!.slice(0, QUOTE_MAX);
      return { part, range, quote };
    }
    let a = lines.offset(range.start);
    const end = Math.max(a, lines.offset(range.end));
    // a part's content may start with the marker line's break: the quote starts at its first word
    while (a < end && /\s/.test(text[a]!)) a++;
    let b = multiline ? end : Math.min(end, lines.lineEnd(lines.pos(a).line));
    if (b - a > QUOTE_MAX) {
      const cut = text.slice(a, a + QUOTE_MAX + 1);
      const space = cut.search(/\s\S*$/);
      b = a + (space > 0 ? space : QUOTE_MAX);
    }
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    // a low surrogate is never left without its high one
    if (b > a && b < text.length && /[\uDC00-\uDFFF]/.test(text[b]!) && /[\uD800-\uDBFF]/.test(text[b - 1]!)) b--;
    return { part, range: lines.range(a, b), quote: text.slice(a, b) };
  };
  const add = (p: PracticePrompt) => {
    if (out.length >= max || seen.has(p.question)) return;
    seen.add(p.question);
    out.push(p);
  };

  /** A marker's own words (`Task` of `**Task:**`), when the text holds them. */
  const labelRange = (p: Part): Range => {
    if (!lines || !text || !p.label) return p.markerRange;
    const a = lines.offset(p.markerRange.start);
    const at = text.slice(a, lines.offset(p.markerRange.end)).indexOf(p.label);
    return at >= 0 ? lines.range(a + at, a + at + p.label.length) : p.markerRange;
  };
  const shape = storyShape(story);
  const told = (p: Part) => p.words > 0 && !p.placeholderOnly;
  // the title's own words: a pseudo-heading's range holds its bold markers too
  const title = () => {
    if (!lines || !text || !story.title) return cite('title', story.titleRange, story.title);
    const a = lines.offset(story.titleRange.start);
    const b = lines.offset(story.titleRange.end);
    const at = text.slice(a, b).indexOf(story.title);
    const source = cite('title', at > 0 ? lines.range(a + at, a + at + story.title.length) : story.titleRange, story.title);
    // a title with no place in the text (a frontmatter key the YAML could not place): cite where the story starts telling
    const first = source.quote.trim() ? undefined : story.parts.find((p) => told(p));
    return first ? cite(first.names[0]!, first.inferred ? first.contentRange : labelRange(first), first.label) : source;
  };

  // 1. a part the story does not tell: cite its empty marker when it has one, else the title
  for (const name of PART_NAMES) {
    if (shape.told.includes(name)) continue;
    const empty = story.parts.find((p) => p.names.includes(name) && !p.inferred);
    add({ question: MISSING[name], kind: 'missing-part', about: name, source: empty ? cite(name, labelRange(empty), empty.label) : title() });
  }

  // 2. a Result told without a number
  const bare = shape.told.includes('result') ? unquantifiedResults(story)[0] : undefined;
  if (bare) add({ question: NO_NUMBER, kind: 'no-number', about: 'result', source: cite('result', bare.contentRange, '') });

  // 3. claims inside a told part: the Result's first, then the others in story order, each figure once
  const partOf = (r: Range): Part | undefined => story.parts.find((p) => told(p) && inside(r, partSpan(p)));
  const claims = story.claims
    .map((c, i) => ({ c, i, part: partOf(c.range) }))
    // outside the Result a count ("two customers") is scene-setting, not a claim to defend
    .filter((x) => x.part && (x.part.names.includes('result') || (x.c.kind !== 'count' && x.c.kind !== 'size')))
    .sort((x, y) => Number(!x.part!.names.includes('result')) - Number(!y.part!.names.includes('result')) || x.i - y.i);
  const figures = new Set<string>();
  let asked = 0;
  for (const { c, part } of claims) {
    if (asked >= MAX_CLAIM_PROMPTS) break;
    // a claim may run over a line break: its quote keeps it, its question reads it as one line
    const source = cite(part!.names.includes('result') ? 'result' : part!.names[0]!, c.range, c.text, true);
    const figure = source.quote.replace(/\s+/g, ' ');
    if (!figure || figures.has(figure.toLowerCase())) continue;
    figures.add(figure.toLowerCase());
    asked++;
    add({ question: claimQuestion(c, figure), kind: 'claim', source });
  }

  // 4. "we" in the Action: cite the first we/our/us
  const action = story.parts.find((p) => told(p) && p.names.includes('action') && p.weCount > 0 && p.weRanges?.length);
  if (action) {
    const source = cite('action', action.weRanges![0]!, 'we');
    const n = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
    add({
      question:
        action.weCount > action.iCount
          ? `The Action says "we" ${n(action.weCount)} and "I" ${action.iCount === 0 ? 'never' : n(action.iCount)}: what did you do yourself, and what did the others do?`
          : `Where the Action says "${source.quote}": which part of that was yours?`,
      kind: 'ownership',
      source,
    });
  }

  // 5. a part told in very few words
  for (const p of story.parts) {
    const name = p.names[0];
    if (!name || !told(p) || p.words >= THIN_WORDS[name]) continue;
    add({ question: THIN[name], kind: 'thin-part', about: name, source: cite(name, p.contentRange, '') });
  }

  // 6. no Learning
  if (!story.parts.some((p) => told(p) && p.names.includes('learning')))
    add({ question: MISSING.learning, kind: 'missing-part', about: 'learning', source: title() });

  // 7. each tagged principle's question that shares the most words with the story
  let keys: Set<string> | undefined;
  const principles = new Set<string>();
  for (const tag of story.principles) {
    if (principles.size >= MAX_PRINCIPLE_PROMPTS || principles.has(tag.name)) continue;
    const p = ctx.framework.principles.find((x) => x.name === tag.name);
    if (!p?.questions.length) continue;
    principles.add(tag.name);
    keys ??= new Set(
      storyTerms(story)
        .filter((t) => !t.includes(' '))
        .map(termKey),
    );
    let best = p.questions[0]!;
    let score = -1;
    for (const q of p.questions) {
      let n = 0;
      for (const k of questionKeys(q)) if (keys.has(k)) n++;
      if (n > score) {
        score = n;
        best = q;
      }
    }
    add({ question: best, kind: 'principle', source: cite('principle', tag.range, tag.raw) });
  }
  return out;
}

/** A small seeded generator (mulberry32): the same seed picks the same question. */
export function seededIndex(seed: number, length: number): number {
  if (length <= 0) return -1;
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return Math.floor(r * length);
}
