// The invariants of ARCHITECTURE.md that code can check.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
}

describe('architecture', () => {
  const core = path.join(root, 'server/src/core');
  it('the core imports nothing from vscode, the language server, the file system or threads', () => {
    const banned = /^(?:vscode|vscode-languageserver.*|vscode-languageclient.*|(?:node:)?(?:fs|fs\/promises|child_process|worker_threads|net|http|https|process))$/;
    for (const f of sources(core)) for (const i of imports(f)) assert.doesNotMatch(i, banned, `${path.relative(root, f)} imports ${i}`);
  });
  it('the core does not reach into the adapters', () => {
    for (const f of sources(core))
      for (const i of imports(f)) {
        if (!i.startsWith('.')) continue;
        const target = path.resolve(path.dirname(f), i);
        assert.ok(target.startsWith(core) || target.startsWith(path.join(root, 'schemas')), `${path.relative(root, f)} imports ${i}`);
      }
  });
  it('the product never reads ../shared', () => {
    for (const dir of ['server/src', 'client/src'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d)))
      for (const f of sources(dir)) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /\.\.\/shared|\/shared\/corpus/, path.relative(root, f));
  });
});
