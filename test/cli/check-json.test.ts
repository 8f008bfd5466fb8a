import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { AMAZON_PRINCIPLES, ROOT, runJson, show, workspace } from './helpers';
import { badFrontmatterStory, checkoutStory, cloudCostStory, messyStory, README, refundStory, storyBank } from './stories';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function assertValid(report: unknown): void {
  const ok = validate(report);
  assert.ok(ok, `the report breaks schemas/report.schema.json:\n${JSON.stringify(validate.errors, null, 2)}`);
}

/** A small workspace with one of everything. */
function mixed(): string {
  return workspace({
    'README.md': README,
    'stories/checkout.md': checkoutStory(),
    'stories/refund.md': refundStory(),
    'bank.md': storyBank(),
  });
}

describe('check --format json', () => {
  it('prints one JSON document that validates against schemas/report.schema.json', () => {
    const r = runJson(mixed(), ['check', '--format', 'json']);
    assertValid(r.json);
    assert.equal(r.json.version, 2);
    assert.equal(r.status, 1, 'the unknown principle is an error');
    assert.equal(r.stderr, '');
  });

  it('accepts --format=json and -f json', () => {
    const dir = mixed();
    const a = runJson(dir, ['check', '--format=json']);
    const b = runJson(dir, ['check', '-f', 'json']);
    assertValid(a.json);
    assert.deepEqual(a.json, b.json);
  });

  it('lists the files checked, relative and with forward slashes, including files with no story', () => {
    const r = runJson(mixed(), ['check', '--format', 'json']);
    assert.deepEqual([...r.json.files].sort(), ['README.md', 'bank.md', 'stories/checkout.md', 'stories/refund.md']);
    assert.ok(!r.json.diagnostics.some((d: any) => d.file === 'README.md'), 'a README with no story has no diagnostics');
    assert.ok(!r.json.stories.some((s: any) => s.file === 'README.md'));
  });

  it('describes a single-story file: title, line, principles, parts, words and claims', () => {
    const r = runJson(workspace({ 'stories/checkout.md': checkoutStory() }), ['check', '--format', 'json']);
    assertValid(r.json);
    assert.equal(r.json.stories.length, 1);
    const s = r.json.stories[0];
    assert.equal(s.file, 'stories/checkout.md');
    assert.equal(s.title, 'Cutting checkout latency before the holiday peak');
    assert.equal(s.line, 1, 'a frontmatter story starts at the top of its file');
    assert.deepEqual(s.principles, ['Dive Deep', 'Deliver Results']);
    assert.deepEqual(Object.fromEntries(Object.entries(s.parts).map(([k, v]: [string, any]) => [k, v?.line ?? null])), {
      situation: 9,
      task: 16,
      action: 21,
      result: 34,
      learning: null,
    });
    for (const [name, part] of Object.entries(s.parts) as [string, any][])
      if (name !== 'learning') assert.ok(part.words > 0 && !part.inferred, `${name} has words, and a label`);
    const partWords = Object.values(s.parts).reduce((n: number, p: any) => n + (p?.words ?? 0), 0);
    assert.equal(s.words, partWords, 'the story words are the words of its parts');
    assert.ok(s.parts.action.words > s.parts.situation.words);
    assert.ok(s.words >= 200 && s.words <= 300, `about 240 words, got ${s.words}`);
    // Claims from the Result: "fell from 1.8 s to 420 ms" (line 36) and "dropped by 11%" (line 37).
    const lines: number[] = s.claims.map((c: any) => c.line);
    assert.ok(lines.includes(36), JSON.stringify(s.claims, null, 2));
    const pct = s.claims.find((c: any) => c.line === 37 && /11\s?%/.test(c.text));
    assert.ok(pct, JSON.stringify(s.claims, null, 2));
    assert.equal(pct.value, 11);
    assert.equal(pct.unit, '%');
  });

  it('marks the parts read from a story\'s prose with "inferred": true', () => {
    const bank = `# Stories\n\n## Bias for Action: Rescuing the spring catalogue\n\nTwo weeks before the print date at Fernleigh Outdoor, our photo supplier lost half of the product shots for the spring catalogue. As the catalogue lead, I had to get a complete catalogue to the printer on the original date. I booked the in-house studio for a one-day reshoot and re-used last season's photos for the products that had not changed.\n\n**Result:** The catalogue went to print on time with 212 of its 214 products pictured.\n`;
    const r = runJson(workspace({ 'bank.md': bank }), ['check', '--format', 'json']);
    assertValid(r.json);
    const [s] = r.json.stories;
    assert.deepEqual(Object.fromEntries(Object.entries(s.parts).map(([k, v]: [string, any]) => [k, v && (v.inferred ? 'inferred' : 'marked')])), {
      situation: 'inferred',
      task: 'inferred',
      action: 'inferred',
      result: 'marked',
      learning: null,
    });
    assert.equal(s.parts.result.line, 7);
    assert.ok(r.json.diagnostics.some((d: any) => d.rule === 'unlabelled-parts' && String(d.data.parts) === 'situation,task,action'));
    assert.ok(!r.json.diagnostics.some((d: any) => d.rule === 'missing-section'));
  });

  it('gives null for a missing part and a missing-section diagnostic with data.part', () => {
    const r = runJson(workspace({ 'refund.md': refundStory() }), ['check', '--format', 'json']);
    assertValid(r.json);
    const s = r.json.stories[0];
    assert.equal(s.title, 'Fixing a confusing refund flow');
    assert.equal(s.parts.task, null);
    assert.equal(s.parts.situation.line, 9);
    assert.equal(s.parts.action.line, 16);
    assert.equal(s.parts.result.line, 28);
    assert.deepEqual(s.principles, ['Earn Trust'], 'an unknown name is not a principle of the story');
    const missing = r.json.diagnostics.filter((d: any) => d.rule === 'missing-section');
    assert.equal(missing.length, 1, show(r));
    assert.deepEqual(missing[0].data, { part: 'task', parts: ['task'] });
    assert.equal(missing[0].severity, 'warning');
    assert.equal(missing[0].file, 'refund.md');
  });

  it('reports an unknown principle as an error at its 1-based position, with data.suggestion', () => {
    const r = runJson(workspace({ 'refund.md': refundStory() }), ['check', '--format', 'json']);
    const d = r.json.diagnostics.find((x: any) => x.rule === 'unknown-principle');
    assert.ok(d, show(r));
    assert.equal(d.severity, 'error');
    assert.equal(d.line, 4);
    assert.equal(d.column, 5);
    assert.equal(d.endLine, 4);
    assert.equal(d.endColumn, 5 + 'Customer Obssesion'.length);
    assert.equal(d.data.suggestion, 'Customer Obsession');
    assert.match(d.message, /Customer Obssesion/);
    assert.equal(r.status, 1);
  });

  it('describes each story of a story bank at its heading', () => {
    const r = runJson(workspace({ 'bank.md': storyBank() }), ['check', '--format', 'json']);
    assertValid(r.json);
    assert.deepEqual(
      r.json.stories.map((s: any) => [s.title, s.line, s.principles]),
      [
        ['Renewing an expiring certificate at midnight', 5, ['Bias for Action']],
        ['Tracing a memory leak in the billing service', 26, ['Dive Deep']],
      ],
    );
    for (const s of r.json.stories)
      for (const [k, p] of Object.entries(s.parts)) if (k !== 'learning') assert.notEqual(p, null, `${s.title} has all four parts`);
    assert.deepEqual(r.json.diagnostics, []);
    assert.equal(r.status, 0);
  });

  it('reports structural problems of every kind within the schema, with their data', () => {
    const r = runJson(workspace({ 'messy.md': messyStory(), 'fm.md': badFrontmatterStory() }), ['check', '--format', 'json']);
    assertValid(r.json);
    const got = r.json.diagnostics.map((d: any) => `${d.file}:${d.line} ${d.severity} ${d.rule}`);
    for (const want of [
      'fm.md:3 error frontmatter-invalid',
      'messy.md:7 information we-not-i',
      'messy.md:10 warning section-order',
      'messy.md:12 warning empty-section',
      'messy.md:16 warning duplicate-section',
    ])
      assert.ok(got.includes(want), `${want} in\n${got.join('\n')}`);
    const empty = r.json.diagnostics.find((d: any) => d.rule === 'empty-section');
    assert.equal(empty.data?.part, 'task');
    for (const d of r.json.diagnostics) {
      assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), `${d.rule} range ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    }
    const messy = r.json.stories.find((s: any) => s.file === 'messy.md');
    assert.equal(messy.parts.result.line, 14, 'the first Result marker');
    assert.equal(r.status, 1);
  });

  it('reports a duplicate title on both files, each with the other as related', () => {
    const dir = workspace({ 'a/checkout.md': checkoutStory(), 'b/checkout-again.md': checkoutStory() });
    const r = runJson(dir, ['check', '--format', 'json']);
    assertValid(r.json);
    const dups = r.json.diagnostics.filter((d: any) => d.rule === 'duplicate-title');
    assert.deepEqual(
      dups.map((d: any) => d.file),
      ['a/checkout.md', 'b/checkout-again.md'],
      show(r),
    );
    const [a, b] = dups;
    assert.equal(a.related.length, 1);
    assert.equal(a.related[0].file, 'b/checkout-again.md');
    assert.equal(b.related[0].file, 'a/checkout.md');
    assert.ok(a.related[0].line >= 1 && typeof a.related[0].message === 'string');
  });

  it('lists all 16 principles in coverage, with the stories tagged with each', () => {
    const dir = workspace({ 'stories/checkout.md': checkoutStory(), 'stories/cloud.md': cloudCostStory(), 'bank.md': storyBank() });
    const r = runJson(dir, ['check', '--format', 'json']);
    assertValid(r.json);
    assert.deepEqual(
      r.json.coverage.map((c: any) => c.principle),
      AMAZON_PRINCIPLES,
    );
    const titles = (name: string) =>
      r.json.coverage
        .find((c: any) => c.principle === name)
        .stories.map((s: any) => `${s.file}: ${s.title}`)
        .sort();
    assert.deepEqual(titles('Dive Deep'), [
      'bank.md: Tracing a memory leak in the billing service',
      'stories/checkout.md: Cutting checkout latency before the holiday peak',
    ]);
    assert.deepEqual(titles('Frugality'), ['stories/cloud.md: Trimming a runaway cloud bill']);
    assert.deepEqual(titles('Bias for Action'), ['bank.md: Renewing an expiring certificate at midnight']);
    assert.deepEqual(titles('Think Big'), []);
    const tagged = r.json.coverage.filter((c: any) => c.stories.length).length;
    assert.equal(tagged, 5, 'Dive Deep, Deliver Results, Frugality, Ownership, Bias for Action');
    // each story says whether it is ready to tell (all four parts, a number in the Result, 1 to 3 minutes)
    for (const c of r.json.coverage) for (const st of c.stories) assert.equal(st.ready, true, `${c.principle}: ${st.title}`);
  });

  it('gives a story the same line in coverage as in stories', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), 'bank.md': storyBank() });
    const r = runJson(dir, ['check', '--format', 'json']);
    const lineOf = new Map<string, number>(r.json.stories.map((s: any) => [`${s.file}#${s.title}`, s.line]));
    for (const c of r.json.coverage)
      for (const s of c.stories) assert.equal(s.line, lineOf.get(`${s.file}#${s.title}`), `${c.principle}: ${s.file} "${s.title}"`);
  });

  it('reads "fell from 1.8 s to 420 ms, a 77% improvement" as a 77% decrease of the latency', () => {
    const story = checkoutStory().replace(
      'The p95 checkout latency fell from 1.8 s to 420 ms, two weeks ahead of the\ncode freeze.',
      'The p95 checkout latency fell from 1.8 s to 420 ms, a 77% improvement, ahead\nof the code freeze.',
    );
    assert.match(story, /a 77% improvement/);
    const r = runJson(workspace({ 'checkout.md': story }), ['check', '--format', 'json']);
    const claims = r.json.stories[0].claims.filter((c: any) => c.line === 36);
    const all = JSON.stringify(claims, null, 2);
    assert.ok(claims.length >= 1, all);
    for (const c of claims) {
      assert.match(c.subject, /checkout latency/, all);
      assert.equal(c.direction, 'decrease', all);
      if (c.unit === '%') assert.equal(Math.round(c.value), 77, all);
    }
    assert.ok(
      claims.some((c: any) => c.unit === '%' && c.value === 77),
      all,
    );
  });

  it('reports a metric conflict between two stories of the same company on both claims', () => {
    const first = cloudCostStory();
    const second = cloudCostStory({ title: 'Moving reporting to spot instances', principles: ['Invent and Simplify'] }).replace(
      'The monthly cloud bill fell by 38% within two months',
      'The monthly cloud bill fell by 55% within two months',
    );
    assert.match(second, /55%/);
    const r = runJson(workspace({ 'cloud.md': first, 'spot.md': second }), ['check', '--format', 'json']);
    assertValid(r.json);
    const conflicts = r.json.diagnostics.filter((d: any) => d.rule === 'metric-conflict');
    assert.deepEqual(conflicts.map((d: any) => d.file).sort(), ['cloud.md', 'spot.md'], show(r));
    for (const d of conflicts) {
      assert.equal(d.severity, 'warning');
      assert.equal(d.related.length, 1);
      assert.notEqual(d.related[0].file, d.file);
    }
  });
});
