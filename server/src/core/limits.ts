// Input limits: the bounds that keep the work on one file linear in its
// size, checked before the markdown and YAML parsers see the text.
//
// The parsers under us recurse on nesting (a list in a list in a list…) and
// resolve emphasis and brackets in time that grows with the square of the
// delimiters in one block. So, as cmark and comrak bound nesting, text
// beyond a depth, and a block with too many emphasis or bracket delimiters,
// is read as plain text: its marker characters are swapped for stand-ins of
// the same length before the parse (offsets do not move) and put back in the
// tree after it. Each cut becomes a `read-limit` problem that says what was
// read as text. A file too large to analyse in time is not analysed at all.
//
// The scan costs one pass over the text with a few comparisons per line; on
// an ordinary story it finds nothing and the parse is the same as before.

import type { Root } from 'mdast';

/** Files longer than this (in UTF-16 code units, about 8 MB of text) are reported, not analysed. */
export const MAX_ANALYSED_CHARS = 8 * 1024 * 1024;
/** Containers (quotes and list items) deeper than this on one line: the rest of the line is text. */
export const MAX_NESTING = 64;
/** Leading blanks wider than this before a list marker or `>` (deep nesting by indentation): read as text. */
export const MAX_INDENT = 4 * MAX_NESTING;
/** Emphasis (`*`, `_`) or bracket (`[`, `]`) characters in one block beyond this: that block's are read as text. */
export const MAX_DELIMITERS = 400;
/**
 * Block quotes opened in one text beyond this: their `>` are read as text. (The parser's time
 * grows with the square of the quotes: 2,000 short quotes took over 3 s.)
 */
export const MAX_QUOTES = 200;
/** Flow collections (`[`, `{`) in the frontmatter deeper than this: the frontmatter is not read. */
export const MAX_YAML_DEPTH = 64;

/** A limit met while reading: what was read as text (or not read), and where (offsets in the text). */
export interface LimitProblem {
  message: string;
  start: number;
  end: number;
  /**
   * For a limit met line by line or block by block: which, and how many places
   * of this text met it (the problem stands at the first). A document read in
   * chunks joins the chunks' problems of a kind into one (`joinedLimitMessage`),
   * so it says what a whole parse says.
   */
  each?: { kind: 'nested' | 'indent' | 'dense'; count: number };
}

/** The message of a per-line or per-block limit met at `count` places, worded for the first of them. */
export function joinedLimitMessage(kind: 'nested' | 'indent' | 'dense', count: number): string {
  const more = count > 1 ? ` (and ${count - 1} more place${count > 2 ? 's' : ''} in this file)` : '';
  if (kind === 'nested') return `Lists and quotes nest deeper than ${MAX_NESTING} levels here; the rest of the line was read as plain text${more}.`;
  if (kind === 'indent')
    return `A list marker or quote mark is indented by more than ${MAX_INDENT} columns here; the rest of the line was read as plain text${more}.`;
  return `This block has more than ${MAX_DELIMITERS} emphasis or bracket characters (\`*\`, \`_\`, \`[\`, \`]\`); they were read as plain text${more}.`;
}

/** Stand-ins are private-use characters: U+E000 plus the character's code. */
const STAND_IN = 0xe000;
const STAND_IN_RE = /[\uE000-\uE07F]/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** A list marker or quote mark at `i` (followed by a blank or the line's end): the offset after it, or -1. */
function containerAt(text: string, i: number, lineEnd: number): number {
  const c = text.charCodeAt(i);
  if (c === 62) return i + 1; // '>'
  let j = i;
  if (c === 45 || c === 42 || c === 43)
    j = i + 1; // - * +
  else {
    while (j < lineEnd && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === i) return -1;
    const d = text.charCodeAt(j);
    if (d !== 46 && d !== 41) return -1; // . )
    j++;
  }
  return j === lineEnd || isBlank(text.charCodeAt(j)) ? j : -1;
}

/** Where the markdown after a frontmatter block starts (0 without one). */
function frontmatterEnd(text: string): number {
  if (!text.startsWith('---')) return 0;
  const m = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/g;
  m.lastIndex = 3;
  const found = m.exec(text);
  return found ? found.index + found[0].length : 0;
}

/** A line whose first characters could nest past the limit or be indented past it (both take that many). */
const LONG_PREFIX = new RegExp(`^[ \\t>*+\\-.)0-9]{${MAX_NESTING + 1}}`, 'm');

/**
 * Whether no limit can be met, decided in one tight pass (the usual case):
 * no block can hold more emphasis than the whole file, no file opens more
 * quotes than it has `>`, and nesting past the limit (or indenting past it)
 * takes a line starting with that many container characters.
 */
function withinLimits(text: string): boolean {
  let delims = 0;
  let quoteMarks = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 42 || c === 95 || c === 91 || c === 93) delims++;
    else if (c === 62) quoteMarks++;
  }
  return delims <= MAX_DELIMITERS && quoteMarks <= MAX_QUOTES && !LONG_PREFIX.test(text);
}

/**
 * The offsets whose characters must be read as text, and the problems to
 * report; undefined when the text is within every limit (the usual case).
 */
