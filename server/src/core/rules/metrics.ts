// Shared by the metric rules: when two values are the same "beyond rounding",
// how a value is shown and changed in a fix, and related entries.

import type { Claim, Related } from '../types';
import { type Located, unitKey } from '../claim-groups';
import { formatClaimValue } from '../claims';

export function sameValue(a: Claim, b: Claim, tolerance: number, approximateTolerance: number): boolean {
  const tol =
    a.approximate || b.approximate
      ? Math.max(approximateTolerance, 0.05 * Math.max(Math.abs(a.value), Math.abs(b.value)) * (unitKey(a) === '%' || unitKey(a) === 'pp' ? 0 : 1), tolerance)
      : tolerance;
  return Math.abs(a.value - b.value) <= tol + 1e-9;
}

/** A claim's value in a rule's message; dollars are written "$18,000". */
export function show(c: Claim): string {
  if (c.kind === 'money' && c.unit === 'USD') return `${c.approximate ? '~' : ''}$${c.value.toLocaleString('en-US')}`;
  return formatClaimValue(c);
}

/** A figure as the story writes it, with its number changed: `50%` -> `67%`, `3x` -> `2x`, `~20%` -> `~15%`; undefined when it holds no number. */
export function withNumber(written: string, value: number): string | undefined {
  const out = written.replace(/\d+(?:[.,]\d+)?/, String(value));
  return out === written ? undefined : out;
}

export const MAX_RELATED = 12;

/**
 * At most MAX_RELATED entries of `list` (in story order) for the claim at
 * `at`, the nearest in story order when there are more: a long list shows
 * the neighbouring stories, and an edit far away leaves it alone.
 */
export function nearest<T>(list: readonly T[], at: number, skip: (t: T) => boolean): T[] {
  const out: T[] = [];
  let lo = at - 1;
  let hi = at + 1;
  if (at < 0 || at >= list.length) {
    lo = list.length - 1;
    hi = list.length;
  }
  while (out.length < MAX_RELATED && (lo >= 0 || hi < list.length)) {
    if (hi < list.length) {
      const t = list[hi++]!;
      if (!skip(t)) out.push(t);
    }
    if (out.length < MAX_RELATED && lo >= 0) {
      const t = list[lo--]!;
      if (!skip(t)) out.unshift(t);
    }
  }
  return out;
}

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
