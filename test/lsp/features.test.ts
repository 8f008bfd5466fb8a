import assert from 'node:assert/strict';
import type {
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { withServer, type TestClient } from './harness';
import { BANK, BOLD_BANK, CLEAN_STORY, PRINCIPLES, lineOf } from './stories';

async function completeAt(c: TestClient, rel: string, line: number, character: number): Promise<CompletionItem[]> {
  const r = await c.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri: c.uri(rel) },
    position: { line, character },
  });
  return !r ? [] : Array.isArray(r) ? r : r.items;
}

/** Open a document and wait until the server has analysed it (its diagnostics are published). */
async function openReady(c: TestClient, rel: string, text: string): Promise<void> {
  c.open(rel, text);
  await c.waitDiags(rel, 'diagnostics of the opened document', () => true);
}

function docText(item: CompletionItem): string {
  const d = item.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'a hover');
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return (c as MarkupContent).value;
}

/** A frontmatter story with the principles as a YAML list. */
const LIST_STORY = `---
title: Cutting checkout latency before the holiday peak
principles:
  - Dive Deep
  - Deliver Results
company: Northwind
---

## Situation
Checkout slowed to a p95 of 1.8 seconds whenever traffic doubled.

## Task
I owned getting latency under 500 ms before the peak.

## Action
I traced the slow requests, cached the tax lookups and rolled the change out gradually.

## Result
p95 checkout latency fell from 1.8 s to 420 ms.
`;

describe('lsp completion', () => {
  it('offers all 16 principles with documentation on a `  - ` item under `principles:`', async () => {
    const text = '---\ntitle: Cutting checkout latency\nprinciples:\n  - \n---\n\n## Situation\nCheckout was slow.\n';
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'story.md', text);
      const items = await completeAt(c, 'story.md', 3, 4);
      assert.deepEqual(items.map((i) => i.label).sort(), [...PRINCIPLES].sort());
      for (const i of items) assert.ok(docText(i).length > 10, `${i.label} has documentation`);
    });
  });

  it('offers all 16 principles after `principles: [` and replaces the partial word', async () => {
    const text = '---\ntitle: Cutting checkout latency\nprinciples: [\n---\n\n## Situation\nCheckout was slow.\n';
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'story.md', text);
      const items = await completeAt(c, 'story.md', 2, 'principles: ['.length);
      assert.deepEqual(items.map((i) => i.label).sort(), [...PRINCIPLES].sort());
      // didChange is applied in order, before the next request
      c.change('story.md', text.replace('principles: [', 'principles: [Dive Deep, Ow'), 2);
      const end = 'principles: [Dive Deep, Ow'.length;
      const own = (await completeAt(c, 'story.md', 2, end)).find((i) => i.label === 'Ownership');
      assert.ok(own?.textEdit && 'range' in own.textEdit, JSON.stringify(own));
      assert.deepEqual(own.textEdit.range, { start: { line: 2, character: end - 2 }, end: { line: 2, character: end } });
      assert.equal(own.textEdit.newText, 'Ownership');
    });
  });

  it('does not offer a principle already listed in the frontmatter again', async () => {
    const text = '---\ntitle: Cutting checkout latency\nprinciples: [Dive Deep, \n---\n\n## Situation\nCheckout was slow.\n';
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'story.md', text);
      const inline = await completeAt(c, 'story.md', 2, 'principles: [Dive Deep, '.length);
      assert.deepEqual(inline.map((i) => i.label).sort(), PRINCIPLES.filter((p) => p !== 'Dive Deep').sort());
      c.change('story.md', '---\ntitle: Cutting checkout latency\nprinciples:\n  - Dive Deep\n  - \n---\n\n## Situation\nCheckout was slow.\n', 2);
      const list = await completeAt(c, 'story.md', 4, 4);
      assert.deepEqual(list.map((i) => i.label).sort(), PRINCIPLES.filter((p) => p !== 'Dive Deep').sort());
    });
  });

  it('after `Principles: Dive Deep, ` offers the other 15 names; its textEdit replaces the partial word', async () => {
    const text = `## Tracing a memory leak\nPrinciples: Dive Deep, \n\n### Situation\nThe billing service restarted every six hours.\n`;
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'bank.md', text);
      const items = await completeAt(c, 'bank.md', 1, 'Principles: Dive Deep, '.length);
      assert.deepEqual(items.map((i) => i.label).sort(), PRINCIPLES.filter((p) => p !== 'Dive Deep').sort());

      const partial = text.replace('Principles: Dive Deep, ', 'Principles: Dive Deep, Own');
      c.change('bank.md', partial, 2);
      const end = 'Principles: Dive Deep, Own'.length;
      const after = await completeAt(c, 'bank.md', 1, end);
      const own = after.find((i) => i.label === 'Ownership');
      assert.ok(own?.textEdit && 'range' in own.textEdit);
      assert.deepEqual(own.textEdit.range, { start: { line: 1, character: end - 3 }, end: { line: 1, character: end } });
      assert.equal(own.textEdit.newText, 'Ownership');
      assert.ok(!after.some((i) => i.label === 'Dive Deep'));
    });
  });

  it('offers Situation, Task, Action and Result after `## ` at the start of a line', async () => {
    const text = `## Tracing a memory leak\nPrinciples: Dive Deep\n\n### Situation\nThe billing service restarted every six hours.\n\n## \n`;
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'bank.md', text);
      const items = await completeAt(c, 'bank.md', 6, 3);
      const labels = items.map((i) => i.label);
      for (const p of ['Situation', 'Task', 'Action', 'Result']) assert.ok(labels.includes(p), `${p} in ${labels}`);
    });
  });

  it('offers frontmatter keys on an empty frontmatter line', async () => {
    const text = '---\n\ncompany: Northwind\n---\n\n## Situation\nCheckout was slow.\n';
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'story.md', text);
      const labels = (await completeAt(c, 'story.md', 1, 0)).map((i) => i.label);
      for (const k of ['title', 'principles']) assert.ok(labels.includes(k), `${k} in ${labels}`);
      assert.ok(!labels.includes('company'), 'a key already present is not offered again');
    });
  });
});

