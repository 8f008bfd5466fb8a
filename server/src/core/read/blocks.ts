// Stage 1 of the reader: the markdown of one chunk as a list of blocks with
// their places (headings, paragraphs with their container, tables with their
// cells, code, HTML), the prose text of each inline container (for claims),
// the words, suppression comments and the frontmatter. Plain data, kept
// between edits of a document so unchanged chunks are not parsed again.

import type { Heading, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { type Document, parseDocument } from 'yaml';
import type { RawClaim } from '../claims';
import { type FmLayout, keySpan, layoutOf, readPlainFrontmatter } from '../frontmatter';
import { type LimitProblem, yamlLimit } from '../limits';
import { parseMarkdown } from '../markdown';
import { validateStoryFrontmatter } from '../schemas';
import { LineIndex, WordIndex } from '../text';
import { partNamesOf } from './names';
import type { Unit } from './prose';

export interface TableCellSpan {
  start: number;
  end: number;
  text: string;
}

/** One block of the markdown, with offsets into its text. */
export type Block =
  | { kind: 'heading'; start: number; end: number; level: number; text: string; titleStart: number; titleEnd: number }
  | {
      kind: 'paragraph';
      start: number;
      end: number;
      /** A paragraph of the document itself, not inside a list or quote. */
      top: boolean;
      /** Start of the list item it is in, if any. */
      item?: number;
      quote: boolean;
      /** The span of a bold run that opens the paragraph. */
      boldFirst?: [number, number];
    }
  | { kind: 'table'; start: number; end: number; rows: TableCellSpan[][] }
  | { kind: 'code' | 'html' | 'break' | 'definition'; start: number; end: number };

interface Where {
  top: boolean;
  item: number;
  quote: boolean;
  /** How many list items it is nested in. */
  depth: number;
}
const TOP: Where = { top: true, item: -1, quote: false, depth: 0 };

/** A list item: where it is and how deep (0 for an item of a list that is in no other item). */
export interface ItemSpan {
  start: number;
  end: number;
  depth: number;
}

export interface ProseBlock {
  text: string;
  /** pairs of (index in text, source offset), ascending */
  map: number[];
  /** The chunk's own block, where claims are remembered across edits. */
  src?: ProseBlock;
  claims?: readonly RawClaim[];
  /** Its sentences, remembered across edits like its claims. */
  sentences?: Unit[];
}

export interface ScanComment {
  kind: string;
  rules: string[];
  start: number;
  end: number;
}

export interface ScanProblem {
  message: string;
  start: number;
  end: number;
  key?: string;
  /** A limit of the reader (limits.ts), reported by `read-limit`. */
  limit?: true;
  /** A per-line or per-block limit: its kind and how many places of the chunk met it (limits.ts). */
  each?: LimitProblem['each'];
}

export interface ScanFrontmatter {
  data: Record<string, unknown> | undefined;
  start: number;
  end: number;
  contentOffset: number;
  valid: boolean;
  layout?: FmLayout;
}

/**
 * What one chunk of markdown holds, with offsets relative to the chunk:
 * plain data, kept between edits of a document so unchanged chunks are not
 * parsed again.
 */
export interface ChunkScan {
  blocks: Block[];
  nonProse: number[];
  prose: ProseBlock[];
  wordStarts: number[];
  wordFlags: number[];
  comments: ScanComment[];
  problems: ScanProblem[];
  /** The list items, in source order. */
  items: ItemSpan[];
  frontmatter?: ScanFrontmatter;
  firstH1?: { text: string; start: number; end: number };
}

const SUPPRESS = /<!--\s*star-stories-(disable-next-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

export function blank(s: string): string {
  return s.replace(HTML_COMMENT, (m) => ' '.repeat(m.length));
}

export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html') return '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Index of the first item whose key is >= offset, in an array sorted by key. */
export function lowerBound<T>(items: readonly T[], offset: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items whose key lies in [start, end), from an array sorted by key. */
export function within<T>(items: readonly T[], start: number, end: number, key: (t: T) => number): T[] {
  const a = lowerBound(items, start, key);
  const b = lowerBound(items, end, key);
  return items.slice(a, b);
}

export const startOf = (e: { start: number }) => e.start;

/** Words that hold a part's place until it is written. */
export const PLACEHOLDERS = new Set(['todo', 'tbd', 'tba']);

/** A placeholder opening a part: `[Write here]`, `<fill in>`, `TODO:`, `___` (not a link's text). */
const LEAD_PLACEHOLDER = /^\s*(?:\[[^\]\n]{1,40}\](?![([])|<[^<>\n]{1,40}>|\{[^{}\n]{1,40}\}|(?:tbd|todo|tba)\b|_{3,})\s*[:.\-–—]?\s*/i;

/** Text in one pair of brackets, whatever its length: `[Describe the situation]`, `<what was at stake?>`, `{result}`. */
const BRACKETED = /^\s*(?:\[[^\]]*\]|<[^<>]*>|\{[^{}]*\})\s*$/;

/**
 * A prompt to the writer rather than a story's text: a short question or
 * instruction addressed to "you" (`What you had to achieve, and by when.`,
 * `Describe your role.`), with no first-person word and no number in it.
 */
const PROMPT_START = /^\s*(?:[-*+]\s+)?(?:what|where|when|why|how|who|which|describe|explain|list|add|write|say|state|mention|include|give|tell)\b/i;
const PROMPT_YOU = /\byou(?:r|rs|rself)?\b/i;
const FIRST_PERSON = /\b(?:i|me|my|mine|myself|we|us|our|ours|i'm|i've|i'd|i'll)\b/i;

/** Whether a part's whole text only holds its place: bracketed text, or a prompt to the writer. */
export function placeholderText(text: string): boolean {
  const first = text.trimStart()[0];
  if ((first === '[' || first === '<' || first === '{') && BRACKETED.test(text)) return true;
  // a placeholder and a hint after it (`[Write here] Two or three sentences. Where, when, what was at
  // stake.`): a template's part, unless somebody tells what they did in it
  const lead = LEAD_PLACEHOLDER.exec(text);
  if (lead && text.length <= 300) {
    const rest = text.slice(lead[0].length);
    const words = rest.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    if (words <= 25 && !/\b(?:i|we)\s+(?:\w+ly\s+)?\w+(?:ed|ought|ent|ote|ew|an|ut|et|ade|ook)\b/i.test(rest)) return true;
  }
  // a prompt is short: a long part is never one (and its words are not listed)
  if (text.length > 200) return false;
  const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words > 0 && words <= 15 && PROMPT_START.test(text) && PROMPT_YOU.test(text) && !FIRST_PERSON.test(text) && !/\d/.test(text);
}

export function headingTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
}

/** Parses one chunk of markdown and walks it into a ChunkScan. */
export class ChunkScanner {
  readonly lines: LineIndex;
  readonly words = new WordIndex();
  readonly blocks: Block[] = [];
  readonly nonProse: number[] = [];
  readonly prose: ProseBlock[] = [];
  readonly comments: ScanComment[] = [];
  readonly problems: ScanProblem[] = [];
  readonly items: ItemSpan[] = [];
  frontmatter?: ScanFrontmatter;
  firstH1?: { text: string; start: number; end: number };

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  scan(): ChunkScan {
    const { tree, error, limits } = parseMarkdown(this.text);
    if (error) this.problems.push({ message: `Could not parse the markdown: ${error}`, start: 0, end: 0 });
    if (limits) for (const l of limits) this.problems.push({ ...l, limit: true });
    this.walkRoot(tree);
    const out: ChunkScan = {
      blocks: this.blocks,
      nonProse: this.nonProse,
      prose: this.prose,
      wordStarts: this.words.starts,
      wordFlags: this.words.flags,
      comments: this.comments,
      problems: this.problems,
      items: this.items,
    };
    if (this.frontmatter) out.frontmatter = this.frontmatter;
    if (this.firstH1) out.firstH1 = this.firstH1;
    return out;
  }

  // ---------------------------------------------------------------- walking

  private walkRoot(root: Root): void {
    for (const child of root.children) this.visit(child, TOP);
  }

  private visit(node: RootContent, where: Where): void {
    const pos = node.position;
    switch (node.type) {
      case 'yaml':
        if (pos) this.readFrontmatter(pos.start.offset!, pos.end.offset!);
        return;
      case 'heading':
        this.visitHeading(node);
        return;
      case 'paragraph':
        this.visitParagraph(node, where);
        return;
      case 'html':
        if (pos) {
          this.readComments(node.value, pos.start.offset!);
          this.blocks.push({ kind: 'html', start: pos.start.offset!, end: pos.end.offset! });
        }
        return;
      case 'code':
      case 'table':
      case 'math' as string:
        if (!pos) return;
        this.nonProse.push(pos.start.offset!);
        if (node.type === 'table') this.visitTable(node);
        else this.blocks.push({ kind: 'code', start: pos.start.offset!, end: pos.end.offset! });
        return;
      case 'thematicBreak':
        if (pos) this.blocks.push({ kind: 'break', start: pos.start.offset!, end: pos.end.offset! });
        return;
      case 'definition':
        if (pos) this.blocks.push({ kind: 'definition', start: pos.start.offset!, end: pos.end.offset! });
        return;
      case 'listItem':
        if (pos) this.items.push({ start: pos.start.offset!, end: pos.end.offset!, depth: where.depth });
        for (const c of node.children as RootContent[])
          this.visit(c, { top: false, item: pos?.start.offset ?? -1, quote: where.quote, depth: where.depth + 1 });
        return;
      case 'blockquote':
        for (const c of node.children as RootContent[]) this.visit(c, { top: false, item: where.item, quote: true, depth: where.depth });
        return;
      default:
        if ('children' in node) for (const c of node.children as RootContent[]) this.visit(c, { ...where, top: false });
    }
  }

  /** A table: its cells as rows of text with their places; each cell's words are counted as prose. */
  private visitTable(node: Table): void {
    const pos = node.position!;
    const rows: TableCellSpan[][] = [];
    for (const row of node.children) {
      const cells: TableCellSpan[] = [];
      for (const cell of row.children) {
        const p = cell.position;
        if (!p) continue;
        cells.push({ start: p.start.offset!, end: p.end.offset!, text: plainText(cell as Nodes).trim() });
        this.addInline(cell as Nodes);
      }
      rows.push(cells);
    }
    this.blocks.push({ kind: 'table', start: pos.start.offset!, end: pos.end.offset!, rows });
  }

  private readFrontmatter(start: number, end: number): void {
    const text = this.text;
    const firstEol = text.indexOf('\n', start);
    const contentStart = firstEol === -1 ? end : firstEol + 1;
    // the closing fence is the last line of the node
    let closing = text.lastIndexOf('\n', end - 1);
    if (closing < contentStart) closing = contentStart;
    else closing += 1;
    const yamlText = text.slice(contentStart, closing);
    const info: ScanFrontmatter = { data: undefined, start, end, contentOffset: contentStart, valid: true };
    this.frontmatter = info;
    const plain = readPlainFrontmatter(yamlText);
    if (plain) {
      if (plain.layout.pairs.length) this.takeFrontmatter(info, plain.data, plain.layout);
      else info.data = {};
      return;
    }
    const tooDeep = yamlLimit(yamlText);
    if (tooDeep) {
      info.valid = false;
      this.problems.push({ message: tooDeep, start: contentStart, end: closing, limit: true });
      return;
    }
    let doc: Document.Parsed;
    try {
      doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
    } catch (e) {
      info.valid = false;
      this.problems.push({ message: `The frontmatter could not be read: ${String(e)}`, start, end });
      return;
    }
    if (doc.errors.length) {
      info.valid = false;
      for (const err of doc.errors.slice(0, 3)) {
        const [a, b] = err.pos;
        const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        this.problems.push({ message: `The frontmatter is not valid YAML: ${msg}`, start: contentStart + a, end: contentStart + Math.max(b, a) });
      }
      // still take what can be read (the title) to name the story
      try {
        const partial = doc.toJS({ maxAliasCount: 50 }) as unknown;
        if (partial && typeof partial === 'object' && !Array.isArray(partial)) {
          const t = (partial as Record<string, unknown>).title;
          if (typeof t === 'string') info.data = { title: t };
        }
      } catch {
        /* nothing readable */
      }
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      info.valid = false;
      this.problems.push({ message: `The frontmatter could not be read: ${e instanceof Error ? e.message : String(e)}`, start, end });
      return;
    }
    if (data === null || data === undefined) {
      info.data = {};
      return;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      info.valid = false;
      this.problems.push({ message: 'The frontmatter must be a mapping of keys to values (e.g. `title: …`).', start, end });
      return;
    }
    this.takeFrontmatter(info, data as Record<string, unknown>, layoutOf(doc));
  }

  /** Validate frontmatter data against the schema and keep it, with where its keys are. */
  private takeFrontmatter(info: ScanFrontmatter, record: Record<string, unknown>, layout: FmLayout): void {
    const { start, end, contentOffset } = info;
    const errors = validateStoryFrontmatter(record);
    const keyRange = (key: string): [number, number] => {
      const span = keySpan(layout, key);
      return span ? [contentOffset + span[0], contentOffset + span[1]] : [start, end];
    };
    for (const e of errors) {
      info.valid = false;
      const [a, b] = keyRange(e.key);
      this.problems.push({ message: e.message, start: a, end: b, key: e.key });
      delete record[e.key];
    }
    info.data = record;
    info.layout = layout;
  }

  private readComments(value: string, offset: number): void {
    if (!value.includes('star-stories-')) return;
    SUPPRESS.lastIndex = 0;
    for (let m = SUPPRESS.exec(value); m; m = SUPPRESS.exec(value)) {
      const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
      this.comments.push({ kind: m[1]!, rules: ids.length ? ids : ['*'], start: offset + m.index, end: offset + m.index + m[0].length });
    }
  }

  private visitHeading(node: Heading): void {
    const pos = node.position!;
    const start = pos.start.offset!;
    const end = pos.end.offset!;
    for (const c of node.children) if (c.type === 'html' && c.position) this.readComments(c.value, c.position.start.offset!);
    const text = headingTitle(plainText(node));
    const contentNodes = node.children.filter((c) => c.type !== 'html');
    const titleStart = contentNodes[0]?.position?.start.offset ?? start;
    const titleEnd = contentNodes[contentNodes.length - 1]?.position?.end.offset ?? end;
    if (node.depth === 1 && !this.firstH1 && !partNamesOf(text)) this.firstH1 = { text, start, end };
    this.blocks.push({ kind: 'heading', start, end, level: node.depth, text, titleStart, titleEnd });
  }

  private visitParagraph(node: Paragraph, where: Where): void {
    const pos = node.position!;
    const block: Block = { kind: 'paragraph', start: pos.start.offset!, end: pos.end.offset!, top: where.top, quote: where.quote };
    if (where.item >= 0) block.item = where.item;
    // a paragraph that is nothing but bold text on its first line (a pseudo-heading candidate)
    const first = node.children[0];
    if (first?.type === 'strong' && first.position) block.boldFirst = [first.position.start.offset!, first.position.end.offset!];
    this.blocks.push(block);
    this.addInline(node);
  }

  /** Words and prose text of an inline container (paragraph, table cell). */
  private addInline(node: Nodes): void {
    const block: ProseBlock = { text: '', map: [] };
    const walk = (n: Nodes) => {
      if (n.type === 'text') {
        const start = n.position?.start.offset;
        if (start === undefined) return;
        // text values drop container indentation on continuation lines: map each line
        // (a CRLF is one line break: a CR left on a line would end its sentence)
        const parts = n.value.indexOf('\r') === -1 ? n.value.split('\n') : n.value.split(/\r?\n/);
        let cursor = start;
        parts.forEach((piece, idx) => {
          if (idx > 0) {
            // a soft line break reads as a space: sentences run on across wrapped lines
            block.text += ' ';
            const nl = this.text.indexOf('\n', cursor);
            cursor = nl === -1 ? cursor : nl + 1;
          }
          const found = piece ? this.text.indexOf(piece, cursor) : cursor;
          const at = found !== -1 && found - cursor < 200 ? found : cursor;
          block.map.push(block.text.length, at);
          block.text += piece;
          this.words.add(piece, at);
          cursor = at + piece.length;
        });
        return;
      }
      if (n.type === 'inlineCode') {
        const start = n.position?.start.offset ?? 0;
        block.map.push(block.text.length, start);
        block.text += n.value;
        this.words.add(n.value, start, true);
        return;
      }
      if (n.type === 'html') {
        if (n.position) this.readComments(n.value, n.position.start.offset!);
        return;
      }
      if (n.type === 'break') {
        block.text += '\n';
        return;
      }
      if (n.type === 'image') {
        if (n.position) this.nonProse.push(n.position.start.offset!);
        return;
      }
      if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
    };
    walk(node);
    if (block.text.trim()) this.prose.push(block);
  }
}

const FENCE = /^(`{3,}|~{3,})/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const BOLD_START = /^(?:\*\*|__)\S/;
/** What may stand before a definition's `[` on its line: indentation, list markers and quote marks. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:[>*+-]|\d{1,9}[.)]))*[ \t]*$/;

/**
 * Whether the text may hold a link or footnote definition (`[label]:` at the
 * start of a line, also inside a list item or quote: it defines for the whole
 * document). Linear: each `]:` looks back only to the bracket before it.
 */
function mayDefine(text: string): boolean {
  for (let at = text.indexOf(']:'); at !== -1; at = text.indexOf(']:', at + 2)) {
    // the label's opening bracket: the nearest `[` with no `]` between (a label holds at most 999 characters)
    const stop = Math.max(0, at - 1000);
    let k = at - 1;
    while (k >= stop && text[k] !== '[' && text[k] !== ']') k--;
    if (k < stop || text[k] !== '[') continue;
    const lineStart = text.lastIndexOf('\n', k - 1) + 1;
    // a long run before the bracket is not read: the document stays whole
    if (k - lineStart > 200 || CONTAINER_PREFIX.test(text.slice(lineStart, k))) return true;
  }
  return false;
}
const FM_FENCE = /^---[ \t]*$/;
/**
 * A fence or HTML block start that is indented or inside a list item or
 * quote: where it ends depends on its container, which the cutter does not
 * follow, so such a document stays whole.
 */
const NESTED_BLOCK = /^(?=[ \t>*+\-\d])[ \t]*(?:(?:[>*+-]|\d{1,9}[.)])[ \t]*)*(?:`{3}|~{3}|<[A-Za-z/?!])/m;
/** An HTML block of CommonMark's kind 6 (a block-level tag name): it ends at a blank line, and nothing inside it starts a block. */
const HTML_BLOCK_TAG =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i;
/** HTML blocks that end at a marker of their own rather than at a blank line (CommonMark kinds 1 to 5). */
const HTML_ENDS: [RegExp, RegExp][] = [
  [/^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** The line that starts at `offset`, without its line ending. */
function lineAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  const line = text.slice(offset, nl === -1 ? text.length : nl);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * Where a document can be cut into chunks that parse exactly as they do in
 * the whole: before a top-level ATX heading, or before a bold line that
 * follows a blank line (a pseudo-heading), outside fenced code, HTML blocks
 * and frontmatter; and after the frontmatter. A document with link or
 * footnote definitions (which reach across the document), or with a fence or
 * HTML block that is indented or inside a list item or quote, stays whole.
 * Line breaks are LF or CRLF (the reader has made lone CRs LF).
 * Returns the chunk offsets, starting with 0 and ending with the length.
 */
export function chunkBoundaries(text: string): number[] {
  const out = [0];
  if (mayDefine(text) || NESTED_BLOCK.test(text)) return [0, text.length];
  let fence = '';
  /**
   * The end of the HTML block we are in: a marker, or a blank line. `maybe`:
   * a line that starts with `<` but with no block tag (CommonMark's kind 7,
   * or a paragraph: which one needs the whole tag grammar); both end at a
   * blank line, but a paragraph can be interrupted by a fence or an HTML
   * block that runs on, so such a line before the blank keeps the document whole.
   */
  let html: RegExp | 'blank' | 'maybe' | undefined;
  let prevBlank = true;
  let offset = 0;
  let lineNo = 0;
  let inFrontmatter = FM_FENCE.test(lineAt(text, 0));
  while (offset < text.length) {
    let nl = text.indexOf('\n', offset);
    if (nl === -1) nl = text.length;
    const line = text.slice(offset, nl).replace(/\r$/, '');
    // blank as markdown means it: spaces and tabs only (a no-break space makes a line of text)
    const blankLine = /^[ \t]*$/.test(line);
    if (inFrontmatter) {
      // only `---` closes it, as in the markdown parser (YAML's `...` does not)
      if (lineNo > 0 && FM_FENCE.test(line)) {
        inFrontmatter = false;
        // no cut before a `---` line: alone at a chunk's start it would open a frontmatter of its own
        if (nl < text.length && !FM_FENCE.test(lineAt(text, nl + 1))) out.push(nl + 1);
        prevBlank = true;
      }
    } else if (fence) {
      // a closing fence: the same character, at least as long, nothing after it
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.replace(/[ \t]+$/, '') === m[1]) fence = '';
    } else if (
      html === 'maybe' &&
      !blankLine &&
      (FENCE.test(line) || (line[0] === '<' && (HTML_BLOCK_TAG.test(line) || HTML_ENDS.some(([start]) => start.test(line)))))
    ) {
      return [0, text.length];
    } else if (html) {
      if (typeof html === 'string' ? blankLine : html.test(line)) html = undefined;
    } else if (line[0] === '<') {
      const kind = HTML_ENDS.find(([start]) => start.test(line));
      // kinds 1 to 5 end on the line that holds their end marker, which may be the first
      if (kind) {
        if (!kind[1].test(line.slice(1))) html = kind[1];
      } else html = HTML_BLOCK_TAG.test(line) ? 'blank' : 'maybe';
    } else {
      const m = FENCE.exec(line);
      // a backtick fence's info string holds no backtick
      if (m && !(m[1]![0] === '`' && line.slice(m[1]!.length).includes('`'))) fence = m[1]!;
      else if (offset > 0 && out[out.length - 1] !== offset && (ATX.test(line) || (prevBlank && BOLD_START.test(line)))) out.push(offset);
    }
    prevBlank = blankLine;
    offset = nl + 1;
    lineNo++;
  }
  if (out[out.length - 1] !== text.length) out.push(text.length);
  return out;
}
