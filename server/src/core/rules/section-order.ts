import { type LineIndex, trimEndAt } from '../text';
import { PART_ORDER, PART_TITLES, type Fix, type Part, type Story } from '../types';
import { eolOf, finding, meta, type StoryRule } from './rule';

/** A line's start up to a label: blanks, quote marks, a list marker. */
const LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*$/;

const rankOf = (p: Part) => Math.min(...p.names.map((n) => PART_ORDER.indexOf(n)));
const titleOf = (p: Part) => p.names.map((n) => PART_TITLES[n]).join(' and ');

/**
 * Move a part, its marker and its text, above the first part it should
 * come before. Only its place changes: the text moves whole, with the
 * file's line endings; white space between paragraphs is kept tidy.
 */
function movePart(story: Story, part: Part, text: string, lines: LineIndex): Fix | undefined {
  const target = story.parts.find((p) => p !== part && rankOf(p) > rankOf(part));
  if (!target || story.parts.indexOf(target) > story.parts.indexOf(part) || part.inferred) return undefined;
  const eol = eolOf(text);
  const srcStart = lines.offset(part.markerRange.start);
  const srcEnd = trimEndAt(text, srcStart, Math.max(part.contentEnd, lines.offset(part.markerRange.end)));
  const srcLineStart = lines.lineStart(part.markerRange.start.line);
  const srcPrefix = text.slice(srcLineStart, srcStart);
  const tStart = target.inferred ? target.contentStart : lines.offset(target.markerRange.start);
  const tLineStart = lines.lineStart(lines.pos(tStart).line);
  const tPrefix = text.slice(tLineStart, tStart);
  // a STAR table is not moved row by row
  if (srcPrefix.includes('|') || tPrefix.includes('|')) return undefined;
  const srcAtLine = LINE_PREFIX.test(srcPrefix);
  const tAtLine = LINE_PREFIX.test(tPrefix);
  const edits = [];
  let moved: string;
  if (srcAtLine) {
    moved = text.slice(srcLineStart, srcEnd);
    // the part's lines go, with the blank lines after them (or, at the end of the text, before them)
    let end = srcEnd;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    let k = end;
    for (;;) {
      let e = k;
      while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
      if (text.startsWith('\r\n', e)) e += 2;
      else if (text[e] === '\n' || text[e] === '\r') e += 1;
      else break;
      k = e;
    }
    if (k < text.length || srcLineStart === 0) edits.push({ range: lines.range(srcLineStart, k), newText: '' });
    else edits.push({ range: lines.range(trimEndAt(text, 0, srcLineStart), srcEnd), newText: '' });
  } else {
    moved = text.slice(srcStart, srcEnd);
    let cut = srcStart;
    while (cut > srcLineStart && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
    edits.push({ range: lines.range(cut, srcEnd), newText: '' });
  }
  const multiLine = /[\r\n]/.test(moved);
  if (tAtLine) {
    const listed = !!tPrefix.trim() && (!srcAtLine || !!srcPrefix.trim());
    if (srcAtLine) {
      const sep = listed ? eol : `${eol}${eol}`;
      edits.unshift({ range: lines.range(tLineStart, tLineStart), newText: `${moved}${sep}` });
    } else if (tPrefix.trim()) edits.unshift({ range: lines.range(tStart, tStart), newText: `${moved}${eol}${tPrefix}` });
    else edits.unshift({ range: lines.range(tLineStart, tLineStart), newText: `${moved}${eol}${eol}` });
  } else {
    if (multiLine || (srcAtLine && srcPrefix.trim())) return undefined;
    edits.unshift({ range: lines.range(tStart, tStart), newText: `${moved} ` });
  }
  return { title: `Move ${titleOf(part)} above ${titleOf(target)}`, edits, safe: false, preferred: true };
}

export const rule: StoryRule = {
  meta: meta('section-order', {
    description: 'Parts out of the Situation, Task, Action, Result order.',
    defaultSeverity: 'warning',
    fixable: true,
  }),
  scope: 'story',
  check({ story }) {
    const out = [];
    let highest = -1;
    let highestName = '';
    for (const part of story.parts) {
      const rank = rankOf(part);
      if (rank < highest) {
        out.push(
          finding('section-order', part.markerRange, `${titleOf(part)} comes after ${highestName}; tell it as Situation, Task, Action, Result.`, {
            part: part.names[0],
          }),
        );
      } else {
        const top = Math.max(...part.names.map((n) => PART_ORDER.indexOf(n)));
        if (top > highest) {
          highest = top;
          highestName = PART_TITLES[PART_ORDER[top]!];
        }
      }
    }
    return out;
  },
  fix({ finding: f, story, text, lines }) {
    if (!story) return [];
    const s = f.range.start;
    const part = story.parts.find((p) => p.markerRange.start.line === s.line && p.markerRange.start.character === s.character);
    const fix = part && movePart(story, part, text, lines);
    return fix ? [fix] : [];
  },
};
