// Every rule has a docs page and valid and invalid fixtures, and its fixtures hold.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, readRuleSettings } from '../../server/src/core';
import { compareFixture, readExpectations, fixtureFiles } from '../support/fixtures';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/rules');

function entries(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md') || fs.statSync(path.join(dir, f)).isDirectory())
        .map((f) => path.join(dir, f))
    : [];
}

describe('rules', () => {
  it('have unique ids, a description, a default severity and a docs link', () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      assert.ok(!ids.has(r.meta.id), `duplicate id ${r.meta.id}`);
      ids.add(r.meta.id);
      assert.match(r.meta.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(r.meta.description.length > 10, `${r.meta.id} has no description`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.meta.defaultSeverity));
      assert.ok(r.meta.docs.endsWith(`/docs/rules/${r.meta.id}.md`), r.meta.docs);
    }
  });

  it('declare a schema for exactly the options they default, and their defaults fit it', () => {
    for (const r of RULES) {
      const defaults = r.meta.defaultOptions as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(r.meta.optionsSchema).sort(),
        Object.keys(defaults).sort(),
        `${r.meta.id}: options without a schema, or a schema without a default`,
      );
      for (const [k, s] of Object.entries(r.meta.optionsSchema as Record<string, { description: string }>))
        assert.ok(s.description.length > 10, `${r.meta.id}.${k} has no description`);
    }
    const all = Object.fromEntries(RULES.map((r) => [r.meta.id, { ...r.meta.defaultOptions }]));
    assert.deepEqual(readRuleSettings(all, 'test').problems, []);
  });

  it('each live in a file of their own named after the id', () => {
    for (const r of RULES) assert.ok(fs.existsSync(path.join(root, 'server/src/core/rules', `${r.meta.id}.ts`)), `no server/src/core/rules/${r.meta.id}.ts`);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has a docs page with the sections users look for', () => {
        const page = path.join(root, 'docs/rules', `${id}.md`);
        assert.ok(fs.existsSync(page), `missing docs/rules/${id}.md`);
        const text = fs.readFileSync(page, 'utf8');
        for (const h of ['## What it reports', '## How to fix', '## Options', '## How to silence it'])
          assert.ok(text.includes(h), `docs/rules/${id}.md lacks "${h}"`);
        assert.ok(
          text.includes(`Default severity: **${rule.meta.defaultSeverity}**`),
          `docs/rules/${id}.md does not state the default severity ${rule.meta.defaultSeverity}`,
        );
        for (const opt of Object.keys(rule.meta.defaultOptions)) assert.ok(text.includes(opt), `docs/rules/${id}.md does not document option ${opt}`);
      });

      const valid = entries(path.join(fixtures, id, 'valid'));
      const invalid = entries(path.join(fixtures, id, 'invalid'));
      it('has valid and invalid fixtures', () => {
        assert.ok(valid.length > 0, `no fixtures in test/fixtures/rules/${id}/valid`);
        assert.ok(invalid.length > 0, `no fixtures in test/fixtures/rules/${id}/invalid`);
      });
      for (const f of valid) {
        it(`stays quiet on valid/${path.basename(f)}`, () => {
          for (const file of fixtureFiles(f))
            assert.deepEqual(
              readExpectations(fs.readFileSync(file, 'utf8')).filter((e) => e.rule === id),
              [],
              'a valid fixture expects nothing of its rule',
            );
          assert.deepEqual(compareFixture(f, [id]), []);
        });
      }
      for (const f of invalid) {
        it(`reports invalid/${path.basename(f)}`, () => {
          const expected = fixtureFiles(f).flatMap((file) => readExpectations(fs.readFileSync(file, 'utf8')).filter((e) => e.rule === id));
          assert.ok(expected.length > 0, 'an invalid fixture must expect at least one diagnostic of its rule');
          assert.deepEqual(compareFixture(f, [id]), []);
        });
      }
    });
  }
});

describe('tricky cases (every diagnostic expected)', () => {
  const dir = path.join(root, 'test/fixtures/cases');
  for (const f of entries(dir)) {
    it(path.basename(f), () => assert.deepEqual(compareFixture(f), []));
  }
});
