// The reader on the labelled sets it was tuned on: our own formats fixtures
// (paths relative to the repository) and the held-out sets a helper wrote that have since been measured and
// tuned on (bench/formats-holdout-2, -3, -5 and -6). What a candidate would notice:
// a story found or not, a part found or not, findings on a file that holds
// no story. The first held-out set is judged by `npm run accuracy`.
import assert from 'node:assert/strict';
import { scoreFiles, scoreSentences } from '../../bench/formats-lib';

// nonStoryFindings: the findings still made on its files with no story (held-out-6: its own README tells, in
// the first person and the past tense, how the set was written: read as a story of five findings)
const SETS: { dir: string; precision: number; recall: number; parts: number; sentences: number; nonStoryFindings?: number }[] = [
  { dir: 'test/fixtures/formats', precision: 1, recall: 0.99, parts: 0.99, sentences: 0.92 },
  { dir: 'bench/formats-holdout-2', precision: 1, recall: 1, parts: 0.98, sentences: 0.9 },
  { dir: 'bench/formats-holdout-3', precision: 0.98, recall: 0.98, parts: 0.97, sentences: 0.88 },
  { dir: 'bench/formats-holdout-5', precision: 1, recall: 0.95, parts: 0.97, sentences: 0.89 },
  { dir: 'bench/formats-holdout-6', precision: 0.98, recall: 1, parts: 0.98, sentences: 0.86, nonStoryFindings: 5 },
];

describe('reading the sets the reader is tuned on', () => {
  for (const set of SETS) {
    describe(set.dir, () => {
      const f = scoreFiles(set.dir);
      const s = scoreSentences(set.dir);
      const misses = (re: RegExp) => f.misses.filter((m) => re.test(m)).join('\n      ');
      it(`finds the labelled stories (precision >= ${set.precision}, recall >= ${set.recall})`, () => {
        assert.ok(f.precision >= set.precision, `precision ${f.precision.toFixed(3)}:\n      ${misses(/not a story/)}`);
        assert.ok(f.recall >= set.recall, `recall ${f.recall.toFixed(3)}:\n      ${misses(/not found \(/)}`);
      });
      it(`finds their parts (agreement >= ${set.parts})`, () => {
        assert.ok(f.parts >= set.parts, `parts ${f.parts.toFixed(3)}:\n      ${misses(/ is (?:marked|inferred), not found|found, but absent/)}`);
      });
      it('says nothing about a file that holds no story', () => {
        assert.ok(f.nonStoryFindings <= (set.nonStoryFindings ?? 0), misses(/no story, but/));
      });
      it(`labels prose sentences (accuracy >= ${set.sentences})`, () => {
        assert.ok(s, 'no sentences.json');
        assert.ok(s.accuracy >= set.sentences, `accuracy ${s.accuracy.toFixed(3)}:\n      ${s.misses.slice(0, 10).join('\n      ')}`);
      });
    });
  }
});
