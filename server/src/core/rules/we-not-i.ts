import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule<{ minCount: number }> = {
  meta: meta<{ minCount: number }>('we-not-i', {
    description: 'The Action part says "we" more than "I".',
    defaultSeverity: 'hint',
    defaultOptions: { minCount: 3 },
    optionsSchema: { minCount: { type: 'integer', minimum: 1, description: 'How many times the Action must say we/our/us before it is reported.' } },
  }),
  scope: 'story',
  check({ story, options }) {
    const { minCount } = options;
    const out = [];
    for (const part of story.parts) {
      if (!part.names.includes('action')) continue;
      if (part.weCount > part.iCount && part.weCount >= minCount)
        out.push(
          finding(
            'we-not-i',
            part.markerRange,
            `The Action of "${story.title}" says we/our/us ${part.weCount} times and I/my/me ${part.iCount}: the interviewer is assessing what you did.`,
            { we: part.weCount, i: part.iCount },
          ),
        );
    }
    return out;
  },
};
