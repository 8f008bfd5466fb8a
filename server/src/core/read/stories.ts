// Stage 3 of the reader: where stories start and end (contract section 4).
// Headings and bold pseudo-headings are the candidates; a candidate is a
// story when part markers or a prose story belong to it, or when it names a
// principle or asks a behavioural question and a story is told under it. A
// heading whose own sections are stories is a category; prep sections
// (follow-ups, notes) are not part of the answer. Which markers count is
// decided here too: letters only where a story uses two of them, and a
// `**Key:** value` metadata block is not a run of parts.

import type { PrincipleMatcher } from '../principles';
import type { Block, ItemSpan } from './blocks';
import { bankTable, lineLabel, type Marker } from './markers';
import { type AnyPart, partNamesOf, rankOf } from './names';
import { advice, clauses, decode, deedWithoutSubject, narrative, PAST_VERB, pastTense, type Unit } from './prose';

export interface Head {
  /** A heading, a bold pseudo-heading, or a list item that holds a story of its own. */
  type: 'heading' | 'pseudo' | 'item';
  /** Heading level; 0 for a pseudo-heading or an item. */
  level: number;
  text: string;
  start: number;
  /** End of the heading (its line, for a pseudo-heading). */
  end: number;
  titleStart: number;
  titleEnd: number;
  /** A follow-up, notes or prep section: never a story, and not spoken. */
  prep: boolean;
  /** For an item: where the item ends (its section). */
  itemEnd?: number;
}

export interface StorySpan {
  kind: 'file' | 'heading' | 'pseudo' | 'item';
  head?: Head;
  level: number;
  start: number;
  bodyStart: number;
  end: number;
  /** The markers that count, in order. */
  markers: Marker[];
  /** Category headings above the story (their principles are the story's too). */
  categories: Head[];
  /** Lines of `**Key:** value` metadata (not spoken). */
  metadata: [number, number][];
  /** Where the prep sections after the answer begin (not spoken), if any. */
  prepStart?: number;
}

export interface StoryDoc {
  text: string;
  /** The story-start candidates (findHeads, and findItemHeads). */
  heads: readonly Head[];
  blocks: readonly Block[];
  markers: readonly Marker[];
  matcher: PrincipleMatcher;
  /** Where the frontmatter ends (0 without one), and whether it names a title or principles. */
  frontmatterEnd: number;
  frontmatterStory: boolean;
  /** Sentences of the prose between two offsets (paragraphs only, no headings). */
  units(start: number, end: number, holes?: readonly [number, number][]): Unit[];
  /** The start offset of each line between two offsets. */
  lineStarts(start: number, end: number): number[];
  /** Whether a `Principles:` / `LP:` line stands between two offsets. */
  tagged(start: number, end: number): boolean;
}

const PREP =
  /^(?:\d+[.)]\s*)?(?:follow[- ]?ups?(?: questions)?|possible follow[- ]?ups?|deep[- ]?dives?|likely (?:follow[- ]?up )?questions|possible questions|questions (?:to expect|they may ask|the interviewer may ask)|probing questions|interviewer (?:notes|questions|follow[- ]?ups?)|notes?(?: to self)?|my notes|prep(?:aration)?(?: notes)?|talking points|key (?:talking )?points|metrics(?: to mention)?|key metrics|numbers to remember|reflection notes|self[- ]review|rehearsal notes|delivery notes|tips?)\b/i;
const QUESTION =
  /\b(?:tell me about|describe|give (?:me )?an example|share an example|walk me through|talk about) (?:a |an |the )?(?:time|situation|moment|project|example|occasion|instance|decision|mistake|failure|conflict|disagreement)|\bhave you ever\b|\bwhen (?:have you|did you)\b|\bhow (?:did|do|have) you (?:handle|deal|manage|approach)\b|^(?:q\d*[:.)]|question\s*\d*[:.)])/i;

