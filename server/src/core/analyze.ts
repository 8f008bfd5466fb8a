// From one file's text to its facts, through the reader's stages:
// blocks (read/blocks.ts, per chunk, kept between edits) -> markers
// (read/markers.ts) -> stories (read/stories.ts) -> parts, marked and in
// prose (read/parts.ts, read/prose.ts) -> tags (read/tags.ts) -> spoken
// text. Pure: no I/O, never throws, keeps no parse tree, runs no rule.

import { extractClaims } from './claims';
import { spokenTerms } from './events';
import { type FmLayout, keySpan } from './frontmatter';
import { MAX_ANALYSED_CHARS, joinedLimitMessage, tooLargeMessage, type LimitProblem } from './limits';
import type { PrincipleMatcher } from './principles';
import { type Block, type ChunkScan, ChunkScanner, type ItemSpan, type ProseBlock, chunkBoundaries, lowerBound } from './read/blocks';
import { findMarkers } from './read/markers';
import { type PartDoc, PartReader } from './read/parts';
import { sentences, type Unit } from './read/prose';
import { findHeads, findItemHeads, findStories, type Head, type StoryDoc, type StorySpan } from './read/stories';
import { eventLineKey, FRONTMATTER_TAG_KEYS, hashtagLine, principlesLineStart, StoryTags, tagKey } from './read/tags';
import { lowerIsBetter, normalizeSubject } from './subjects';
import { LineIndex, loneCrAsLf, trimEndAt, WordIndex } from './text';
import type { Claim, FileFacts, FrontmatterInfo, Range, ReadProblem, Story, Suppression } from './types';

export { chunkBoundaries, type ChunkScan } from './read/blocks';
export { principlesLineStart } from './read/tags';

export interface AnalyzeOptions {
  matcher: PrincipleMatcher;
  /**
   * Incremental analysis for a document being edited: the text is cut into
   * chunks at top-level headings and bold pseudo-headings, each parsed on its
   * own; chunks found in `reuse` (by their text) are not parsed again. The
   * chunks of this version are put in `produced` for the next call.
   */
  chunks?: { reuse?: ReadonlyMap<string, ChunkScan>; produced?: Map<string, ChunkScan> };
  /** A document being edited: remember the claims of its recent paragraphs, which come back keystroke after keystroke. */
  recentClaims?: boolean;
  /** Leave metric claims out (only the benchmark uses this, to measure what extraction costs). */
  withoutClaims?: boolean;
  /** Leave parts in prose out (only the benchmark uses this, to measure what inference costs). */
  withoutInference?: boolean;
  /**
   * Leave out what events compare stories by (their terms): for the files read
   * after a workspace already has more stories than events compare by their
   * words (`same-event`'s `maxStories`), where only explicit keys count.
   */
  withoutTerms?: boolean;
  /** With `withoutTerms`: each story's spoken text goes here instead, for its terms to be read later (`spokenTerms`) when needed. */
  spokenOut?: Map<Story, string>;
}

interface TagLine {
  start: number;
  end: number;
  tagsStart: number;
  /** A line of hashtags, not a `Principles:` line. */
  hashtags?: true;
}

