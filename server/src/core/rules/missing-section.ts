import { type LineIndex, trimEndAt } from '../text';
import { PART_NAMES, PART_TITLES, type Fix, type PartName, type Story } from '../types';
import { eolOf, finding, insertAt, meta, type StoryRule } from './rule';

/** How a new part is written in this story: copy its own markers, else follow its heading. */
function partMarker(story: Story, part: PartName, eol: string): string {
  const model = story.parts[0];
  const title = PART_TITLES[part];
  if (model?.style.kind === 'label') {
    const d = model.style.delimiter ?? '**';
    const text = model.style.colonInside ? `${d}${title}:${d} ` : `${d}${title}${d}: `;
    return text + eol + eol;
  }
  if (model?.style.kind === 'heading') return `${'#'.repeat(model.style.level ?? 2)} ${title}${eol}${eol}${eol}`;
  if (story.kind === 'pseudo') return `**${title}:** ${eol}${eol}`;
  const level = story.kind === 'heading' ? Math.min(story.level + 1, 6) : 2;
  return `${'#'.repeat(level)} ${title}${eol}${eol}${eol}`;
}

/** Insert a missing part before the next part in S, T, A, R order, or after the story's last content. */
function insertPart(story: Story, part: PartName, text: string, lines: LineIndex): Fix {
  const eol = eolOf(text);
  const rank = PART_NAMES.indexOf(part);
  const marker = partMarker(story, part, eol);
  const next = story.parts.find((p) => Math.min(...p.names.map((n) => PART_NAMES.indexOf(n))) > rank);
  let offset: number;
  let newText = marker;
  if (next) {
    offset = lines.lineStart(next.markerRange.start.line);
    // a label after a list marker or quote ("- **Action:**"): insert a sibling line with the same prefix
    const prefix = text.slice(offset, lines.offset(next.markerRange.start));
    if (prefix.trim()) {
      if (/^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])?[ \t]*$/.test(prefix)) newText = prefix + marker.replace(/(\r?\n)+$/, '') + eol;
      else offset = lines.offset(next.markerRange.start);
    }
  } else {
    // after the story's last non-blank character
    let end = trimEndAt(text, story.bodyStart, story.bodyEnd);
    if (end <= story.bodyStart) end = Math.max(story.bodyStart, lines.offset(story.titleRange.end));
    offset = end;
    newText = eol + eol + marker.replace(/(\r?\n)+$/, '') + eol;
  }
  return { title: `Add a ${PART_TITLES[part]} part`, edits: [insertAt(lines, offset, newText)], safe: true, preferred: true };
}

/** What a sentence of each part would say, for the message about what the prose lacks. */
const LACKS: Record<PartName, string> = {
  situation: 'sets the scene (where it was and what was wrong)',
  task: 'says what you were responsible for',
  action: 'says what you did',
  result: 'says how it ended',
  learning: 'says what you learned',
};

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
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
    const names = missing.map((m) => PART_TITLES[m]);
    const what = missing.length === 1 ? `no ${names[0]} part` : `no ${list(names)} parts`;
    const where = story.parts.some((p) => !p.inferred) ? 'no label marks it and no sentence' : 'no sentence';
    const lacks = list(missing.map((m) => LACKS[m]));
    return [finding('missing-section', story.titleRange, `"${story.title}" has ${what}: ${where} ${lacks}.`, { parts: missing, part: missing[0] })];
  },
  fix({ finding: f, story, text, lines }) {
    const listed = Array.isArray(f.data?.parts) ? (f.data.parts as PartName[]) : f.data?.part ? [f.data.part as PartName] : [];
    const parts = listed.filter((p) => PART_NAMES.includes(p));
    if (!story || !parts.length) return [];
    const fixes = parts.map((p) => insertPart(story, p, text, lines));
    const names = parts.map((p) => PART_TITLES[p]);
    const title = parts.length === 1 ? `Add a ${names[0]} part` : `Add the ${list(names)} parts`;
    return [{ title, edits: fixes.flatMap((x) => x.edits), safe: true, preferred: true }];
  },
};
