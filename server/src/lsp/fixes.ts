// Quick fixes, computed when a diagnostic is made and carried in its `data`,
// so that code actions need no server state. Pure: facts and text in, edits out.

import { PART_NAMES, PART_TITLES, type FileFacts, type Finding, type PartName, type Story } from '../core';
import type { LineIndex } from '../core/text';

export interface FixEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface Fix {
  title: string;
  edits: FixEdit[];
  /** Safe to apply without looking (source.fixAll). */
  safe: boolean;
  preferred?: boolean;
}

function at(lines: LineIndex, offset: number): FixEdit['range'] {
  const p = lines.pos(offset);
  return { start: p, end: p };
}

function storyOf(facts: FileFacts, f: Finding): Story | undefined {
  const line = f.range.start.line;
  return facts.stories.find((s) => s.range.start.line <= line && line <= Math.max(s.range.end.line, s.range.start.line));
}

/** How a new part is written in this story: copy its own markers, else follow its heading. */
function partMarker(story: Story, part: PartName, eol: string): { text: string; heading: boolean } {
  const model = story.parts[0];
  const title = PART_TITLES[part];
  if (model?.style.kind === 'label') {
    const d = model.style.delimiter ?? '**';
    const text = model.style.colonInside ? `${d}${title}:${d} ` : `${d}${title}${d}: `;
    return { text: text + eol + eol, heading: false };
  }
  if (model?.style.kind === 'heading') return { text: `${'#'.repeat(model.style.level ?? 2)} ${title}${eol}${eol}${eol}`, heading: true };
  if (story.kind === 'pseudo') return { text: `**${title}:** ${eol}${eol}`, heading: false };
  const level = story.kind === 'heading' ? Math.min(story.level + 1, 6) : 2;
  return { text: `${'#'.repeat(level)} ${title}${eol}${eol}${eol}`, heading: true };
}

/** Insert a missing part before the next part in S, T, A, R order, or after the story's last content. */
function insertPart(story: Story, part: PartName, text: string, lines: LineIndex): Fix | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rank = PART_NAMES.indexOf(part);
  const marker = partMarker(story, part, eol);
  const next = story.parts.find((p) => Math.min(...p.names.map((n) => PART_NAMES.indexOf(n))) > rank);
  let offset: number;
  let newText = marker.text;
  if (next) {
    offset = lines.lineStart(next.markerRange.start.line);
    // a label after a list marker or quote ("- **Action:**"): insert a sibling line with the same prefix
    const prefix = text.slice(offset, lines.offset(next.markerRange.start));
    if (prefix.trim()) {
      if (/^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*$/.test(prefix)) newText = prefix + marker.text.replace(/(\r?\n)+$/, '') + eol;
      else offset = lines.offset(next.markerRange.start);
    }
  } else {
    // after the story's last non-blank character
    let end = story.bodyEnd;
    while (end > story.bodyStart && /\s/.test(text[end - 1]!)) end--;
    if (end <= story.bodyStart) end = Math.max(story.bodyStart, lines.offset(story.titleRange.end));
    offset = end;
    newText = eol + eol + marker.text.replace(/(\r?\n)+$/, '') + eol;
  }
  return {
    title: `Add a ${PART_TITLES[part]} part`,
    edits: [{ range: at(lines, offset), newText }],
    safe: true,
    preferred: true,
  };
}

/** The quick fixes of one finding, or none. */
export function fixesFor(f: Finding, facts: FileFacts, text: string, lines: LineIndex): Fix[] {
  const story = storyOf(facts, f);
  switch (f.rule) {
    case 'missing-section': {
      const part = f.data?.part as PartName | undefined;
      if (!story || !part) return [];
      const fix = insertPart(story, part, text, lines);
      return fix ? [fix] : [];
    }
    case 'unknown-principle': {
      const suggestion = f.data?.suggestion;
      if (typeof suggestion !== 'string' || f.data?.close !== true) return [];
      return [{ title: `Change to "${suggestion}"`, edits: [{ range: f.range, newText: suggestion }], safe: true, preferred: true }];
    }
    case 'missing-principles': {
      if (!story) return [];
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      if (story.kind === 'file' && facts.frontmatter) {
        // add a `principles:` key at the end of the frontmatter
        const closing = facts.frontmatter.range.end.line;
        return [{ title: 'Add `principles:` to the frontmatter', edits: [{ range: at(lines, lines.lineStart(closing)), newText: `principles: []${eol}` }], safe: false }];
      }
      const after = lines.lineEnd(story.titleRange.end.line);
      return [{ title: 'Add a `Principles:` line', edits: [{ range: at(lines, after), newText: `${eol}${eol}Principles: ` }], safe: false }];
    }
    default:
      return [];
  }
}
