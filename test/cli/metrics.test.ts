// `star-stories metrics` as a process: its groups are the groups the
// diagnostics of `check` speak of (one claim grouping for both).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, runJson, show, workspace } from './helpers';

const SEED = path.resolve(ROOT, '../shared/corpus/seed-story-bank.md');

function story(title: string, company: string, result: string): string {
  return `---\ntitle: ${title}\nprinciples: [Deliver Results]\ncompany: ${company}\n---\n\n## Situation\n\nOur nightly billing jobs kept missing their window.\n\n## Task\n\nI owned the batch platform.\n\n## Action\n\nI split the largest job into shards and queued the rest.\n\n## Result\n\n${result}\n`;
}

interface MetricsJson {
  version: number;
  subjects: { subject: string; contexts: string[]; status: string; claims: { file: string; line: number; column: number; flags: string[] }[] }[];
}

describe('metrics', () => {
  it('groups claims exactly as the diagnostics of check do, on the seed bank and across companies', () => {
    const dir = workspace({
      'seed.md': fs.readFileSync(SEED, 'utf8'),
      'a.md': story('Sharding the jobs', 'Harborline', 'Job run time fell by 30%, and data accuracy improved by 45%.'),
      'b.md': story('Queueing the jobs', 'harborline', 'Job run time dropped by 45%.'),
    });
    const m = runJson<MetricsJson>(dir, ['metrics', '--format', 'json']);
    assert.equal(m.json.version, 2, show(m));
    const c = runJson<{
      diagnostics: { file: string; line: number; column: number; rule: string; related?: { file: string; line: number; column: number }[] }[];
    }>(dir, ['check', '--format', 'json']);
    const groupOf = new Map<string, number>();
    m.json.subjects.forEach((g, i) => {
      for (const cl of g.claims) groupOf.set(`${cl.file}:${cl.line}:${cl.column}`, i);
    });
    let checked = 0;
    for (const d of c.json.diagnostics) {
      if (d.rule !== 'metric-conflict' && d.rule !== 'recycled-metric') continue;
      const g = groupOf.get(`${d.file}:${d.line}:${d.column}`);
      assert.notEqual(g, undefined, `${d.rule} at ${d.file}:${d.line} is in no group of metrics`);
      const claim = m.json.subjects[g!]!.claims.find((x) => x.file === d.file && x.line === d.line && x.column === d.column)!;
      assert.ok(claim.flags.includes(d.rule), `${d.file}:${d.line} flagged ${d.rule} in metrics`);
      for (const r of d.related ?? [])
        assert.equal(groupOf.get(`${r.file}:${r.line}:${r.column}`), g, `${d.rule} at ${d.file}:${d.line}: partner ${r.file}:${r.line}`);
      checked++;
    }
    assert.ok(checked >= 15, `${checked} findings checked`);
    const accuracy = m.json.subjects.filter((g) => g.subject === 'accuracy');
    assert.equal(accuracy.length, 1);
    assert.deepEqual(accuracy[0]!.contexts, ['Harborline', 'seed.md'], 'in file order');
    const job = m.json.subjects.find((g) => g.subject === 'job run time')!;
    assert.equal(job.status, 'conflict');
    assert.deepEqual(job.contexts, ['Harborline'], 'one company, however written');
    // the JSON report says which claims are compared, and in which family
    const r = runJson<{ stories: { file: string; claims: { text: string; compared: boolean; group?: string }[] }[] }>(dir, ['check', '--format', 'json']);
    const a = r.json.stories.find((st) => st.file === 'a.md')!;
    assert.deepEqual(
      a.claims.map((x) => [x.text, x.compared, x.group]),
      [
        ['30%', true, '% time'],
        ['45%', true, '% accuracy'],
      ],
    );
  });

  it('prints each group with where its claims come from', () => {
    const dir = workspace({
      'a.md': story('Sharding the jobs', 'Harborline', 'Job run time fell by 30%.'),
      'b.md': story('Queueing the jobs', 'Corvid Freight', 'Job run time dropped by 30%.'),
      'c.md': story('Retrying the jobs', 'Tidewell', 'Job run time fell by 30% with bounded retries.'),
    });
    const r = run(dir, ['metrics']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /^job run time {2}\(Harborline, Corvid Freight, Tidewell\) {2}recycled$/m);
    assert.match(r.stdout, /3 claims about 1 subjects: 0 in conflict, 1 recycled\./);
  });
});
