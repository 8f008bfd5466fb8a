// One grouping of claims, seen the same way by the metric rules, the Metrics
// view (and `star-stories metrics`, which prints it) and hover; and the
// claims of issue #13: signed changes and points, clause-bound figures,
// recycled numbers across companies, one finding per claim.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, computeMetrics, extractClaims, type Diagnostic, type MetricGroup } from '../../server/src/core';
import { claimHover } from '../../server/src/lsp/hover';

const ROOT = path.resolve(__dirname, '../..');
const SEED = path.resolve(ROOT, '../shared/corpus/seed-story-bank.md');

function story(title: string, company: string | undefined, result: string): string {
  return [
    '---',
    `title: ${title}`,
    'principles: [Deliver Results]',
    ...(company ? [`company: ${company}`] : []),
    '---',
    '',
    '## Situation',
    '',
    'The nightly jobs of the billing team kept missing their window.',
    '',
    '## Task',
    '',
    'I owned the batch platform and had to make the window again.',
    '',
    '## Action',
    '',
    'I profiled each job, split the largest into shards and moved the rest to a queue.',
    '',
    '## Result',
    '',
    result,
    '',
  ].join('\n');
}

function mdFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? mdFiles(p) : e.name.endsWith('.md') && e.name !== 'README.md' ? [p] : [];
  });
}

const metricDiags = (ws: Workspace) =>
  [...ws.diagnostics()].flatMap(([uri, ds]) => ds.filter((d) => d.rule === 'metric-conflict' || d.rule === 'recycled-metric').map((d) => ({ uri, d })));

const at = (uri: string, r: Diagnostic['range']) => `${uri}#${r.start.line}:${r.start.character}`;

/** Every finding's claim and partners sit in one group of the Metrics view, and none points at itself. */
function assertAgree(ws: Workspace): { groups: MetricGroup[]; findings: number } {
  const groups = computeMetrics(ws.files(), ws.workspaceFindings());
  const groupOf = new Map<string, MetricGroup>();
  for (const g of groups) for (const c of g.claims) groupOf.set(at(c.uri, c.range), g);
  const diags = metricDiags(ws);
  for (const { uri, d } of diags) {
    const g = groupOf.get(at(uri, d.range));
    assert.ok(g, `${d.rule} at ${at(uri, d.range)} is in no group of the Metrics view`);
    assert.ok(g.claims.find((c) => at(c.uri, c.range) === at(uri, d.range))!.flags.includes(d.rule), 'the view flags the claim');
    for (const r of d.related ?? []) {
      assert.notEqual(at(r.uri, r.range), at(uri, d.range), `${d.rule} at ${at(uri, d.range)} points at itself`);
      assert.equal(groupOf.get(at(r.uri, r.range)), g, `${d.rule} at ${at(uri, d.range)}: partner ${at(r.uri, r.range)} is in another group`);
    }
    const order = (d.related ?? []).map((r) => [r.uri, r.range.start.line, r.range.start.character] as const);
    const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(order, sorted, 'related entries in story order');
  }
  // one finding of each rule per claim
  const seen = new Set<string>();
  for (const { uri, d } of diags) {
    const k = `${d.rule}@${at(uri, d.range)}`;
    assert.ok(!seen.has(k), `two ${d.rule} findings on one claim at ${at(uri, d.range)}`);
    seen.add(k);
  }
  return { groups, findings: diags.length };
}

