// Stage 2 of the reader: part markers (contract section 2). Each dialect is
// a small function over one line or one block; `findMarkers` runs them over
// a file's blocks. Which markers count (letters only where a story uses two,
// metadata blocks) is decided with the story, in stories.ts.

import type { MarkerStyle } from '../types';
import type { Block } from './blocks';
import { type AnyPart, type PartNameMatch, partNamesOf } from './names';

export type MarkerForm = 'heading' | 'bold' | 'plain' | 'inline' | 'table';

export interface Marker {
  names: AnyPart[];
  /** Named by a lone letter (`**S:**`). */
  letter: boolean;
  /** The word Problem (PAR). */
  problem?: boolean;
  /** The marker's text as written, e.g. `Outcome`. */
  label: string;
  form: MarkerForm;
  style: MarkerStyle;
  start: number;
  end: number;
  /** Where the part's own text starts. */
  contentStart: number;
  /** Heading level; 99 for labels. */
  level: number;
  /** The block it stands in (index into the file's blocks). */
  block: number;
  /** Offset of the start of its line. */
  lineStart: number;
  /** Words after the label on its line (a short value in a `**Key:** value` block reads as metadata). */
  valueWords: number;
  /** For a table: the cells that hold the part's text. */
  spans?: [number, number][];
}

const PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?/;
// bold, or italic (`*Situation:*`)
const BOLD = /^(\*\*|__|\*(?!\s)|_(?!\s))((?:(?!\1).){1,60}?)\1/;
/** A `<summary>` and its text (bold or not). */
const SUMMARY = /<summary\b[^>]*>[ \t]*(?:<(?:b|strong|em|i)>[ \t]*)?([^<>\n]{1,60}?)[ \t]*(?:<\/(?:b|strong|em|i)>[ \t]*)?<\/summary>/gi;
const CALLOUT = /^\[![\w-]+\][+-]?[ \t]*/;
const SEP = /^[ \t]*([:：]|[-–—)](?=[ \t]|$))/;
const WORD = /[\p{L}\p{N}]+/gu;

