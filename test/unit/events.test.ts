// Events: stories that tell one event (core/events.ts) and the same-event
// rule's quick fix, which makes the grouping explicit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, applyEdits, fixesFor, LineIndex, parseConfig, PrincipleMatcher, Workspace } from '../../server/src/core';
import { contentTerms, EventIndex, type EventGroup, eventGroups, spokenTerms, termIds } from '../../server/src/core/events';

const fixtures = path.resolve(__dirname, '../fixtures/rules/same-event');
const bank = fs.readFileSync(path.join(fixtures, 'invalid/story-bank.md'), 'utf8');

function sameEvent(ws: Workspace, uri: string) {
  return ws.diagnosticsFor(uri).filter((d) => d.rule === 'same-event');
}

/** A bank in the numbered bold pseudo-heading style, the parts told in prose. */
const PSEUDO = [
  '# Stories',
  '',
  '**1. Ownership: Taking the flaky payroll export off a spreadsheet**',
  'At Larchmont Foods the monthly payroll export ran from a spreadsheet macro that only one clerk understood. I rebuilt the export as a small Python job with validation of every employee row, reviewed it with the payroll team and ran both side by side for two months. **Outcome**: Payroll corrections fell from 40 a month to 3, and the clerk took her first holiday in two years.',
  '',
  '**2. Earn Trust: Winning over the payroll team**',
  'At Larchmont Foods the payroll team distrusted any change to the monthly payroll export, which ran from a spreadsheet macro. I rebuilt the export as a small Python job with validation of every employee row and ran both side by side for two months so they could compare. **Outcome**: Payroll corrections fell from 40 a month to 3, and the payroll team asked for the next change themselves.',
  '',
  '**3. Frugality: Sharing one test device pool**',
  'Each mobile squad bought its own test phones, and half of them sat unused in drawers. I set up one shared device pool with a booking sheet and sold the spare handsets back to the supplier. **Outcome**: We spent nothing on devices for a year.',
  '',
].join('\n');

