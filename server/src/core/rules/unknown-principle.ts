import { HEADING_TYPO_DISTANCE } from '../principles';
import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule<{ maxSuggestionDistance: number }> = {
  meta: meta<{ maxSuggestionDistance: number }>('unknown-principle', {
    description: 'A principle tag that is not in the framework.',
    defaultSeverity: 'error',
    fixable: true,
    defaultOptions: { maxSuggestionDistance: 0.4 },
    optionsSchema: {
      maxSuggestionDistance: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'How near (0 = the same, 1 = unrelated) the nearest known name must be to be offered as the fix.',
      },
    },
  }),
  scope: 'story',
  check({ story, options }) {
    const close = options.maxSuggestionDistance;
    // a word in a heading is only a misspelt tag when it is very near a name
    const headingLimit = Math.min(HEADING_TYPO_DISTANCE, close);
    return story.unknownPrinciples
      .filter((t) => t.source !== 'heading' || t.distance <= headingLimit)
      .map((t) =>
        finding(
          'unknown-principle',
          t.range,
          t.distance <= close
            ? `"${t.raw}" is not a known principle. Did you mean "${t.suggestion}"?`
            : `"${t.raw}" is not a known principle (the nearest is "${t.suggestion}").`,
          { suggestion: t.suggestion, close: t.distance <= close },
        ),
      );
  },
  fix({ finding: f }) {
    const suggestion = f.data?.suggestion;
    if (typeof suggestion !== 'string' || f.data?.close !== true) return [];
    return [{ title: `Change to "${suggestion}"`, edits: [{ range: f.range, newText: suggestion }], safe: true, preferred: true }];
  },
};
