// Quick fixes, computed from a finding and the text of its file: each rule's
// own `fix`, comments that silence a rule, and every safe fix of a file at
// once. Pure: facts and text in, edits out. The language server puts these
// in each diagnostic's `data`, so code actions need no server state.

import { RULES_BY_ID } from './rules';
import { eolOf, storyAt } from './rules/rule';
import { type LineIndex, loneCrAsLf } from './text';
import type { FileFacts, Finding, Fix, FixEdit } from './types';

/** The quick fixes a finding's rule offers for it (none when the rule has no `fix`). */
export function fixesFor(finding: Finding, facts: FileFacts, text: string, lines: LineIndex): Fix[] {
  const rule = RULES_BY_ID.get(finding.rule);
  if (!rule?.fix) return [];
  try {
    // rules find lines as the analysis does, a lone CR read as LF; their new text then takes the file's own line ending
    const read = loneCrAsLf(text);
    const fixes = rule.fix({ finding, facts, story: storyAt(facts, finding.range.start.line), text: read, lines }).filter((f) => f.edits.length > 0);
    return read === text ? fixes : withEol(fixes, eolOf(text));
  } catch {
    // a fix that cannot be computed is not offered; the finding still stands
    return [];
  }
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