/** A heading over advice on answering, not an answer: STAR tips, a checklist, common mistakes. */
const GUIDE_TITLE =
  /\b(?:tips|cheat ?sheet|how to (?:answer|tell|write|structure|use|prepare)|structur\w* (?:an |my |your |the )?answers?|common mistakes|mistakes to avoid|pitfalls|dos and don['’]?ts|star (?:method|format|framework|technique|structure|template))\b/i;
/** Questions of an interview that no story answers: "Tell me about yourself", "Why Amazon?", "Your weaknesses?". */
const NOT_BEHAVIOURAL =
  /\btell me about yourself\b|\bwalk me through your (?:resume|résumé|cv|background)\b|^(?:\d+[.)]\s*)?why (?:this (?:role|job|company|team)|do you want|are you (?:leaving|interested)|(?:did you|are you) (?:apply|applying))\b|\b(?:greatest )?(?:strengths?|weaknesses?)\b\??\s*$|\bwhere do you see yourself\b|\bquestions? for (?:them|the interviewer|us)\b/i;
/** "Why Amazon?", "Why Kestrel Commerce?": a company's name after Why, and nothing else. */
const WHY_COMPANY = /^(?:\d+[.)]\s*)?Why (?:[A-Z][\w&.-]*\s*){1,3}\??\s*$/;

/** Whether a heading is advice on answering, or a question that no story answers. */
function notAStoryTitle(text: string): boolean {
  const t = text.replace(/[*_`]/g, '');
  if (NOT_BEHAVIOURAL.test(t) || WHY_COMPANY.test(t.trim())) return true;
  // "STAR", "The STAR method", "STAR, briefly" (a short title about the method, not a story's)
  if (/\bSTAR\b/.test(t) && (t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 4 && !/\b(?:stor(?:y|ies)|examples?|answers?)\b/i.test(t)) return true;
  return GUIDE_TITLE.test(t);
}

/** Heading text that asks a behavioural question. */
export function asksQuestion(text: string): boolean {
  return QUESTION.test(text);
}

/** Heading text of a section that is preparation, not answer. */
export function isPrep(text: string): boolean {
  return PREP.test(text.replace(/[*_`]/g, '').trim());
}

/** The candidates for story starts: headings that are not part markers, and bold pseudo-headings. */
export function findHeads(text: string, blocks: readonly Block[]): Head[] {
  const out: Head[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      if (partNamesOf(b.text)) continue;
      out.push({
        type: 'heading',
        level: b.level,
        text: b.text,
        start: b.start,
        end: b.end,
        titleStart: b.titleStart,
        titleEnd: b.titleEnd,
        prep: isPrep(b.text),
      });
      continue;
    }
    if (b.kind !== 'paragraph' || !b.top || !b.boldFirst || b.boldFirst[0] !== b.start) continue;
    // nothing but bold text on the paragraph's first line, not a lead-in ending with a colon
    let lineEnd = text.indexOf('\n', b.start);
    if (lineEnd === -1 || lineEnd > b.end) lineEnd = b.end;
    const after = text
      .slice(b.boldFirst[1], lineEnd)
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim();
    if (after && after !== ':') continue;
    const inner = text.slice(b.boldFirst[0] + 2, b.boldFirst[1] - 2).trim();
    if (!inner || /[:：]$/.test(inner) || after === ':' || partNamesOf(inner)) continue;
    const title = inner.replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
    out.push({ type: 'pseudo', level: 0, text: title, start: b.start, end: lineEnd, titleStart: b.start, titleEnd: b.boldFirst[1], prep: isPrep(title) });
  }
  return out;
}

/** A list marker (and a task box) at the start of an item's first line. */
const ITEM_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
/** A word that only says what follows is a story ("Story 3:", "Example –"). */
const STORY_WORD = /^(?:story|example|scenario \d+)\s*\d*\s*[:：.\-–—]\s*/i;

