// The fast frontmatter reader must agree with `yaml` on everything it
// accepts (data, and where each key, value and list item sits), and must
// accept the shape nearly every story's frontmatter has, or it saves nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { layoutOf, readPlainFrontmatter } from '../../server/src/core/frontmatter';
import { analyzeFile, AMAZON_FRAMEWORK, defaultConfig, lintFile, PrincipleMatcher, resolveRules } from '../../server/src/core';

const root = path.resolve(__dirname, '../..');

/** What `yaml` makes of a frontmatter text, in the fast reader's terms (undefined: not a plain mapping). */
function viaYaml(text: string) {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return 'error';
  const data = doc.toJS({ maxAliasCount: 50 }) as unknown;
  return { data, layout: layoutOf(doc) };
}

/** Assert the fast reader declines `text` or reads it exactly as `yaml` does. Returns whether it accepted. */
function agrees(text: string): boolean {
  const fast = readPlainFrontmatter(text);
  if (!fast) return false;
  const slow = viaYaml(text);
  assert.notEqual(slow, 'error', `fast reader accepted text yaml rejects: ${JSON.stringify(text)}`);
  if (slow === 'error') return true;
  if (!fast.layout.pairs.length) {
    assert.ok(slow.data === null || slow.data === undefined, JSON.stringify(text));
    return true;
  }
  assert.deepEqual(fast.data, slow.data, `data of ${JSON.stringify(text)}`);
  assert.deepEqual(fast.layout, slow.layout, `layout of ${JSON.stringify(text)}`);
  return true;
}

