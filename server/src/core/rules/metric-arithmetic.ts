import type { Claim, Range } from '../types';
import { withNumber } from './metrics';
import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule<{ tolerance: number }> = {
  meta: meta<{ tolerance: number }>('metric-arithmetic', {
    description: 'A "from A to B" change whose stated percentage or multiple does not match A and B.',
    defaultSeverity: 'warning',
    fixable: true,
    defaultOptions: { tolerance: 2 },
    optionsSchema: { tolerance: { type: 'number', minimum: 0, description: 'How many percentage points a stated change may be off before it is reported.' } },
  }),
  scope: 'story',
  check({ story, options }) {
    const tol = options.tolerance;
    const out = [];
    for (const c of story.claims) {
      if (c.from === undefined || c.to === undefined || !c.stated) continue;
      const a = c.from;
      const b = c.to;
      if (c.stated.unit === 'pp') {
        // "from -9% to +3%, a swing of 12 points": the difference in points
        const points = Math.abs(b - a);
        if (Math.abs(points - c.stated.value) <= tol) continue;
        out.push(
          finding(
            'metric-arithmetic',
            c.stated.range,
            `"${oneLine(c.text)}": that ${b < a ? 'fall' : 'rise'} is ${round1(points)} points, not ${c.stated.value}.`,
            { computed: round1(points), stated: c.stated.value, unit: 'pp', ...endValue(c, b < a ? a - c.stated.value : a + c.stated.value) },
          ),
        );
        continue;
      }
      // a ratio needs two positive ends ("from -11% to +68%" has no percentage change)
      if (a <= 0 || b <= 0) continue;
      if (c.stated.unit === '%') {
        const change = (Math.abs(b - a) / a) * 100;
        // "200% faster" when a time falls to a third reads as a speed-up: accept that only when the text says faster
        const speedup = b < a && c.stated.speedup ? (a / b - 1) * 100 : change;
        if (Math.abs(change - c.stated.value) <= tol || Math.abs(speedup - c.stated.value) <= tol) continue;
        out.push(
          finding(
            'metric-arithmetic',
            c.stated.range,
            `"${oneLine(c.text)}": that ${b < a ? 'fall' : 'rise'} is ${Math.round(change)}%, not ${c.stated.value}%.`,
            {
              computed: Math.round(change * 10) / 10,
              stated: c.stated.value,
              unit: '%',
              ...endValue(c, b < a ? a * (1 - c.stated.value / 100) : a * (1 + c.stated.value / 100)),
            },
          ),
        );
      } else {
        const ratio = Math.max(a, b) / Math.min(a, b);
        if (Math.abs(ratio - c.stated.value) <= Math.max(0.1, 0.05 * c.stated.value)) continue;
        out.push(
          finding('metric-arithmetic', c.stated.range, `"${oneLine(c.text)}": that change is ${ratio.toFixed(1)}x, not ${c.stated.value}x.`, {
            computed: Math.round(ratio * 10) / 10,
            stated: c.stated.value,
            unit: 'x',
            ...endValue(c, b < a ? a / c.stated.value : a * c.stated.value),
          }),
        );
      }
    }
    return out;
  },
  fix({ finding: f, text, lines }) {
    const computed = f.data?.computed;
    const unit = f.data?.unit;
    if (typeof computed !== 'number' || (unit !== '%' && unit !== 'x' && unit !== 'pp')) return [];
    // the number the arithmetic gives, as people would say it: a whole percentage, a multiple or points to one decimal
    const value = unit === '%' ? Math.round(computed) : Math.round(computed * 10) / 10;
    const written = text.slice(lines.offset(f.range.start), lines.offset(f.range.end));
    const replaced = withNumber(written, value);
    const out = [];
    if (replaced) out.push({ title: `Change ${written} to ${replaced}`, edits: [{ range: f.range, newText: replaced }], safe: false, preferred: true });
    // or keep the stated figure and change the end value it implies: "from 12 to 4 seconds, a 50% reduction" -> "from 12 to 6 seconds"
    const end = f.data?.end as { range?: Range; to?: unknown; implied?: unknown } | undefined;
    if (end?.range && typeof end.to === 'number' && typeof end.implied === 'number' && end.to !== 0) {
      const endText = text.slice(lines.offset(end.range.start), lines.offset(end.range.end));
      const num = Number(endText.replace(/[,−]/g, (c) => (c === '−' ? '-' : '')));
      if (Number.isFinite(num) && num !== 0) {
        // the end as written ("4" seconds, "800" ms): the implied value in the same unit, as precise as written
        const implied = (end.implied / end.to) * num;
        const decimals = Math.min(2, (endText.split('.')[1] ?? '').length || (Math.abs(implied) < 10 && !Number.isInteger(implied) ? 1 : 0));
        const shown = (Math.round(implied * 10 ** decimals) / 10 ** decimals).toString();
        const newText = /^[+]/.test(endText) && implied > 0 ? `+${shown}` : shown;
        if (newText !== endText && implied !== 0)
          out.push({ title: `Change the end value to ${newText} (what ${written.trim()} implies)`, edits: [{ range: end.range, newText }], safe: false });
      }
    }
    return out;
  },
};

/** Where the end value is written and the one the stated figure implies (both in the claim's base unit), for the second fix. */
function endValue(c: Claim, implied: number): { end?: { range: Range; to: number; implied: number } } {
  if (!c.toRange || c.to === undefined || !Number.isFinite(implied) || implied === c.to) return {};
  // a multiple or a fall of 100% and more leaves no sensible end value
  if ((c.from! > 0 && implied <= 0) || Math.abs(implied) > 1e15) return {};
  return { end: { range: c.toRange, to: c.to, implied } };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