/**
 * List items that hold a story of their own (a bank kept as a list): an
 * item whose first line is a title or a question, not a part label, and
 * whose own lines or nested items mark at least two different parts. Of
 * items nested in each other, the innermost such item is the story. They
 * are merged into the heads (in order) so that parts end where their item
 * ends.
 */
export function findItemHeads(doc: StoryDoc, items: readonly ItemSpan[]): Head[] {
  if (!doc.markers.length) return [];
  const found: Head[] = [];
  for (const it of items) {
    const lineEnd = doc.text.indexOf('\n', it.start);
    if (lineEnd === -1 || lineEnd >= it.end) continue; // one line: no parts under it
    const rawLine = doc.text.slice(it.start, lineEnd);
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (lineLabel(line)) continue;
    const prefix = ITEM_PREFIX.exec(line)?.[0].length ?? 0;
    const body = line.slice(prefix);
    const plain = body
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/[*_`]/g, '')
      .trim();
    if (!plain || partNamesOf(plain.replace(/\s*[:：\-–—]$/, ''))) continue;
    const words = plain.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    if (words > 30) continue;
    // its part markers: labels on the item's later lines (the markers are in source order)
    const ms: Marker[] = [];
    for (let k = firstAfter(doc.markers, lineEnd); k < doc.markers.length; k++) {
      const m = doc.markers[k]!;
      if (m.start >= it.end) break;
      if (m.form === 'bold' || m.form === 'plain' || m.form === 'inline') ms.push(m);
    }
    if (ms.length < 2) continue;
    const own = acceptMarkers(doc, ms, lineEnd, it.end);
    if (new Set(own.markers.flatMap((m) => m.names)).size < 2) continue;
    const titleStart = it.start + prefix + (body.length - body.trimStart().length);
    let titleEnd = it.start + line.length;
    while (titleEnd > titleStart && /\s/.test(doc.text[titleEnd - 1]!)) titleEnd--;
    const title = plain
      .replace(STORY_WORD, '')
      .replace(/\s*[:：]$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    found.push({
      type: 'item',
      level: 0,
      text: title || plain,
      start: it.start,
      end: lineEnd,
      titleStart,
      titleEnd,
      prep: isPrep(plain),
      itemEnd: it.end,
    });
  }
  // the innermost: an item with another found item inside it is not a story itself
  const out = found.filter((h, i) => !found.some((o, j) => j !== i && o.start > h.start && o.start < h.itemEnd!));
  // the rows of a bank table: a row is a story, its title in the title column; the cells before its
  // first part (number, title, principles) are its head
  for (const b of doc.blocks) {
    if (b.kind !== 'table') continue;
    const bank = bankTable(b.rows);
    if (!bank) continue;
    for (const r of b.rows.slice(1)) {
      const first = bank.parts.map((p) => r[p.col]?.start).filter((x): x is number => x !== undefined);
      const titleCell = r[bank.title];
      if (!first.length || !titleCell?.text) continue;
      const rowStart = r[0]!.start;
      const lineStart = doc.text.lastIndexOf('\n', rowStart - 1) + 1;
      const headEnd = Math.min(...first);
      out.push({
        type: 'item',
        level: 0,
        text: titleCell.text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim(),
        start: lineStart,
        end: headEnd,
        titleStart: rowStart,
        titleEnd: Math.max(rowStart, headEnd),
        prep: false,
        itemEnd: r[r.length - 1]!.end,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const KEY_VALUE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?([A-Za-z][\w ./&()'-]{0,30}?)(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]+\S/;

/**
 * Metadata lines: a run of two or more short `Key: value` lines in one
 * paragraph or list, at least one of whose keys is not a part name (Team,
 * Date, Role, Company, Principles…). Their part words (`**Context:**
 * discovery phase`) are not markers.
 */
const keyedCache = new WeakMap<StoryDoc, KeyedLines>();

/** The file's `Key: value` lines, read once: its metadata lines, and where its keyed notes start. */
interface KeyedLines {
  metadata: [number, number][];
  /** Lines that open with a key of a few words naming no part, and run on (`- Round 1: a time I pushed back…`). */
  notes: { start: number }[];
}

function keyedLinesOf(doc: StoryDoc): KeyedLines {
  let all = keyedCache.get(doc);
  if (!all) keyedCache.set(doc, (all = readKeyedLines(doc)));
  return all;
}

function metadataLines(doc: StoryDoc, start: number, end: number): [number, number][] {
  return keyedLinesOf(doc).metadata.filter(([a]) => a >= start && a < end);
}

/** Every metadata line of the file (runs are cut at headings, so a range of stories sees only its own), and the keyed notes. */
function readKeyedLines(doc: StoryDoc): KeyedLines {
  const start = 0;
  const end = doc.text.length;
  const out: [number, number][] = [];
  const notes: { start: number }[] = [];
  let run: { start: number; end: number; part: boolean; short: boolean }[] = [];
  let lastBlock = -1;
  const flush = () => {
    // (a run mostly of part labels, `- Story: …` over short `S:`, `A:`, `R:` items, is a story's parts)
    const parts = run.filter((r) => r.part).length;
    if (run.length >= 2 && parts < run.length && run.length - parts >= parts && run.filter((r) => r.short).length >= Math.ceil(run.length * 0.6))
      for (const r of run) out.push([r.start, r.end]);
    run = [];
  };
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'paragraph' || b.end <= start || b.start >= end) return;
    // a list is one run across its items; anything else between ends the run
    const prev = doc.blocks[lastBlock];
    const sameRun = lastBlock >= 0 && i === lastBlock + 1 && b.item !== undefined && prev?.kind === 'paragraph' && prev.item !== undefined;
    if (!sameRun) flush();
    lastBlock = i;
    for (const ls of doc.lineStarts(b.start, b.end)) {
      let le = doc.text.indexOf('\n', ls);
      if (le === -1 || le > b.end) le = b.end;
      const line = doc.text.slice(ls, le);
      const m = line.includes(':') || line.includes('：') ? KEY_VALUE.exec(line) : null;
      if (!m) {
        flush();
        continue;
      }
      const value = line.slice(m[0].length - 1);
      const words = value.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
      const part = !!partNamesOf(m[1]!);
      run.push({ start: ls, end: le, part, short: words <= 8 });
      // (a note runs on past a short metadata value: `**Team:** Data platform` is no note)
      if (!part && words > 8 && m[1]!.split(' ').length <= 3) notes.push({ start: ls });
    }
  });
  flush();
  return { metadata: out, notes };
}

interface Section {
  head: Head;
  /** Where the section ends: the next head that closes it. */
  end: number;
}

/** Words of advice about an answer, not of a story: the answer, its sentences, the scene, the listener. */
const ABOUT_THE_ANSWER = /\b(?:answers?|sentences?|scene|the story|your story|interviewers?|listeners?|yours|the bulk|backstory|follow-ups?)\b/i;

/** Somebody telling what they did: "I traced", "we shipped". */
const NARRATED = new RegExp(String.raw`(?:^|[,;:\-–—]\s*|\b(?:and|then|so|but|first|later)\s+)(?:i|we)\s+(?:\w+ly\s+)?(?:had\s+)?${PAST_VERB}\b`, 'i');

/** A figure, in digits or words. */
const FIGURE =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|double|twice|zero)\b/i;

const PERSON = /\b(?:i|my|me|we|our|us|he|she|his|her|him)\b|\bi['’](?:m|ve|d)\b/i;

/** A letter's greeting or sign-off on a line of its own: a cover letter tells achievements, not a story. */
const LETTER =
  /^[ \t]*(?:dear [^\n]{1,60}|to whom it may concern)[,:]?[ \t]*$|^[ \t]*(?:(?:kind|best|warm|warmest)? ?regards|sincerely(?: yours)?|yours (?:sincerely|faithfully|truly)|respectfully)[,.]?[ \t]*$/im;

/** Lines between two offsets that open with a `Key:` label naming no part and run on (keyed notes). */
function keyedLines(doc: StoryDoc, start: number, end: number): number {
  const notes = keyedLinesOf(doc).notes;
  return firstAfter(notes, end - 1) - firstAfter(notes, start - 1);
}

/** A story told in prose under a head: enough sentences, narrative, not advice, with an action. */
function proseStory(doc: StoryDoc, start: number, end: number, strict: boolean, question = false): boolean {
  const units = doc.units(start, end);
  if (units.length < 2) return false;
  // somebody tells what they (or a colleague) did: a page about how a thing was made, told of "it", is
  // not a story
  if (!units.some((u) => PERSON.test(u.text) || deedWithoutSubject(u.text))) return false;
  if (LETTER.test(doc.text.slice(start, end))) return false;
  // notes under topics (`- Coding: merge the windows. Fine.`, `- LP 1: used the refund story.`), each line a
  // key of its own that names no part
  if (keyedLines(doc, start, end) >= Math.max(2, units.length / 2)) return false;
  const words = units.reduce((n, u) => n + (u.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
  if (words < (strict ? 45 : 25)) return false;
  if (narrative(units) < (strict ? 0.7 : 0.6) || advice(units) > (strict ? 0.2 : 0.34)) return false;
  const parts = new Set(decode(units.flatMap(clauses), ['situation', 'task', 'action', 'result', 'learning']).map((u) => u.part));
  // under a behavioural question, an answer begun in the past tense (what was going on, what fell to me) is a
  // story not finished yet
  if (!parts.has('action')) return question && parts.size >= 2 && pastTense(units) >= 0.75;
  return strict ? parts.has('result') && (parts.size >= 3 || narrative(units) >= 0.9) : parts.size >= 2;
}

/** Headings of a report's sections: what a postmortem, a retro, a bug report or a requirements doc is made of. */
const REPORT =
  /^(?:\d+[.)]\s*)?(?:root causes?|root[- ]cause analysis|timeline|action items?|next steps|steps to reproduce|reproduction steps|expected (?:result|behaviou?r|outcome)|actual (?:result|behaviou?r|outcome)|methods?|methodology|requirements|non[- ]goals|success (?:metrics|criteria)|open questions|what went well|what (?:didn['’]t|did not|could have) go(?:ne)? (?:well|better)|what (?:could|to) improve|abstract|conclusions?|references|detection|mitigation|resolution|attendees|agenda|decisions(?: made)?|out of scope|risks|milestones|dependencies|alternatives considered|contributing factors|key findings|limitations|future work|related work|discussion|introduction|user stories|acceptance criteria|proposed solution|problem statement|installation|install|usage|getting started|quick ?start|licen[cs]e|contributing|features|api|configuration|faq|changelog|roadmap|prerequisites|tech stack|built with|acknowledge?ments|citation|authors|contributions|dataset|experiments|evaluation)\s*$/i;

/** Where the report-section headings of a file start, in order. */
function reportStarts(headings: readonly Extract<Block, { kind: 'heading' }>[]): { start: number }[] {
  return headings.filter((h) => REPORT.test(h.text.replace(/[*_`:]/g, '').trim()));
}

