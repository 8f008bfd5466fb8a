import assert from 'node:assert/strict';
import { extractClaims, Workspace } from '../../server/src/core';

const texts = (s: string) => extractClaims(s).map((c) => c.text);

describe('claims', () => {
  it('finds percentages, multiples, money, durations, sizes and counts', () => {
    const c = extractClaims(
      'We cut p95 latency by 38%, tripled throughput, saved $18,000 a month, finished in two weeks, shrank the image to 92 MB and processed 14,000 events.',
    );
    assert.deepEqual(
      c.map((x) => [x.kind, x.value, x.unit]),
      [
        ['percent', 38, '%'],
        ['multiple', 3, 'x'],
        ['money', 18000, 'USD'],
        ['duration', 14 * 86400, 's'],
        ['size', 92e6, 'B'],
        ['count', 14000, 'events'],
      ],
    );
  });

  it('counts number words: doubled, cut in half, zero, eight days', () => {
    assert.deepEqual(texts('Throughput doubled.'), ['doubled']);
    assert.deepEqual(
      extractClaims('We cut the queue in half.').map((c) => [c.kind, c.value, c.direction]),
      [['multiple', 2, 'decrease']],
    );
    assert.equal(extractClaims('There were zero lost appointments.')[0]!.value, 0);
    assert.equal(extractClaims('It shipped in eight days.')[0]!.kind, 'duration');
  });

  it('does not take dates, years, quarters, versions or ids for claims', () => {
    assert.deepEqual(texts('In Q3 2023 we moved from EC2 to S3 and upgraded to v2.1 on 12 March 2021; p99 was the metric.'), []);
    assert.deepEqual(texts('Since 2019, on 2023-11-05, with t3.medium instances.'), []);
  });

  it('takes no claim from how sure someone is ("I am 100% sure", "90% confident")', () => {
    assert.deepEqual(
      extractClaims('I was 100% sure it would work, and 90% confident the team would back it.').map((c) => c.text),
      [],
    );
    assert.deepEqual(
      extractClaims('Signups rose by 12%, and I was sure of it.').map((c) => c.text),
      ['12%'],
    );
  });

  it('reads a from-to change with units converted', () => {
    const [c] = extractClaims('p99 checkout latency fell from 1.8 s to 420 ms');
    assert.equal(c!.kind, 'change');
    assert.equal(c!.from, 1.8);
    assert.equal(c!.to, 0.42);
    assert.equal(c!.direction, 'decrease');
    assert.equal(c!.unit, '%');
    assert.equal(c!.value, 77);
  });

  it('takes a percentage stated with a from-to change as part of the same claim', () => {
    const cs = extractClaims('The p95 checkout latency fell from 1.8 s to 420 ms, a 77% improvement.');
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.text, 'from 1.8 s to 420 ms, a 77%');
    assert.deepEqual([cs[0]!.value, cs[0]!.unit, cs[0]!.direction, cs[0]!.stated?.value], [77, '%', 'decrease', 77]);
    const [d] = extractClaims('Optimized queries, reducing dashboard load time from 12 to 4 seconds.');
    assert.deepEqual([d!.value, d!.unit, d!.direction], [67, '%', 'decrease']);
  });

  it('marks approximate values', () => {
    const [c] = extractClaims('Reduced query time by ~15%.');
    assert.equal(c!.approximate, true);
    assert.equal(c!.value, 15);
    assert.equal(c!.subject, 'query time');
  });

  it('makes a Result quantified only through a claim', () => {
    const ws = new Workspace();
    const story = (result: string) =>
      `---\ntitle: T\nprinciples: [Ownership]\n---\n## Situation\nS.\n## Task\nT.\n## Action\nI did it.\n## Result\n${result}\n`;
    const rules = (r: string) => {
      ws.set('x.md', story(r));
      return ws
        .diagnostics()
        .get('x.md')!
        .map((d) => d.rule)
        .filter((id) => id === 'unquantified-result');
    };
    assert.deepEqual(rules('Throughput doubled and the backlog was cut in half.'), []);
    assert.deepEqual(rules('We finished eight days early with zero missed deadlines.'), []);
    assert.deepEqual(rules('The team moved to EC2 and S3 in Q3 2023.'), ['unquantified-result']);
    assert.deepEqual(rules('Everyone was happy in 2021.'), ['unquantified-result']);
  });
});