/** A metadata line naming where a story happened: `Company: Initech, 2023`, `**Employer:** Acme` (the name up to a comma, semicolon or bracket). */
const COMPANY_LINE =
  /^[ \t]*(?:[-*+][ \t]+)?(?:[*_]{1,2})?(?:company|employer|organi[sz]ation)(?:[*_]{1,2})?[ \t]*[:：][ \t]*(?:[*_]{1,2}[ \t]*)?([^,;(|\n*_]{2,60})/im;

class FileAnalyzer implements PartDoc {
  readonly lines: LineIndex;
  readonly words = new WordIndex();
  blocks: Block[] = [];
  nonProse: number[] = [];
  items: ItemSpan[] = [];
  prose: ProseBlock[] = [];
  tagLines: TagLine[] = [];
  /** `Event:` lines: the line and where its key is written. */
  eventLines: { start: number; end: number; keyStart: number; keyEnd: number }[] = [];
  readonly problems: ReadProblem[] = [];
  /** Per-line and per-block limit problems of the chunks, with their kind and count (joined in `run`). */
  private readonly limitPlaces = new Map<ReadProblem, NonNullable<LimitProblem['each']>>();
  readonly suppression: Suppression = { file: new Set(), ranges: [], nextLine: [] };
  private readonly openDisables = new Map<string, number>();
  frontmatter?: FrontmatterInfo & { layout?: FmLayout };
  firstH1?: { text: string; start: number; end: number };
  /** Story-start candidates and every heading block, in order (set by readStories). */
  heads: Head[] = [];
  headings: Extract<Block, { kind: 'heading' }>[] = [];

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

  /**
   * A whole parse reports a per-line or per-block limit once, at its first
   * place, with the count of the others; chunks each report their own. Join
   * them into one a kind (lines too deeply nested and too deeply indented share
   * a count, as a whole parse counts them), so an edited document and the CLI
   * say the same.
   */
  private joinLimitProblems(): void {
    const first = new Map<string, { r: ReadProblem; kind: 'nested' | 'indent' | 'dense'; count: number }>();
    const dropped = new Set<ReadProblem>();
    for (const r of this.problems) {
      const each = this.limitPlaces.get(r);
      if (!each) continue;
      const group = each.kind === 'dense' ? 'dense' : 'nested';
      const seen = first.get(group);
      if (!seen) first.set(group, { r, kind: each.kind, count: each.count });
      else {
        seen.count += each.count;
        dropped.add(r);
      }
    }
    if (!dropped.size) return;
    for (const { r, kind, count } of first.values()) r.message = joinedLimitMessage(kind, count);
    const kept = this.problems.filter((r) => !dropped.has(r));
    this.problems.length = 0;
    this.problems.push(...kept);
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
    // problems in the order of the document, however the chunks were cut (a whole parse and an edit agree)
    this.problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (this.limitPlaces.size > 1) this.joinLimitProblems();
    this.closeDisables();
    const fm = this.frontmatter?.data;
    // `star: false` keeps the tool out; `star: questions` says the file is a question list (questions.ts), not stories
    const optedOut = fm?.star === false || fm?.star === 'questions';
    const stories = optedOut ? [] : this.readStories();
    const facts: FileFacts = {
      uri: this.uri,
      optedOut,
      stories,
      problems: this.problems,
      suppression: this.suppression,
      lineCount: this.lines.lineCount,
    };
    if (this.opts.withoutTerms && stories.length) facts.termsLeftOut = true;
    if (this.frontmatter) {
      // the YAML document stays behind: facts are plain data
      const { data, range, contentOffset, valid } = this.frontmatter;
      facts.frontmatter = { data, range, contentOffset, valid };
    }
    return facts;
  }

  /** Take a chunk's scan into the file's, its offsets moved by `base`. */
  private merge(scan: ChunkScan, base: number): void {
    for (const b of scan.blocks) {
      if (base === 0) {
        this.blocks.push(b);
        continue;
      }
      const c = { ...b, start: b.start + base, end: b.end + base } as Block;
      if (c.kind === 'heading' && b.kind === 'heading') {
        c.titleStart = b.titleStart + base;
        c.titleEnd = b.titleEnd + base;
      } else if (c.kind === 'paragraph' && b.kind === 'paragraph') {
        if (b.item !== undefined) c.item = b.item + base;
        if (b.boldFirst) c.boldFirst = [b.boldFirst[0] + base, b.boldFirst[1] + base];
      } else if (c.kind === 'table' && b.kind === 'table') {
        c.rows = b.rows.map((r) => r.map((cell) => ({ ...cell, start: cell.start + base, end: cell.end + base })));
      }
      this.blocks.push(c);
    }
    for (const o of scan.nonProse) this.nonProse.push(o + base);
    for (const it of scan.items) this.items.push(base === 0 ? it : { start: it.start + base, end: it.end + base, depth: it.depth });
    for (const b of scan.prose) {
      if (base === 0) this.prose.push(b);
      else this.prose.push({ text: b.text, map: b.map.map((v, i) => (i % 2 ? v + base : v)), src: b.src ?? b });
    }
    this.words.append(scan.wordStarts, scan.wordFlags, base);
    for (const c of scan.comments) this.readComment(c.kind, c.rules, c.start + base, c.end + base);
    for (const p of scan.problems) {
      const r: ReadProblem = { message: p.message, range: this.range(p.start + base, p.end + base) };
      if (p.key) r.key = p.key;
      if (p.limit) r.limit = true;
      if (p.each) this.limitPlaces.set(r, p.each);
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

  // ---------------------------------------------------------------- stages

  /** The start offset of each line from the line of `start` to the line of `end`. */
  private lineStartsSeen = new Map<number, { end: number; starts: number[] }>();
  private lineStarts = (start: number, end: number): number[] => {
    // markers, tag lines and metadata each read a paragraph's lines: work them out once
    const seen = this.lineStartsSeen.get(start);
    if (seen && seen.end === end) return seen.starts;
    const starts = this.computeLineStarts(start, end);
    this.lineStartsSeen.set(start, { end, starts });
    return starts;
  };

  private computeLineStarts(start: number, end: number): number[] {
    const a = this.lines.pos(start).line;
    const b = this.lines.pos(Math.max(start, end - 1)).line;
    const out: number[] = [];
    for (let l = a; l <= b; l++) out.push(l === a ? start : this.lines.lineStart(l));
    return out;
  }

  /** The prose blocks that reach into [start, end), in source order. */
  private proseIn(start: number, end: number): ProseBlock[] {
    const out: ProseBlock[] = [];
    // blocks are in source order: start at the first that ends after `start` (its last piece's start
    // plus that piece's length)
    const endOf = (b: ProseBlock) => (b.map.length ? b.map[b.map.length - 1]! + (b.text.length - b.map[b.map.length - 2]!) : 0);
    for (let k = lowerBound(this.prose, start + 1, endOf); k < this.prose.length; k++) {
      const block = this.prose[k]!;
      const bStart = block.map[1];
      if (bStart === undefined) continue;
      if (bStart >= end) break;
      out.push(block);
    }
    return out;
  }

  /** Sentences of the prose blocks between two offsets, skipping the holes (tag and metadata lines). */
  readonly units = (start: number, end: number, holes: readonly [number, number][] = []): Unit[] => {
    const out: Unit[] = [];
    for (const block of this.proseIn(start, end)) {
      const own = block.src ?? block;
      for (const u of (own.sentences ??= sentences(block.text))) {
        let s = this.toSource(block, u.start);
        const e = this.toSource(block, u.end);
        if (e <= start || s >= end) continue;
        if (holes.some(([a, b]) => s >= a && s < b)) continue;
        let text = u.text;
        if (s < start) {
          // a sentence that began before the region (after a title on the same line): keep its part inside
          const cut = Math.min(text.length, start - s);
          const kept = text.slice(cut);
          text = kept.trimStart();
          s = start + (kept.length - text.length);
          if (!/[\p{L}\p{N}]/u.test(text)) continue;
        }
        out.push({ start: s, end: Math.min(e, end), text });
      }
    }
    return out;
  };

  private findTagLines(): void {
    for (const b of this.blocks) {
      if (b.kind === 'table') {
        // a property table (`| LP | Customer Obsession, Frugality |`): the value cell of a principles key
        for (const r of b.rows) if (r.length === 2 && tagKey(r[0]!.text)) this.tagLines.push({ start: r[1]!.start, end: r[1]!.end, tagsStart: r[1]!.start });
        continue;
      }
      if (b.kind !== 'paragraph') continue;
      for (const ls of this.lineStarts(b.start, b.end)) {
        let le = this.text.indexOf('\n', ls);
        if (le === -1 || le > b.end) le = b.end;
        if (le > ls && this.text[le - 1] === '\r') le--;
        const line = this.text.slice(ls, le);
        const at = principlesLineStart(line);
        if (at !== undefined) this.tagLines.push({ start: ls, end: le, tagsStart: ls + at });
        else if (hashtagLine(line)) this.tagLines.push({ start: ls, end: le, tagsStart: ls, hashtags: true });
        else {
          const ev = eventLineKey(line);
          if (ev) this.eventLines.push({ start: ls, end: le, keyStart: ls + ev.start, keyEnd: ls + ev.end });
        }
      }
    }
  }

  private readStories(): Story[] {
    this.blocks.sort((a, b) => a.start - b.start);
    this.findTagLines();
    const markers = findMarkers(this.text, this.blocks, this.lineStarts);
    this.heads = findHeads(this.text, this.blocks);
    this.headings = this.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading');
    const fm = this.frontmatter?.data;
    const fmEnd = this.frontmatter ? this.lines.offset(this.frontmatter.range.end) : 0;
    const doc: StoryDoc = {
      heads: this.heads,
      text: this.text,
      blocks: this.blocks,
      markers,
      matcher: this.opts.matcher,
      frontmatterEnd: fmEnd,
      frontmatterStory: !!fm && (fm.title !== undefined || FRONTMATTER_TAG_KEYS.some((k) => k !== 'tags' && fm[k] !== undefined)),
      units: (a, b, h) => this.units(a, b, [...(h ?? []), ...this.tagHoles(a, b)]),
      lineStarts: this.lineStarts,
      tagged: (a, b) => this.tagLines.some((t) => t.start >= a && t.start < b),
    };
    // list items that hold stories of their own join the heads, in order
    const itemHeads = findItemHeads(doc, this.items);
    if (itemHeads.length) doc.heads = this.heads = [...this.heads, ...itemHeads].sort((a, b) => a.start - b.start);
    const spans = findStories(doc);
    const out: Story[] = [];
    for (const span of spans) {
      // the frontmatter's tags are those of the file's one story, even when a heading starts it
      const story = this.makeStory(span, spans.length === 1);
      if (story) out.push(story);
    }
    return out;
  }

  private tagHoles(start: number, end: number): [number, number][] {
    return this.tagLines.filter((t) => t.start >= start && t.start < end).map((t) => [t.start, t.end]);
  }

  private findFrontmatterKey(key: string): [number, number] | undefined {
    const info = this.frontmatter;
    const span = info?.layout && keySpan(info.layout, key);
    return info && span ? [info.contentOffset + span[0], info.contentOffset + span[1]] : undefined;
  }

  /** A story's title: its heading; for a file story, the frontmatter title, else the first H1, else the file name. */
  private title(span: StorySpan): { title: string; start: number; end: number; bodyStart: number } {
    if (span.head) return { title: span.head.text, start: span.head.titleStart, end: span.head.titleEnd, bodyStart: span.bodyStart };
    const fm = this.frontmatter?.data ?? {};
    const fmEnd = span.bodyStart;
    const h1 = this.firstH1;
    const bodyStart = h1 && h1.start >= fmEnd && !span.markers.some((m) => m.start < h1.start) ? h1.end : fmEnd;
    if (typeof fm.title === 'string' && fm.title.trim()) {
      const r = this.findFrontmatterKey('title');
      return { title: fm.title.trim(), start: r?.[0] ?? 0, end: r?.[1] ?? 0, bodyStart };
    }
    if (h1) return { title: h1.text, start: h1.start, end: h1.end, bodyStart };
    const base = this.uri.split(/[\\/]/).pop() ?? this.uri;
    // no title to point at: the file's first line (the frontmatter's, when there is one)
    return { title: decodeURIComponent(base).replace(/\.md$/i, ''), start: 0, end: this.lines.lineEnd(0), bodyStart };
  }

  private makeStory(span: StorySpan, onlyStory: boolean): Story | undefined {
    const t = this.title(span);
    const bodyStart = t.bodyStart;
    const answerEnd = span.prepStart ?? span.end;
    // tags
    const tags = new StoryTags(this.text, this.opts.matcher, (x, y) => this.range(x, y));
    let principlesLine: Range | undefined;
    const holes: [number, number][] = [...span.metadata];
    // 1. frontmatter (single-story files)
    if ((span.kind === 'file' || onlyStory) && this.frontmatter) tags.frontmatter(this.frontmatter.layout, this.frontmatter.contentOffset);
    // 2. the heading, and the categories above it
    if (span.head) tags.heading(span.head.titleStart, span.head.titleEnd);
    for (const c of span.categories) tags.add(this.text.slice(c.titleStart, c.titleEnd), c.titleStart, 'heading', false);
    // 3. Principles: / LP: / Competencies: lines of the story's metadata, before its first part
    const firstMarker = span.markers[0]?.start ?? answerEnd;
    for (let k = lowerBound(this.tagLines, bodyStart, (x) => x.start); k < this.tagLines.length; k++) {
      const line = this.tagLines[k]!;
      if (line.start >= answerEnd || line.start > firstMarker) break;
      if (line.hashtags) {
        const before = tags.principles.length;
        tags.hashtags(this.text.slice(line.tagsStart, line.end), line.tagsStart);
        // a line of other hashtags (#interview) stays spoken
        if (tags.principles.length === before) continue;
      } else tags.add(this.text.slice(line.tagsStart, line.end), line.tagsStart, 'line', true);
      principlesLine ??= this.range(line.start, line.end);
      tags.range ??= principlesLine;
      holes.push([line.start, line.end]);
    }

    // 4. the event it tells: an `Event:` line before its first part, else `event:` in a single-story file's frontmatter
    let event: Story['event'];
    for (let k = lowerBound(this.eventLines, bodyStart, (x) => x.start); k < this.eventLines.length; k++) {
      const line = this.eventLines[k]!;
      if (line.start >= answerEnd || line.start > firstMarker) break;
      event ??= { key: this.text.slice(line.keyStart, line.keyEnd).trim(), range: this.range(line.keyStart, line.keyEnd) };
      holes.push([line.start, line.end]);
    }
    // where it happened, for events: a `Company:` line of its metadata (a bank's stories have no frontmatter of their own)
    let place: string | undefined;
    const head = this.text.slice(bodyStart, Math.min(firstMarker, answerEnd, bodyStart + 2000));
    const at = COMPANY_LINE.exec(head);
    if (at) place = at[1]!.trim();
    const fmEvent = this.frontmatter?.data?.event;
    if (!event && span.kind === 'file' && typeof fmEvent === 'string' && fmEvent.trim()) {
      const r = this.findFrontmatterKey('event');
      event = { key: fmEvent.trim(), range: r ? this.range(r[0], r[1]) : this.range(0, 0) };
    }

    // parts: marked, and read from the prose (read/parts.ts); a story of placeholders only is a template
    const partReader = new PartReader(this, holes, !!this.opts.withoutInference);
    const parts = partReader.read(span.markers, bodyStart, answerEnd);
    if (partReader.template(parts)) return undefined;
    if (!parts.length && span.kind !== 'file' && !span.head) return undefined;

    const words = parts.reduce((n, p) => n + p.words, 0);
    const claims = this.opts.withoutClaims ? [] : this.claimsIn(bodyStart, answerEnd, holes);
    const story: Story = {
      title: t.title,
      titleRange: this.range(t.start, t.end),
      range: this.range(span.start, trimEndAt(this.text, span.start, span.end)),
      kind: span.kind,
      level: span.level,
      principles: tags.principles,
      unknownPrinciples: tags.unknown,
      parts,
      words,
      claims,
      bodyStart,
      bodyEnd: span.end,
      inlineLabels: [],
    };
    if (tags.range) story.tagsRange = tags.range;
    if (principlesLine) story.principlesLine = principlesLine;
    if (event) story.event = event;
    if (!this.opts.withoutTerms) setTerms(story, this.spokenText(bodyStart, answerEnd, holes));
    else this.opts.spokenOut?.set(story, this.spokenText(bodyStart, answerEnd, holes));
    // the file's frontmatter company is every story's context, in a bank too
    const company = this.frontmatter?.data?.company;
    if (typeof company === 'string' && company.trim()) story.company = company.trim();
    else if (place) story.place = place;
    return story;
  }

  private claimsIn(start: number, end: number, holes: [number, number][]): Claim[] {
    const out: Claim[] = [];
    for (const block of this.proseIn(start, end)) {
      const own = block.src ?? block;
      for (const c of (own.claims ??= extractClaims(block.text, this.opts.recentClaims))) {
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
        let norm = c.subject ? normalizeSubject(c.subject) : undefined;
        // a share with a predicate ("94% of calls answered") is a subject of its own
        if (norm && c.predicate && !norm.mods.includes(c.predicate)) {
          const mods = [...norm.mods, c.predicate].sort();
          norm = { head: norm.head, mods, key: [...mods, norm.head].join(' ') };
          claim.subject = `${c.subject} (${c.predicate})`;
        }
        if (norm) claim.norm = norm;
        // "improved latency by 40%" means latency fell
        if (c.praise && norm && lowerIsBetter(norm.head)) claim.direction = 'decrease';
        if (c.target) claim.target = true;
        if (c.toSpan) claim.toRange = this.range(this.toSource(block, c.toSpan.start), this.toSource(block, c.toSpan.end));
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

  /**
   * The prose between two offsets less the holes, as one text for events.ts: no sentence is split
   * (the terms need none); a block's end, and a hole, end a clause (" ." between pieces).
   */
  private spokenText(start: number, end: number, holes: readonly [number, number][]): string {
    const parts: string[] = [];
    for (const block of this.proseIn(start, end)) {
      const map = block.map;
      const text = block.text;
      for (let k = 0; k < map.length; k += 2) {
        const t0 = map[k]!;
        const s0 = map[k + 1]!;
        const t1 = k + 2 < map.length ? map[k + 2]! : text.length;
        let a = Math.max(s0, start);
        const b = Math.min(s0 + (t1 - t0), end);
        while (a < b) {
          // inside a hole: past it, and the clause ends there
          let hole = false;
          for (const [ha, hb] of holes)
            if (ha <= a && a < hb) {
              a = hb;
              hole = true;
            }
          if (hole) {
            parts.push(' .\n');
            continue;
          }
          // up to the next hole
          let cut = b;
          for (const [ha] of holes) if (ha > a && ha < cut) cut = ha;
          parts.push(text.slice(t0 + (a - s0), t0 + (cut - s0)));
          a = cut;
        }
      }
      parts.push(' .\n');
    }
    return parts.join('');
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

/** Remove a leading byte-order mark; editors do not count it as a character. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const LINE_START_BOM = /(^|\n)\uFEFF+/g;

/**
 * The text as the reader reads it, of the same length so every offset and
 * position stays the file's own: a lone CR is a line break like LF (as LSP
 * and CommonMark count it), and a U+FEFF at the start of a line (a BOM left
 * by joining files) is read as a space, so the heading or fence after it is
 * still one. Ordinary files come back as they are, after one search each.
 */
export function readableText(text: string): string {
  let out = loneCrAsLf(text);
  if (out.indexOf('\uFEFF') !== -1) out = out.replace(LINE_START_BOM, (m, eol: string) => eol + ' '.repeat(m.length - eol.length));
  return out;
}

/** A file over the size limit: no stories, one `read-limit` problem at its start. */
function tooLarge(uri: string, text: string): FileFacts {
  const lines = new LineIndex(text);
  const range = lines.range(0, Math.max(0, text.indexOf('\n')));
  return {
    uri,
    optedOut: false,
    stories: [],
    problems: [{ message: tooLargeMessage(text.length), range, limit: 'file' }],
    suppression: { file: new Set(), ranges: [], nextLine: [] },
    lineCount: lines.lineCount,
  };
}

/** Read a story's terms (what events compare) from its spoken text. */
export function setTerms(story: Story, spoken: string): void {
  const terms = spokenTerms(spoken);
  if (terms.ids.length) {
    story.terms = terms.stream;
    story.termIds = terms.ids;
  }
}

/** Analyse one file: its stories and the findings of the per-file rules. */
export function analyzeFile(uri: string, text: string, opts: AnalyzeOptions): FileFacts {
  try {
    if (text.length > MAX_ANALYSED_CHARS) return tooLarge(uri, text);
    return new FileAnalyzer(uri, readableText(stripBom(text)), opts).run();
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
