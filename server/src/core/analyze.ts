// From one file's text to its facts: stories, parts, principle tags, claims,
// suppression comments and the findings of the per-file rules.
// Pure: no I/O, never throws, keeps no parse tree.

import type { Heading, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { parseDocument, type Document } from 'yaml';
import { keySpan, layoutOf, readPlainFrontmatter, type FmLayout, type FmScalar } from './frontmatter';
import { parseMarkdown } from './markdown';
import { LineIndex, WordIndex } from './text';
import { partNames } from './parts';
import { extractClaims, type RawClaim } from './claims';
import { lowerIsBetter, normalizeSubject } from './subjects';
import { HEADING_TYPO_DISTANCE, type PrincipleMatcher } from './principles';
import { validateStoryFrontmatter } from './schemas';
import type {
  Claim,
  FileFacts,
  FrontmatterInfo,
  MarkerStyle,
  Part,
  PartName,
  PrincipleTag,
  Range,
  ReadProblem,
  Story,
  Suppression,
  TagSource,
  UnknownTag,
} from './types';

export interface AnalyzeOptions {
  matcher: PrincipleMatcher;
  /**
   * Incremental analysis for a document being edited: the text is cut into
   * chunks at top-level headings and bold pseudo-headings, each parsed on its
   * own; chunks found in `reuse` (by their text) are not parsed again. The
   * chunks of this version are put in `produced` for the next call.
   */
  chunks?: { reuse?: ReadonlyMap<string, ChunkScan>; produced?: Map<string, ChunkScan> };
  /** Leave metric claims out (only the benchmark uses this, to measure what extraction costs). */
  withoutClaims?: boolean;
}

interface HeadingEvent {
  type: 'heading' | 'pseudo';
  level: number; // 0 for pseudo
  text: string;
  start: number; // offset of the heading
  end: number; // offset after the heading (its line / first line)
  titleStart: number;
  titleEnd: number;
}

interface MarkerEvent {
  type: 'marker';
  names: PartName[];
  label: string;
  style: MarkerStyle;
  start: number;
  end: number; // end of the marker itself
  contentStart: number;
  level: number; // heading level, or 99 for labels
}

interface TagLine {
  start: number; // line start
  end: number; // line end
  tagsStart: number;
}

type Event = HeadingEvent | MarkerEvent;

interface ProseBlock {
  text: string;
  /** pairs of (index in text, source offset), ascending */
  map: number[];
  /** The chunk's own block, where claims are remembered across edits. */
  src?: ProseBlock;
  claims?: RawClaim[];
}

interface ScanComment {
  kind: string;
  rules: string[];
  start: number;
  end: number;
}

interface ScanProblem {
  message: string;
  start: number;
  end: number;
  key?: string;
}

interface ScanFrontmatter {
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
  events: Event[];
  tagLines: TagLine[];
  inlineLabels: { names: PartName[]; label: string; start: number; end: number }[];
  nonProse: number[];
  prose: ProseBlock[];
  wordStarts: number[];
  wordFlags: number[];
  comments: ScanComment[];
  problems: ScanProblem[];
  frontmatter?: ScanFrontmatter;
  firstH1?: { text: string; start: number; end: number };
}

const TAG_LINE = /^([ \t]*(?:[-*+][ \t]+)?)(?:\*\*|__)?(?:principles?|leadership principles?|lps?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*/i;
/**
 * Where the principle names start on a `Principles:` line (the same grammar
 * the reader tags stories by), or undefined when the line is not one.
 */
export function principlesLineStart(line: string): number | undefined {
  const m = TAG_LINE.exec(line);
  return m ? m[0].length : undefined;
}

const LABEL_AT_LINE = /^([ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(\*\*|__)((?:(?!\2).)+?)\2([ \t]*(?:[:\-–—](?=\s|$))?)/;
const INLINE_LABEL = /(\*\*|__)([A-Za-z][A-Za-z &/]{1,25}?:?)\1([ \t]*:?)/g;
const SUPPRESS = /<!--\s*star-stories-(disable-next-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

function blank(s: string): string {
  return s.replace(HTML_COMMENT, (m) => ' '.repeat(m.length));
}

function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html') return '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Index of the first item whose key is >= offset, in an array sorted by key. */
function lowerBound<T>(items: readonly T[], offset: number, key: (t: T) => number): number {
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
function within<T>(items: readonly T[], start: number, end: number, key: (t: T) => number): T[] {
  const a = lowerBound(items, start, key);
  const b = lowerBound(items, end, key);
  return items.slice(a, b);
}

const startOf = (e: { start: number }) => e.start;

/** Words that hold a part's place until it is written. */
const PLACEHOLDERS = new Set(['todo', 'tbd', 'tba']);

function headingTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
}

/** Parses one chunk of markdown and walks it into a ChunkScan. */
class ChunkScanner {
  readonly lines: LineIndex;
  readonly words = new WordIndex();
  readonly events: Event[] = [];
  readonly tagLines: TagLine[] = [];
  readonly inlineLabels: { names: PartName[]; label: string; start: number; end: number }[] = [];
  readonly nonProse: number[] = [];
  readonly prose: ProseBlock[] = [];
  readonly comments: ScanComment[] = [];
  readonly problems: ScanProblem[] = [];
  frontmatter?: ScanFrontmatter;
  firstH1?: { text: string; start: number; end: number };

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  scan(): ChunkScan {
    const { tree, error } = parseMarkdown(this.text);
    if (error) this.problems.push({ message: `Could not parse the markdown: ${error}`, start: 0, end: 0 });
    this.walkRoot(tree);
    const out: ChunkScan = {
      events: this.events,
      tagLines: this.tagLines,
      inlineLabels: this.inlineLabels,
      nonProse: this.nonProse,
      prose: this.prose,
      wordStarts: this.words.starts,
      wordFlags: this.words.flags,
      comments: this.comments,
      problems: this.problems,
    };
    if (this.frontmatter) out.frontmatter = this.frontmatter;
    if (this.firstH1) out.firstH1 = this.firstH1;
    return out;
  }

  // ---------------------------------------------------------------- walking

  private walkRoot(root: Root): void {
    for (const child of root.children) this.visit(child, true);
  }

  private visit(node: RootContent, top: boolean): void {
    const pos = node.position;
    switch (node.type) {
      case 'yaml':
        if (pos) this.readFrontmatter(pos.start.offset!, pos.end.offset!);
        return;
      case 'heading':
        this.visitHeading(node);
        return;
      case 'paragraph':
        this.visitParagraph(node, top);
        return;
      case 'html':
        if (pos) this.readComments(node.value, pos.start.offset!);
        return;
      case 'code':
      case 'table':
      case 'math' as string:
        if (pos) this.nonProse.push(pos.start.offset!);
        if (node.type === 'table') this.visitInlineContainer(node as unknown as Nodes);
        return;
      case 'thematicBreak':
      case 'definition':
        return;
      default:
        if ('children' in node) for (const c of node.children as RootContent[]) this.visit(c, false);
    }
  }

  /** Table cells and other containers of inline content: count their words. */
  private visitInlineContainer(node: Nodes): void {
    if (node.type === 'tableCell') {
      this.addInline(node);
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) this.visitInlineContainer(c);
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
    const text = plainText(node);
    const names = partNames(text);
    const contentNodes = node.children.filter((c) => c.type !== 'html');
    const titleStart = contentNodes[0]?.position?.start.offset ?? start;
    const titleEnd = contentNodes[contentNodes.length - 1]?.position?.end.offset ?? end;
    if (names) {
      this.events.push({
        type: 'marker',
        names,
        label: headingTitle(text),
        style: { kind: 'heading', level: node.depth },
        start,
        end,
        contentStart: end,
        level: node.depth,
      });
      return;
    }
    const title = headingTitle(text);
    if (node.depth === 1 && !this.firstH1) this.firstH1 = { text: title, start, end };
    this.events.push({ type: 'heading', level: node.depth, text: title, start, end, titleStart, titleEnd });
  }

  private visitParagraph(node: Paragraph, top: boolean): void {
    const pos = node.position!;
    const pStart = pos.start.offset!;
    const pEnd = pos.end.offset!;
    const firstLine = this.lines.pos(pStart).line;
    const lastLine = this.lines.pos(pEnd).line;
    for (let line = firstLine; line <= lastLine; line++) {
      const ls = this.lines.lineStart(line);
      const le = Math.min(this.lines.lineEnd(line), pEnd);
      const raw = this.text.slice(ls, le);
      const clean = raw.includes('<!--') ? blank(raw) : raw;
      const bold = clean.includes('**') || clean.includes('__');
      const label = bold ? LABEL_AT_LINE.exec(clean) : null;
      let handled = false;
      if (label) {
        const inner = label[3]!;
        const after = clean.slice(label[0].length);
        const names = partNames(inner);
        const sep = label[4]!;
        const innerColon = /[:\-–—]\s*$/.test(inner);
        const onlyBold = after.trim() === '';
        const bStart = ls + label[1]!.length;
        const bEnd = bStart + label[2]!.length * 2 + inner.length;
        if (names && (innerColon || sep.trim() !== '' || onlyBold)) {
          let contentStart = ls + label[0].length;
          while (contentStart < le && (this.text[contentStart] === ' ' || this.text[contentStart] === '\t')) contentStart++;
          if (onlyBold) contentStart = le;
          this.events.push({
            type: 'marker',
            names,
            label: inner.replace(/\s*[:\-–—]\s*$/, '').trim(),
            style: { kind: 'label', delimiter: label[2]!, colonInside: innerColon },
            start: bStart,
            end: bEnd + sep.length,
            contentStart,
            level: 99,
          });
          handled = true;
        } else if (top && line === firstLine && /^[ \t]*:?[ \t]*$/.test(after) && label[1]!.trim() === '') {
          this.events.push({
            type: 'pseudo',
            level: 0,
            text: headingTitle(inner.replace(/[*_]/g, '')),
            start: bStart,
            end: le,
            titleStart: bStart,
            titleEnd: bEnd,
          });
          handled = true;
        }
      }
      if (!handled && clean.includes(':')) {
        const tag = TAG_LINE.exec(clean);
        if (tag) this.tagLines.push({ start: ls, end: le, tagsStart: ls + tag[0].length });
      }
      // labels in the middle of a line do not count as markers; remember them for messages
      INLINE_LABEL.lastIndex = 0;
      for (let m = bold ? INLINE_LABEL.exec(clean) : null; m; m = INLINE_LABEL.exec(clean)) {
        if (m.index === (label ? label[1]!.length : -1)) continue;
        const names = partNames(m[2]!);
        if (names && (m[2]!.endsWith(':') || m[3]!.includes(':'))) {
          this.inlineLabels.push({ names, label: m[2]!.replace(/:$/, ''), start: ls + m.index, end: ls + m.index + m[0].length });
        }
      }
    }
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
        const parts = n.value.split('\n');
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

class FileAnalyzer {
  readonly lines: LineIndex;
  readonly words = new WordIndex();
  events: Event[] = [];
  tagLines: TagLine[] = [];
  inlineLabels: { names: PartName[]; label: string; start: number; end: number }[] = [];
  nonProse: number[] = [];
  prose: ProseBlock[] = [];
  readonly problems: ReadProblem[] = [];
  readonly suppression: Suppression = { file: new Set(), ranges: [], nextLine: [] };
  private readonly openDisables = new Map<string, number>();
  frontmatter?: FrontmatterInfo & { layout?: FmLayout };
  firstH1?: { text: string; start: number; end: number };

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly opts: AnalyzeOptions,
  ) {
    this.lines = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  run(): FileFacts {
    const chunks = this.opts.chunks;
    const bounds = chunks ? chunkBoundaries(this.text) : [0, this.text.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const base = bounds[i]!;
      const piece = bounds.length === 2 ? this.text : this.text.slice(base, bounds[i + 1]);
      let scan = chunks?.reuse?.get(piece);
      if (!scan || (i > 0 && scan.frontmatter)) scan = new ChunkScanner(piece).scan();
      chunks?.produced?.set(piece, scan);
      this.merge(scan, base);
    }
    this.closeDisables();
    const fm = this.frontmatter?.data;
    const optedOut = fm?.star === false;
    const stories = optedOut ? [] : this.buildStories();
    const facts: FileFacts = {
      uri: this.uri,
      optedOut,
      stories,
      problems: this.problems,
      suppression: this.suppression,
      lineCount: this.lines.lineCount,
    };
    if (this.frontmatter) {
      // the YAML document stays behind: facts are plain data
      const { data, range, contentOffset, valid } = this.frontmatter;
      facts.frontmatter = { data, range, contentOffset, valid };
    }
    return facts;
  }

  /** Take a chunk's scan into the file's, its offsets moved by `base`. */
  private merge(scan: ChunkScan, base: number): void {
    const shift = <T extends object>(items: T[], keys: (keyof T)[]): T[] =>
      base === 0
        ? items
        : items.map((it) => {
            const copy = { ...it };
            for (const k of keys) (copy[k] as unknown as number) = (it[k] as unknown as number) + base;
            return copy;
          });
    for (const e of scan.events) {
      if (base === 0) this.events.push(e);
      else if (e.type === 'marker') this.events.push({ ...e, start: e.start + base, end: e.end + base, contentStart: e.contentStart + base });
      else this.events.push({ ...e, start: e.start + base, end: e.end + base, titleStart: e.titleStart + base, titleEnd: e.titleEnd + base });
    }
    this.tagLines.push(...shift(scan.tagLines, ['start', 'end', 'tagsStart']));
    this.inlineLabels.push(...shift(scan.inlineLabels, ['start', 'end']));
    for (const o of scan.nonProse) this.nonProse.push(o + base);
    for (const b of scan.prose) {
      if (base === 0) this.prose.push(b);
      else this.prose.push({ text: b.text, map: b.map.map((v, i) => (i % 2 ? v + base : v)), src: b.src ?? b });
    }
    this.words.append(scan.wordStarts, scan.wordFlags, base);
    for (const c of scan.comments) this.readComment(c.kind, c.rules, c.start + base, c.end + base);
    for (const p of scan.problems) {
      const r: ReadProblem = { message: p.message, range: this.range(p.start + base, p.end + base) };
      if (p.key) r.key = p.key;
      this.problems.push(r);
    }
    if (scan.frontmatter && !this.frontmatter) {
      const f = scan.frontmatter;
      this.frontmatter = { data: f.data, range: this.range(f.start + base, f.end + base), contentOffset: f.contentOffset + base, valid: f.valid };
      if (f.layout) this.frontmatter.layout = f.layout;
    }
    if (scan.firstH1 && !this.firstH1) this.firstH1 = { ...scan.firstH1, start: scan.firstH1.start + base, end: scan.firstH1.end + base };
  }

  private readComment(kind: string, rules: string[], start: number, end: number): void {
    const startLine = this.lines.pos(start).line;
    const endLine = this.lines.pos(end).line;
    for (const rule of rules) {
      if (kind === 'disable-file') this.suppression.file.add(rule);
      else if (kind === 'disable-next-line') this.suppression.nextLine.push({ rule, line: endLine + 1 });
      else if (kind === 'disable') {
        if (!this.openDisables.has(rule)) this.openDisables.set(rule, startLine);
      } else {
        // enable: closes the matching disable; `enable` with no ids closes all
        const targets = rule === '*' ? [...this.openDisables.keys()] : [rule];
        for (const t of targets) {
          const from = this.openDisables.get(t);
          if (from !== undefined) {
            this.suppression.ranges.push({ rule: t, startLine: from, endLine: startLine + 1 });
            this.openDisables.delete(t);
          }
        }
      }
    }
  }

  private closeDisables(): void {
    for (const [rule, from] of this.openDisables) this.suppression.ranges.push({ rule, startLine: from, endLine: Number.MAX_SAFE_INTEGER });
    this.openDisables.clear();
  }

  // ---------------------------------------------------------------- stories

  private buildStories(): Story[] {
    const fm = this.frontmatter?.data;
    const events = this.events.sort((a, b) => a.start - b.start);
    const markers = events.filter((e): e is MarkerEvent => e.type === 'marker');
    const heads = events.filter((e): e is HeadingEvent => e.type !== 'marker');
    const singleByFrontmatter = !!fm && (fm.title !== undefined || fm.principles !== undefined);

    // Which heading owns each marker: the nearest non-marker heading above it
    // whose section it is still in. A heading's section ends at the next
    // heading of the same or a higher level, so `## Context` cannot belong to
    // a sibling `## Attendees`; a bold pseudo-heading owns what follows it
    // until the next heading or pseudo-heading.
    const owners = new Set<HeadingEvent>();
    let orphan = false;
    {
      const outline: HeadingEvent[] = [];
      let pseudo: HeadingEvent | undefined;
      for (const e of events) {
        if (e.type === 'heading') {
          while (outline.length && outline[outline.length - 1]!.level >= e.level) outline.pop();
          outline.push(e);
          pseudo = undefined;
        } else if (e.type === 'pseudo') {
          pseudo = e;
        } else {
          let owner = pseudo;
          for (let k = outline.length - 1; !owner && k >= 0; k--) if (outline[k]!.level < e.level) owner = outline[k];
          if (owner) owners.add(owner);
          else orphan = true;
        }
      }
    }

    if (singleByFrontmatter || orphan) return [this.fileStory(markers)];

    const starts = heads.filter((h) => owners.has(h) || this.opts.matcher.scan(h.text).matches.length > 0);
    const stories: Story[] = [];
    const headIndex = new Map(heads.map((h, i) => [h, i]));
    for (let i = 0; i < starts.length; i++) {
      const h = starts[i]!;
      const hi = headIndex.get(h)!;
      let end = this.text.length;
      for (let k = hi + 1; k < heads.length; k++) {
        const n = heads[k]!;
        if (h.type === 'pseudo' || (n.type === 'heading' && n.level <= h.level) || n === starts[i + 1]) {
          // a heading story is not ended by pseudo-headings, only by its peers or the next story
          if (h.type === 'heading' && n.type === 'pseudo' && n !== starts[i + 1]) continue;
          end = n.start;
          break;
        }
      }
      const next = starts[i + 1];
      if (next && next.start < end) end = next.start;
      const story = this.makeStory({
        kind: h.type === 'pseudo' ? 'pseudo' : 'heading',
        level: h.level,
        title: h.text,
        titleStart: h.titleStart,
        titleEnd: h.titleEnd,
        start: h.start,
        bodyStart: h.end,
        end,
        heading: h,
        markers: within(markers, h.end, end, startOf),
        innerHeads: within(heads, h.end, end, startOf),
      });
      stories.push(story);
    }
    return stories;
  }

  private fileStory(markers: MarkerEvent[]): Story {
    const fm = this.frontmatter?.data ?? {};
    const fmEnd = this.frontmatter ? this.lines.offset(this.frontmatter.range.end) : 0;
    let title: string;
    let titleStart: number;
    let titleEnd: number;
    const h1 = this.firstH1;
    if (typeof fm.title === 'string' && fm.title.trim()) {
      title = fm.title.trim();
      const r = this.findFrontmatterKey('title');
      titleStart = r?.[0] ?? 0;
      titleEnd = r?.[1] ?? 0;
    } else if (h1) {
      title = h1.text;
      titleStart = h1.start;
      titleEnd = h1.end;
    } else {
      const base = this.uri.split(/[\\/]/).pop() ?? this.uri;
      title = decodeURIComponent(base).replace(/\.md$/i, '');
      // no title to point at: the file's first line (the frontmatter's, when there is one)
      titleStart = 0;
      titleEnd = this.lines.lineEnd(0);
    }
    const bodyStart = h1 && h1.start >= fmEnd && !markers.some((m) => m.start < h1.start) ? h1.end : fmEnd;
    return this.makeStory({
      kind: 'file',
      level: 0,
      title,
      titleStart,
      titleEnd,
      start: 0,
      bodyStart,
      end: this.text.length,
      markers,
      innerHeads: this.events.filter((e): e is HeadingEvent => e.type !== 'marker' && e.start >= bodyStart),
    });
  }

  private findFrontmatterKey(key: string): [number, number] | undefined {
    const info = this.frontmatter;
    const span = info?.layout && keySpan(info.layout, key);
    return info && span ? [info.contentOffset + span[0], info.contentOffset + span[1]] : undefined;
  }

  private makeStory(s: {
    kind: Story['kind'];
    level: number;
    title: string;
    titleStart: number;
    titleEnd: number;
    start: number;
    bodyStart: number;
    end: number;
    heading?: HeadingEvent;
    markers: MarkerEvent[];
    innerHeads: HeadingEvent[];
  }): Story {
    const principles: PrincipleTag[] = [];
    const unknown: UnknownTag[] = [];
    let tagsRange: Range | undefined;
    let principlesLine: Range | undefined;
    const holes: [number, number][] = [];
    const addTags = (text: string, offset: number, source: TagSource, reportUnknown: boolean) => {
      const { matches, leftovers } = this.opts.matcher.scan(blank(text));
      for (const m of matches) {
        if (principles.some((p) => p.name === m.name)) continue;
        principles.push({ name: m.name, raw: text.slice(m.start, m.end), range: this.range(offset + m.start, offset + m.end), source });
      }
      if (reportUnknown) {
        for (const l of leftovers) {
          const sug = this.opts.matcher.suggest(l.text);
          unknown.push({ raw: l.text, range: this.range(offset + l.start, offset + l.end), source, suggestion: sug.name, distance: sug.distance });
        }
      }
    };

    // 1. frontmatter (single-story files)
    if (s.kind === 'file') this.frontmatterTags(addTags, (r) => (tagsRange = r));
    // 2. heading
    if (s.heading) {
      const before = principles.length;
      const raw = this.text.slice(s.heading.titleStart, s.heading.titleEnd);
      addTags(raw, s.heading.titleStart, 'heading', false);
      this.headingTypos(blank(raw), s.heading.titleStart, unknown);
      if (principles.length > before) tagsRange ??= this.range(s.heading.titleStart, s.heading.titleEnd);
    }
    // 3. a Principles: line as the first content of the story
    const firstMarker = s.markers[0]?.start ?? s.end;
    // only the first tag line of the story counts, and only before any other words and the first part
    const t = this.tagLines[lowerBound(this.tagLines, s.bodyStart - 1, startOf)];
    if (t && t.start < s.end && t.start <= firstMarker && this.words.count(s.bodyStart, t.start).words === 0) {
      addTags(this.text.slice(t.tagsStart, t.end), t.tagsStart, 'line', true);
      principlesLine = this.range(t.start, t.end);
      tagsRange = principlesLine;
      holes.push([t.start, t.end]);
    }

    // parts
    const parts: Part[] = [];
    for (let i = 0; i < s.markers.length; i++) {
      const m = s.markers[i]!;
      let end = s.markers[i + 1]?.start ?? s.end;
      // a part also ends at a heading that is not deeper than its own marker
      for (const h of s.innerHeads) {
        if (h.start <= m.start || h.start >= end) continue;
        if (m.style.kind === 'label' || h.type === 'pseudo' || h.level <= m.level) {
          end = h.start;
          break;
        }
      }
      const c = this.words.count(m.contentStart, end, holes);
      const np = lowerBound(this.nonProse, m.contentStart, (o) => o);
      const hasNonProse = np < this.nonProse.length && this.nonProse[np]! < end;
      let placeholderOnly = false;
      let shortWords: string[] | undefined;
      if (c.words > 0 && c.words <= 6 && !hasNonProse) {
        shortWords = blank(this.text.slice(m.contentStart, end)).match(/[\p{L}\p{N}]+/gu) ?? [];
        placeholderOnly = shortWords.every((w) => PLACEHOLDERS.has(w.toLowerCase()));
      }
      const contentEnd = this.trimEnd(m.contentStart, end);
      parts.push({
        names: m.names,
        label: m.label,
        markerRange: this.range(m.start, m.end),
        contentRange: this.range(m.contentStart, contentEnd),
        contentStart: m.contentStart,
        contentEnd,
        words: c.words,
        placeholderOnly,
        ...(shortWords ? { shortWords } : {}),
        hasNonProse,
        style: m.style,
        weCount: c.we,
        iCount: c.i,
      });
    }

    const words = this.words.count(s.bodyStart, s.end, holes).words;
    const claims = this.opts.withoutClaims ? [] : this.claimsIn(s.bodyStart, s.end, holes);
    const story: Story = {
      title: s.title,
      titleRange: this.range(s.titleStart, s.titleEnd),
      range: this.range(s.start, this.trimEnd(s.start, s.end)),
      kind: s.kind,
      level: s.level,
      principles,
      unknownPrinciples: unknown,
      parts,
      words,
      claims,
      bodyStart: s.bodyStart,
      bodyEnd: s.end,
      inlineLabels: within(this.inlineLabels, s.bodyStart, s.end, startOf).map((l) => ({ names: l.names, label: l.label, range: this.range(l.start, l.end) })),
    };
    if (tagsRange) story.tagsRange = tagsRange;
    if (principlesLine) story.principlesLine = principlesLine;
    // the file's frontmatter company is every story's context, in a bank too
    const company = this.frontmatter?.data?.company;
    if (typeof company === 'string' && company.trim()) story.company = company.trim();
    return story;
  }

  /**
   * A heading is free text, but its label before the first colon is where
   * principles are named: a near miss there is a misspelled tag.
   */
  private headingTypos(raw: string, offset: number, unknown: UnknownTag[]): void {
    const colon = raw.indexOf(':');
    if (colon === -1) return;
    const label = raw.slice(0, colon);
    // the unknown-principle rule may report fewer (its maxSuggestionDistance), never more
    const limit = HEADING_TYPO_DISTANCE;
    for (const l of this.opts.matcher.scan(label).leftovers) {
      if (!/\p{L}{3}/u.test(l.text)) continue;
      const sug = this.opts.matcher.suggest(l.text);
      if (sug.distance > 0 && sug.distance <= limit)
        unknown.push({ raw: l.text, range: this.range(offset + l.start, offset + l.end), source: 'heading', suggestion: sug.name, distance: sug.distance });
    }
  }

  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1]!)) e--;
    return e;
  }

  private frontmatterTags(addTags: (text: string, offset: number, source: TagSource, reportUnknown: boolean) => void, setRange: (r: Range) => void): void {
    const info = this.frontmatter;
    const pair = info?.layout?.pairs.find((p) => p.key === 'principles');
    if (!info || !pair) return;
    setRange(this.range(info.contentOffset + pair.keyStart, info.contentOffset + pair.keyEnd));
    const scalarTags = (node: FmScalar) => {
      if (typeof node.value !== 'string') return;
      const raw = this.text.slice(info.contentOffset + node.start, info.contentOffset + node.end);
      // quoted scalars: skip the quote so offsets line up with the text
      const quoted = raw.startsWith('"') || raw.startsWith("'");
      addTags(quoted ? raw.slice(1, -1) : raw, info.contentOffset + node.start + (quoted ? 1 : 0), 'frontmatter', true);
    };
    if (pair.items) for (const item of pair.items) scalarTags(item);
    else if (pair.scalar) scalarTags(pair.scalar);
  }

  private claimsIn(start: number, end: number, holes: [number, number][]): Claim[] {
    const out: Claim[] = [];
    // blocks are in source order: start at the first that ends after `start`
    for (let k = lowerBound(this.prose, start, (b) => b.map[b.map.length - 1] ?? 0); k < this.prose.length; k++) {
      const block = this.prose[k]!;
      const bStart = block.map[1];
      if (bStart === undefined) continue;
      if (bStart >= end) break;
      const own = block.src ?? block;
      for (const c of (own.claims ??= extractClaims(block.text))) {
        const s = this.toSource(block, c.start);
        const e = this.toSource(block, c.end);
        if (s < start || s >= end) continue;
        if (holes.some(([a, b]) => s >= a && s < b)) continue;
        const claim: Claim = {
          range: this.range(s, e),
          text: c.text,
          kind: c.kind,
          value: c.value,
          unit: c.unit,
          subject: c.subject,
          approximate: c.approximate,
        };
        if (c.direction) claim.direction = c.direction;
        const norm = c.subject ? normalizeSubject(c.subject) : undefined;
        if (norm) claim.norm = norm;
        // "improved latency by 40%" means latency fell
        if (c.praise && norm && lowerIsBetter(norm.head)) claim.direction = 'decrease';
        if (c.from !== undefined) claim.from = c.from;
        if (c.to !== undefined) claim.to = c.to;
        if (c.stated) {
          claim.stated = {
            value: c.stated.value,
            unit: c.stated.unit,
            range: this.range(this.toSource(block, c.stated.start), this.toSource(block, c.stated.end)),
          };
          if (c.stated.speedup) claim.stated.speedup = true;
        }
        out.push(claim);
      }
    }
    return out;
  }

  private toSource(block: ProseBlock, index: number): number {
    const map = block.map;
    let best = 0;
    for (let k = 0; k < map.length; k += 2) {
      if (map[k]! <= index) best = k;
      else break;
    }
    return map[best + 1]! + (index - map[best]!);
  }
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const BOLD_START = /^(?:\*\*|__)\S/;
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * Where a document can be cut into chunks that parse exactly as they do in
 * the whole: before a top-level ATX heading, or before a bold line that
 * follows a blank line (a pseudo-heading), outside fenced code, HTML blocks
 * and frontmatter; and after the frontmatter. A document with link or
 * footnote definitions (which reach across the document) stays whole.
 * Returns the chunk offsets, starting with 0 and ending with the length.
 */
export function chunkBoundaries(text: string): number[] {
  const out = [0];
  if (DEFINITION.test(text)) return [0, text.length];
  let fence = '';
  let html = false;
  let comment = false;
  let prevBlank = true;
  let offset = 0;
  let lineNo = 0;
  let inFrontmatter = /^---[ \t]*\r?$/.test(text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')));
  while (offset < text.length) {
    let nl = text.indexOf('\n', offset);
    if (nl === -1) nl = text.length;
    const line = text.slice(offset, nl).replace(/\r$/, '');
    const blankLine = line.trim() === '';
    if (inFrontmatter) {
      if (lineNo > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line)) {
        inFrontmatter = false;
        if (nl < text.length) out.push(nl + 1);
        prevBlank = true;
      }
    } else if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = '';
    } else if (comment) {
      if (line.includes('-->')) comment = false;
    } else if (html) {
      if (blankLine) html = false;
    } else {
      const m = FENCE.exec(line);
      if (m) fence = m[1]!;
      else if (/^ {0,3}<!--/.test(line))
        comment = !line.includes('-->'); // a comment block ends on the line with -->
      else if (/^ {0,3}</.test(line))
        html = true; // other HTML blocks: until a blank line (conservative)
      else if (offset > 0 && out[out.length - 1] !== offset && (ATX.test(line) || (prevBlank && BOLD_START.test(line)))) out.push(offset);
    }
    prevBlank = blankLine;
    offset = nl + 1;
    lineNo++;
  }
  if (out[out.length - 1] !== text.length) out.push(text.length);
  return out;
}

/** Remove a leading byte-order mark; editors do not count it as a character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Analyse one file: its stories and the findings of the per-file rules. */
export function analyzeFile(uri: string, text: string, opts: AnalyzeOptions): FileFacts {
  try {
    return new FileAnalyzer(uri, stripBom(text), opts).run();
  } catch (e) {
    // A bug of ours must not take the editor down: report it on the file.
    const message = e instanceof Error ? e.message : String(e);
    return {
      uri,
      optedOut: false,
      stories: [],
      problems: [],
      internalError: `STAR Stories could not analyse this file: ${message}`,
      suppression: { file: new Set(), ranges: [], nextLine: [] },
      lineCount: 1,
    };
  }
}