describe('lsp hover', () => {
  it('shows the description of a principle tag in a frontmatter list and on a `Principles:` line', async () => {
    await withServer({ 'checkout.md': LIST_STORY, 'bank.md': BANK }, async (c) => {
      await c.ready();
      const coverage = await c.request<{ principles: { principle: string; description: string }[] }>('starStories/coverage');
      const describe = (name: string) => coverage.principles.find((p) => p.principle === name)!.description;

      const l = lineOf(LIST_STORY, '  - Dive Deep');
      const h1 = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('checkout.md') }, position: { line: l, character: 6 } });
      assert.ok(hoverText(h1).includes(describe('Dive Deep')), hoverText(h1));

      const b = lineOf(BANK, 'Principles: Customer Obssesion, Ownership');
      const col = BANK.split('\n')[b]!.indexOf('Ownership') + 2;
      const h2 = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('bank.md') }, position: { line: b, character: col } });
      assert.ok(hoverText(h2).includes(describe('Ownership')), hoverText(h2));
    });
  });

  it('shows the words and share of a part on its heading', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const l = lineOf(CLEAN_STORY, '## Action');
      const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('checkout.md') }, position: { line: l, character: 5 } });
      const text = hoverText(h);
      assert.match(text, /\d+ words/);
      assert.match(text, /\d+%/);
      const none = await c.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: c.uri('checkout.md') },
        position: { line: l + 1, character: 5 },
      });
      assert.ok(!none || !/%/.test(hoverText(none)), 'plain prose has no part hover');
    });
  });
});

