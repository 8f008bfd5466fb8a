// Shared by the metric rules: which claims can be compared, and when two
// values are the same "beyond rounding".

import type { Claim, FileFacts, Related, Story } from '../types';
import { formatClaimValue } from '../claims';

export interface Located {
  uri: string;
  story: Story;
  claim: Claim;
  /** Company (frontmatter), else the file: claims are compared within one context. */
  context: string;
}

/** Kinds whose values are comparable across stories: relative changes and money. */
export const COMPARABLE: ReadonlySet<string> = new Set(['percent', 'change', 'multiple', 'money']);

/** The unit claims must share to be compared (a % claim is not compared with a ms claim). */
function unitKey(c: Claim): string {
  return c.kind === 'change' || c.kind === 'percent' ? '%' : c.kind === 'multiple' ? 'x' : `${c.kind}:${c.unit}`;
}

export function sameValue(a: Claim, b: Claim, tolerance: number, approximateTolerance: number): boolean {
  const tol =
    a.approximate || b.approximate
      ? Math.max(approximateTolerance, 0.05 * Math.max(Math.abs(a.value), Math.abs(b.value)) * (unitKey(a) === '%' ? 0 : 1), tolerance)
      : tolerance;
  return Math.abs(a.value - b.value) <= tol + 1e-9;
}

/**
 * Groups of claims that measure the same thing in the same context. A claim
 * whose subject has no modifiers ("accuracy") joins every group of its head
 * noun ("data accuracy", "reporting accuracy"), which stay apart.
 * Linear in the number of claims, plus the size of the groups.
 */
/** The context a story's claims are compared in: its company, else its file. */
export function contextOf(uri: string, story: Story): string {
  return story.company ? `company:${story.company.toLowerCase()}` : `file:${uri}`;
}

/** The key of a claim for the metric rules: its context and head noun (claims with other keys are never compared). */
export function groupKey(context: string, claim: Claim): string {
  return `${context}\u0000${claim.norm!.head}`;
}

/**
 * The keys of the metric rules for a file: the context and head noun of each
 * comparable claim. An edit then re-checks only the groups its claims are in,
 * not every claim of the company.
 */
export function metricKeys(facts: FileFacts): string[] {
  const keys = new Set<string>();
  for (const s of facts.stories) {
    const context = contextOf(facts.uri, s);
    for (const c of s.claims) if (c.norm && COMPARABLE.has(c.kind)) keys.add(groupKey(context, c));
  }
  return [...keys];
}

export function subjectGroups(files: Iterable<FileFacts>, keys?: ReadonlySet<string>): Located[][] {
  const byHead = new Map<string, Located[]>();
  for (const f of files) {
    for (const story of f.stories) {
      const context = contextOf(f.uri, story);
      for (const claim of story.claims) {
        if (!claim.norm || !COMPARABLE.has(claim.kind)) continue;
        if (keys && !keys.has(groupKey(context, claim))) continue;
        const k = `${context}\u0000${unitKey(claim)}\u0000${claim.norm.head}`;
        let list = byHead.get(k);
        if (!list) byHead.set(k, (list = []));
        list.push({ uri: f.uri, story, claim, context });
      }
    }
  }
  const groups: Located[][] = [];
  for (const list of byHead.values()) {
    const bare = list.filter((l) => !l.claim.norm!.mods.length);
    const byMods = new Map<string, Located[]>();
    for (const l of list) {
      if (!l.claim.norm!.mods.length) continue;
      const k = l.claim.norm!.mods.join(' ');
      let g = byMods.get(k);
      if (!g) byMods.set(k, (g = []));
      g.push(l);
    }
    if (!byMods.size) groups.push(bare);
    for (const g of byMods.values()) groups.push([...g, ...bare]);
  }
  return groups.filter((g) => g.length > 1);
}

/** A claim's value in a rule's message; dollars are written "$18,000". */
export function show(c: Claim): string {
  if (c.kind === 'money' && c.unit === 'USD') return `${c.approximate ? '~' : ''}$${c.value.toLocaleString('en-US')}`;
  return formatClaimValue(c);
}

export const MAX_RELATED = 12;

/**
 * Related entries made once per claim and subject (a bare "rate" is shown as
 * the "error rate" it is compared with) and shared by every finding that
 * points at that claim. `message` writes the entry's text.
 */
export function relatedEntries(message: (b: Located, subject: string) => string): (b: Located, subject: string) => Related {
  const entries = new Map<Located, Map<string, Related>>();
  return (b, subject) => {
    let bySubject = entries.get(b);
    if (!bySubject) entries.set(b, (bySubject = new Map()));
    let r = bySubject.get(subject);
    if (!r) bySubject.set(subject, (r = { uri: b.uri, range: b.claim.range, message: message(b, subject) }));
    return r;
  };
}
