// Part names (contract section 2): the words and letters that name a part,
// with the decorations people put around them ("S - Situation", "(S)
// Situation", "1. Situation", emoji, emphasis, a trailing colon).

import type { PartName } from '../types';

/** Every part, Learning included (STAR-L). */
export type AnyPart = PartName;

export const PART_ORDER: readonly AnyPart[] = ['situation', 'task', 'action', 'result', 'learning'];

export function rankOf(p: AnyPart): number {
  return PART_ORDER.indexOf(p);
}

const WORDS: Record<string, AnyPart[]> = {
  situation: ['situation'],
  context: ['situation'],
  background: ['situation'],
  setting: ['situation'],
  scenario: ['situation'],
  task: ['task'],
  tasks: ['task'],
  goal: ['task'],
  goals: ['task'],
  objective: ['task'],
  objectives: ['task'],
  challenge: ['task'],
  responsibility: ['task'],
  responsibilities: ['task'],
  obstacle: ['task'],
  obstacles: ['task'],
  // PAR: a Problem with no Situation before it marks both (see `problemMarks`)
  problem: ['task'],
  issue: ['task'],
  action: ['action'],
  actions: ['action'],
  approach: ['action'],
  'what i did': ['action'],
  steps: ['action'],
  solution: ['action'],
  'actions taken': ['action'],
  result: ['result'],
  results: ['result'],
  outcome: ['result'],
  resolution: ['result'],
  outcomes: ['result'],
  impact: ['result'],
  learning: ['learning'],
  learnings: ['learning'],
  lesson: ['learning'],
  lessons: ['learning'],
  'lesson learned': ['learning'],
  'lessons learned': ['learning'],
  'lesson learnt': ['learning'],
  'lessons learnt': ['learning'],
  'what i learned': ['learning'],
  'what i learnt': ['learning'],
  reflection: ['learning'],
  takeaway: ['learning'],
  takeaways: ['learning'],
  'key takeaway': ['learning'],
  'key takeaways': ['learning'],
  "what i'd do differently": ['learning'],
  'what i would do differently': ['learning'],
};

const LETTERS: Record<string, AnyPart> = { s: 'situation', t: 'task', a: 'action', r: 'result', l: 'learning' };

export interface PartNameMatch {
  names: AnyPart[];
  /** Named by a lone letter (`S`), which counts only where a story uses two different letters. */
  letter: boolean;
  /** The word `Problem` (PAR), which also marks the Situation when none is marked before it. */
  problem?: boolean;
}

const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

function clean(text: string): string {
  return text
    .replace(EMOJI, ' ')
    .replace(/[*_`~]/g, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:：\-–—]+\s*$/, '')
    .replace(/^([^(]*)\)\s*$/, '$1')
    .replace(/^(?:\d{1,2}|[ivx]{1,4})[.)]\s*/i, '')
    .replace(/^#\s*/, '')
    .trim()
    .toLowerCase();
}

function one(t: string): PartNameMatch | undefined {
  if (t.length === 1) {
    const p = LETTERS[t];
    return p ? { names: [p], letter: true } : undefined;
  }
  // "The Situation", "My Task", "Our Approach"
  const names = WORDS[t] ?? WORDS[t.replace(/^(?:the|my|our) /, '')];
  if (!names) return undefined;
  return /(?:^| )(?:problem|issue)$/.test(t) ? { names, letter: false, problem: true } : { names, letter: false };
}

/**
 * The parts a marker's text names, or undefined when it names none:
 * `Situation`, `S`, `Situation and Task`, `S/T`, `S - Situation`,
 * `(S) Situation`, `Situation (S)`, `1. Situation`, `📌 Situation:`.
 */
/** The first letters of every name and letter above: a cheap test before cleaning the text. */
const FIRST = /^[^\p{L}]*[scbtgorpawilkmSCBTGORPAWILKM]/u;

const seen = new Map<string, PartNameMatch | undefined>();

export function partNamesOf(text: string): PartNameMatch | undefined {
  if (text.length > 60 || !FIRST.test(text)) return undefined;
  if (seen.has(text)) return seen.get(text);
  const m = readName(text);
  // the same headings and labels come back in every file and on every keystroke
  if (seen.size > 4000) seen.clear();
  seen.set(text, m);
  return m;
}

function readName(text: string): PartNameMatch | undefined {
  let t = clean(text);
  if (!t || t.length > 40) return undefined;
  // a letter and its word together: "s - situation", "s: situation", "(s) situation", "situation (s)"
  const pair = /^\(?([stARL])\)?\s*(?:[-–—:.]\s*)?([a-z' ]{4,})$/i.exec(t) ?? /^([a-z' ]{4,}?)\s*\(([starl])\)$/i.exec(t);
  if (pair) {
    const [a, b] = /^[a-z]$/i.test(pair[1]!) ? [pair[1]!, pair[2]!] : [pair[2]!, pair[1]!];
    const word = one(b.trim());
    const letter = LETTERS[a.toLowerCase()];
    if (word && letter && word.names.includes(letter)) return { ...word, letter: false };
  }
  t = t.replace(/\s*(?:&|\/|\+|,)\s*/g, ' and ').replace(/\s+/g, ' ');
  const whole = one(t);
  if (whole) return whole;
  // combined: "situation and task", "s and t"
  const pieces = t.split(' and ');
  if (pieces.length === 2) {
    const a = one(pieces[0]!.trim());
    const b = one(pieces[1]!.trim());
    if (a && b && a.letter === b.letter) {
      const names = [...a.names, ...b.names].filter((n, i, all) => all.indexOf(n) === i);
      names.sort((x, y) => rankOf(x) - rankOf(y));
      return { names, letter: a.letter };
    }
  }
  return undefined;
}
