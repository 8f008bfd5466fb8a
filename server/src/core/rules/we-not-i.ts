import type { Related } from '../types';
import { finding, meta, type StoryRule } from './rule';

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

export const rule: StoryRule<{ minCount: number }> = {
  meta: meta<{ minCount: number }>('we-not-i', {
    description: 'The Action part says "we" more than "I".',
    defaultSeverity: 'information',
    defaultOptions: { minCount: 3 },
    optionsSchema: { minCount: { type: 'integer', minimum: 1, description: 'How many times the Action must say we/our/us before it is reported.' } },
  }),
  scope: 'story',
  check({ story, facts, options }) {
    const { minCount } = options;
    const out = [];
    for (const part of story.parts) {
      if (!part.names.includes('action')) continue;
      if (part.weCount > part.iCount && part.weCount >= minCount) {
        // one finding per Action, on its first "we"; the others are listed beside it
        const [first, ...rest] = part.weRanges?.length ? part.weRanges : [part.markerRange];
        const f = finding(
          'we-not-i',
          first!,
          `The Action says we/our/us ${times(part.weCount)} and I/my/me ${part.iCount === 0 ? 'never' : times(part.iCount)}: say what you did.`,
          { we: part.weCount, i: part.iCount },
        );
        if (rest.length) f.related = rest.map((range): Related => ({ uri: facts.uri, range, message: 'we/our/us here too' }));
        out.push(f);
      }
    }
    return out;
  },
};
