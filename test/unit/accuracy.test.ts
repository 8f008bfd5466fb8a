// The labelled set in bench/accuracy (written by us): extraction and each
// metric rule must keep precision >= 0.95 and recall >= 0.9.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { evaluate } from '../../bench/accuracy-score';

describe('accuracy on the labelled claim set', () => {
  const r = evaluate(path.resolve(__dirname, '../../bench/accuracy'));
  it('has a set worth measuring (80+ claims, 20+ rule cases)', () => {
    assert.ok(r.labelledClaims >= 80);
    const cases = Object.values(r.rules).reduce((n, s) => n + s.tp + s.fn, 0);
    assert.ok(cases >= 20, `${cases} rule cases`);
  });
  for (const [name, s] of [['extraction', r.extraction] as const, ...Object.entries(r.rules)]) {
    it(`${name}: precision >= 0.95 and recall >= 0.9`, () => {
      assert.ok(s.precision >= 0.95, `precision ${s.precision.toFixed(3)}; wrong: ${s.extras.join(', ')}`);
      assert.ok(s.recall >= 0.9, `recall ${s.recall.toFixed(3)}; missed: ${s.misses.join(', ')}`);
    });
  }
});

// The held-out set (written by a teammate from the contract alone; never
// tuned on): the budgets of issue #13. Failures name only counts, so the
// rules are not tuned on its text.
describe('accuracy on the held-out claim set', () => {
  const r = evaluate(path.resolve(__dirname, '../../bench/accuracy-holdout'));
  it('has a set worth measuring (300+ claims, 50+ rule cases)', () => {
    assert.ok(r.labelledClaims >= 300);
    const cases = Object.values(r.rules).reduce((n, s) => n + s.tp + s.fn, 0);
    assert.ok(cases >= 50, `${cases} rule cases`);
  });
  it('extraction: precision >= 0.97 and recall >= 0.95', () => {
    assert.ok(r.extraction.precision >= 0.97, `precision ${r.extraction.precision.toFixed(3)} (${r.extraction.fp} wrong)`);
    assert.ok(r.extraction.recall >= 0.95, `recall ${r.extraction.recall.toFixed(3)} (${r.extraction.fn} missed)`);
  });
  for (const [name, s] of Object.entries(r.rules)) {
    it(`${name}: precision >= 0.95 and recall >= 0.9`, () => {
      assert.ok(s.precision >= 0.95, `precision ${s.precision.toFixed(3)} (${s.fp} wrong)`);
      assert.ok(s.recall >= 0.9, `recall ${s.recall.toFixed(3)} (${s.fn} missed)`);
    });
  }
});
