// Which claims are compared: the one definition used by the metric rules,
// the Metrics view, `star-stories metrics`, the JSON report and hover.
//
// A claim is compared only when it has a subject (a measured noun phrase),
// a comparable kind (percentages, points, changes, multiples, money) and is
// a result rather than a goal. Claims are grouped by unit and head noun
// across the whole workspace (a recycled number is one candidate repeating
// themself, whatever the company). Inside a group:
//   - two claims measure the same thing when their modifiers agree or one
//     of them has none ("accuracy" = "data accuracy", while "data accuracy"
//     and "reporting accuracy" stay apart);
//   - a group holds the claims connected by that relation, so a bare
//     "accuracy" joins its modified forms into one group, and "query time"
//     and "build time" stay two groups when nothing joins them;
//   - conflicts are looked for only within one context (the company, case-
//     and space-insensitive, else the file).

import type { Claim, FileFacts, Story } from './types';

/** Where claims are compared for conflicts: a company, else a file. */
export interface ClaimContext {
  kind: 'company' | 'file';
  /** Case- and space-insensitive identity: `company:harborline`, `file:<uri>`. */
  id: string;
  /** As people read it: the company as first written, or the file's URI. */
  label: string;
}

/** A claim with where it is. */
export interface Located {
  uri: string;
  story: Story;
  claim: Claim;
  context: ClaimContext;
  /** Its place in story order (file, then position) among the claims of one `claimGroups` call. */
  order: number;
  /** Its family: unit and head noun (`claimKey`). */
  key: string;
  /** The modifiers of its subject with the head noun; '' for a bare head noun. */
  mods: string;
}

/** A group of claims that may measure the same thing. */
export interface ClaimGroup {
  /** Stable identity (unit and head noun, plus modifiers when the group is one of several). */
  id: string;
  /** The workspace pass key: unit and head noun (every group of that family re-checks together). */
  key: string;
  /** What the group measures, as a noun phrase a person would write ("data accuracy"); worked out when first read. */
  readonly subject: string;
  /** Its claims in story order (file, then position). */
  members: Located[];
  /** The contexts its claims come from, in order of first appearance. */
  contexts: ClaimContext[];
}

/** Kinds whose values are comparable across stories: relative changes, points, multiples and money. */
export const COMPARABLE: ReadonlySet<string> = new Set(['percent', 'change', 'multiple', 'money']);

/** Whether a claim takes part in comparisons at all. */
export function comparable(c: Claim): boolean {
  return !!c.norm && COMPARABLE.has(c.kind) && !c.target && c.unit !== 'delta';
}

/** The unit claims must share to be compared: `%`, points, `x`, or a currency. */
export function unitKey(c: Claim): string {
  if (c.unit === 'pp') return 'pp';
  return c.kind === 'change' || c.kind === 'percent' ? '%' : c.kind === 'multiple' ? 'x' : `${c.kind}:${c.unit}`;
}

/** The workspace pass key of a comparable claim: unit and head noun. */
export function claimKey(c: Claim): string {
  // (made each time: a short string costs less than remembering it per claim, and a full pass meets every claim once)
  return `${unitKey(c)}\u0000${c.norm!.head}`;
}

const spaced = (s: string) => s.trim().replace(/\s+/g, ' ');

/** The context a story's claims are compared in. */
export function contextOf(uri: string, story: Story): ClaimContext {
  const company = story.company ? spaced(story.company) : '';
  return company ? { kind: 'company', id: `company:${company.toLowerCase()}`, label: company } : { kind: 'file', id: `file:${uri}`, label: uri };
}

/** The key of a claim for conflicts, which stay within one context: the context, unit and head noun. */
export function conflictKey(context: ClaimContext, c: Claim): string {
  return `${context.id}\u0001${claimKey(c)}`;
}

/** The conflict keys of a file's comparable claims. */
export function conflictKeys(facts: FileFacts): string[] {
  const keys = new Set<string>();
  for (const s of facts.stories) {
    let context: ClaimContext | undefined;
    for (const c of s.claims) if (comparable(c)) keys.add(conflictKey((context ??= contextOf(facts.uri, s)), c));
  }
  return [...keys];
}

/** The family key (unit and head noun) inside a conflict key. */
export function familyOfConflictKey(key: string): string {
  return key.slice(key.indexOf('\u0001') + 1);
}

/** The modifiers of a claim's subject as one string (with the head, which a family shares); '' for a bare head noun. */
const modsOf = (l: Located): string => l.mods;

/** Story order: file, then the claim's position. */
export function byStoryOrder(a: Located, b: Located): number {
  return a.order - b.order;
}

const byUri = (a: FileFacts, b: FileFacts) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);
const byPlace = (a: Claim, b: Claim) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** The last full pass (no keys): the metric rules ask for the same groups of the same files one after the other. */
let lastFull: { files: Iterable<FileFacts>; groups: ClaimGroup[] } | undefined;