describe('lsp symbols, folding and lenses', () => {
  it('documentSymbol returns each story with its parts in order', async () => {
    await withServer({ 'bank.md': BANK }, async (c) => {
      await c.ready();
      const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri('bank.md') } });
      assert.deepEqual(
        symbols.map((s) => [s.name, s.children?.map((p) => p.name)]),
        [
          ['Refund flow rewrite', ['Situation', 'Task', 'Action', 'Result']],
          ['Migrating the build to Bazel', ['Situation', 'Task', 'Action']],
          ['Launching the partner portal', ['Situation', 'Task', 'Action', 'Result']],
        ],
      );
      const s1 = symbols[0]!;
      assert.equal(s1.selectionRange.start.line, lineOf(BANK, '## Refund flow rewrite'));
      assert.equal(s1.children![2]!.selectionRange.start.line, lineOf(BANK, '### Action', 0));
      for (const s of symbols) {
        for (const p of s.children!) {
          assert.ok(p.range.start.line >= s.range.start.line && p.range.end.line <= s.range.end.line, `${p.name} of ${s.name} lies inside its story`);
          assert.ok(p.selectionRange.start.line >= p.range.start.line && p.selectionRange.end.line <= p.range.end.line);
        }
      }
      assert.ok(symbols[0]!.range.end.line < lineOf(BANK, '## Migrating the build to Bazel'));
    });
  });

  it('workspace/symbol finds stories by title across files', async () => {
    await withServer({ 'bank.md': BANK, 'bold.md': BOLD_BANK, 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const found = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'bazel' });
      assert.deepEqual(
        found.map((s) => [s.name, s.location.uri, s.location.range.start.line]),
        [['Migrating the build to Bazel', c.uri('bank.md'), lineOf(BANK, '## Migrating the build to Bazel')]],
      );
      const across = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'in' });
      const uris = new Set(across.map((s) => s.location.uri));
      assert.ok(uris.has(c.uri('bank.md')) && uris.has(c.uri('bold.md')) && uris.has(c.uri('checkout.md')), JSON.stringify(across.map((s) => s.name)));
      const checkout = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'Checkout Latency' });
      assert.deepEqual(
        checkout.map((s) => s.location.uri),
        [c.uri('checkout.md')],
      );
    });
  });

  it('foldingRange returns a range per story and per part', async () => {
    await withServer({ 'bank.md': BANK }, async (c) => {
      await c.ready();
      const ranges = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: c.uri('bank.md') } });
      const starts = ranges.map((r) => r.startLine).sort((a, b) => a - b);
      const expected = [
        lineOf(BANK, '## Refund flow rewrite'),
        lineOf(BANK, '## Migrating the build to Bazel'),
        lineOf(BANK, '## Launching the partner portal'),
        ...[0, 1, 2].map((n) => lineOf(BANK, '### Situation', n)),
        ...[0, 1, 2].map((n) => lineOf(BANK, '### Task', n)),
        ...[0, 1, 2].map((n) => lineOf(BANK, '### Action', n)),
        ...[0, 1].map((n) => lineOf(BANK, '### Result', n)),
      ].sort((a, b) => a - b);
      assert.deepEqual(starts, expected);
      for (const r of ranges) assert.ok(r.endLine > r.startLine);
      const first = ranges.find((r) => r.startLine === lineOf(BANK, '## Refund flow rewrite'))!;
      assert.ok(first.endLine < lineOf(BANK, '## Migrating the build to Bazel'));
      const sit = ranges.find((r) => r.startLine === lineOf(BANK, '### Situation'))!;
      assert.ok(sit.endLine < lineOf(BANK, '### Task'), 'a part folds before the next part');
    });
  });

  it('codeLens gives each story S/T/A/R lenses, its words and m:ss spoken, and its principles', async () => {
    await withServer({ 'bank.md': BANK }, async (c) => {
      await c.ready();
      const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri('bank.md') } });
      assert.equal(lenses.length, 3 * 7);
      assert.deepEqual(
        [...new Set(lenses.map((l) => l.range.start.line))],
        ['## Refund flow rewrite', '## Migrating the build to Bazel', '## Launching the partner portal'].map((h) => lineOf(BANK, h)),
      );
      for (let i = 0; i < lenses.length; i += 7) {
        const titles = lenses.slice(i, i + 7).map((l) => l.command?.title ?? '');
        assert.deepEqual(
          titles.slice(0, 4).map((t) => t[0]),
          ['S', 'T', 'A', 'R'],
        );
        for (const t of titles.slice(0, 4)) assert.match(t, /^[STAR] [✓✗]$/);
        assert.match(titles[4]!, /^\d+ words? · \d+:\d\d spoken$/);
        assert.match(titles[6]!, /^\d+ follow-ups?$/);
      }
    });
  });

  it('hover on a story title lists its follow-ups with the places they cite; the "N follow-ups" lens carries the same questions', async () => {
    await withServer({ 'bank.md': BANK }, async (c) => {
      await c.ready();
      c.open('bank.md', BANK);
      await c.waitDiags('bank.md', 'diagnostics of the opened document', () => true);
      const line = lineOf(BANK, '## Refund flow rewrite');
      const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('bank.md') }, position: { line, character: 5 } });
      const text = hoverText(h);
      assert.match(text, /^\*\*\d+ follow-ups?\*\* an interviewer may ask about \*Refund flow rewrite\*/);
      const questions = [...text.matchAll(/^\d+\. (.*?) {2}$/gm)].map((m) => m[1]!);
      assert.ok(questions.length >= 1, text);
      assert.match(text, /\*(?:Situation|Task|Action|Result|Learning|the title|the principle), line \d+: ".+"\*/);
      const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri('bank.md') } });
      const follow = lenses.find((l) => l.range.start.line === line && l.command?.command === 'starStories.showPractice')!;
      assert.equal(follow.command!.title, `${questions.length} follow-up${questions.length === 1 ? '' : 's'}`);
      const items = follow.command!.arguments![2] as { question: string; position: { line: number } }[];
      assert.equal(items.length, questions.length);
      for (const item of items) assert.ok(typeof item.position.line === 'number');
    });
  });
});

