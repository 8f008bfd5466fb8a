import type { Finding } from '../types';
import { meta, num, type Rule } from './rule';
import { MAX_RELATED, sameValue, show, subjectGroups, type Located } from './metrics';

export const rule: Rule = {
  meta: meta('metric-conflict', {
    description: 'The same thing measured with two different numbers, or in opposite directions, in one company or file.',
    defaultSeverity: 'warning',
    options: { tolerance: 0.5, approximateTolerance: 1 },
  }),
  scope: 'workspace',
  check({ files, options }) {
    const tol = num(options, 'tolerance', 0.5);
    const approxTol = num(options, 'approximateTolerance', 1);
    const conflicts = new Map<Located, Set<Located>>();
    for (const group of subjectGroups(files)) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!;
          const b = group[j]!;
          if (a.claim === b.claim) continue;
          // a level ("99.9% uptime") and a change ("uptime improved by 25%") are not compared
          if (!!a.claim.direction !== !!b.claim.direction) continue;
          const opposite = !!a.claim.direction && !!b.claim.direction && a.claim.direction !== b.claim.direction;
          if (!opposite && sameValue(a.claim, b.claim, tol, approxTol)) continue;
          if (!conflicts.has(a)) conflicts.set(a, new Set());
          if (!conflicts.has(b)) conflicts.set(b, new Set());
          conflicts.get(a)!.add(b);
          conflicts.get(b)!.add(a);
        }
      }
    }
    const out = new Map<string, Finding[]>();
    for (const [a, others] of conflicts) {
      const list = [...others];
      const first = list[0]!;
      const opposite = list.some((b) => b.claim.direction && a.claim.direction && b.claim.direction !== a.claim.direction);
      const where = first.story === a.story ? 'elsewhere in this story' : `in "${first.story.title}"`;
      const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
      const subject = a.claim.subject || a.claim.norm!.key;
      const message = opposite && sameValue(a.claim, first.claim, tol, approxTol)
        ? `${subject} ${a.claim.direction === 'increase' ? 'rises' : 'falls'} here but ${first.claim.direction === 'increase' ? 'rises' : 'falls'} ${where}${more}: the two claims contradict each other.`
        : `${subject}: ${show(a.claim)} here, ${show(first.claim)} ${where}${more}. Interviewers compare notes; use one number.`;
      const finding: Finding = {
        rule: 'metric-conflict',
        range: a.claim.range,
        message,
        data: { subject, value: a.claim.value, others: list.map((b) => b.claim.value) },
        related: list.slice(0, MAX_RELATED).map((b) => ({ uri: b.uri, range: b.claim.range, message: `${show(b.claim)} ${subject} in "${b.story.title}": ${b.claim.text}` })),
      };
      const l = out.get(a.uri) ?? [];
      l.push(finding);
      out.set(a.uri, l);
    }
    return out;
  },
};
