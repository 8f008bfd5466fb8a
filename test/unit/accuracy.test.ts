// Claim extraction and the metric rules, measured on two labelled sets:
// bench/accuracy (written by us) and bench/accuracy-holdout (written by a
// teammate from the contract alone; never tuned on: its failures name only
// counts, so the rules are not tuned on its text).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate, type Score } from '../../bench/accuracy-score';

interface Budget {
  /** At least this many labelled claims and rule cases. */
  claims: number;
  cases: number;
  /** Precision and recall of extraction, and of each metric rule. */
  extraction: [number, number];
  rules: [number, number];
  /** Whether a failure may list the claims and findings themselves. */
  showText: boolean;
}

function holds(name: string, s: Score, [precision, recall]: [number, number], showText: boolean): void {
  it(`${name}: precision >= ${precision} and recall >= ${recall}`, () => {
    const wrong = showText ? `wrong: ${s.extras.join(', ')}` : `${s.fp} wrong`;
    const missed = showText ? `missed: ${s.misses.join(', ')}` : `${s.fn} missed`;
    assert.ok(s.precision >= precision, `precision ${s.precision.toFixed(3)}; ${wrong}`);
    assert.ok(s.recall >= recall, `recall ${s.recall.toFixed(3)}; ${missed}`);
  });
}

function measured(title: string, dir: string, b: Budget): void {
  describe(title, () => {
    const r = evaluate(path.resolve(__dirname, '../../bench', dir));
    it(`has a set worth measuring (${b.claims}+ claims, ${b.cases}+ rule cases)`, () => {
      assert.ok(r.labelledClaims >= b.claims);
      const cases = Object.values(r.rules).reduce((n, s) => n + s.tp + s.fn, 0);
      assert.ok(cases >= b.cases, `${cases} rule cases`);
    });
    holds('extraction', r.extraction, b.extraction, b.showText);
    for (const [name, s] of Object.entries(r.rules)) holds(name, s, b.rules, b.showText);
  });
}

measured('accuracy on the labelled claim set', 'accuracy', { claims: 80, cases: 20, extraction: [0.95, 0.9], rules: [0.95, 0.9], showText: true });
// the budgets of issue #13
measured('accuracy on the held-out claim set', 'accuracy-holdout', { claims: 300, cases: 50, extraction: [0.97, 0.95], rules: [0.95, 0.9], showText: false });
