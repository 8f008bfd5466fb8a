// Quick fixes, tested like ESLint's RuleTester: a story, the finding the fix
// is for, and the text after the fix. Fixes are pure functions of the
// finding and the text, so nothing here needs a server or an editor.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  LineIndex,
  RULES,
  Workspace,
  applyEdits,
  fixAll,
  fixesFor,
  suppressionFixes,
  type Diagnostic,
  type FileFacts,
  type Finding,
  type Fix,
} from '../../server/src/core';

interface FixCase {
  name: string;
  rule: string;
  input: string;
  /** Which finding of the rule (default: the first). */
  pick?: (f: Finding) => boolean;
  /** The title of the fix to apply (default: the first fix). */
  title?: RegExp;
  output: string;
}

function findingsOf(text: string, rule: string) {
  const ws = new Workspace();
  const uri = 'file:///story.md';
  ws.set(uri, text);
  return { ws, facts: ws.get(uri)!, found: ws.diagnosticsFor(uri).filter((d) => d.rule === rule) };
}

function runCase(c: FixCase): string {
  const { facts, found } = findingsOf(c.input, c.rule);
  const f = found.find(c.pick ?? (() => true));
  assert.ok(f, `${c.name}: no ${c.rule} finding; found ${found.map((x) => x.message).join(' | ')}`);
  const lines = new LineIndex(c.input);
  const fixes = fixesFor(f, facts, c.input, lines);
  const fix = c.title ? fixes.find((x) => c.title!.test(x.title)) : fixes[0];
  assert.ok(fix, `${c.name}: no fix${c.title ? ` titled ${c.title}` : ''}; offered ${fixes.map((x) => x.title).join(', ')}`);
  return applyEdits(c.input, fix.edits, lines);
}

