import type { LineIndex } from '../text';
import { PART_TITLES, type Fix, type Part, type Story } from '../types';
import { eolOf, finding, insertAt, meta, type StoryRule } from './rule';

/** A label for a part in the story's own style: its bold labels if it has them, else `**Situation:**`. */
function label(story: Story, part: Part): string {
  const model = story.parts.find((p) => !p.inferred && p.style.kind === 'label' && p.style.delimiter);
  const d = model?.style.delimiter ?? '**';
  const title = PART_TITLES[part.names[0]!];
  return model && !model.style.colonInside ? `${d}${title}${d}: ` : `${d}${title}:${d} `;
}

/**
 * Labels at the start of each inferred part. A part that starts a line gets
 * the label in front of it; one that starts inside a line gets a line break
 * and the label, so the label starts a line and the reader sees it. No
 * character of the story changes; only labels (and line breaks) are added.
 */
function labelFix(story: Story, text: string, lines: LineIndex): Fix | undefined {
  const eol = eolOf(text);
  const edits = [];
  for (const p of story.parts) {
    if (!p.inferred) continue;
    let at = p.contentStart;
    const lineStart = lines.lineStart(lines.pos(at).line);
    const before = text.slice(lineStart, at);
    const atLineStart = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?$/.test(before);
    if (atLineStart) {
      edits.push(insertAt(lines, at, label(story, p)));
      continue;
    }
    // inside a line: break it before the part (after the spaces that end the previous sentence)
    while (at > lineStart && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
    const indent = /^[ \t]*(?:>[ \t]?)*/.exec(before)?.[0] ?? '';
    edits.push(insertAt(lines, at, `${eol}${indent.includes('>') ? indent : ''}${label(story, p)}`));
  }
  if (!edits.length) return undefined;
  return { title: 'Label the STAR parts', edits, safe: false, preferred: true };
}

export const rule: StoryRule = {
  meta: meta('unlabelled-parts', {
    description: 'A story whose parts were read from its prose, without labels; a quick fix labels them.',
    defaultSeverity: 'hint',
    fixable: true,
  }),
  scope: 'story',
  check({ story }) {
    const inferred = story.parts.filter((p) => p.inferred);
    // a Learning told at the end of a story whose four parts are labelled is fine as it is
    if (!inferred.some((p) => p.names[0] !== 'learning')) return [];
    const names = inferred.map((p) => PART_TITLES[p.names[0]!]);
    const parts = inferred.map((p) => p.names[0]!);
    const told =
      names.length === 1
        ? `The ${names[0]} has no label; a label makes the shape plain.`
        : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} have no labels; labels make the shape plain.`;
    return [finding('unlabelled-parts', story.titleRange, told, { parts })];
  },
  fix({ story, text, lines }) {
    if (!story) return [];
    const fix = labelFix(story, text, lines);
    return fix ? [fix] : [];
  },
};
