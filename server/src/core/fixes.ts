// Quick fixes, computed from a finding and the text of its file: each rule's
// own `fix`, comments that silence a rule, and every safe fix of a file at
// once. Pure: facts and text in, edits out. The language server puts these
// in each diagnostic's `data`, so code actions need no server state.

import { RULES_BY_ID } from './rules';
import { eolOf, storyAt } from './rules/rule';
import { type LineIndex, loneCrAsLf } from './text';
import type { FileFacts, Finding, Fix, FixEdit, Story } from './types';

/**
 * The quick fixes offered for a finding: its rule's own (`fix`), then, for a
 * finding on a label inside a line, one that starts a new line there. Each
 * title is offered once.
 */
export function fixesFor(finding: Finding, facts: FileFacts, text: string, lines: LineIndex): Fix[] {
  const rule = RULES_BY_ID.get(finding.rule);
  if (!rule) return [];
  try {
    // rules find lines as the analysis does, a lone CR read as LF; their new text then takes the file's own line ending
    const read = loneCrAsLf(text);
    const story = storyAt(facts, finding.range.start.line);
    const own = rule.fix ? rule.fix({ finding, facts, story, text: read, lines }) : [];
    const label = story ? newLineAtLabel(finding, story, read, lines) : undefined;
    // each fix once (by its title), the rule's own first
    const seen = new Set<string>();
    const fixes = [...own, ...(label ? [label] : [])].filter((f) => f.edits.length > 0 && !seen.has(f.title) && !!seen.add(f.title));
    return read === text ? fixes : withEol(fixes, eolOf(text));
  } catch {
    // a fix that cannot be computed is not offered; the finding still stands
    return [];
  }
}

/**
 * "Start a new line at the label": for a finding on a part's label that
 * follows a sentence inside a line (`… a sentence. **Action:** I did …`),
 * a blank line before the label so it starts a paragraph of its own. Only
 * white space changes (quote marks and a list item's indentation are kept),
 * but it is not offered to fix-all: it reshapes the user's paragraphs.
 */
function newLineAtLabel(finding: Finding, story: Story, text: string, lines: LineIndex): Fix | undefined {
  const s = finding.range.start;
  const part = story.parts.find((p) => !p.inferred && p.markerRange.start.line === s.line && p.markerRange.start.character === s.character);
  if (!part) return undefined;
  const at = lines.offset(part.markerRange.start);
  const lineStart = lines.lineStart(s.line);
  const before = text.slice(lineStart, at);
  const m = /^([ \t]*(?:>[ \t]?)*)([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)?/.exec(before)!;
  const rest = before.slice(m[0].length);
  // a label that starts its line, or a table cell's, needs nothing
  if (!rest.trim() || rest.includes('|')) return undefined;
  let cut = at;
  while (cut > lineStart && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  const quote = m[1] ?? '';
  const indent = m[2] ? ' '.repeat(m[2].length) : '';
  const eol = eolOf(text);
  const newText = `${eol}${quote.trimEnd()}${eol}${quote}${indent}`;
  const start = lines.pos(cut);
  return {
    title: 'Start a new line at the label',
    edits: [{ range: { start, end: part.markerRange.start }, newText }],
    safe: false,
    cursor: { line: s.line + 2, character: quote.length + indent.length },
  };
}

/** Fixes whose inserted line breaks (LF not after a CR) are written as `eol`. */
function withEol(fixes: Fix[], eol: string): Fix[] {
  if (eol === '\n') return fixes;
  return fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, newText: e.newText.replace(/(?<!\r)\n/g, eol) })) }));
}

/**
 * Fixes that silence `rule`: a `disable-next-line` comment above the
 * finding's line (with the line's indentation and quote markers), and a
 * `disable-file` comment after the frontmatter (or at the top).
 */
export function suppressionFixes(rule: string, line: number, facts: FileFacts, text: string, lines: LineIndex): Fix[] {
  const eol = eolOf(text);
  const fmEnd = facts.frontmatter ? facts.frontmatter.range.end.line : -1;
  const out: Fix[] = [];
  const at = (l: number) => {
    const p = { line: l, character: 0 };
    return { start: p, end: p };
  };
  if (line > fmEnd && line < lines.lineCount) {
    const start = lines.lineStart(line);
    const lineText = text.slice(start, lines.lineEnd(line));
    const indent = /^[ \t]*(?:>[ \t]?)*/.exec(lineText)?.[0] ?? '';
    out.push({
      title: `Disable ${rule} for this line`,
      edits: [{ range: at(line), newText: `${indent}<!-- star-stories-disable-next-line ${rule} -->${eol}` }],
      safe: false,
    });
  }
  const top = fmEnd >= 0 ? fmEnd + 1 : 0;
  out.push({
    title: `Disable ${rule} for this file`,
    edits: [{ range: at(top), newText: `<!-- star-stories-disable-file ${rule} -->${eol}${fmEnd >= 0 ? '' : eol}` }],
    safe: false,
  });
  return out;
}

/**
 * Every safe fix of a file at once (the first safe fix of each finding), as
 * one list of edits: an edit that overlaps one already taken is left out;
 * several insertions at one place keep their order.
 */
export function fixAll(findings: readonly Finding[], facts: FileFacts, text: string, lines: LineIndex): FixEdit[] {
  const edits: FixEdit[] = [];
  const taken: [number, number][] = [];
  for (const f of findings) {
    const fix = fixesFor(f, facts, text, lines).find((x) => x.safe);
    if (!fix) continue;
    for (const e of fix.edits) {
      const s = lines.offset(e.range.start);
      const en = lines.offset(e.range.end);
      if (taken.some(([a, b]) => s < b && en > a)) continue;
      taken.push([s, en]);
      edits.push(e);
    }
  }
  return edits;
}

/**
 * The text after applying `edits` (non-overlapping, positions in the
 * original text), as an editor applies a workspace edit: insertions at one
 * place keep their order.
 */
export function applyEdits(text: string, edits: readonly FixEdit[], lines: LineIndex): string {
  const located = edits.map((e, i) => ({ s: lines.offset(e.range.start), e: lines.offset(e.range.end), text: e.newText, i }));
  located.sort((a, b) => a.s - b.s || a.i - b.i);
  let out = '';
  let at = 0;
  for (const l of located) {
    if (l.s < at) continue;
    out += text.slice(at, l.s) + l.text;
    at = Math.max(at, l.e);
  }
  return out + text.slice(at);
}