function countWords(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

/** A label at the start of a line, after any list or quote prefix, as a marker relative to the line. */
export interface LineLabel {
  names: AnyPart[];
  letter: boolean;
  problem?: boolean;
  label: string;
  form: 'bold' | 'plain';
  style: MarkerStyle;
  /** Offsets in the line. */
  start: number;
  end: number;
  contentStart: number;
  /** Nothing but the label on the line: the part's text follows on the next lines. */
  alone: boolean;
}

/** A plain label with nothing after it where it stands: its part's text follows (`S - Situation`, a callout's title). */
function aloneLabel(m: PartNameMatch, label: string, start: number, end: number): LineLabel {
  return {
    names: m.names,
    letter: m.letter,
    ...(m.problem ? { problem: true } : {}),
    label,
    form: 'plain',
    style: { kind: 'label', delimiter: '', colonInside: false },
    start,
    end,
    contentStart: end,
    alone: true,
  };
}

/**
 * `**Situation:** …`, `**S** — …`, `- **Result**: …`, `Situation: …`,
 * `- S - …`, `**Outcome**` alone on its line, `S - Situation` alone.
 * A bold label needs a separator (or the line to itself); a plain one
 * always needs a separator, except a letter-and-word pair alone on its line.
 */
export function lineLabel(line: string): LineLabel | undefined {
  let prefix = PREFIX.exec(line)![0];
  // a list item's first line (its marker in the prefix)
  const listItem = /[-*+]|\d[.)]/.test(prefix);
  // a note app's callout (`> [!example] Situation`): its title is a label, alone on its line or not
  const callout = line.includes('[!') ? CALLOUT.exec(line.slice(prefix.length)) : null;
  if (callout) {
    prefix += callout[0];
    const title = line.slice(prefix.length).replace(/[*_]/g, '').trim();
    const label = title.replace(/[ \t]*[:：]$/, '');
    const m = title.length <= 40 ? partNamesOf(label) : undefined;
    if (m) return aloneLabel(m, label, prefix.length, line.length);
  }
  const rest = line.slice(prefix.length);
  if (!rest) return undefined;
  const at = prefix.length;
  const c0 = rest.charCodeAt(0);
  // a bold or italic label opens with * or _; a plain one has its separator within its first words
  const bold = c0 === 42 || c0 === 95 ? BOLD.exec(rest) : null;
  if (!bold && !/[:：\-–—)]/.test(rest.slice(0, 48)) && !(rest.length <= 30 && listItem)) return undefined;
  if (bold) {
    const inner = bold[2]!;
    const afterBold = rest.slice(bold[0].length);
    const innerSep = /[:：\-–—]\s*$/.test(inner);
    const sep = SEP.exec(afterBold);
    const tail = afterBold.slice(sep ? sep[0].length : 0);
    const alone = tail.trim() === '';
    if (!innerSep && !sep && !alone) return undefined;
    const m = partNamesOf(inner);
    if (!m) return undefined;
    const end = at + bold[0].length + (sep ? sep[0].length : 0);
    let contentStart = end;
    while (contentStart < line.length && (line[contentStart] === ' ' || line[contentStart] === '\t')) contentStart++;
    return {
      names: m.names,
      letter: m.letter,
      ...(m.problem ? { problem: true } : {}),
      label: inner.replace(/\s*[:：\-–—]\s*$/, '').trim(),
      form: 'bold',
      style: { kind: 'label', delimiter: bold[1]!, colonInside: innerSep },
      start: at,
      end,
      contentStart: alone ? line.length : contentStart,
      alone,
    };
  }
  // plain: the whole line a name ("S - Situation", "Situation:"), or a name, a separator and text
  const whole = rest.trim();
  if (whole.length <= 40) {
    const m = partNamesOf(whole);
    // a list item that is nothing but a part's word (`- Situation`, its text in the items under it)
    const item = !!m && !m.letter && listItem && /^[\p{L}' /&]+$/u.test(whole);
    if (m && (!m.letter || /[:：]$/.test(whole)) && (item || /[:：]$/.test(whole) || /\s[-–—:](?:\s|$)|\(/.test(whole)))
      return aloneLabel(m, whole.replace(/\s*[:：]$/, ''), at, line.length);
  }
  const plain = /^([\p{L}' ()/&]{1,30}?)[ \t]*([:：]|[ \t][-–—][ \t]|\)[ \t])/u.exec(rest);
  if (!plain) return undefined;
  const m = partNamesOf(plain[1]!);
  if (!m) return undefined;
  const end = at + plain[0].length;
  let contentStart = end;
  while (contentStart < line.length && (line[contentStart] === ' ' || line[contentStart] === '\t')) contentStart++;
  if (contentStart >= line.length) return undefined; // "Result:" alone is handled above
  return {
    names: m.names,
    letter: m.letter,
    ...(m.problem ? { problem: true } : {}),
    label: plain[1]!.trim(),
    form: 'plain',
    style: { kind: 'label', delimiter: '', colonInside: false },
    start: at,
    end: at + plain[1]!.length + plain[0].slice(plain[1]!.length).trimEnd().length,
    contentStart,
    alone: false,
  };
}

const INLINE = /(?<=[.!?)"”'’]|[.!?]["”'’])[ \t]+(\*\*|__)([^*_\n]{1,40}?)\1([ \t]*[:：])?/g;

/** Bold labels after the end of a sentence, inside a line: `… client trust. **Outcome**: Improved …`. */
export function inlineLabels(line: string): LineLabel[] {
  if (!line.includes('**') && !line.includes('__')) return [];
  const out: LineLabel[] = [];
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
    const inner = m[2]!;
    const innerColon = /[:：]\s*$/.test(inner);
    if (!innerColon && !m[3]) continue;
    const names = partNamesOf(inner);
    if (!names || names.letter) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    const end = m.index + m[0].length;
    let contentStart = end;
    while (contentStart < line.length && (line[contentStart] === ' ' || line[contentStart] === '\t')) contentStart++;
    out.push({
      names: names.names,
      letter: false,
      label: inner.replace(/\s*[:：]\s*$/, '').trim(),
      form: 'bold',
      style: { kind: 'label', delimiter: m[1]!, colonInside: innerColon },
      start,
      end,
      contentStart,
      alone: false,
    });
  }
  return out;
}

/** A heading whose text is a part name: `## Situation`, `### S - Situation`, `## 2. Task 🎯`. */
export function headingMarker(text: string): ReturnType<typeof partNamesOf> {
  return partNamesOf(text);
}

/** Header cells of a bank table that number its rows or tag them, not name them. */
const NUMBER_COLUMN = /^(?:#|no\.?|num(?:ber)?|n|id|\d+)?$/i;
const TAG_COLUMN = /^(?:lps?|principles?|leadership principles?|competenc(?:y|ies)|tags?|themes?)$/i;

/**
 * A table that holds a bank, one story a row: a header row of part names
 * (two parts at least), a column that names each row's story (Story, Title,
 * Question… : the first header that is neither a part, a number nor a tag
 * column), and two rows or more.
 */
export function bankTable(
  rows: readonly { text: string }[][],
): { title: number; tags: number[]; parts: { col: number; names: AnyPart[]; letter: boolean }[] } | undefined {
  if (rows.length < 3) return undefined;
  const header = rows[0]!;
  const parts: { col: number; names: AnyPart[]; letter: boolean }[] = [];
  let title = -1;
  const tags: number[] = [];
  header.forEach((cell, col) => {
    const text = cell.text.replace(/[*_`]/g, '').trim();
    const m = partNamesOf(text);
    if (m) parts.push({ col, names: m.names, letter: m.letter });
    else if (TAG_COLUMN.test(text)) tags.push(col);
    else if (title < 0 && !NUMBER_COLUMN.test(text)) title = col;
  });
  if (title < 0 || new Set(parts.flatMap((p) => p.names)).size < 2) return undefined;
  return { title, tags, parts };
}

/**
 * A table that lays out one story: a column of part names with the text
 * beside them, or a header row of part names with the text below. A bank
 * table (bankTable) gives a marker for each part cell of each row.
 */
export function tableMarkers(
  rows: { start: number; end: number; text: string }[][],
): { names: AnyPart[]; letter: boolean; label: string; start: number; end: number; spans: [number, number][] }[] {
  if (rows.length < 2) return [];
  const named = (c: { text: string } | undefined) => (c ? partNamesOf(c.text) : undefined);
  const bank = bankTable(rows);
  if (bank)
    return rows.slice(1).flatMap((r) =>
      bank.parts.flatMap((p) => {
        const cell = r[p.col];
        if (!cell) return [];
        return [
          {
            names: p.names,
            letter: p.letter,
            label: rows[0]![p.col]!.text.trim(),
            start: cell.start,
            end: cell.start,
            spans: [[cell.start, cell.end] as [number, number]],
          },
        ];
      }),
    );
  // header row of part names
  const header = rows[0]!.map(named);
  const headerParts = header.filter(Boolean);
  if (headerParts.length >= 2 && new Set(headerParts.flatMap((h) => h!.names)).size >= 2) {
    return rows[0]!.flatMap((cell, col) => {
      const m = header[col];
      if (!m) return [];
      const spans = rows.slice(1).flatMap((r) => (r[col] && r[col]!.text.trim() ? [[r[col]!.start, r[col]!.end] as [number, number]] : []));
      return [{ names: m.names, letter: m.letter, label: cell.text.trim(), start: cell.start, end: cell.end, spans }];
    });
  }
  // a column of part names (the first cell of each row, header row included)
  const col = rows.map((r) => named(r[0]));
  if (col.filter(Boolean).length >= 2 && new Set(col.flatMap((c) => c?.names ?? [])).size >= 2) {
    return rows.flatMap((r, i) => {
      const m = col[i];
      if (!m) return [];
      const spans = r.slice(1).flatMap((c) => (c.text.trim() ? [[c.start, c.end] as [number, number]] : []));
      return [{ names: m.names, letter: m.letter, label: r[0]!.text.trim(), start: r[0]!.start, end: r[0]!.end, spans }];
    });
  }
  return [];
}

/** A label as a marker of the file: its offsets (relative to `base`) moved into the file. */
function labelMarker(l: LineLabel, base: number, form: MarkerForm, block: number, lineStart: number, valueWords: number): Marker {
  return {
    names: l.names,
    letter: l.letter,
    ...(l.problem ? { problem: true } : {}),
    label: l.label,
    form,
    style: l.style,
    start: base + l.start,
    end: base + l.end,
    contentStart: base + l.contentStart,
    level: 99,
    block,
    lineStart,
    valueWords,
  };
}

/** Every marker candidate of a file, in order. */
export function findMarkers(text: string, blocks: readonly Block[], lineStarts: (start: number, end: number) => number[]): Marker[] {
  const out: Marker[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'heading') {
      const m = headingMarker(b.text);
      if (m)
        out.push({
          names: m.names,
          letter: m.letter,
          ...(m.problem ? { problem: true } : {}),
          label: b.text,
          form: 'heading',
          style: { kind: 'heading', level: b.level },
          start: b.start,
          end: b.end,
          contentStart: b.end,
          level: b.level,
          block: i,
          lineStart: b.start,
          valueWords: 0,
        });
      return;
    }
    if (b.kind === 'table') {
      for (const t of tableMarkers(b.rows))
        out.push({
          names: t.names,
          letter: t.letter,
          label: t.label,
          form: 'table',
          style: { kind: 'label', delimiter: '**', colonInside: true },
          start: t.start,
          end: t.end,
          contentStart: t.spans[0]?.[0] ?? t.end,
          level: 99,
          block: i,
          lineStart: t.start,
          valueWords: 0,
          spans: t.spans,
        });
      return;
    }
    if (b.kind === 'html') {
      // a collapsible section titled by a part (`<details><summary>Situation</summary>`): the text after it is the part
      const html = text.slice(b.start, b.end);
      if (!/<summary/i.test(html)) return;
      for (const m of html.matchAll(SUMMARY)) {
        const label = m[1]!
          .replace(/[*_]/g, '')
          .trim()
          .replace(/[ \t]*[:：]$/, '');
        const names = partNamesOf(label);
        if (!names) continue;
        const start = b.start + m.index! + m[0].indexOf(m[1]!);
        out.push(labelMarker(aloneLabel(names, label, start, b.start + m.index! + m[0].length), 0, 'plain', i, text.lastIndexOf('\n', start - 1) + 1, 0));
      }
      return;
    }
    if (b.kind !== 'paragraph') return;
    for (const first of lineStarts(b.start, b.end)) {
      // an item's first line is read with its list marker (`- Situation` alone is a label; `Situation` is not)
      let ls = first;
      if (first === b.start && b.item !== undefined) {
        const real = text.lastIndexOf('\n', first - 1) + 1;
        if (/^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+$/.test(text.slice(real, first))) ls = real;
      }
      let le = text.indexOf('\n', ls);
      if (le === -1 || le > b.end) le = b.end;
      if (le > ls && text[le - 1] === '\r') le--;
      const line = text.slice(ls, le);
      const found = lineLabel(line);
      const labels = found ? [found] : [];
      labels.push(...inlineLabels(line).filter((l) => !found || l.start >= found.contentStart));
      for (const l of labels) out.push(labelMarker(l, ls, l === found ? l.form : 'inline', i, ls, countWords(line.slice(l.contentStart))));
    }
  });
  return out;
}