/**
 * The groups of the workspace's comparable claims, with one or more members
 * each (`keys`: only the families under these keys). Linear in the number of
 * claims, plus sorting each group. `accept` leaves claims out before any
 * work is done on them.
 */
export function claimGroups(files: Iterable<FileFacts>, keys?: ReadonlySet<string>, accept?: (c: Claim) => boolean): ClaimGroup[] {
  if (!keys && !accept && lastFull?.files === files) {
    // the second rule of the pass takes them: nothing is kept after it
    const { groups } = lastFull;
    lastFull = undefined;
    return groups;
  }
  const families = new Map<string, Located[]>();
  const contexts = new Map<string, ClaimContext>();
  // files in URI order and claims in place order, so members come out in story order
  const list = [...files];
  for (let i = 1; i < list.length; i++)
    if (byUri(list[i - 1]!, list[i]!) > 0) {
      list.sort(byUri);
      break;
    }
  let order = 0;
  for (const f of list) {
    for (const story of f.stories) {
      let context: ClaimContext | undefined;
      let claims = story.claims;
      for (let i = 1; i < claims.length; i++)
        if (byPlace(claims[i - 1]!, claims[i]!) > 0) {
          claims = [...claims].sort(byPlace);
          break;
        }
      for (const claim of claims) {
        if (!comparable(claim)) continue;
        const key = claimKey(claim);
        if (keys && !keys.has(key)) continue;
        if (accept && !accept(claim)) continue;
        if (!context) {
          const c = contextOf(f.uri, story);
          // one label per context: the company as first written
          context = contexts.get(c.id) ?? c;
          contexts.set(c.id, context);
        }
        let fam = families.get(key);
        if (!fam) families.set(key, (fam = []));
        fam.push({ uri: f.uri, story, claim, context, order: order++, key, mods: claim.norm!.mods.length ? claim.norm!.key : '' });
      }
    }
  }
  const out: ClaimGroup[] = [];
  for (const [key, fam] of families) {
    // a bare head noun joins every modified form; without one, each set of modifiers is its own group
    // (members are in story order already: they were met in it)
    const parts = fam.some((l) => !modsOf(l)) ? [fam] : [...groupBy(fam, modsOf).values()];
    for (const members of parts) {
      const mods = new Set(members.map(modsOf));
      const id = mods.size === 1 ? `${key}\u0000${[...mods][0]}` : key;
      let subject: string | undefined;
      out.push({
        id,
        key,
        get subject() {
          return (subject ??= subjectOf(members, mods.size > 1));
        },
        members,
        contexts: contextsOf(members),
      });
    }
  }
  if (!keys && !accept) lastFull = { files, groups: out };
  return out;
}

function groupBy<T>(list: readonly T[], by: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = by(t);
    const g = m.get(k);
    if (g) g.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function contextsOf(members: readonly Located[]): ClaimContext[] {
  const seen = new Map<string, ClaimContext>();
  for (const m of members) if (!seen.has(m.context.id)) seen.set(m.context.id, m.context);
  return [...seen.values()];
}

/** A subject as written, in running text: "Front-desk call volume" reads "front-desk call volume"; "AWS costs" stays. */
function writtenSubject(s: string): string {
  const t = spaced(s).replace(/^(?:the|our|its|their|my|a|an)\s+/i, '');
  return /^\p{Lu}\p{Ll}/u.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

/**
 * What a group measures, in words a person wrote: the most common written
 * subject of its members; when a bare head noun joins several modified
 * forms, the bare noun as written ("accuracy").
 */
function subjectOf(members: readonly Located[], mixed: boolean): string {
  const pool = mixed ? members.filter((m) => !modsOf(m)) : members;
  const counts = new Map<string, number>();
  let best = '';
  let bestN = 0;
  for (const m of pool) {
    const s = writtenSubject(m.claim.subject);
    if (!s) continue;
    const n = (counts.get(s.toLowerCase()) ?? 0) + 1;
    counts.set(s.toLowerCase(), n);
    if (n > bestN) {
      best = s;
      bestN = n;
    }
  }
  return best || members[0]!.claim.norm!.key;
}

/**
 * The sets of claims a rule compares inside a group: for each set of
 * modifiers, its claims with the bare ones; the bare ones alone when there
 * is nothing else. `sameContext` keeps each set within one context.
 */
export function comparisonSets(group: ClaimGroup, sameContext: boolean): Located[][] {
  const scopes = sameContext ? [...groupBy(group.members, (m) => m.context.id).values()] : [group.members];
  const out: Located[][] = [];
  for (const scope of scopes) {
    const bare = scope.filter((m) => !modsOf(m));
    const byMods = groupBy(
      scope.filter((m) => !!modsOf(m)),
      modsOf,
    );
    if (!byMods.size) {
      if (bare.length > 1) out.push(bare);
      continue;
    }
    for (const g of byMods.values()) if (g.length + bare.length > 1) out.push(bare.length ? [...g, ...bare].sort(byStoryOrder) : g);
  }
  return out;
}
