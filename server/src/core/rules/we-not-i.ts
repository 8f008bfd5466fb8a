import { finding, meta, num, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('we-not-i', {
    description: 'The Action part says "we" more than "I".',
    defaultSeverity: 'hint',
    options: { minCount: 3 },
  }),
  scope: 'story',
  check({ story, options }) {
    const minCount = num(options, 'minCount', 3);
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
