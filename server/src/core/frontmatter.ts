// Frontmatter as the analysis reads it: the data, and where each top-level
// key, scalar value and list item sits, as plain data.
//
// Nearly every story's frontmatter is a handful of `key: value` lines and one
// list of principles. The `yaml` package reads those in about 75 µs, which is
// a tenth of the time to analyse a whole story; `readPlainFrontmatter` reads
// that common shape in a few microseconds and gives up (returns undefined) on
// anything else (comments, flow collections, multi-line or escaped strings,
// anchors, tags, numbers in unusual notations, repeated keys), which then goes
// to `yaml`. A test checks that both readers agree on every input the fast
// one accepts.

import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

/** A scalar and its offsets in the YAML text (quotes included). */
export interface FmScalar {
  value: unknown;
  start: number;
  end: number;
}

/** One top-level key of the frontmatter. */
export interface FmPair {
  key: unknown;
  keyStart: number;
  keyEnd: number;
  /** End of the value (of its last list item for a list), when it has one. */
  valueEnd?: number;
  /** The value, when it is a scalar. */
  scalar?: FmScalar;
  /** The scalar items, when the value is a list. */
  items?: FmScalar[];
}

export interface FmLayout {
  pairs: FmPair[];
}

/** Where a top-level key and its value sit (offsets in the YAML text), if the key is there. */
export function keySpan(layout: FmLayout, key: string): [number, number] | undefined {
  const pair = layout.pairs.find((p) => p.key === key);
  return pair ? [pair.keyStart, pair.valueEnd ?? pair.keyEnd] : undefined;
}

/** The layout of a document parsed by `yaml`. */
export function layoutOf(doc: Document.Parsed): FmLayout {
  const pairs: FmPair[] = [];
  if (!isMap(doc.contents)) return { pairs };
  for (const it of doc.contents.items) {
    const key = it.key as YamlNode | null;
    if (!isScalar(key) || !key.range) continue;
    const pair: FmPair = { key: key.value, keyStart: key.range[0], keyEnd: key.range[1] };
    const value = it.value as YamlNode | null;
    if (value?.range) pair.valueEnd = value.range[1];
    if (isScalar(value) && value.range) pair.scalar = { value: value.value, start: value.range[0], end: value.range[1] };
    else if (isSeq(value)) {
      pair.items = [];
      for (const item of value.items) if (isScalar(item) && item.range) pair.items.push({ value: item.value, start: item.range[0], end: item.range[1] });
    }
    pairs.push(pair);
  }
  return { pairs };
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
const ITEM_LINE = /^( *)-(?: +(.*))?$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
/** Decimal integers and floats (YAML 1.2 core schema); other notations go to `yaml`. */
const NUMBER = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** Characters that cannot start a plain scalar we read (YAML indicators, quotes, space). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** A scalar written on one line, or undefined when it is not one we read. */
function scalar(s: string, at: number): FmScalar | undefined {
  if (!s || /[\t\r]|\s$/.test(s)) return undefined;
  const q = s[0];
  if (q === '"' || q === "'") {
    const inner = s.slice(1, -1);
    if (s.length < 2 || s[s.length - 1] !== q || inner.includes(q) || (q === '"' && inner.includes('\\'))) return undefined;
    return { value: inner, start: at, end: at + s.length };
  }
  if (INDICATOR.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return undefined;
  let value: unknown = s;
  if (NULL.test(s)) value = null;
  else if (BOOL.test(s)) value = s[0] === 't' || s[0] === 'T';
  else if (NUMBER.test(s)) value = Number(s);
  else if (/^[-+]?(?:0[ox]|\.(?:inf|nan))/i.test(s)) return undefined;
  return { value, start: at, end: at + s.length };
}

/**
 * Frontmatter made only of top-level `key: scalar` lines and `key:` followed
 * by `- scalar` items, read without the YAML parser. Undefined for anything
 * else, which the caller hands to `yaml`.
 */
export function readPlainFrontmatter(text: string): { data: Record<string, unknown>; layout: FmLayout } | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const data: Record<string, unknown> = {};
  const pairs: FmPair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    // keys YAML reads as something other than a string, and repeated keys, go to `yaml`
    if (key === '__proto__' || NULL.test(key) || BOOL.test(key) || Object.hasOwn(data, key)) return undefined;
    const at = starts[i]!;
    const pair: FmPair = { key, keyStart: at, keyEnd: at + key.length };
    if (m[3]) {
      const v = scalar(m[3], at + key.length + 1 + m[2]!.length);
      if (!v) return undefined;
      pair.scalar = v;
      pair.valueEnd = v.end;
      data[key] = v.value;
    } else {
      if (m[2]) return undefined; // trailing spaces after the colon
      const items: FmScalar[] = [];
      let indent: number | undefined;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const item = ITEM_LINE.exec(lines[j]!);
        if (!item) {
          if (lines[j]!.trim() === '' || lines[j]![0] === ' ') return undefined;
          break;
        }
        if (indent === undefined) indent = item[1]!.length;
        else if (item[1]!.length !== indent) return undefined;
        if (item[2] === undefined) return undefined;
        const v = scalar(item[2], starts[j]! + lines[j]!.length - item[2].length);
        if (!v) return undefined;
        items.push(v);
      }
      if (items.length) {
        pair.items = items;
        // a list runs to the end of its last line
        pair.valueEnd = Math.min(starts[j - 1]! + lines[j - 1]!.length + 1, text.length);
        data[key] = items.map((v) => v.value);
        i = j - 1;
      } else {
        const end = at + key.length + 1;
        pair.scalar = { value: null, start: end, end };
        pair.valueEnd = end;
        data[key] = null;
      }
    }
    pairs.push(pair);
  }
  return { data, layout: { pairs } };
}