const cases: FixCase[] = [
  {
    name: 'adds a missing Task to a story kept as a list item, as a plain letter label like its others',
    rule: 'missing-section',
    input:
      '- Story: Shipping the app\n  - S: The app was late and the launch date was fixed.\n  - A: I cut scope and ran daily checks.\n  - R: We shipped on time with 20% fewer crashes.\n',
    output:
      '- Story: Shipping the app\n  - S: The app was late and the launch date was fixed.\n  - T: \n  - A: I cut scope and ran daily checks.\n  - R: We shipped on time with 20% fewer crashes.\n',
  },
  {
    name: 'adds a missing Task after plain dash labels, with their dash',
    rule: 'missing-section',
    input:
      '## Cutting the close\n\nSituation - The month-end close took nine days.\n\nAction - I automated the low-risk journals.\n\nResult - The close took five days.\n',
    output:
      '## Cutting the close\n\nSituation - The month-end close took nine days.\n\nTask - \n\nAction - I automated the low-risk journals.\n\nResult - The close took five days.\n',
  },
  {
    name: 'adds a missing Task heading before the Action, at the level of the other parts',
    rule: 'missing-section',
    input:
      '# Moving reports off a dying server\n\nPrinciples: Ownership\n\n## Situation\nThe server was failing.\n\n## Action\nI moved the jobs.\n\n## Result\nReports ran 40% faster.\n',
    output:
      '# Moving reports off a dying server\n\nPrinciples: Ownership\n\n## Situation\nThe server was failing.\n\n## Task\n\n\n## Action\nI moved the jobs.\n\n## Result\nReports ran 40% faster.\n',
  },
  {
    name: 'adds a missing Result after the story in the style of its bold labels',
    rule: 'missing-section',
    input:
      '## Cutting review time\n\nPrinciples: Bias for Action\n\n**Situation:** Reviews took days.\n\n**Task:** I had to fix it.\n\n**Action:** I split the queue.\n',
    output:
      '## Cutting review time\n\nPrinciples: Bias for Action\n\n**Situation:** Reviews took days.\n\n**Task:** I had to fix it.\n\n**Action:** I split the queue.\n\n**Result:** \n\n',
  },
  {
    name: 'adds a sibling list item with the same prefix',
    rule: 'missing-section',
    input:
      '## Cutting review time\n\nPrinciples: Bias for Action\n\n- **Situation:** Reviews took days.\n- **Action:** I split the queue.\n- **Result:** Reviews took 2 hours.\n',
    output:
      '## Cutting review time\n\nPrinciples: Bias for Action\n\n- **Situation:** Reviews took days.\n- **Task:** \n- **Action:** I split the queue.\n- **Result:** Reviews took 2 hours.\n',
  },
  {
    name: 'keeps CRLF line ends',
    rule: 'missing-section',
    input:
      '## A story\r\n\r\nPrinciples: Ownership\r\n\r\n## Situation\r\nIt broke.\r\n\r\n## Action\r\nI fixed it.\r\n\r\n## Result\r\nIt ran 20% faster.\r\n',
    output:
      '## A story\r\n\r\nPrinciples: Ownership\r\n\r\n## Situation\r\nIt broke.\r\n\r\n## Task\r\n\r\n\r\n## Action\r\nI fixed it.\r\n\r\n## Result\r\nIt ran 20% faster.\r\n',
  },
  {
    name: 'replaces a misspelt principle with the nearest name',
    rule: 'unknown-principle',
    input: '## Refunds in a day\n\nPrinciples: Customer Obssesion\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
    output: '## Refunds in a day\n\nPrinciples: Customer Obsession\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
  },
  {
    name: 'adds a Principles: line under the title',
    rule: 'missing-principles',
    input: '## Refunds in a day\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
    output: '## Refunds in a day\n\nPrinciples: \n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
  },
  {
    name: 'adds principles: to the frontmatter of a one-story file',
    rule: 'missing-principles',
    input: '---\ntitle: Refunds in a day\n---\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
    output: '---\ntitle: Refunds in a day\nprinciples: []\n---\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n',
  },
  {
    name: 'changes a stated percentage to what the from-to change gives, and nothing else',
    rule: 'metric-arithmetic',
    input:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 12 to 4 seconds, a 50% reduction.\n',
    output:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 12 to 4 seconds, a 67% reduction.\n',
  },
  {
    name: 'changes a stated multiple, keeping how it is written',
    rule: 'metric-arithmetic',
    title: /^Change 3x to 2x$/,
    input:
      '## Cutting the bill\n\nPrinciples: Frugality\n\n**Situation:** The bill grew.\n\n**Task:** I had to cut it.\n\n**Action:** I moved the batch jobs to spot instances.\n\n**Result:** The monthly bill went from $10,000 to $5,000, a 3x cut.\n',
    output:
      '## Cutting the bill\n\nPrinciples: Frugality\n\n**Situation:** The bill grew.\n\n**Task:** I had to cut it.\n\n**Action:** I moved the batch jobs to spot instances.\n\n**Result:** The monthly bill went from $10,000 to $5,000, a 2x cut.\n',
  },
  {
    name: 'or keeps the stated percentage and changes the end value it implies',
    rule: 'metric-arithmetic',
    title: /^Change the end value to 6 \(what 50% implies\)$/,
    input:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 12 to 4 seconds, a 50% reduction.\n',
    output:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 12 to 6 seconds, a 50% reduction.\n',
  },
  {
    name: 'writes the implied end value in the unit the story wrote it in',
    rule: 'metric-arithmetic',
    title: /^Change the end value to 600/,
    input:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 1.2 s to 400 ms, a 50% reduction.\n',
    output:
      '## Caching the catalogue\n\nPrinciples: Dive Deep\n\n**Situation:** It was slow.\n\n**Task:** I had to fix it.\n\n**Action:** I cached the product list.\n\n**Result:** Load time fell from 1.2 s to 600 ms, a 50% reduction.\n',
  },
  {
    name: 'corrects a swing in points, keeping the signs',
    rule: 'metric-arithmetic',
    title: /^Change 15 points to 12 points$/,
    input:
      '## Fixing the loyalty margin\n\nPrinciples: Ownership\n\n**Situation:** The margin was negative.\n\n**Task:** I owned it.\n\n**Action:** I replaced double-points weekends with targeted offers.\n\n**Result:** The margin moved from -9% to +3%, a swing of 15 points.\n',
    output:
      '## Fixing the loyalty margin\n\nPrinciples: Ownership\n\n**Situation:** The margin was negative.\n\n**Task:** I owned it.\n\n**Action:** I replaced double-points weekends with targeted offers.\n\n**Result:** The margin moved from -9% to +3%, a swing of 12 points.\n',
  },
];

