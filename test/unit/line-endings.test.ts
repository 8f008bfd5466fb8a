// LF, CRLF and a lone CR are each a line break, everywhere: in positions, in
// what the reader finds (frontmatter, headings) and in quick fixes, which
// land where they land in the LF version of the same file and write the
// file's own line ending. A BOM changes nothing either.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AMAZON_FRAMEWORK, LineIndex, PrincipleMatcher, Workspace, analyzeFile, applyEdits, fixesFor, stripBom, suppressionFixes } from '../../server/src/core';

const root = path.resolve(__dirname, '../..');
const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK) };
const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Set ? [...v].sort() : v)));

function markdownUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownUnder(p) : e.name.endsWith('.md') ? [p] : [];
  });
}

/** Our fixtures and samples with LF line endings and no BOM. */
const files = [...markdownUnder(path.join(root, 'test/fixtures')), ...markdownUnder(path.join(root, 'samples'))].map((f) => ({
  name: path.relative(root, f),
  lf: fs
    .readFileSync(f, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n'),
}));

const VARIANTS = [
  { name: 'CR', eol: '\r', bom: false },
  { name: 'CRLF', eol: '\r\n', bom: false },
  { name: 'BOM', eol: '\n', bom: true },
  { name: 'BOM+CR', eol: '\r', bom: true },
];
const variant = (lf: string, v: (typeof VARIANTS)[number]) => (v.bom ? '\uFEFF' : '') + lf.replace(/\n/g, v.eol);

describe('line endings', () => {
  it('counts LF, CRLF and a lone CR as line breaks in positions', () => {
    const lines = new LineIndex('a\rb\r\nc\nd\r\re');
    assert.equal(lines.lineCount, 6);
    assert.deepEqual(lines.pos(2), { line: 1, character: 0 });
    assert.deepEqual(lines.pos(5), { line: 2, character: 0 });
    assert.deepEqual(lines.pos(9), { line: 4, character: 0 });
    assert.deepEqual(lines.pos(10), { line: 5, character: 0 });
    assert.equal(lines.lineEnd(1), 3);
    assert.equal(lines.lineEnd(4), 9);
    assert.equal(lines.offset({ line: 3, character: 1 }), 8);
  });

  it('reads a CR-only file as its LF version: frontmatter, headings and every position', () => {
    const lf =
      '---\ntitle: Faster exports\nprinciples:\n  - Dive Deep\n---\n\n## Situation\nExports timed out.\n\n## Result\nExports took 2 minutes, down from 40.\n';
    const cr = analyzeFile('s.md', lf.replace(/\n/g, '\r'), opts);
    assert.equal(cr.frontmatter?.data?.title, 'Faster exports');
    assert.deepEqual(
      cr.stories[0]!.principles.map((p) => [p.name, p.range.start.line]),
      [['Dive Deep', 3]],
    );
    assert.deepEqual(cr.stories[0]!.parts.find((p) => p.names.includes('result'))?.markerRange.start, { line: 9, character: 0 });
    assert.deepEqual(plain(cr), plain(analyzeFile('s.md', lf, opts)));
  });

  it(`gives a CR-only file the facts of its LF version, on ${files.length} fixtures and samples`, () => {
    for (const f of files) {
      assert.deepEqual(plain(analyzeFile('s.md', f.lf.replace(/\n/g, '\r'), opts)), plain(analyzeFile('s.md', f.lf, opts)), f.name);
    }
  });

  it('applies every quick fix on CR, CRLF and BOM variants where the LF version puts it, in the file’s own line ending, keeping every character', () => {
    let applied = 0;
    for (const f of files) {
      const ws = new Workspace();
      ws.set('file:///lf.md', f.lf);
      const lfFacts = ws.get('file:///lf.md')!;
      const lfLines = new LineIndex(f.lf);
      const lfFindings = ws.diagnosticsFor('file:///lf.md');
      if (!lfFindings.length) continue;
      for (const v of VARIANTS) {
        // a workspace of its own: the variants would otherwise share titles and numbers
        const vws = new Workspace();
        const uri = `file:///${v.name}.md`;
        const raw = variant(f.lf, v);
        vws.set(uri, raw);
        // the editor's text, as the language server holds it: without the BOM
        const text = stripBom(raw);
        const lines = new LineIndex(text);
        const facts = vws.get(uri)!;
        const found = vws.diagnosticsFor(uri);
        assert.deepEqual(
          found.map((d) => [d.rule, d.range]),
          lfFindings.map((d) => [d.rule, d.range]),
          `${f.name} (${v.name}): findings`,
        );
        found.forEach((d, k) => {
          const lfd = lfFindings[k]!;
          const mine = [...fixesFor(d, facts, text, lines), ...suppressionFixes(d.rule, d.range.start.line, facts, text, lines)];
          const theirs = [...fixesFor(lfd, lfFacts, f.lf, lfLines), ...suppressionFixes(lfd.rule, lfd.range.start.line, lfFacts, f.lf, lfLines)];
          assert.deepEqual(
            mine.map((x) => x.title),
            theirs.map((x) => x.title),
            `${f.name} (${v.name}): fixes of ${d.rule}`,
          );
          mine.forEach((fix, j) => {
            const got = applyEdits(text, fix.edits, lines);
            const want = applyEdits(f.lf, theirs[j]!.edits, lfLines).replace(/\n/g, v.eol);
            assert.equal(JSON.stringify(got), JSON.stringify(want), `${f.name} (${v.name}): ${fix.title}`);
            applied++;
          });
        });
      }
    }
    assert.ok(applied > 200, `only ${applied} fixes applied`);
  });
});
