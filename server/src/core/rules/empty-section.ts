import { PART_TITLES } from '../types';
import { finding, meta, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('empty-section', {
    description: 'A part marker with nothing under it, or only a placeholder such as TODO.',
    defaultSeverity: 'warning',
    options: { placeholders: ['TODO', 'TBD', 'TBA'] },
  }),
  scope: 'story',
  check({ story }) {
    return story.parts
      .filter((p) => !p.hasNonProse && (p.words === 0 || p.placeholderOnly))
      .map((p) =>
        finding(
          'empty-section',
          p.markerRange,
          p.words === 0
            ? `The ${p.names.map((n) => PART_TITLES[n]).join(' and ')} part of "${story.title}" is empty.`
            : `The ${p.names.map((n) => PART_TITLES[n]).join(' and ')} part of "${story.title}" holds only a placeholder.`,
          { part: p.names[0] },
        ),
      );
  },
};
