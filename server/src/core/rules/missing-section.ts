import { PART_NAMES, PART_TITLES } from '../types';
import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule = {
  meta: meta('missing-section', {
    description: 'A story lacks one of its four parts: Situation, Task, Action or Result.',
    defaultSeverity: 'warning',
    fixable: true,
  }),
  scope: 'story',
  check({ story }) {
    const present = new Set(story.parts.flatMap((p) => p.names));
    return PART_NAMES.filter((name) => !present.has(name)).map((part) => {
      const inline = story.inlineLabels.find((l) => l.names.includes(part));
      const hint = inline
        ? ` A bold "${inline.label}" label sits in the middle of a paragraph on line ${inline.range.start.line + 1}; start a new paragraph or line with it so it counts.`
        : '';
      return finding('missing-section', story.titleRange, `"${story.title}" has no ${PART_TITLES[part]} part.${hint}`, { part });
    });
  },
};