describe('quick fixes (input, finding, text after the fix)', () => {
  for (const c of cases) it(c.name, () => assert.equal(runCase(c), c.output));

  it('offers no rename when the nearest principle is not close', () => {
    const text = '## Refunds\n\nPrinciples: Teamwork\n\n## Situation\nA.\n## Task\nB.\n## Action\nI did C.\n## Result\nRefunds took 1 day.\n';
    const { facts, found } = findingsOf(text, 'unknown-principle');
    assert.equal(found.length, 1);
    assert.deepEqual(fixesFor(found[0]!, facts, text, new LineIndex(text)), []);
  });

  it('a rule is fixable exactly when it exports a fix', () => {
    for (const r of RULES) assert.equal(r.meta.fixable, typeof r.fix === 'function', `${r.meta.id}: fixable is ${r.meta.fixable}`);
  });
});

describe('metric-conflict fixes', () => {
  it("offers the other story's number, changing only the number", () => {
    const bank = `# Bank

## Dive Deep: Tuning the nightly queries

Principles: Dive Deep

**Situation:** The nightly reports were late. **Task:** I had to speed them up. **Action:** I added indexes.

**Result:** I reduced query time by ~20% for the finance team.

## Deliver Results: Shipping the dashboard

Principles: Deliver Results

**Situation:** The dashboard was slow. **Task:** I owned the fix. **Action:** I rewrote the queries.

**Result:** We reduced query time by 15% before the board meeting.
`;
    const ws = new Workspace();
    ws.set('file:///bank.md', bank);
    const facts = ws.get('file:///bank.md')!;
    const lines = new LineIndex(bank);
    const conflicts = ws.diagnosticsFor('file:///bank.md').filter((d) => d.rule === 'metric-conflict');
    assert.equal(conflicts.length, 2);
    const [fix] = fixesFor(conflicts[0]!, facts, bank, lines);
    assert.equal(fix!.title, 'Use ~15% (as in "Deliver Results: Shipping the dashboard")');
    assert.equal(applyEdits(bank, fix!.edits, lines), bank.replace('by ~20%', 'by ~15%'));
    const [back] = fixesFor(conflicts[1]!, facts, bank, lines);
    assert.equal(back!.title, 'Use 20% (as in "Dive Deep: Tuning the nightly queries")');
    assert.equal(applyEdits(bank, back!.edits, lines), bank.replace('by 15%', 'by 20%'));
  });
});

describe('suppression comments', () => {
  const text = '---\ntitle: Refunds\n---\n\n> ## Situation\n> It broke.\n';
  const { facts } = findingsOf(text, 'missing-section');
  const lines = new LineIndex(text);

  it("disables a rule for the next line, keeping the line's quote marker", () => {
    const [line] = suppressionFixes('empty-section', 4, facts, text, lines);
    assert.equal(line!.title, 'Disable empty-section for this line');
    assert.equal(
      applyEdits(text, line!.edits, lines),
      '---\ntitle: Refunds\n---\n\n> <!-- star-stories-disable-next-line empty-section -->\n> ## Situation\n> It broke.\n',
    );
  });

  it('disables a rule for the file right after the frontmatter', () => {
    const fixes = suppressionFixes('missing-section', 4, facts, text, lines);
    const file = fixes.find((f) => /file/.test(f.title))!;
    assert.equal(
      applyEdits(text, file.edits, lines),
      '---\ntitle: Refunds\n---\n<!-- star-stories-disable-file missing-section -->\n\n> ## Situation\n> It broke.\n',
    );
  });

  it('offers only the file comment on a finding inside the frontmatter', () => {
    assert.deepEqual(
      suppressionFixes('frontmatter-invalid', 1, facts, text, lines).map((f) => f.title),
      ['Disable frontmatter-invalid for this file'],
    );
  });
});

