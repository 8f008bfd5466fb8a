import { finding, meta, num, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('unknown-principle', {
    description: 'A principle tag that is not in the framework.',
    defaultSeverity: 'error',
    fixable: true,
    options: { maxSuggestionDistance: 0.4 },
  }),
  scope: 'story',
  check({ story, options }) {
    const close = num(options, 'maxSuggestionDistance', 0.4);
    return story.unknownPrinciples.map((t) =>
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
};
