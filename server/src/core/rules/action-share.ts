import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule<{ minShare: number }> = {
  meta: meta<{ minShare: number }>('action-share', {
    description: 'The Action part holds too small a share of the story.',
    defaultSeverity: 'information',
    defaultOptions: { minShare: 0.35 },
    optionsSchema: {
      minShare: { type: 'number', minimum: 0, maximum: 1, description: 'The least share of the spoken words the Action should hold (0 to 1).' },
    },
  }),
  scope: 'story',
  check({ story, options }) {
    const { minShare } = options;
    const actions = story.parts.filter((p) => p.names.includes('action'));
    if (!actions.length || story.words === 0) return [];
    const words = actions.reduce((n, p) => n + p.words, 0);
    if (words === 0) return []; // empty-section reports it
    const share = words / story.words;
    if (share >= minShare) return [];
    return [
      finding(
        'action-share',
        actions[0]!.markerRange,
        // rounded down, so a share just under the line never reads as the line itself ("35%, give 35%")
        `The Action is ${Math.floor(share * 100)}% of the story; give what you did ${Math.round(minShare * 100)}% or more.`,
        { share: Math.round(share * 1000) / 1000, minShare },
      ),
    ];
  },
};