describe('fix all', () => {
  it('corrects a misspelt principle and inserts no part (a new part needs the user)', () => {
    const text = '## Refunds in a day\n\nPrinciples: Customer Obssesion\n\n## Situation\nA.\n## Result\nRefunds took 1 day.\n';
    const { ws, facts } = findingsOf(text, 'missing-section');
    const lines = new LineIndex(text);
    const out = applyEdits(text, fixAll(ws.diagnosticsFor('file:///story.md'), facts, text, lines), lines);
    assert.equal(out, '## Refunds in a day\n\nPrinciples: Customer Obsession\n\n## Situation\nA.\n## Result\nRefunds took 1 day.\n');
  });

  it('offers no fix that adds or moves a part, or reshapes a paragraph, as safe', () => {
    const text =
      '## Speeding up the build\n\nPrinciples: Ownership\n\n**Action:** I cached the dependencies. **Task:** I had to make the build fast.\n\n**Result:** It took 9 minutes instead of 40.\n';
    const { ws, facts } = findingsOf(text, 'section-order');
    const lines = new LineIndex(text);
    const offered = ws.diagnosticsFor('file:///story.md').flatMap((d) => fixesFor(d, facts, text, lines));
    assert.ok(offered.some((f) => f.title === 'Move Task above Action'));
    assert.ok(offered.some((f) => f.title === 'Start a new line at the label'));
    assert.ok(offered.some((f) => /^Add a/.test(f.title)));
    assert.deepEqual(
      offered.filter((f) => f.safe).map((f) => f.title),
      [],
    );
    assert.deepEqual(fixAll(ws.diagnosticsFor('file:///story.md'), facts, text, lines), []);
  });
});

const seed = path.resolve(__dirname, '../../../shared/corpus/seed-story-bank.md');
(fs.existsSync(seed) || process.env.CI ? describe : describe.skip)('fix all on a copy of the seed story bank (../shared/corpus)', () => {
  it('changes no part of any story', () => {
    const text = fs.readFileSync(seed, 'utf8').replace(/^\uFEFF/, '');
    const ws = new Workspace();
    ws.set('file:///bank.md', text);
    const facts = ws.get('file:///bank.md')!;
    const lines = new LineIndex(text);
    const found = ws.diagnosticsFor('file:///bank.md');
    assert.ok(
      found.some((d) => d.rule === 'missing-section'),
      'the bank has missing parts to tempt fix-all',
    );
    const out = applyEdits(text, fixAll(found, facts, text, lines), lines);
    const again = new Workspace();
    again.set('file:///bank.md', out);
    const after = again.get('file:///bank.md')!;
    const outLines = new LineIndex(out);
    assert.equal(after.stories.length, facts.stories.length);
    facts.stories.forEach((s, i) => {
      const t = after.stories[i]!;
      assert.equal(t.title, s.title);
      assert.equal(
        out.slice(outLines.offset(t.range.start), outLines.offset(t.range.end)),
        text.slice(lines.offset(s.range.start), lines.offset(s.range.end)),
        s.title,
      );
      assert.deepEqual(
        t.parts.map((p) => p.names.join('+')),
        s.parts.map((p) => p.names.join('+')),
        s.title,
      );
    });
  });
});

/** The text after a fix, and the text with `|` where the fix puts the cursor. */
function withCursor(text: string, rule: string, title: RegExp | string): { out: string; at: string; fix: Fix } {
  const { facts, found } = findingsOf(text, rule);
  assert.ok(found[0], `no ${rule} finding`);
  const lines = new LineIndex(text);
  const fix = fixesFor(found[0], facts, text, lines).find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(
    fix,
    `no fix ${title}; offered ${fixesFor(found[0], facts, text, lines)
      .map((f) => f.title)
      .join(', ')}`,
  );
  const out = applyEdits(text, fix.edits, lines);
  const o = new LineIndex(out);
  const at = fix.cursor ? `${out.slice(0, o.offset(fix.cursor))}|${out.slice(o.offset(fix.cursor))}` : out;
  return { out, at, fix };
}

