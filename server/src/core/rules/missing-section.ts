import { type LineIndex, trimEndAt } from '../text';
import { PART_NAMES, PART_TITLES, type Fix, type Part, type PartName, type Story } from '../types';
import { after, eolOf, finding, meta, type StoryRule } from './rule';

/** A line's start up to a label: blanks, quote marks, a list marker. */
const LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*$/;

/**
 * How a new part is written in this story: like its own marked parts (a
 * heading or a label, with their delimiter), else as a bold label, which
 * can stand before any text. `head` is the marker, `rest` what follows the
 * cursor.
 */
function partMarker(story: Story, part: PartName, eol: string, text: string, lines: LineIndex): { head: string; heading: boolean } {
  const model = story.parts.find((p) => !p.inferred);
  const title = PART_TITLES[part];
  if (model?.style.kind === 'heading') return { head: `${'#'.repeat(model.style.level ?? 2)} ${title}${eol}${eol}`, heading: true };
  // plain labels (`S: …`, `Situation - …`): a plain label, by letter where the story's labels are letters
  if (model?.style.kind === 'label' && model.style.delimiter === '' && model.label.trim()) {
    const letters = /^[stARL]$/i.test(model.label.trim());
    // the separator the story's labels use: a dash (`Situation - …`) or a colon
    const end = lines.offset(model.markerRange.end);
    const dash = /[-–—]/.exec(text.slice(Math.max(0, end - 2), end))?.[0];
    return { head: `${letters ? title[0] : title}${dash ? ` ${dash} ` : ': '}`, heading: false };
  }
  const d = model?.style.kind === 'label' && model.style.delimiter ? model.style.delimiter : '**';
  return { head: model && !model.style.colonInside && model.style.delimiter ? `${d}${title}${d}: ` : `${d}${title}:${d} `, heading: false };
}

/** The part a missing one belongs before: the first (in the story's order) that comes after it in S, T, A, R. */
function nextPart(story: Story, part: PartName): Part | undefined {
  const rank = PART_NAMES.indexOf(part);
  return story.parts.find(
    (p) =>
      Math.min(
        ...p.names.map((n) => {
          const i = PART_NAMES.indexOf(n);
          return i === -1 ? PART_NAMES.length : i;
        }),
      ) > rank,
  );
}

/** The first character of a story's answer: its body after the title and its principles line. */
function answerStart(story: Story, text: string, lines: LineIndex): number {
  let from = story.bodyStart;
  for (const r of [story.principlesLine, story.tagsRange]) if (r && lines.offset(r.end) <= story.bodyEnd) from = Math.max(from, lines.offset(r.end));
  let at = from;
  while (at < story.bodyEnd && /\s/.test(text[at]!)) at++;
  return at;
}

/**
 * Insert a missing part before the text it belongs to: before the next part
 * in S, T, A, R order (at the boundary the reader inferred, when that part
 * was read from prose), a Situation at the start of the answer when no part
 * was found, else after the story's last content. The cursor goes inside
 * the new part. Never safe: the new label changes how the text around it is read.
 */
function insertPart(story: Story, part: PartName, text: string, lines: LineIndex): Fix {
  const eol = eolOf(text);
  const { head, heading } = partMarker(story, part, eol, text, lines);
  const title = `Add a${/^[AEIOU]/.test(PART_TITLES[part]) ? 'n' : ''} ${PART_TITLES[part]} part`;
  const next = nextPart(story, part);
  // `before` is written up to the cursor, `tail` after it; the edit replaces [offset, end)
  const fix = (offset: number, before: string, tail: string, end = offset): Fix => {
    const at = lines.pos(offset);
    return { title, edits: [{ range: { start: at, end: lines.pos(end) }, newText: before + tail }], safe: false, cursor: after(at, before) };
  };
  if (next) {
    const start = next.inferred ? next.contentStart : lines.offset(next.markerRange.start);
    const lineStart = lines.lineStart(lines.pos(start).line);
    const prefix = text.slice(lineStart, start);
    if (LINE_PREFIX.test(prefix)) {
      // the part starts its line: the new marker goes right before it, as its own paragraph (or list item)
      if (heading) return fix(lineStart, head, eol);
      if (prefix.trim()) return fix(start, head, `${eol}${prefix}`);
      return fix(start, head, `${eol}${eol}`);
    }
    // inside a line (an inferred boundary, or a label after a sentence): a new paragraph starts there
    let cut = start;
    while (cut > lineStart && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
    const quote = /^[ \t]*(?:>[ \t]?)+/.exec(prefix)?.[0] ?? '';
    const blank = `${eol}${quote.trimEnd()}${eol}${quote}`;
    return fix(cut, `${blank}${heading ? head.replace(/(?:\r\n|\r|\n)+$/, '') + blank : head}`, blank, start);
  }
  if (!story.parts.length && part === 'situation') {
    // a story where no part was found: the Situation goes before its first words
    const at = answerStart(story, text, lines);
    if (at < story.bodyEnd) {
      const lineStart = lines.lineStart(lines.pos(at).line);
      if (heading) return fix(lineStart, head, eol);
      return fix(at, head, '');
    }
  }
  // after the story's last non-blank character
  let end = trimEndAt(text, story.bodyStart, story.bodyEnd);
  if (end <= story.bodyStart) end = Math.max(story.bodyStart, lines.offset(story.titleRange.end));
  if (heading) return fix(end, `${eol}${eol}${head.replace(/(?:\r\n|\r|\n)+$/, '')}${eol}`, '');
  return fix(end, `${eol}${eol}${head}`, eol);
}

/** What a sentence of each part would say, for the message about a part the prose lacks. */
const LACKS: Record<PartName, string> = {
  situation: 'sets the scene (where it was and what was wrong)',
  task: 'says what you were responsible for',
  action: 'says what you did',
  result: 'says how it ended',
  learning: 'says what you learned',
};

function list(items: string[], word: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export const rule: StoryRule = {
  meta: meta('missing-section', {
    description: 'A story that lacks one of its four parts (Situation, Task, Action, Result), marked or told in its prose.',
    defaultSeverity: 'warning',
    fixable: true,
  }),
  scope: 'story',
  check({ story }) {
    const present = new Set(story.parts.flatMap((p) => p.names));
    const missing = PART_NAMES.filter((name) => !present.has(name));
    if (!missing.length) return [];
    // one finding per story, naming every part it lacks; the message leaves the title to the range
    const message =
      missing.length === 1
        ? `No ${PART_TITLES[missing[0]!]} part: nothing ${LACKS[missing[0]!]}.`
        : `No ${list(
            missing.map((m) => PART_TITLES[m]),
            'or',
          )} part.`;
    return [finding('missing-section', story.titleRange, message, { parts: missing, part: missing[0] })];
  },
  fix({ finding: f, story, text, lines }) {
    const listed = Array.isArray(f.data?.parts) ? (f.data.parts as PartName[]) : f.data?.part ? [f.data.part as PartName] : [];
    const parts = listed.filter((p) => PART_NAMES.includes(p));
    if (!story || !parts.length) return [];
    // one fix per missing part, each putting the cursor in its new part; the only one is preferred
    const fixes = parts.map((p) => insertPart(story, p, text, lines));
    if (fixes.length === 1) fixes[0]!.preferred = true;
    return fixes;
  },
};
