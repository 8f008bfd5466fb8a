// Shared by the metric rules: which claims can be compared, and when two
// values are the same "beyond rounding".

import type { Claim, Related } from '../types';
import { type Located, unitKey } from '../claim-groups';
import { formatClaimValue } from '../claims';

export type { Located } from '../claim-groups';
export { COMPARABLE } from '../claim-groups';

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