describe('adding a missing part', () => {
  it('offers one fix per missing part, with "an" before Action, none of them safe', () => {
    const text = '## Speeding up the build\n\nPrinciples: Ownership\n\n**Situation:** The build took 40 minutes.\n\n**Result:** It took 9 minutes.\n';
    const { facts, found } = findingsOf(text, 'missing-section');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.message, 'No Task or Action part.');
    const fixes = fixesFor(found[0]!, facts, text, new LineIndex(text));
    assert.deepEqual(
      fixes.map((f) => [f.title, f.safe]),
      [
        ['Add a Task part', false],
        ['Add an Action part', false],
      ],
    );
  });

  it('puts a Situation before the text it belongs to, never after the story, and the cursor in it', () => {
    const text = '## Speeding up the build\n\nPrinciples: Ownership\n\n**Action:** I cached the dependencies.\n\n**Result:** The build took 9 minutes.\n';
    const { at } = withCursor(text, 'missing-section', 'Add a Situation part');
    assert.equal(
      at,
      '## Speeding up the build\n\nPrinciples: Ownership\n\n**Situation:** |\n\n**Action:** I cached the dependencies.\n\n**Result:** The build took 9 minutes.\n',
    );
  });

  it('puts a part at the boundary the reader inferred in the prose, the cursor after its label', () => {
    const text =
      '## Speeding up the build\n\nPrinciples: Ownership\n\nThe build at my last company took 40 minutes and blocked every merge. I profiled it, cached the dependencies and split the tests across four machines. In the end the build took 9 minutes, 78% faster.\n';
    const { facts, found } = findingsOf(text, 'missing-section');
    const story = facts.stories[0]!;
    const action = story.parts.find((p) => p.names.includes('action'));
    assert.ok(action?.inferred, `the Action is read from the prose: ${JSON.stringify(story.parts.map((p) => p.names))}`);
    assert.match(found[0]!.message, /^No Task part/);
    const { at, out } = withCursor(text, 'missing-section', 'Add a Task part');
    assert.equal(
      at,
      '## Speeding up the build\n\nPrinciples: Ownership\n\nThe build at my last company took 40 minutes and blocked every merge.\n\n**Task:** |\n\nI profiled it, cached the dependencies and split the tests across four machines. In the end the build took 9 minutes, 78% faster.\n',
    );
    assert.ok(out.includes('I profiled it'));
  });

  it('places the cursor inside a new heading part and a new last label', () => {
    const heading = withCursor(
      '# Moving reports\n\nPrinciples: Ownership\n\n## Situation\nThe server was failing.\n\n## Action\nI moved the jobs.\n\n## Result\nReports ran 40% faster.\n',
      'missing-section',
      'Add a Task part',
    );
    assert.match(heading.at, /## Task\n\n\|\n## Action/);
    const last = withCursor(
      '## Cutting review time\r\n\r\nPrinciples: Bias for Action\r\n\r\n**Situation:** Reviews took days.\r\n\r\n**Task:** I had to fix it.\r\n\r\n**Action:** I split the queue.\r\n',
      'missing-section',
      'Add a Result part',
    );
    assert.match(last.at, /queue\.\r\n\r\n\*\*Result:\*\* \|\r\n\r\n$/);
  });
});

