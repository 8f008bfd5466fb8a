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
    const banned =
      /^(?:vscode|vscode-languageserver.*|vscode-languageclient.*|(?:node:)?(?:fs|fs\/promises|child_process|worker_threads|net|http|https|process))$/;
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
  it('nothing in the core imports a node: module', () => {
    for (const f of sources(core)) for (const i of imports(f)) assert.doesNotMatch(i, /^node:/, `${path.relative(root, f)} imports ${i}`);
  });
  it('the adapters (CLI, server, Node helpers, protocol, client) import the core only through core/index.ts', () => {
    const adapters = ['server/src/cli', 'server/src/lsp', 'server/src/node', 'client/src'].map((d) => path.join(root, d));
    const files = [...adapters.flatMap((d) => sources(d)), path.join(root, 'server/src/server.ts'), path.join(root, 'server/src/protocol.ts')];
    for (const f of files)
      for (const i of imports(f)) {
        if (!i.startsWith('.')) continue;
        const target = path.resolve(path.dirname(f), i);
        if (!target.startsWith(core)) continue;
        assert.ok(target === core || target === path.join(core, 'index'), `${path.relative(root, f)} imports ${i}, past core/index.ts`);
      }
  });
  it('the core has no import cycle', () => {
    const resolve = (from: string, i: string): string | undefined => {
      const base = path.resolve(path.dirname(from), i);
      for (const c of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
      return undefined;
    };
    const graph = new Map<string, string[]>();
    for (const f of sources(core).filter((x) => x.endsWith('.ts')))
      graph.set(
        f,
        imports(f)
          .filter((i) => i.startsWith('.'))
          .map((i) => resolve(f, i))
          .filter((x): x is string => !!x && x.endsWith('.ts')),
      );
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]): void => {
      if (state.get(f) === 'done') return;
      assert.notEqual(state.get(f), 'open', `import cycle: ${[...trail, f].map((x) => path.relative(core, x)).join(' -> ')}`);
      state.set(f, 'open');
      for (const g of graph.get(f) ?? []) visit(g, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
  });
  it('the product never reads ../shared (the extension tests in client/src/test are acceptance checks and may)', () => {
    const tests = path.join(root, 'client', 'src', 'test');
    for (const dir of ['server/src', 'client/src'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d)))
      for (const f of sources(dir).filter((x) => !x.startsWith(`${tests}${path.sep}`)))
        assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /\.\.\/shared|\/shared\/corpus/, path.relative(root, f));
  });
});
