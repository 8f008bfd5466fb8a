import { PART_TITLES } from '../types';
import type { Part } from '../types';
import { finding, meta, type StoryRule } from './rule';

/** Nothing but placeholder words (the reader knows TODO, TBD and TBA; the option may name others). */
function placeholderOnly(p: Part, placeholders: readonly string[]): boolean {
  return !!p.shortWords?.length && p.shortWords.every((w) => placeholders.some((x) => x.toLowerCase() === w.toLowerCase()));
}

export const rule: StoryRule<{ placeholders: string[] }> = {
  meta: meta<{ placeholders: string[] }>('empty-section', {
    description: 'A part marker with nothing under it, or only a placeholder such as TODO.',
    defaultSeverity: 'warning',
    defaultOptions: { placeholders: ['TODO', 'TBD', 'TBA'] },
    optionsSchema: {
      placeholders: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: "Words that only hold a part's place; a part holding nothing else is reported as empty.",
      },
    },
  }),
  scope: 'story',
  check({ story, options }) {
    return story.parts
      .filter((p) => !p.hasNonProse && (p.words === 0 || placeholderOnly(p, options.placeholders)))
      .map((p) =>
        finding(
          'empty-section',
          p.markerRange,
          p.words === 0 && !p.placeholderOnly
            ? `The ${p.names.map((n) => PART_TITLES[n]).join(' and ')} part is empty.`
            : `The ${p.names.map((n) => PART_TITLES[n]).join(' and ')} part holds only a placeholder.`,
          { part: p.names[0] },
        ),
      );
  },
};