function findCuts(text: string): { cuts: number[]; problems: LimitProblem[] } | undefined {
  if (withinLimits(text)) return undefined;
  let cuts: number[] | undefined;
  const problems: LimitProblem[] = [];
  const n = text.length;
  // one problem per kind, at its first place, counting the others (a generated file could hold thousands)
  let nested = 0;
  let firstNested: [number, number, boolean] = [0, 0, true];
  let dense = 0;
  let firstDense: [number, number] = [0, 0];
  // emphasis and brackets of the current block (a run of non-blank lines)
  let blockStart = 0;
  let delims = 0;
  let delimFirst = -1;
  const endBlock = (end: number) => {
    if (delims > MAX_DELIMITERS) {
      cuts ??= [];
      for (let k = delimFirst; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === 42 || c === 95 || c === 91 || c === 93) cuts.push(k);
      }
      if (dense++ === 0) firstDense = [blockStart, end];
    }
    delims = 0;
    delimFirst = -1;
  };
  // a file with no more emphasis and brackets than one block may hold has no block over the limit:
  // its lines are not counted one by one (one tight pass instead, the usual case)
  let fileDelims = 0;
  for (let k = 0; k < n && fileDelims <= MAX_DELIMITERS; k++) {
    const c = text.charCodeAt(k);
    if (c === 42 || c === 95 || c === 91 || c === 93) fileDelims++;
  }
  const countDelims = fileDelims > MAX_DELIMITERS;
  let quotes = 0;
  let firstQuote: [number, number] = [0, 0];
  let inQuote = false;
  // frontmatter is YAML, not markdown: yamlLimit bounds it
  let lineStart = frontmatterEnd(text);
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    // where the line's text ends, for a note's range: before a CRLF's CR too
    const textEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    // the container prefix of the line
    let i = lineStart;
    let depth = 0;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    // a line opening a quote (after a line that was not in one)
    const quoted = i < lineEnd && text.charCodeAt(i) === 62;
    if (quoted && !inQuote) quotes++;
    if (quoted && quotes > MAX_QUOTES) {
      cuts ??= [];
      cuts.push(i);
      if (quotes === MAX_QUOTES + 1 && !inQuote) firstQuote = [i, textEnd];
    }
    inQuote = quoted || (inQuote && i < lineEnd);
    // past the quote limit the whole quote is read as text (its later lines too); its
    // emphasis still counts towards its block's
    const cutQuote = quotes > MAX_QUOTES && quoted;
    i = cutQuote ? i + 1 : lineStart;
    for (; !cutQuote; ) {
      const from = i;
      while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
      if (i >= lineEnd) break;
      const after = containerAt(text, i, lineEnd);
      if (after < 0) break;
      depth++;
      if (depth > MAX_NESTING || (depth === 1 && i - from > MAX_INDENT)) {
        cuts ??= [];
        cuts.push(i);
        if (nested++ === 0) firstNested = [i, textEnd, depth > MAX_NESTING];
        break;
      }
      i = after;
    }
    if (i >= lineEnd) {
      // a blank line (after any prefix) ends a block
      endBlock(lineStart);
      blockStart = lineEnd + 1;
    } else if (countDelims) {
      for (let k = i; k < lineEnd; k++) {
        const c = text.charCodeAt(k);
        if (c === 42 || c === 95 || c === 91 || c === 93) {
          if (delimFirst < 0) delimFirst = k;
          delims++;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  endBlock(n);
  if (!cuts) return undefined;
  if (nested) {
    const [start, end, deep] = firstNested;
    const kind = deep ? 'nested' : 'indent';
    problems.push({ message: joinedLimitMessage(kind, nested), start, end, each: { kind, count: nested } });
  }
  if (quotes > MAX_QUOTES) {
    const extra = quotes - MAX_QUOTES;
    problems.push({
      message: `This file opens more than ${MAX_QUOTES} block quotes; ${extra === 1 ? 'this one was' : `this one and ${extra - 1} more were`} read as plain text.`,
      start: firstQuote[0],
      end: firstQuote[1],
    });
  }
  if (dense) {
    const [start, end] = firstDense;
    problems.push({ message: joinedLimitMessage('dense', dense), start, end, each: { kind: 'dense', count: dense } });
  }
  return { cuts, problems };
}

/**
 * The text the markdown parser may read: the same length as `text`, with the
 * characters beyond a limit swapped for stand-ins (see `restoreTree`).
 */
export function boundMarkdown(text: string): { text: string; problems: LimitProblem[] } | undefined {
  const found = findCuts(text);
  if (!found) return undefined;
  // a text that already holds our stand-ins gets blanks instead (still read as text)
  const blankOnly = STAND_IN_RE.test(text);
  const cuts = found.cuts.sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const k of cuts) {
    if (k < from) continue;
    out += text.slice(from, k) + (blankOnly ? ' ' : String.fromCharCode(STAND_IN + text.charCodeAt(k)));
    from = k + 1;
  }
  out += text.slice(from);
  return { text: out, problems: found.problems };
}

/** Put the swapped characters back in every value of a tree parsed from `boundMarkdown`'s text. */
export function restoreTree(tree: Root): void {
  const stack: unknown[] = [tree];
  while (stack.length) {
    const node = stack.pop() as { value?: unknown; children?: unknown[] };
    if (typeof node.value === 'string' && STAND_IN_RE.test(node.value)) {
      node.value = node.value.replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - STAND_IN));
    }
    if (node.children) for (const c of node.children) stack.push(c);
  }
}

/** Why YAML text must not go to the parser (flow collections nested too deep), or undefined. */
export function yamlLimit(text: string): string | undefined {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 10) quote = 0; // a quote never hides a bracket for more than its line here
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_YAML_DEPTH) return `The frontmatter nests \`[\` or \`{\` deeper than ${MAX_YAML_DEPTH} levels; it was not read.`;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** The message for a file too large to analyse. */
export function tooLargeMessage(length: number): string {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `This file is too large to analyse (${mb(length)} M characters; the limit is ${mb(MAX_ANALYSED_CHARS)} M): split it into smaller files.`;
}
