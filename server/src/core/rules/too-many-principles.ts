import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule<{ max: number }> = {
  meta: meta<{ max: number }>('too-many-principles', {
    description: 'More principles on one story than an interviewer can credit.',
    defaultSeverity: 'information',
    defaultOptions: { max: 3 },
    optionsSchema: { max: { type: 'integer', minimum: 1, description: 'The most principles one story may claim.' } },
  }),
  scope: 'story',
  check({ story, options }) {
    const { max } = options;
    if (story.principles.length <= max) return [];
    return [
      finding('too-many-principles', story.tagsRange ?? story.titleRange, `Claims ${story.principles.length} principles; keep the ${max} it shows best.`, {
        count: story.principles.length,
        max,
      }),
    ];
  },
};