describe('events (core/events.ts)', () => {
  it('reads named variants as one term each ("model A", "models B and C")', () => {
    const terms = contentTerms('I compared model A with models B and C and chose phase 2.');
    for (const t of ['model A', 'model B', 'model C', 'phase 2']) assert.ok(terms.includes(t), `${t} in ${terms.join(', ')}`);
  });

  it('groups two retellings of one event in a bank and names what they share', () => {
    const ws = new Workspace();
    ws.set('file:///bank.md', bank);
    const found = sameEvent(ws, 'file:///bank.md');
    assert.equal(found.length, 2);
    assert.match(found[0]!.message, /^Same event as "Dive Deep: Why the nightly meter-read\.\.\.": tell one per loop\.$/);
    assert.ok(found[0]!.message.length <= 80, found[0]!.message);
    assert.equal(found[0]!.related?.length, 1);
    assert.match(found[0]!.related![0]!.message, /^Same event \(both: [^)]*30%/);
    assert.equal(found[0]!.data?.event, found[1]!.data?.event);
  });

  it('never groups stories whose explicit keys differ, and always groups stories whose keys agree', () => {
    const ws = new Workspace();
    const keyed = bank
      .replace('Principles: Ownership\n', 'Principles: Ownership\nEvent: import-move\n')
      .replace('Principles: Dive Deep\n', 'Principles: Dive Deep\nEvent: import-debug\n');
    ws.set('file:///bank.md', keyed);
    assert.deepEqual(sameEvent(ws, 'file:///bank.md'), []);
    const facts = ws.get('file:///bank.md')!;
    assert.equal(facts.stories[0]!.event?.key, 'import-move');
    const groups = eventGroups([facts], { threshold: 0.3 });
    assert.equal(groups.filter((g) => g.stories.length > 1).length, 0);
    // the Event: line is not spoken
    const plain = new Workspace();
    plain.set('file:///bank.md', bank);
    assert.equal(facts.stories[0]!.words, plain.get('file:///bank.md')!.stories[0]!.words);
  });

  for (const [name, text] of [
    ['heading bank', bank],
    ['bold pseudo-heading bank', PSEUDO],
  ] as const)
    it(`the quick fix gives both stories of a ${name} one Event: key, and the finding goes away`, () => {
      const ws = new Workspace();
      ws.set('file:///bank.md', text);
      const found = sameEvent(ws, 'file:///bank.md');
      assert.equal(
        found.length,
        2,
        ws
          .diagnosticsFor('file:///bank.md')
          .map((d) => d.message)
          .join('\n'),
      );
      const lines = new LineIndex(text);
      const [fix] = fixesFor(found[0]!, ws.get('file:///bank.md')!, text, lines);
      assert.ok(fix, 'a fix');
      assert.equal(fix.edits.length, 2);
      const after = applyEdits(text, fix.edits, lines);
      // only lines were added
      assert.equal(
        after
          .split('\n')
          .filter((l) => !l.startsWith('Event: '))
          .join('\n'),
        text,
      );
      ws.set('file:///bank.md', after);
      const stories = ws.get('file:///bank.md')!.stories;
      assert.equal(stories.length, 3);
      assert.ok(stories[0]!.event && stories[0]!.event.key === stories[1]!.event?.key);
      assert.equal(stories[2]!.event, undefined);
      assert.deepEqual(sameEvent(ws, 'file:///bank.md'), []);
      // the parts read as before
      const before = new Workspace();
      before.set('file:///bank.md', text);
      assert.deepEqual(
        stories.map((s) => s.parts.flatMap((p) => p.names)),
        before.get('file:///bank.md')!.stories.map((s) => s.parts.flatMap((p) => p.names)),
      );
    });

  it('adds event: to the frontmatter of a one-story file', () => {
    const dir = path.join(fixtures, 'invalid/two-files');
    const ws = new Workspace();
    for (const f of fs.readdirSync(dir)) ws.set(`file:///${f}`, fs.readFileSync(path.join(dir, f), 'utf8'));
    const uri = 'file:///cold-storage.md';
    const text = fs.readFileSync(path.join(dir, 'cold-storage.md'), 'utf8');
    const [f] = sameEvent(ws, uri);
    assert.ok(f);
    const lines = new LineIndex(text);
    const [fix] = fixesFor(f, ws.get(uri)!, text, lines);
    const after = applyEdits(text, fix!.edits, lines);
    assert.match(after, /\ncompany: Tollbridge Analytics\nevent: cutting-the-cost-of-cold-storage\n---\n/);
    ws.set(uri, after);
    assert.equal(ws.get(uri)!.stories[0]!.event?.key, 'cutting-the-cost-of-cold-storage');
  });

  it('never groups stories set at two companies: one event happens at one company', () => {
    const dir = path.join(fixtures, 'invalid/two-files');
    const ws = new Workspace();
    for (const f of fs.readdirSync(dir)) ws.set(`file:///${f}`, fs.readFileSync(path.join(dir, f), 'utf8'));
    assert.equal(sameEvent(ws, 'file:///cold-storage.md').length, 1);
    const other = fs.readFileSync(path.join(dir, 'retention-rules.md'), 'utf8').replace('company: Tollbridge Analytics', 'company: Marrowfield Bank');
    ws.set('file:///retention-rules.md', other);
    assert.deepEqual(sameEvent(ws, 'file:///cold-storage.md'), []);
    assert.deepEqual(sameEvent(ws, 'file:///retention-rules.md'), []);
  });

  it('coverage counts stories and distinct events per principle', () => {
    const ws = new Workspace();
    ws.set('file:///bank.md', bank.replace('Principles: Dive Deep\n', 'Principles: Dive Deep, Ownership\n'));
    const own = ws.coverage().find((c) => c.principle === 'Ownership')!;
    assert.equal(own.stories.length, 2);
    assert.equal(own.events, 1);
    assert.equal(ws.coverage().find((c) => c.principle === 'Frugality')!.events, 1);
  });

  for (const [vocabulary, words, steps] of [
    ['varied', 40, 200],
    // every story says most of these: words told in more stories than any cap are only counted, and come back under it
    ['narrow', 5, 200],
  ] as const)
    it(`gives after any edits the groups, scores and evidence a fresh index gives, over a ${vocabulary} vocabulary (the incremental index forgets nothing)`, () => {
      // a seeded generator of stories that retell a few events in other words, over workspaces that grow past the size steps
      let seed = 20261206;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
      const events = Array.from({ length: 12 }, (_, e) => ({
        place: pick(['Harbour Freight', 'Quillon Bank', 'Marrow Health', 'Tansy Retail', 'Osprey Games']),
        thing: pick(['invoice matcher', 'ticket router', 'dosage checker', 'stock planner', 'crash reporter', 'render farm']),
        variant: `model ${String.fromCharCode(65 + (e % 6))}`,
        figure: `${10 + e * 7}%`,
      }));
      const filler = (
        'careful quiet review rollout backlog migration latency budget vendor audit pipeline schema dashboard queue ' +
        'nightly ledger courier warehouse sprint escalation handover outage forecast pricing onboarding refund ' +
        'archive replica cluster payload webhook checksum tenant quota bucket canary'
      )
        .split(' ')
        .slice(0, words);
      const story = (title: string) => {
        const ev = pick(events);
        const words = Array.from({ length: 6 + rand(10) }, () => pick(filler)).join(' ');
        const key = rand(9) === 0 ? `\nEvent: ${ev.thing.replace(/ /g, '-')}` : '';
        return `## ${title}${key}\n\n**Situation:** At ${ev.place} the ${ev.thing} kept failing; ${words}.\n\n**Action:** I rebuilt the ${ev.thing} around ${ev.variant} and ${pick(filler)} ${pick(filler)}.\n\n**Result:** Errors fell by ${ev.figure} within a quarter.\n`;
      };
      const files = new Map<string, string>();
      const ws = new Workspace();
      const shape = (groups: EventGroup[]) =>
        groups.map((g) => ({
          id: g.id,
          stories: g.stories.map((s) => `${s.uri}#${s.index}`),
          pairs: g.pairs.map((p) => [`${p.a.uri}#${p.a.index}`, `${p.b.uri}#${p.b.index}`, p.score, p.evidence.join('|')]),
        }));
      let checked = 0;
      for (let step = 0; step < steps; step++) {
        const op = rand(10);
        const names = [...files.keys()];
        if (op < 4 || names.length < 3) {
          const uri = `file:///s${step}.md`;
          files.set(uri, Array.from({ length: 1 + rand(3) }, (_, i) => story(`Story ${step}.${i}`)).join('\n'));
        } else if (op < 8) {
          // edit a story: more words, fewer words, or another event
          const uri = pick(names);
          const text = files.get(uri)!;
          const way = rand(3);
          if (way === 0) files.set(uri, text.replace(/kept failing; /, `kept failing; ${pick(filler)} ${pick(filler)} `));
          // fewer words: a story's details go (its features leave, a shared word may become telling again)
          else if (way === 1) files.set(uri, text.replace(/kept failing; [a-z ]*\./, 'kept failing.'));
          else files.set(uri, `${text}\n${story(`Story ${step}.x`)}`);
        } else files.delete(pick(names));
        for (const uri of ws.uris()) if (!files.has(uri)) ws.delete(uri);
        for (const [uri, text] of files) if (ws.text(uri) !== text) ws.set(uri, text);
        const threshold = step % 40 === 39 ? 0.25 : 0.3;
        const incremental = eventGroups(ws.files(), { threshold });
        const fresh = new EventIndex().groups(ws.files(), { threshold });
        assert.deepEqual(shape(incremental), shape(fresh), `step ${step}`);
        checked += incremental.filter((g) => g.stories.length > 1).length;
      }
      // the generator retells events: the comparison saw groups, not only single stories
      assert.ok(checked > 100, `${checked} groups compared`);
      // and past the first size steps, where a new story changes no weight and the index works by differences
      const stories = ws.files().reduce((n, f) => n + f.stories.length, 0);
      assert.ok(stories > 70, `${stories} stories at the end`);
    });

  describe('terms read in one pass (spokenTerms)', () => {
    const texts = [
      'I compared model A with models B and C, then chose phase 2 over phase 2024.',
      "Our team's A-list customers used the mock-interview Q and the beta-tester program; Version 1.5 shipped.",
      'The café’s naïve rollout in Zürich: I rebuilt the Übersicht dashboard (tier 3) and cut p99 latency from 900 ms to 120 ms.',
      'Finally I asked whether options X, Y and Z or plan 7 & 8 would work.',
      'no letters here: 12 34 -- 56 ...',
      '',
      // a long story: more than 800 distinct terms, where the first 800 in reading order are kept
      Array.from({ length: 700 }, (_, i) => `word${i} thing${i % 97}`).join(' and '),
    ];

    it('gives the ids its term stream gives, for every kind of text', () => {
      for (const t of texts) {
        const got = spokenTerms(t);
        assert.deepEqual([...got.ids], [...termIds(got.stream)], t.slice(0, 40));
        assert.ok(got.ids.length <= 800);
        for (let i = 1; i < got.ids.length; i++) assert.ok(got.ids[i - 1]! < got.ids[i]!, 'ascending, each once');
      }
    });

    it('reads named variants, lists of them and hyphenated nouns, and no possessive or year', () => {
      const variants = (t: string) => spokenTerms(t).stream.split('\u0002')[0]!.split('\u0001').filter(Boolean);
      assert.deepEqual(variants(texts[0]!), ['model A', 'model B', 'model C', 'phase 2']);
      assert.deepEqual(variants(texts[1]!), ['interview Q', 'Version 1']);
      assert.deepEqual(variants(texts[3]!), ['option X', 'option Y', 'option Z', 'plan 7', 'plan 8']);
    });
  });

  describe('words are compared in a bank only (maxStories)', () => {
    const config = (max: number) => parseConfig(`rules:\n  same-event:\n    maxStories: ${max}\n`).config;

    it('past maxStories only explicit keys make an event, and back within it words do again', () => {
      const ws = new Workspace(config(2));
      ws.set('file:///bank.md', bank);
      const stories = ws.get('file:///bank.md')!.stories.length;
      assert.ok(stories > 2);
      assert.deepEqual(sameEvent(ws, 'file:///bank.md'), [], 'a collection: no word comparison');
      const keyed = bank
        .replace('Principles: Ownership\n', 'Principles: Ownership\nEvent: one\n')
        .replace('Principles: Dive Deep\n', 'Principles: Dive Deep\nEvent: one\n');
      ws.set('file:///bank.md', keyed);
      const groups = eventGroups(ws.files(), { threshold: 0.3, maxStories: 2 });
      assert.equal(groups.filter((g) => g.stories.length === 2 && g.key === 'one').length, 1, 'the keys still group');
      ws.setConfig(config(stories));
      ws.set('file:///bank.md', bank);
      assert.equal(sameEvent(ws, 'file:///bank.md').length, 2);
    });

    it('a workspace read without terms past the limit reads them again when it shrinks back to a bank', () => {
      const matcher = new PrincipleMatcher(parseConfig('').config.framework);
      const ws = new Workspace(config(4));
      const filler = (i: number) => `# Filler ${i}\n\n**Situation:** The ${i}th quarterly audit of vendor ${i} found nothing new.\n`;
      // what a reader past the limit sends: facts without terms, with their text
      ws.setFacts(analyzeFile('file:///bank.md', bank, { matcher, withoutTerms: true }), bank);
      for (let i = 0; i < 3; i++) {
        const uri = `file:///filler-${i}.md`;
        ws.setFacts(analyzeFile(uri, filler(i), { matcher, withoutTerms: true }), filler(i));
      }
      assert.ok(ws.get('file:///bank.md')!.termsLeftOut);
      assert.deepEqual(sameEvent(ws, 'file:///bank.md'), []);
      for (let i = 0; i < 3; i++) ws.delete(`file:///filler-${i}.md`);
      assert.equal(sameEvent(ws, 'file:///bank.md').length, 2, 'read again with terms: the retold event is found');
      assert.equal(ws.get('file:///bank.md')!.termsLeftOut, undefined);
    });
  });
});