describe('lsp inlay hints', () => {
  it('marks the start of each part read from a one-paragraph story, with the cue in the tooltip', async () => {
    const text = `# Stories

## Bias for Action: Rescuing the spring catalogue

Two weeks before the print date at Fernleigh Outdoor, our photo supplier lost half of the product shots for the spring catalogue. As the catalogue lead, I had to get a complete catalogue to the printer on the original date. I booked the in-house studio for a one-day reshoot and re-used last season's photos for the products that had not changed. The catalogue went to print on time with 212 of its 214 products pictured.
`;
    await withServer({}, async (c) => {
      await c.ready();
      await openReady(c, 'bank.md', text);
      const hints = await c.request<{ position: { line: number; character: number }; label: string; tooltip?: { value: string } }[]>('textDocument/inlayHint', {
        textDocument: { uri: c.uri('bank.md') },
        range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
      });
      assert.deepEqual(
        hints.map((h) => h.label),
        ['S:', 'T:', 'A:', 'R:'],
      );
      const line = text.split('\n')[4]!;
      assert.deepEqual(
        hints.map((h) => h.position),
        ['Two weeks', 'As the catalogue', 'I booked', 'The catalogue went'].map((s) => ({ line: 4, character: line.indexOf(s) })),
      );
      assert.match(hints[1]!.tooltip!.value, /\*\*Task\*\*, read from the prose/);
      // a range that ends before the paragraph gets none
      const none = await c.request<unknown[]>('textDocument/inlayHint', {
        textDocument: { uri: c.uri('bank.md') },
        range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      });
      assert.deepEqual(none, []);
    });
  });
});
