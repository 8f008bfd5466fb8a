import { PART_TITLES, type PartName } from '../types';
import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule = {
  meta: meta('duplicate-section', {
    description: 'The same part marked twice in one story.',
    defaultSeverity: 'warning',
  }),
  scope: 'story',
  check({ story }) {
    const seen = new Map<PartName, number>();
    const out = [];
    for (const part of story.parts) {
      for (const name of part.names) {
        const first = seen.get(name);
        if (first !== undefined) {
          out.push(
            finding('duplicate-section', part.markerRange, `A second ${PART_TITLES[name]} part (the first is on line ${first + 1}); merge the two.`, {
              part: name,
              firstLine: first + 1,
            }),
          );
        } else seen.set(name, part.markerRange.start.line);
      }
    }
    return out;
  },
};