describe('labels inside a line and parts out of order', () => {
  const story = (body: string, eol = '\n') => `## Speeding up the build${eol}${eol}Principles: Ownership${eol}${eol}${body.replace(/\n/g, eol)}`;

  for (const eol of ['\n', '\r\n']) {
    const name = eol === '\n' ? 'LF' : 'CRLF';
    it(`starts a new line at a label after a sentence (${name})`, () => {
      const text = story(
        '**Situation:** The build took 40 minutes and blocked every merge. **Task:** I had to make it fast. **Action:** I cached the dependencies and split the tests. **Result:** It took 9 minutes.\n',
        eol,
      );
      // action-share's finding sits on the Action label; any finding on a label inside a line gets the fix
      const { facts } = findingsOf(text, 'action-share');
      const ws = new Workspace();
      ws.set('file:///story.md', text);
      const lines = new LineIndex(text);
      const action = facts.stories[0]!.parts.find((p) => p.names.includes('action'))!;
      const f: Finding = { rule: 'action-share', range: action.markerRange, message: '' };
      const fix = fixesFor(f, facts, text, lines).find((x) => x.title === 'Start a new line at the label');
      assert.ok(fix);
      assert.equal(
        applyEdits(text, fix.edits, lines),
        story(
          '**Situation:** The build took 40 minutes and blocked every merge. **Task:** I had to make it fast.\n\n**Action:** I cached the dependencies and split the tests. **Result:** It took 9 minutes.\n',
          eol,
        ),
      );
    });

    it(`moves Task above Action, marker and text, losing nothing (${name})`, () => {
      const text = story(
        '**Situation:** The build took 40 minutes.\n\n**Action:** I cached the dependencies.\nI split the tests across four machines.\n\n**Task:** I had to make it fast.\n\n**Result:** It took 9 minutes.\n',
        eol,
      );
      const { out } = withCursor(text, 'section-order', 'Move Task above Action');
      assert.equal(
        out,
        story(
          '**Situation:** The build took 40 minutes.\n\n**Task:** I had to make it fast.\n\n**Action:** I cached the dependencies.\nI split the tests across four machines.\n\n**Result:** It took 9 minutes.\n',
          eol,
        ),
      );
      assert.deepEqual(findingsOf(out, 'section-order').found, []);
    });

    it(`moves a last part out of order, headings included (${name})`, () => {
      const text = story(
        '### Situation\nIt was slow.\n\n### Action\nI cached it.\n\n### Result\nIt took 9 minutes.\n\n### Task\nI had to make it fast.\n',
        eol,
      );
      const { out } = withCursor(text, 'section-order', 'Move Task above Action');
      assert.equal(
        out,
        story('### Situation\nIt was slow.\n\n### Task\nI had to make it fast.\n\n### Action\nI cached it.\n\n### Result\nIt took 9 minutes.\n', eol),
      );
    });

    it(`moves a label inside a line (${name})`, () => {
      const text = story('**Situation:** It was slow.\n\n**Action:** I cached it. **Task:** I had to make it fast.\n\n**Result:** It took 9 minutes.\n', eol);
      const { out } = withCursor(text, 'section-order', 'Move Task above Action');
      assert.equal(
        out,
        story('**Situation:** It was slow.\n\n**Task:** I had to make it fast.\n\n**Action:** I cached it.\n\n**Result:** It took 9 minutes.\n', eol),
      );
    });
  }
});

const ROOT = path.resolve(__dirname, '../..');

/** A finding of a rule on a fixture or sample file, with what a fix test needs around it. */
interface FixtureFinding {
  /** The file, relative to the repository, for messages. */
  where: string;
  text: string;
  facts: FileFacts;
  lines: LineIndex;
  d: Diagnostic;
}

/** Every finding of `rule` on every fixture and sample (read with its BOM dropped), in file order. */
function eachFixtureFinding(rule: string, visit: (f: FixtureFinding) => void): void {
  for (const file of ['test/fixtures', 'samples'].flatMap((d) => markdownUnder(path.join(ROOT, d)))) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const ws = new Workspace();
    ws.set('file:///f.md', text);
    const facts = ws.get('file:///f.md')!;
    const lines = new LineIndex(text);
    for (const d of ws.diagnosticsFor('file:///f.md').filter((x) => x.rule === rule)) visit({ where: path.relative(ROOT, file), text, facts, lines, d });
  }
}