describe('claim groups', () => {
  it('agree everywhere on the seed bank, the labelled sets and our fixtures', () => {
    const ws = new Workspace();
    ws.set(SEED, fs.readFileSync(SEED, 'utf8'));
    for (const dir of ['bench/accuracy', 'bench/accuracy-holdout', 'test/fixtures/rules/metric-conflict', 'test/fixtures/rules/recycled-metric'])
      for (const f of mdFiles(path.join(ROOT, dir))) ws.set(f, fs.readFileSync(f, 'utf8'));
    const { findings } = assertAgree(ws);
    assert.ok(findings > 60, `${findings} metric findings checked`);
  });

  it('on the seed bank: the 45% accuracy claims form one group, each with one recycled finding; the query-time conflict and the 12 to 4 seconds arithmetic remain', () => {
    const ws = new Workspace();
    ws.set(SEED, fs.readFileSync(SEED, 'utf8'));
    const { groups } = assertAgree(ws);
    const accuracy = groups.filter((g) => g.claims.some((c) => c.value === 45 && /accuracy/i.test(c.text + g.subject)));
    assert.equal(accuracy.length, 1, `45% accuracy in ${accuracy.map((g) => g.subject).join(' / ')}`);
    assert.equal(accuracy[0]!.subject, 'accuracy');
    assert.equal(accuracy[0]!.status, 'recycled');
    assert.ok(accuracy[0]!.claims.length >= 9, `${accuracy[0]!.claims.length} claims`);
    for (const c of accuracy[0]!.claims) assert.deepEqual(c.flags, ['recycled-metric'], `${c.story}: ${c.flags}`);
    const ds = ws.diagnostics().get(SEED)!;
    const conflicts = ds.filter((d) => d.rule === 'metric-conflict').map((d) => d.data?.value);
    assert.deepEqual(conflicts.sort(), [15, 20]);
    const change = ws
      .get(SEED)!
      .stories.flatMap((s) => s.claims)
      .find((c) => c.text === 'from 12 to 4 seconds')!;
    assert.deepEqual([change.value, change.unit, change.direction], [67, '%', 'decrease']);
    assert.deepEqual(
      ds.filter((d) => d.rule === 'metric-arithmetic'),
      [],
      'no figure is stated with it',
    );
  });

  it('count one company however it is written, and compare for conflicts only within it', () => {
    const ws = new Workspace();
    ws.set('/w/a.md', story('Sharding the nightly jobs', 'Harborline', 'The batch window shrank: job run time fell by 30%.'));
    ws.set('/w/b.md', story('Queueing the small jobs', 'harborline ', 'Job run time dropped by 45% after the move.'));
    ws.set('/w/c.md', story('Retrying failed jobs', 'Corvid Freight', 'Job run time fell by 10% once retries were bounded.'));
    const { groups } = assertAgree(ws);
    const a = ws
      .diagnostics()
      .get('/w/a.md')!
      .filter((d) => d.rule === 'metric-conflict');
    assert.equal(a.length, 1);
    assert.deepEqual(
      a[0]!.related!.map((r) => r.uri),
      ['/w/b.md'],
      'the other company is not a conflict',
    );
    assert.deepEqual(
      ws
        .diagnostics()
        .get('/w/c.md')!
        .filter((d) => d.rule === 'metric-conflict'),
      [],
    );
    const g = groups.find((x) => x.subject === 'job run time')!;
    assert.deepEqual(g.contexts, ['Harborline', 'Corvid Freight']);
    assert.equal(g.claims.length, 3);
    assert.equal(g.status, 'conflict');
  });

  it('report a number recycled across companies, once per claim, in the most specific group', () => {
    const ws = new Workspace();
    ws.set('/w/a.md', story('Cleaning the ledger', 'Harborline', 'I improved data accuracy by 45% across the ledgers.'));
    ws.set('/w/b.md', story('Checking the feeds', 'Corvid Freight', 'Accuracy improved by 45% on the partner feeds.'));
    ws.set('/w/c.md', story('Auditing the reports', 'Brightwell Health', 'I improved reporting accuracy by 45% for the board pack.'));
    ws.set('/w/d.md', story('Reconciling the exports', 'Tidewell', 'Data accuracy rose by 45% in the exports.'));
    const { groups } = assertAgree(ws);
    for (const uri of ['/w/a.md', '/w/b.md', '/w/d.md'])
      assert.equal(
        ws
          .diagnostics()
          .get(uri)!
          .filter((d) => d.rule === 'recycled-metric').length,
        1,
        uri,
      );
    // "reporting accuracy" is another subject: with the bare "accuracy" it is in two stories only
    assert.deepEqual(
      ws
        .diagnostics()
        .get('/w/c.md')!
        .filter((d) => d.rule === 'recycled-metric'),
      [],
    );
    const data = ws
      .diagnostics()
      .get('/w/a.md')!
      .find((d) => d.rule === 'recycled-metric')!;
    assert.equal(data.data?.stories, 3, 'data accuracy with the bare accuracy');
    assert.deepEqual(
      data.related!.map((r) => r.uri),
      ['/w/b.md', '/w/d.md'],
    );
    assert.equal(groups.filter((g) => g.status === 'recycled').length, 1);
  });

  it('keep the signs of a from-to change, measure a change between percentages in points, and never compare its ends', () => {
    const [c, ...rest] = extractClaims('IRR went from -11% IRR to +68% IRR, a swing of nearly 80 points.');
    assert.equal(rest.length, 0, 'one claim');
    assert.equal(c!.kind, 'change');
    assert.equal(c!.unit, 'pp');
    assert.equal(c!.value, 79);
    assert.equal(c!.from, -11);
    assert.equal(c!.to, 68);
    assert.equal(c!.direction, 'increase');
    assert.deepEqual(c!.stated && [c.stated.value, c.stated.unit], [80, 'pp']);
    const ws = new Workspace();
    ws.set('/w/irr.md', story('Turning the fund around', undefined, 'IRR went from -11% IRR to +68% IRR, a swing of nearly 80 points.'));
    assert.deepEqual(
      ws
        .diagnostics()
        .get('/w/irr.md')!
        .filter((d) => d.rule.startsWith('metric')),
      [],
    );
    ws.set('/w/irr.md', story('Turning the fund around', undefined, 'IRR went from -11% IRR to +68% IRR, a swing of 90 points.'));
    const wrong = ws
      .diagnostics()
      .get('/w/irr.md')!
      .filter((d) => d.rule === 'metric-arithmetic');
    assert.equal(wrong.length, 1);
    assert.match(wrong[0]!.message, /79 points, not 90/);
  });

  it('keep percentage points apart from percentages', () => {
    const c = extractClaims('Conversion rose 1.8 pp in the test, and churn fell 3 percentage points.');
    assert.deepEqual(
      c.map((x) => [x.value, x.unit, x.direction]),
      [
        [1.8, 'pp', 'increase'],
        [3, 'pp', 'decrease'],
      ],
    );
    const ws = new Workspace();
    ws.set('/w/a.md', story('Testing the checkout', 'Harborline', 'Checkout conversion rose 2 pp in the test.'));
    ws.set('/w/b.md', story('Simplifying the form', 'Harborline', 'Checkout conversion rose 12% with the shorter form.'));
    assert.deepEqual(
      [...ws.diagnostics().values()].flat().filter((d) => d.rule === 'metric-conflict'),
      [],
    );
  });

  it('tie a stated figure to a change only in the same clause', () => {
    const c = extractClaims('Scan time fell from about 3 seconds to under 200 ms, and the night shift processed 30% more parcels.');
    assert.equal(c.length, 2);
    assert.equal(c[0]!.stated, undefined);
    assert.equal(c[1]!.value, 30);
    assert.equal(c[1]!.subject, 'parcels');
    const before = extractClaims('I cut build time by 75%, from 40 to 10 minutes.');
    assert.equal(before.length, 1);
    assert.deepEqual(before[0]!.stated && before[0].stated.value, 75);
    const apposition = extractClaims('Batch dispatch time went from 12 to 4 seconds, a 50% reduction.');
    assert.deepEqual(apposition[0]!.stated && apposition[0].stated.value, 50);
    // a figure stated with one change is not stated again for the change after it
    const two = extractClaims('Build time fell from 40 to 20 minutes, 50%, from 8 to 4 minutes on the second repo.');
    assert.deepEqual(
      two.map((c) => [c.text, c.stated?.value]),
      [
        ['from 40 to 20 minutes, 50%', 50],
        ['from 8 to 4 minutes', undefined],
      ],
    );
  });

  it('compare no number that measures nothing, and no goal with a result', () => {
    assert.deepEqual(
      extractClaims('I was 100% sure, I gave it 110%, and I was 90% confident.').map((c) => c.text),
      [],
    );
    const ws = new Workspace();
    ws.set(
      '/w/a.md',
      story('Piloting the checker', 'Harborline', 'I aimed to redirect 10% of walk-in patients. The checker redirected 13% of walk-in patients.'),
    );
    assert.deepEqual(
      ws
        .diagnostics()
        .get('/w/a.md')!
        .filter((d) => d.rule === 'metric-conflict'),
      [],
    );
  });

  it('hover lists the same group as the Metrics view', () => {
    const ws = new Workspace();
    ws.set('/w/a.md', story('Cleaning the ledger', 'Harborline', 'I improved data accuracy by 45% across the ledgers.'));
    ws.set('/w/b.md', story('Checking the feeds', 'Corvid Freight', 'Accuracy improved by 45% on the partner feeds.'));
    ws.set('/w/c.md', story('Auditing the reports', 'Brightwell Health', 'I improved reporting accuracy by 45% for the board pack.'));
    const facts = ws.get('/w/c.md')!;
    const claim = facts.stories[0]!.claims.find((c) => c.value === 45)!;
    const h = claimHover(facts, claim.range.start, ws.files())!;
    const text = (h.contents as { value: string }).value;
    assert.match(text, /Every claim about \*accuracy\*/);
    assert.equal((text.match(/^\| 45%/gm) ?? []).length, 3);
    assert.match(text, /Harborline/);
  });

  it('hover lists a figure a story states twice once, marked as this claim', () => {
    const ws = new Workspace();
    ws.set(
      '/w/a.md',
      story('Cleaning the ledger', 'Harborline', 'I improved data accuracy by 45% across the ledgers. In short, data accuracy rose by 45% in one quarter.'),
    );
    ws.set('/w/b.md', story('Checking the feeds', 'Corvid Freight', 'Accuracy improved by 45% on the partner feeds.'));
    const facts = ws.get('/w/a.md')!;
    const claims = facts.stories[0]!.claims.filter((c) => c.value === 45);
    assert.equal(claims.length, 2, 'the story states the figure twice');
    for (const claim of claims) {
      const text = (claimHover(facts, claim.range.start, ws.files())!.contents as { value: string }).value;
      const rows = text.match(/^\| 45%.*$/gm) ?? [];
      assert.equal(rows.length, 2, text);
      assert.equal(rows.filter((r) => r.includes('Cleaning the ledger')).length, 1, text);
      assert.equal((text.match(/this claim/g) ?? []).length, 1, text);
    }
  });
});

describe('shares', () => {
  it('keep shares of one noun with other predicates apart, so they never conflict', () => {
    const c = extractClaims('I found that 70% of calls came between 10 a.m. and 2 p.m., and we answered 94% of calls within a minute.');
    assert.deepEqual(
      c.map((x) => [x.text, x.subject, x.predicate]),
      [
        ['70%', 'calls', 'came'],
        ['94%', 'calls', 'answered'],
      ],
    );
    const ws = new Workspace();
    ws.set(
      '/w/a.md',
      story(
        'Keeping the helpline open',
        'Harborline',
        'I found that 70% of calls came before noon. After the change we answered 94% of calls within a minute.',
      ),
    );
    assert.deepEqual(
      ws
        .diagnostics()
        .get('/w/a.md')!
        .filter((d) => d.rule === 'metric-conflict'),
      [],
    );
    ws.set('/w/b.md', story('Answering faster', 'Harborline', 'We answered 80% of calls within a minute once the rota changed.'));
    assert.equal(
      ws
        .diagnostics()
        .get('/w/b.md')!
        .filter((d) => d.rule === 'metric-conflict').length,
      1,
      'the same share with another value',
    );
  });
});