/** How many report-section headings lie between two offsets. */
function reportSections(starts: readonly { start: number }[], start: number, end: number): number {
  if (!starts.length) return 0;
  return firstAfter(starts, end - 1) - firstAfter(starts, start - 1);
}

/** Split the file into stories. */
export function findStories(doc: StoryDoc): StorySpan[] {
  const heads = doc.heads;
  const headings = doc.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading');
  const end = doc.text.length;
  // the section of each head: a heading's runs to the next heading of its level or higher;
  // a pseudo-heading's to the next head of any kind
  const sections: Section[] = heads.map((h, i) => {
    if (h.itemEnd !== undefined) return { head: h, end: h.itemEnd };
    let e = end;
    for (let k = i + 1; k < heads.length; k++) {
      const n = heads[k]!;
      if (h.type === 'pseudo' || (n.type === 'heading' && n.level <= h.level)) {
        e = n.start;
        break;
      }
    }
    // a marker heading of the same or higher level also closes a heading's section
    if (h.type === 'heading')
      for (let k = firstAfter(headings, h.start); k < headings.length && headings[k]!.start < e; k++)
        if (headings[k]!.level <= h.level) {
          e = headings[k]!.start;
          break;
        }
    return { head: h, end: e };
  });

  // which head owns each marker: the nearest head above it whose section it is in
  // (for a heading marker, a head of a lower level; a pseudo-heading owns labels and deeper headings)
  const owned = new Map<Head, Marker[]>();
  const orphans: Marker[] = [];
  for (const m of doc.markers) {
    let owner: Head | undefined;
    for (let k = firstAfter(heads, m.start - 1) - 1; k >= 0; k--) {
      const h = heads[k]!;
      if (h.start >= m.start) continue;
      if (sections[k]!.end <= m.start) continue;
      if (h.prep) break;
      if (m.form === 'heading' && h.type === 'heading' && h.level >= m.level) continue;
      owner = h;
      break;
    }
    if (owner) {
      const list = owned.get(owner) ?? [];
      list.push(m);
      owned.set(owner, list);
    } else orphans.push(m);
  }

  const accepted = (ms: readonly Marker[], start: number, stop: number) => acceptMarkers(doc, ms, start, stop);
  const reports = reportStarts(headings);
  // a head inside a report: the nearest heading above it of a lower level holds two report sections
  const inReport = (i: number) => {
    const h = heads[i]!;
    // (a bounded look back: a file of thousands of sibling headings stays linear)
    for (let k = i - 1; k >= 0 && k >= i - 400; k--) {
      const p = heads[k]!;
      if (p.type !== 'heading' || (h.type === 'heading' && p.level >= h.level)) continue;
      return sections[k]!.end > h.start && reportSections(reports, p.start, sections[k]!.end) >= 2;
    }
    return false;
  };

  // story heads: owning markers that count, or a principle/question head over a prose story, or any head over a clear prose story
  const isStory = new Map<Head, { markers: Marker[]; metadata: [number, number][] }>();
  heads.forEach((h, i) => {
    if (h.prep) return;
    const s = sections[i]!;
    const own = accepted(owned.get(h) ?? [], h.end, s.end);
    // prose up to the next head of any kind
    const next = heads[i + 1]?.start ?? end;
    const stop = Math.min(next, s.end);
    const principled = doc.matcher.scan(h.text).matches.length > 0;
    const named = principled || asksQuestion(h.text) || doc.tagged(h.end, stop);
    // advice on answering (STAR tips, a checklist for the parts) and questions that no story answers
    // ("Tell me about yourself", "Why Amazon?") head no story, even with the parts' names under them
    if (!principled && notAStoryTitle(h.text)) return;
    // a report (a postmortem, a retro, a requirements doc, notes on a paper) has an Impact or a Background
    // among its Timeline, Root cause and Action items: neither it nor a section of it is a story, unless it
    // says it is one
    if (!named && reports.length && (reportSections(reports, h.start, s.end) >= 2 || inReport(i))) return;
    const marked = new Set(own.markers.flatMap((m) => m.names));
    // two parts marked make a story; one marked part needs a named head or a story told around it
    // the story told around a single marked part: the prose before it (else all of it)
    const around = () => {
      const before = own.markers.length ? doc.units(h.end, own.markers[0]!.start) : [];
      return before.length ? before : doc.units(h.end, stop);
    };
    // (and, under a head that names nothing, the marked part told as a story too: a job posting's
    // Responsibilities list is no Task)
    const toldPart = () => narrative(doc.units(own.markers[0]!.contentStart, stop)) >= 0.5;
    if (marked.size >= 2 || (marked.size === 1 && (named || (pastTense(around()) >= 0.5 && toldPart())))) {
      // parts that tell the reader what to do (a guide to the STAR method) are not a story,
      // nor are notes about the parts in which nobody does anything ("Situation: too long.")
      // (a look at the raw text first: sentences are only split where it could be either)
      const raw = doc.text.slice(h.end, s.end);
      const mayAdvise = /\byou(?:r)?\b/i.test(raw);
      const mayBeNotes = raw.length < 1200 && !/\b(?:i|we|my|our|me|us|he|she|they|his|her|their)\b/i.test(raw.replace(/["“][^"”]*["”]/g, ''));
      const aboutAnswer = raw.length < 1500 && ABOUT_THE_ANSWER.test(raw);
      const told = mayAdvise || mayBeNotes || aboutAnswer ? doc.units(h.end, s.end) : [];
      if (mayAdvise && told.length >= 2 && advice(told) >= 0.34 && pastTense(told) < 0.34) return;
      // a checklist for the parts (`**Action** - most of the time goes here`): nothing told in the past,
      // and nobody (I or we) doing anything
      if (mayAdvise && raw.length < 1500 && told.length >= 2 && pastTense(told) === 0 && !told.some((u) => /\b(?:i|we)\s+[a-z]/i.test(u.text))) return;
      // advice on the parts with nobody in it talks about the answer itself ("set the scene in a sentence",
      // "the bulk of the answer")
      // (or with the teller in it, when nobody does anything: "what *I* owned, said out loud")
      if (
        aboutAnswer &&
        told.length >= 3 &&
        told.filter((u) => ABOUT_THE_ANSWER.test(u.text)).length >= 2 &&
        (mayBeNotes || !told.some((u) => NARRATED.test(u.text)))
      )
        return;
      if (
        mayBeNotes &&
        told.length >= 3 &&
        told.reduce((n, u) => n + u.text.split(/\s+/).length, 0) <= 60 &&
        !told.some((u) => /\b(?:i|we|my|our|me|us|he|she|they|his|her|their|i'm|i've|i'd)\b/i.test(u.text.replace(/["“][^"”]*["”]/g, ''))) &&
        // (terse notes of what was done, "took the pager, wrote alerts", tell a story, as do terse notes of
        // three parts or more, an Action among them, with figures in them; notes to "you" do not)
        (mayAdvise || (pastTense(told) < 0.34 && !(marked.size >= 3 && marked.has('action') && told.filter((u) => FIGURE.test(u.text)).length >= 2)))
      )
        return;
      isStory.set(h, own);
      return;
    }
    // a single marked part with no story told around it is not a story; with none, the prose may be one
    if (marked.size) return;
    if (proseStory(doc, h.end, stop, !named, asksQuestion(h.text))) isStory.set(h, { markers: [], metadata: own.metadata });
  });

  // categories: heads whose sections hold story heads
  const category = new Set<Head>();
  heads.forEach((h, i) => {
    if (h.type !== 'heading') return;
    const s = sections[i]!;
    for (let k = i + 1; k < heads.length && heads[k]!.start < s.end; k++)
      if (isStory.has(heads[k]!)) {
        category.add(h);
        break;
      }
  });
  for (const c of category) {
    // a category's own markers before its first story are not a story of their own
    isStory.delete(c);
  }

  const storyHeads = heads.filter((h) => isStory.has(h));
  // (markers that count: acceptMarkers has already left out letters where a story has only one)
  const hasOrphans = accepted(orphans, doc.frontmatterEnd, end).markers.length > 0 && (doc.frontmatterStory || reportSections(reports, 0, end) < 2);

  // one story in the file: frontmatter that names it (and no bank under it), or parts before any heading
  if ((doc.frontmatterStory && storyHeads.length <= 1) || (hasOrphans && storyHeads.length <= 1)) {
    const prepSections = sections.filter((sec) => sec.head.prep);
    const all = accepted(
      doc.markers.filter((m) => !prepSections.some((sec) => m.start > sec.head.start && m.start < sec.end)),
      doc.frontmatterEnd,
      end,
    );
    const prep = heads.find((h) => h.prep && all.markers.length && h.start > all.markers[0]!.start);
    const span: StorySpan = {
      kind: 'file',
      level: 0,
      start: 0,
      bodyStart: doc.frontmatterEnd,
      end,
      markers: all.markers,
      categories: [],
      metadata: all.metadata,
    };
    if (prep) span.prepStart = prep.start;
    if (span.markers.length || doc.frontmatterStory || proseStory(doc, doc.frontmatterEnd, end, true)) return [span];
  }
  // no heads at all: one prose story in the file
  if (!heads.length && !storyHeads.length) {
    if (proseStory(doc, doc.frontmatterEnd, end, true))
      return [{ kind: 'file', level: 0, start: 0, bodyStart: doc.frontmatterEnd, end, markers: [], categories: [], metadata: [] }];
    return [];
  }

  const out: StorySpan[] = [];
  const indexOf = new Map(heads.map((h, i) => [h, i]));
  const categoryHeads = heads.filter((c) => category.has(c));
  const preps = heads.filter((p) => p.prep);
  storyHeads.forEach((h, idx) => {
    const i = indexOf.get(h)!;
    let e = sections[i]!.end;
    const nextStory = storyHeads[idx + 1];
    if (nextStory && nextStory.start < e) e = nextStory.start;
    // a peer or higher heading that is not a story (another section) also ends it; pseudo-headings end pseudo stories
    for (let k = i + 1; k < heads.length && heads[k]!.start < e; k++) {
      const n = heads[k]!;
      if (h.type === 'pseudo' || (n.type === 'heading' && n.level <= h.level)) {
        e = n.start;
        break;
      }
    }
    const own = isStory.get(h)!;
    const markers = own.markers.filter((m) => m.start < e);
    const categories = categoryHeads.filter((c) => c.start < h.start && sections[indexOf.get(c)!]!.end > h.start);
    // prep sections inside the story: from the first prep head on
    const next = preps[firstAfter(preps, h.start)];
    const prep = next && next.start < e ? next : undefined;
    const span: StorySpan = {
      kind: h.type,
      head: h,
      level: h.level,
      start: h.start,
      bodyStart: h.end,
      end: e,
      markers,
      categories,
      metadata: own.metadata,
    };
    if (prep) span.prepStart = prep.start;
    out.push(span);
  });
  return out;
}

function lettersIn(ms: readonly Marker[]): boolean {
  return new Set(ms.filter((m) => m.letter && m.form !== 'inline').flatMap((m) => m.names)).size >= 2;
}

/**
 * The markers of one story that count: not in a metadata block; letters
 * only where the story uses two different part letters; a Problem with no
 * Situation before it marks both (PAR).
 */
function acceptMarkers(doc: StoryDoc, ms: readonly Marker[], start: number, stop: number): { markers: Marker[]; metadata: [number, number][] } {
  const metadata = metadataLines(doc, start, stop);
  const inMeta = (m: Marker) => (m.form === 'bold' || m.form === 'plain') && metadata.some(([a, b]) => m.start >= a && m.start < b) && m.valueWords <= 8;
  const kept = ms.filter((m) => !inMeta(m));
  const letters = lettersIn(kept);
  const markers = kept.filter((m) => !m.letter || letters);
  let situation = false;
  const out = markers.map((m) => {
    if (m.names.includes('situation')) situation = true;
    if (m.problem && !situation) {
      situation = true;
      return { ...m, names: ['situation', 'task'] as AnyPart[] };
    }
    return m;
  });
  out.sort((a, b) => a.start - b.start || rankOf(a.names[0]!) - rankOf(b.names[0]!));
  return { markers: out, metadata };
}

/** Index of the first block that starts after `offset`. */
function firstAfter(blocks: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