/** The text read again as a file. */
function reread(text: string): FileFacts {
  const again = new Workspace();
  again.set('file:///f.md', text);
  return again.get('file:///f.md')!;
}

describe('Label the STAR parts (unlabelled-parts), on every fixture', () => {
  it('keeps every character of the story in order, and the labels it writes are read back as the same parts', () => {
    let applied = 0;
    eachFixtureFinding('unlabelled-parts', ({ where, text, facts, lines, d }) => {
      const fix = fixesFor(d, facts, text, lines).find((f) => f.title === 'Label the STAR parts');
      assert.ok(fix, `${where}: no fix for ${d.message}`);
      const out = applyEdits(text, fix.edits, lines);
      assert.ok(isSubsequence(text, out), `${where}: the fix changed or lost a character`);
      // what was inferred is now marked, at the same parts
      const before = facts.stories.find((s) => s.titleRange.start.line === d.range.start.line)!;
      const after = reread(out).stories.find((s) => s.title === before.title)!;
      assert.ok(after, `${where}: "${before.title}" is no longer a story`);
      const names = (s: typeof before) => [...new Set(s.parts.flatMap((p) => p.names))].sort().join();
      assert.equal(names(after), names(before), `${where}: "${before.title}"`);
      assert.ok(!after.parts.some((p) => p.inferred), `${where}: "${before.title}" still has inferred parts`);
      applied++;
    });
    assert.ok(applied >= 20, `applied to ${applied} stories`);
  });
});

describe('adding and moving parts, on every fixture', () => {
  const solid = (t: string) => t.replace(/\s+/g, '');

  it('"Add a … part" loses no character of the story, and the part it adds is read back', () => {
    let applied = 0;
    eachFixtureFinding('missing-section', ({ where: file, text, facts, lines, d }) => {
      for (const fix of fixesFor(d, facts, text, lines).filter((f) => /^Add an? /.test(f.title))) {
        assert.equal(fix.safe, false);
        const out = applyEdits(text, fix.edits, lines);
        const where = `${file}: ${fix.title}`;
        assert.ok(isSubsequence(solid(text), solid(out)), `${where}: a character was lost`);
        const before = facts.stories.find((s) => s.titleRange.start.line === d.range.start.line)!;
        const after = reread(out).stories.find((s) => s.title === before.title);
        assert.ok(after, `${where}: the story is gone`);
        const name = fix.title
          .replace(/^Add an? /, '')
          .replace(/ part$/, '')
          .toLowerCase();
        assert.ok(
          after.parts.some((p) => p.names.includes(name as never)),
          `${where}: no ${name} part after the fix`,
        );
        assert.ok(fix.cursor, `${where}: no cursor`);
        applied++;
      }
    });
    assert.ok(applied >= 5, `applied ${applied} fixes`);
  });

  it('"Move … above …" keeps every character and leaves the moved part in order', () => {
    let applied = 0;
    eachFixtureFinding('section-order', ({ where: file, text, facts, lines, d }) => {
      const fix = fixesFor(d, facts, text, lines).find((f) => /^Move /.test(f.title));
      if (!fix) return;
      const out = applyEdits(text, fix.edits, lines);
      const where = `${file}: ${fix.title}`;
      assert.equal([...solid(out)].sort().join(''), [...solid(text)].sort().join(''), `${where}: characters changed`);
      const before = facts.stories.find((s) => s.range.start.line <= d.range.start.line && d.range.start.line <= s.range.end.line)!;
      const after = reread(out).stories.find((s) => s.title === before.title)!;
      assert.equal(after.parts.length, before.parts.length, where);
      applied++;
    });
    assert.ok(applied >= 3, `applied ${applied} fixes`);
  });
});

function markdownUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownUnder(p) : e.name.endsWith('.md') ? [p] : [];
  });
}

/** Every character of `a`, in order, is in `b`: only insertions were made. */
function isSubsequence(a: string, b: string): boolean {
  let i = 0;
  for (let j = 0; j < b.length && i < a.length; j++) if (a[i] === b[j]) i++;
  return i === a.length;
}
