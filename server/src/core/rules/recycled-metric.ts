import { meta, type KeyedFinding, type WorkspaceRule } from './rule';

interface Options {
  minStories: number;
  tolerance: number;
  approximateTolerance: number;
}
import { byStoryOrder, claimGroups, claimKey, comparable, comparisonSets, unitKey, type Located } from '../claim-groups';
import type { Claim } from '../types';
import { nearest, relatedEntries, sameValue, show } from './metrics';

/** The value bucket of a claim: wide enough that values the tolerances call the same are in one bucket or the next. */
function bucketOf(c: Claim, o: Options): number {
  const v = Math.abs(c.value);
  const width = Math.max(1, o.tolerance, o.approximateTolerance);
  const u = unitKey(c);
  // relative tolerances (5% of the larger value) for money and large multiples: buckets on a log scale
  if (u.startsWith('money:') || (u === 'x' && v > 20)) return v < 1 ? -10 : 100_000 + Math.floor(Math.log(v) / Math.log(1.06));
  return Math.floor(v / width);
}

const bucketKey = (c: Claim, bucket: number) => `${claimKey(c)}\u0002${bucket}`;

/** The keys of the bucket before a claim's, its own and the one after, remembered per claim and width: every edit asks again. */
const keysOfClaim = new WeakMap<Claim, { width: number; keys: string[] }>();
function bucketKeys(c: Claim, o: Options): string[] {
  const width = Math.max(1, o.tolerance, o.approximateTolerance);
  const got = keysOfClaim.get(c);
  if (got && got.width === width) return got.keys;
  const b = bucketOf(c, o);
  const keys = [bucketKey(c, b - 1), bucketKey(c, b), bucketKey(c, b + 1)];
  keysOfClaim.set(c, { width, keys });
  return keys;
}

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
  // A recycled number spans every company, so its family (unit and head noun)
  // is cut into value buckets: an edit re-checks only the claims near the
  // values it touched. A claim is reported under its own bucket and is
  // compared with the claims of its bucket and the two beside it, which
  // hold every value the tolerances call the same.
  keys(facts, options) {
    const keys = new Set<string>();
    for (const s of facts.stories)
      for (const c of s.claims) {
        if (!comparable(c)) continue;
        for (const k of bucketKeys(c, options)) keys.add(k);
      }
    return [...keys];
  },
  check({ files, options, keys }) {
    const { minStories, tolerance: tol, approximateTolerance: approxTol } = options;
    const reach = Math.max(1, tol, approxTol);
    const families = keys ? new Set([...keys].map((k) => k.slice(0, k.lastIndexOf('\u0002')))) : undefined;
    // each recycled claim: a few of the others (for related information) and how many stories share the figure
    const recycled = new Map<Located, { others: Located[]; stories: number; key: string; specific: boolean }>();
    // a recycled number is one candidate repeating themself, in any context
    // only the claims in or beside the buckets asked for
    const accept = keys ? (c: Claim) => bucketKeys(c, options).some((k) => keys.has(k)) : undefined;
    for (const group of claimGroups(files, families, accept))
      for (const set of comparisonSets(group, false)) {
        const specific = set.some((l) => l.claim.norm!.mods.length > 0);
        // by value; a level ("a 12% conversion rate") and a change ("raised … by 12%") are not the same claim
        const sorted = [...set].sort((x, y) => Number(!!x.claim.direction) - Number(!!y.claim.direction) || x.claim.value - y.claim.value);
        // claims written alike (value, approximate or not, level or change) share one list of same figures
        const alike = new Map<string, { same: Located[]; stories: number }>();
        for (let i = 0; i < sorted.length; i++) {
          const a = sorted[i]!;
          // in a full pass nothing is remembered per claim (nothing else will ask)
          const key = keys ? bucketKeys(a.claim, options)[1]! : `${a.key}\u0002${bucketOf(a.claim, options)}`;
          if (keys && !keys.has(key)) continue;
          const sig = `${!!a.claim.direction}|${a.claim.value}|${a.claim.approximate}`;
          let found = alike.get(sig);
          if (!found) {
            // the claims with the same figure as this one (within the tolerances), in story order
            const same: Located[] = [a];
            const near = (j: number) => {
              const b = sorted[j]!;
              return (
                !!b.claim.direction === !!a.claim.direction &&
                Math.abs(b.claim.value - a.claim.value) <= reach + 0.06 * Math.max(Math.abs(a.claim.value), Math.abs(b.claim.value))
              );
            };
            for (let j = i - 1; j >= 0 && near(j); j--) if (sameValue(a.claim, sorted[j]!.claim, tol, approxTol)) same.push(sorted[j]!);
            for (let j = i + 1; j < sorted.length && near(j); j++) if (sameValue(a.claim, sorted[j]!.claim, tol, approxTol)) same.push(sorted[j]!);
            same.sort(byStoryOrder);
            found = { same, stories: new Set(same.map((l) => l.story)).size };
            alike.set(sig, found);
          }
          const { same, stories } = found;
          if (stories < minStories) continue;
          // one finding per claim: in the set where most stories share it, the most specific on a tie
          const prev = recycled.get(a);
          if (prev && (prev.stories > stories || (prev.stories === stories && (prev.specific || !specific)))) continue;
          recycled.set(a, { others: nearest(same, same.indexOf(a), (b) => b.story === a.story), stories, key, specific });
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
        message: `${show(a.claim)} ${subject} is in ${count} stories; reused numbers sound rehearsed.`,
        data: { subject, value: a.claim.value, stories: count },
        related: list.map((b) => relatedTo(b, subject)),
      };
      const l = out.get(a.uri) ?? [];
      l.push(finding);
      out.set(a.uri, l);
    }
    return out;
  },
};
