import { PART_ORDER, PART_TITLES } from '../types';
import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule = {
  meta: meta('section-order', {
    description: 'Parts out of the Situation, Task, Action, Result order.',
    defaultSeverity: 'warning',
  }),
  scope: 'story',
  check({ story }) {
    const out = [];
    let highest = -1;
    let highestName = '';
    for (const part of story.parts) {
      const rank = Math.min(...part.names.map((n) => PART_ORDER.indexOf(n)));
      if (rank < highest) {
        const name = part.names.map((n) => PART_TITLES[n]).join(' and ');
        out.push(
          finding(
            'section-order',
            part.markerRange,
            `${name} comes after ${highestName} in "${story.title}"; tell it in the order Situation, Task, Action, Result.`,
            {
              part: part.names[0],
            },
          ),
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
};
