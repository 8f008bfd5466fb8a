import { meta, type KeyedFinding, type WorkspaceRule } from './rule';

interface Options {
  minStories: number;
  tolerance: number;
  approximateTolerance: number;
}
import { byStoryOrder, claimGroups, claimKeys, comparisonSets, type Located } from '../claim-groups';
import { MAX_RELATED, relatedEntries, sameValue, show } from './metrics';

export const rule: WorkspaceRule<Options> = {
  meta: meta<Options>('recycled-metric', {
    description: 'The same subject and value claimed in several stories.',
    defaultSeverity: 'information',
    defaultOptions: { minStories: 3, tolerance: 0.5, approximateTolerance: 1 },
    optionsSchema: {
      minStories: { type: 'integer', minimum: 2, description: 'In how many stories the same figure must appear to be reported.' },
      tolerance: { type: 'number', minimum: 0, description: 'How far apart two exact values may be and still be the same (in their unit).' },
      approximateTolerance: { type: 'number', minimum: 0, description: 'The same, when one of the values is approximate (`~20%`, `about 20%`).' },
    },
  }),
  scope: 'workspace',
  keys: claimKeys,
  check({ files, options, keys }) {
    const { minStories, tolerance: tol, approximateTolerance: approxTol } = options;
    // each recycled claim: a few of the others (for related information) and how many stories share the figure
    const recycled = new Map<Located, { others: Located[]; stories: number; key: string; specific: boolean }>();
    // a recycled number is one candidate repeating themself, in any context
    for (const group of claimGroups(files, keys))
      for (const set of comparisonSets(group, false)) {
        const specific = set.some((l) => l.claim.norm!.mods.length > 0);
        // cluster equal values; a cluster spanning enough stories is recycled.
        // A level ("a 12% conversion rate") and a change ("raised … by 12%") are not the same claim.
        const sorted = [...set].sort((a, b) => Number(!!a.claim.direction) - Number(!!b.claim.direction) || a.claim.value - b.claim.value);
        let start = 0;
        for (let i = 1; i <= sorted.length; i++) {
          if (
            i < sorted.length &&
            !!sorted[i - 1]!.claim.direction === !!sorted[i]!.claim.direction &&
            sameValue(sorted[i - 1]!.claim, sorted[i]!.claim, tol, approxTol)
          )
            continue;
          const cluster = sorted.slice(start, i).sort(byStoryOrder);
          start = i;
          const stories = new Set(cluster.map((l) => l.story)).size;
          if (stories < minStories) continue;
          for (const a of cluster) {
            // one finding per claim: in the set where most stories share it, the most specific on a tie
            const prev = recycled.get(a);
            if (prev && (prev.stories > stories || (prev.stories === stories && (prev.specific || !specific)))) continue;
            const others: Located[] = [];
            for (const b of cluster) {
              if (b.story === a.story) continue;
              others.push(b);
              if (others.length >= MAX_RELATED) break;
            }
            recycled.set(a, { others, stories, key: group.key, specific });
          }
        }
      }
    const relatedTo = relatedEntries((b, subject) => `${show(b.claim)} ${subject} in "${b.story.title}"`);
    const out = new Map<string, KeyedFinding[]>();
    for (const [a, { others: list, stories: count, key }] of recycled) {
      const subject = a.claim.subject || a.claim.norm!.key;
      const finding: KeyedFinding = {
        rule: 'recycled-metric',
        key,
        range: a.claim.range,
        message: `${show(a.claim)} ${subject} is claimed in ${count} stories (also "${list[0]!.story.title}"${count > 2 ? ` and ${count - 2} more` : ''}): one number in every answer sounds rehearsed. Keep it for the story it belongs to.`,
        data: { subject, value: a.claim.value, stories: count },
        related: list.slice(0, MAX_RELATED).map((b) => relatedTo(b, subject)),
      };
      const l = out.get(a.uri) ?? [];
      l.push(finding);
      out.set(a.uri, l);
    }
    return out;
  },
};
