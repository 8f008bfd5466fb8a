import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runJson, show, workspace } from './helpers';
import { checkoutStory, messyStory, README, refundStory, storyBank } from './stories';

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function mixed(): string {
  return workspace({
    'README.md': README,
    'stories/refund.md': refundStory(),
    'stories/checkout.md': checkoutStory({ principles: [] }),
    'bank.md': storyBank(),
    'old/bank-copy.md': storyBank(),
    'messy.md': messyStory(),
  });
}

describe('check --format sarif', () => {
  it('prints a SARIF 2.1.0 log from the star-stories driver', () => {
    const r = runJson(mixed(), ['check', '--format', 'sarif']);
    assert.equal(r.json.version, '2.1.0');
    assert.equal(r.json.runs.length, 1);
    const driver = r.json.runs[0].tool.driver;
    assert.equal(driver.name, 'star-stories');
    assert.equal(driver.version, VERSION);
    assert.ok(Array.isArray(r.json.runs[0].results));
    assert.equal(r.status, 1, 'the exit status does not depend on the format');
    assert.equal(r.stderr, '');
  });

  it('describes every rule with an id, a short description and a help page that exists', () => {
    const r = runJson(mixed(), ['check', '--format', 'sarif']);
    const rules: any[] = r.json.runs[0].tool.driver.rules;
    assert.ok(rules.length >= 13, `${rules.length} rules`);
    const ids = rules.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const id of ['missing-section', 'unknown-principle', 'duplicate-title', 'missing-principles']) assert.ok(ids.includes(id), id);
    for (const rule of rules) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.equal(typeof rule.shortDescription?.text, 'string', rule.id);
      assert.ok(rule.shortDescription.text.length > 10, rule.id);
      assert.match(rule.helpUri, /^https:\/\//, rule.id);
      assert.ok(rule.helpUri.endsWith(`docs/rules/${rule.id}.md`), rule.helpUri);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md exists`);
    }
  });

  it('has a result per diagnostic of the JSON report, with rule, level, message and a relative location', () => {
    const dir = mixed();
    const sarif = runJson(dir, ['check', '--format', 'sarif']);
    const json = runJson(dir, ['check', '--format', 'json']);
    const run = sarif.json.runs[0];
    const rules: any[] = run.tool.driver.rules;
    const results: any[] = run.results;
    assert.equal(results.length, json.json.diagnostics.length, show(sarif));
    assert.ok(results.length >= 5);
    const key = (file: string, line: number, rule: string) => `${file}:${line} ${rule}`;
    const fromJson = json.json.diagnostics.map((d: any) => `${key(d.file, d.line, d.rule)} ${LEVEL[d.severity]} ${d.message}`).sort();
    const fromSarif = results
      .map((x) => {
        const loc = x.locations[0].physicalLocation;
        return `${key(decodeURI(loc.artifactLocation.uri), loc.region.startLine, x.ruleId)} ${x.level} ${x.message.text}`;
      })
      .sort();
    assert.deepEqual(fromSarif, fromJson);
    for (const x of results) {
      assert.ok(['error', 'warning', 'note'].includes(x.level), x.level);
      assert.ok(x.message.text.length > 0);
      const loc = x.locations[0].physicalLocation;
      const uri: string = loc.artifactLocation.uri;
      assert.doesNotMatch(uri, /^[a-z]+:|^\/|\\/, `a relative URI: ${uri}`);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1, JSON.stringify(loc));
      if (loc.region.endLine !== undefined) assert.ok(loc.region.endLine >= loc.region.startLine);
      assert.equal(typeof x.ruleIndex, 'number');
      assert.equal(rules[x.ruleIndex].id, x.ruleId, `ruleIndex of ${x.ruleId}`);
    }
    const unknown = results.find((x) => x.ruleId === 'unknown-principle');
    assert.equal(unknown.level, 'error');
    assert.equal(unknown.locations[0].physicalLocation.artifactLocation.uri, 'stories/refund.md');
    assert.equal(unknown.locations[0].physicalLocation.region.startLine, 4);
    assert.equal(unknown.locations[0].physicalLocation.region.startColumn, 5);
    assert.ok(results.some((x) => x.ruleId === 'missing-principles' && x.level === 'warning'));
    assert.ok(
      results.some((x) => x.ruleId === 'we-not-i' && x.level === 'note'),
      'a hint is a note',
    );
  });

  it('gives a duplicate title the other story as a related location', () => {
    const r = runJson(mixed(), ['check', '--format', 'sarif']);
    const dups = r.json.runs[0].results.filter((x: any) => x.ruleId === 'duplicate-title');
    assert.ok(dups.length >= 2, show(r));
    for (const d of dups) {
      const own = d.locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(d.relatedLocations?.length >= 1, JSON.stringify(d));
      for (const rel of d.relatedLocations) {
        assert.notEqual(rel.physicalLocation.artifactLocation.uri, own);
        assert.ok(['bank.md', 'old/bank-copy.md'].includes(rel.physicalLocation.artifactLocation.uri));
        assert.ok(rel.physicalLocation.region.startLine >= 1);
      }
    }
  });

  it('percent-encodes a file name with a space in the artifact URI', () => {
    const dir = workspace({ 'my stories/refund flow.md': refundStory() });
    const r = runJson(dir, ['check', '--format', 'sarif']);
    const uris = new Set(r.json.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['my%20stories/refund%20flow.md']);
  });

  it('encodes # and ? in a file name so that the URI points at the file', () => {
    const dir = workspace({ 'notes/story #2?.md': refundStory() });
    const r = runJson(dir, ['check', '--format', 'sarif']);
    const uri: string = r.json.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'notes/story%20%232%3F.md');
    assert.equal(decodeURIComponent(new URL(uri, 'file:///ws/').pathname), '/ws/notes/story #2?.md');
  });

  it('resolves each relative URI against %SRCROOT% to the real file', () => {
    const dir = workspace({ 'stories/refund.md': refundStory() });
    const r = runJson(dir, ['check', '--format', 'sarif']);
    const run = r.json.runs[0];
    const loc = run.results[0].locations[0].physicalLocation.artifactLocation;
    const base = run.originalUriBaseIds?.[loc.uriBaseId]?.uri;
    if (loc.uriBaseId && base) {
      assert.equal(new URL(loc.uri, base).href, pathToFileURL(path.join(dir, 'stories', 'refund.md')).href);
    }
  });

  it('lists every check of the contract among its rules', () => {
    const r = runJson(workspace({ 'checkout.md': checkoutStory() }), ['check', '--format', 'sarif']);
    const ids = r.json.runs[0].tool.driver.rules.map((x: any) => x.id).sort();
    assert.deepEqual(ids, [
      'action-share',
      'duplicate-section',
      'duplicate-title',
      'empty-section',
      'frontmatter-invalid',
      'metric-arithmetic',
      'metric-conflict',
      'missing-principles',
      'missing-section',
      'read-limit',
      'recycled-metric',
      'same-event',
      'section-order',
      'story-length',
      'too-many-principles',
      'unknown-principle',
      'unlabelled-parts',
      'unquantified-result',
      'we-not-i',
    ]);
  });
});