const SCALARS = [
  'Rescuing the fraud model at Initech',
  '"Rescuing the fraud model"',
  "'single quoted'",
  `"with 'inner' quotes"`,
  `'with "inner" quotes'`,
  '"escaped \\n"',
  "'it''s'",
  'plain, with a comma',
  'Have Backbone; Disagree and Commit',
  'a:b',
  'a: b',
  'C#',
  'x #comment',
  '[a, b]',
  '{a: 1}',
  '&anchor x',
  '*alias',
  '!tag x',
  '|',
  '>',
  'trailing ',
  '"unterminated',
  '-5',
  '- x',
  '?x',
  '@x',
  '%x',
  '`x`',
  '2023-11-05',
  '007',
  '1.5',
  '+4',
  '1e3',
  '.5',
  '1.',
  '-0',
  '+0.0',
  '~',
  'null',
  'NULL',
  'true',
  'False',
  'yes',
  'no',
  'on',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.nan',
  '1_000',
  '12:30',
  '100%',
  '$5',
  '99999999999999999999',
  '123456789012345',
  'Ünïcödé ✓',
  'Customer Obsession',
  '"Are Right, A Lot"',
  'Earn Trust',
  'x\ty',
  '""',
  "''",
  'ends with colon:',
];
const KEYS = ['title', 'principles', 'company', 'date', 'star', 'tags', 'key-with-dash', '_private', 'true', 'null', '__proto__', 'Title With Space', '1st'];

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('fast frontmatter reader', () => {
  it('reads the common story frontmatter, as yaml does', () => {
    const text =
      'title: "Rescuing the fraud model at Initech"\nprinciples:\n  - Invent and Simplify\n  - Frugality\n  - Have Backbone; Disagree and Commit\ncompany: Initech\ndate: 2023-11-05\nstar: true\n';
    assert.ok(agrees(text), 'the common shape must take the fast path');
    const fast = readPlainFrontmatter(text)!;
    assert.deepEqual(fast.data, {
      title: 'Rescuing the fraud model at Initech',
      principles: ['Invent and Simplify', 'Frugality', 'Have Backbone; Disagree and Commit'],
      company: 'Initech',
      date: '2023-11-05',
      star: true,
    });
  });

  it('agrees with yaml on every single scalar it accepts, and declines the tricky ones', () => {
    let accepted = 0;
    for (const v of SCALARS) {
      if (agrees(`title: ${v}\n`)) accepted++;
      if (agrees(`principles:\n  - ${v}\n  - Ownership\n`)) accepted++;
    }
    assert.ok(accepted > 40, `accepted ${accepted}`);
    for (const v of ['[a, b]', '{a: 1}', '&anchor x', '*alias', '"escaped \\n"', "'it''s'", 'x #comment', '0x1F', '.inf', '|', 'a: b'])
      assert.equal(readPlainFrontmatter(`title: ${v}\n`), undefined, v);
  });

  it('agrees with yaml on layouts: list indents, blank lines, empty values, no final newline', () => {
    const cases = [
      'a:\nb: x\n',
      'a:\n- x\n- y\n',
      'a:\n    - x\n    - y\nb: 1',
      'a:\n  - x\n   - y\n',
      'a:\n  - x\n\n  - y\n',
      'a: 1\n\nb: 2\n',
      '\n\n',
      '',
      'a: x\nb:\n  - y\n',
      'a: x\na: y\n',
      'a:\n  b: 1\n',
      'a: x\n  continued\n',
      '# comment\na: x\n',
      'a: x\r\nb: y\r\n',
      'a:\tx\n',
      'a: x\n...\n',
      '---\na: x\n',
      'a:  \n',
      'a:\n  -\n',
      'a:\n  - x\nb:\n',
      'a:    spaced\n',
      'a: [x]\n',
      'a:\n  - x\n  # c\n',
    ];
    for (const c of cases) agrees(c);
    assert.equal(readPlainFrontmatter('a: x\na: y\n'), undefined, 'a repeated key goes to yaml (it is an error there)');
    assert.equal(readPlainFrontmatter('a: x\r\nb: y\r\n'), undefined);
  });

  it('agrees with yaml on 3,000 generated frontmatters', () => {
    const r = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      const lines: string[] = [];
      const keys = 1 + Math.floor(r() * 5);
      for (let k = 0; k < keys; k++) {
        const key = r() < 0.9 ? pick(KEYS.slice(0, 7)) : pick(KEYS);
        if (r() < 0.35) {
          lines.push(`${key}:`);
          const indent = ' '.repeat(pick([0, 2, 2, 4]));
          const items = Math.floor(r() * 4);
          for (let i = 0; i < items; i++) lines.push(`${indent}- ${r() < 0.8 ? pick(SCALARS.slice(0, 12)) : pick(SCALARS)}`);
        } else lines.push(`${key}: ${r() < 0.7 ? pick(SCALARS.slice(0, 12)) : pick(SCALARS)}`);
        if (r() < 0.05) lines.push('');
      }
      if (agrees(lines.join('\n') + (r() < 0.9 ? '\n' : ''))) accepted++;
    }
    assert.ok(accepted > 600, `only ${accepted} of 3,000 took the fast path`);
  });

  it('agrees with yaml on the frontmatter of every fixture and sample in the project', () => {
    let seen = 0;
    const walk = (dir: string): string[] =>
      fs.existsSync(dir)
        ? fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []))
        : [];
    for (const file of [...walk(path.join(root, 'test/fixtures')), ...walk(path.join(root, 'samples'))]) {
      const m = /^(?:\uFEFF)?---\r?\n([\s\S]*?\r?\n)---\r?\n/.exec(fs.readFileSync(file, 'utf8'));
      if (!m) continue;
      seen++;
      agrees(m[1]!);
    }
    assert.ok(seen > 10, `only ${seen} files with frontmatter`);
  });

  it('gives the same story facts whichever reader took the frontmatter', () => {
    const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK) };
    const body = '\n## Situation\nS.\n## Task\nT.\n## Action\nI did it.\n## Result\nWe cut costs by 30%.\n';
    // the first takes the fast path; a tab (same length as the space) sends the second to yaml
    const fast = analyzeFile('file:///a.md', `---\ntitle: Cutting costs\nprinciples:\n  - Frugality\n  - Ownrship\nstar: 3\n---${body}`, opts);
    const slow = analyzeFile('file:///a.md', `---\ntitle: Cutting costs\nprinciples:\n  - Frugality\n  - Ownrship\nstar:\t3\n---${body}`, opts);
    assert.ok(readPlainFrontmatter('title: Cutting costs\nprinciples:\n  - Frugality\n  - Ownrship\nstar: 3\n'));
    assert.equal(readPlainFrontmatter('title: Cutting costs\nprinciples:\n  - Frugality\n  - Ownrship\nstar:\t3\n'), undefined);
    const rulesOn = resolveRules(defaultConfig());
    const strip = (f: typeof fast) => JSON.parse(JSON.stringify({ stories: f.stories, findings: lintFile(f, rulesOn) }));
    assert.deepEqual(strip(fast), strip(slow));
    const rules = lintFile(fast, rulesOn)
      .map((d) => d.rule)
      .sort();
    assert.ok(rules.includes('unknown-principle') && rules.includes('frontmatter-invalid'), rules.join());
  });
});
