import { meta, type KeyedFinding, type WorkspaceRule } from './rule';

interface Options {
  tolerance: number;
  approximateTolerance: number;
}
import { byStoryOrder, claimGroups, comparisonSets, conflictKey, conflictKeys, familyOfConflictKey, type Located } from '../claim-groups';
import { MAX_RELATED, nearest, relatedEntries, sameValue, show, withNumber } from './metrics';

/**
 * Claims of one group that disagree: values that are not the same beyond
 * rounding, or opposite directions. Sorting by value keeps this
 * O(k log k) for a group of k claims, however many agree.
 */
function conflictsIn(group: Located[], tol: number, approxTol: number, add: (a: Located, b: Located) => void): void {
  // a level ("99.9% uptime") and a change ("uptime improved by 25%") are not compared
  const levels = group.filter((l) => !l.claim.direction);
  const changes = group.filter((l) => !!l.claim.direction);
  for (const part of [levels, changes]) {
    if (part.length < 2) continue;
    const sorted = [...part].sort((a, b) => a.claim.value - b.claim.value);
    const clusters: Located[][] = [];
    for (const l of sorted) {
      const last = clusters[clusters.length - 1];
      if (last && sameValue(last[last.length - 1]!.claim, l.claim, tol, approxTol)) last.push(l);
      else clusters.push([l]);
    }
    if (clusters.length > 1) {
      for (let i = 0; i < clusters.length; i++)
        for (const a of clusters[i]!) for (let j = 0; j < clusters.length; j++) if (j !== i) for (const b of clusters[j]!.slice(0, MAX_RELATED)) add(a, b);
    }
  }
  const up = changes.filter((l) => l.claim.direction === 'increase');
  const down = changes.filter((l) => l.claim.direction === 'decrease');
  if (up.length && down.length) {
    for (const a of up) for (const b of down.slice(0, MAX_RELATED)) add(a, b);
    for (const a of down) for (const b of up.slice(0, MAX_RELATED)) add(a, b);
  }
}

/** The other values, each with the first story that claims it, for "Use 15% (as in …)". */
/** At most this many "Use N" fixes: the light bulb offers the nearest values, not one per story of a long list. */
const MAX_CHOICES = 3;

/** The values `a` could take instead, each once, from the nearest claims first. */
function partners(a: Located, nearestFirst: readonly Located[]): { value: number; story: string }[] {
  const out: { value: number; story: string }[] = [];
  for (const b of nearestFirst) {
    if (out.length >= MAX_CHOICES) break;
    if (b.claim.value !== a.claim.value && !out.some((o) => o.value === b.claim.value)) out.push({ value: b.claim.value, story: b.story.title });
  }
  return out;
}

/** The other claims of `all` (in story order), the nearest to `a` first. */
function byDistance(all: readonly Located[], a: Located): Located[] {
  const at = all.indexOf(a);
  return all
    .map((b, i) => ({ b, d: Math.abs(i - at) }))
    .filter((x) => x.b !== a)
    .sort((x, y) => x.d - y.d)
    .map((x) => x.b);
}

export const rule: WorkspaceRule<Options> = {
  meta: meta<Options>('metric-conflict', {
    description: 'The same thing measured with two different numbers, or in opposite directions, in one company or file.',
    defaultSeverity: 'warning',
    fixable: true,
    defaultOptions: { tolerance: 0.5, approximateTolerance: 1 },
    optionsSchema: {
      tolerance: { type: 'number', minimum: 0, description: 'How far apart two exact values may be and still be the same (in their unit).' },
      approximateTolerance: { type: 'number', minimum: 0, description: 'The same, when one of the values is approximate (`~20%`, `about 20%`).' },
    },
  }),
  scope: 'workspace',
  // conflicts stay within one context, so an edit re-checks only its own company's or file's claims
  keys: conflictKeys,
  check({ files, options, keys }) {
    const { tolerance: tol, approximateTolerance: approxTol } = options;
    const conflicts = new Map<Located, Set<Located>>();
    const keyOf = new Map<Located, string>();
    const add = (a: Located, b: Located) => {
      if (a.claim === b.claim) return;
      let set = conflicts.get(a);
      if (!set) conflicts.set(a, (set = new Set()));
      if (set.size < MAX_RELATED * 4) set.add(b);
    };
    // conflicts stay within one context
    const families = keys ? new Set([...keys].map(familyOfConflictKey)) : undefined;
    for (const group of claimGroups(files, families))
      for (const set of comparisonSets(group, true)) {
        const key = conflictKey(set[0]!.context, set[0]!.claim);
        if (keys && !keys.has(key)) continue;
        for (const l of set) keyOf.set(l, key);
        conflictsIn(set, tol, approxTol, add);
      }
    const relatedTo = relatedEntries((b, subject) => `${show(b.claim)} ${subject} in "${b.story.title}": ${b.claim.text}`);
    const out = new Map<string, KeyedFinding[]>();
    for (const [a, others] of conflicts) {
      // the other claims in story order; of a long list, the nearest to this one
      const all = [...others, a].sort(byStoryOrder);
      const list = nearest(all, all.indexOf(a), (b) => b === a);
      const first = list[0]!;
      const opposite = list.some((b) => b.claim.direction && a.claim.direction && b.claim.direction !== a.claim.direction);
      // the other story is named in the related entries; the message stays short enough for the Problems panel
      const where = first.story === a.story ? 'elsewhere in this story' : 'in another story';
      const more = all.length > 2 ? ` (and ${all.length - 2} more)` : '';
      const subject = a.claim.subject || a.claim.norm!.key;
      const message =
        opposite && sameValue(a.claim, first.claim, tol, approxTol)
          ? `${subject} ${a.claim.direction === 'increase' ? 'rises' : 'falls'} here but ${first.claim.direction === 'increase' ? 'rises' : 'falls'} ${where}${more}: the two claims contradict each other.`
          : `${subject}: ${show(a.claim)} here, ${show(first.claim)} ${where}${more}; use one number.`;
      const finding: KeyedFinding = {
        rule: 'metric-conflict',
        key: keyOf.get(a)!,
        range: a.claim.range,
        message,
        data: {
          subject,
          value: a.claim.value,
          others: [...new Set(all.filter((b) => b !== a).map((b) => b.claim.value))],
          use: partners(a, byDistance(all, a)),
        },
        related: list.map((b) => relatedTo(b, subject)),
      };
      const l = out.get(a.uri) ?? [];
      l.push(finding);
      out.set(a.uri, l);
    }
    return out;
  },
  fix({ finding: f, text, lines }) {
    const use = Array.isArray(f.data?.use) ? (f.data.use as { value: number; story: string }[]) : [];
    const written = text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
    const out = [];
    for (const u of use) {
      if (typeof u?.value !== 'number' || typeof u.story !== 'string') continue;
      // only the number changes: `~20%` becomes `~15%`
      const replaced = withNumber(written, u.value);
      if (!replaced) continue;
      out.push({ title: `Use ${replaced.trim()} (as in "${u.story}")`, edits: [{ range: f.range, newText: replaced }], safe: false });
    }
    return out;
  },
};
