import { finding, meta, num, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('too-many-principles', {
    description: 'More principles on one story than an interviewer can credit.',
    defaultSeverity: 'information',
    options: { max: 3 },
  }),
  scope: 'story',
  check({ story, options }) {
    const max = num(options, 'max', 3);
    if (story.principles.length <= max) return [];
    return [
      finding(
        'too-many-principles',
        story.tagsRange ?? story.titleRange,
        `"${story.title}" claims ${story.principles.length} principles; keep the ${max} it shows best.`,
        { count: story.principles.length, max },
      ),
    ];
  },
};
