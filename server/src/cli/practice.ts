// `star-stories practice`: a story's follow-up questions (core/practice.ts),
// or one question of the bank picked by a seed with the story to tell and the
// time to aim for. Text and JSON.

import { PART_TITLES, type PracticePrompt, type Question, type Story } from '../core';
import { inert, type Paint } from './report';

/** The time to aim for: story-length's range at the configured words a minute. */
export interface Aim {
  wordsPerMinute: number;
  minWords: number;
  maxWords: number;
}

/** A story as the practice report names it: where it is, its spoken words. */
export interface PracticeStory {
  file: string;
  story: Story;
}

/** Seconds as m:ss (0:30, 2:05). */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const seconds = (words: number, wpm: number) => Math.round((words / wpm) * 60);

function aimJson(aim: Aim) {
  return { wordsPerMinute: aim.wordsPerMinute, minSeconds: seconds(aim.minWords, aim.wordsPerMinute), maxSeconds: seconds(aim.maxWords, aim.wordsPerMinute) };
}

function storyJson(s: PracticeStory, aim: Aim) {
  return { file: s.file, line: s.story.range.start.line + 1, title: s.story.title, words: s.story.words, seconds: seconds(s.story.words, aim.wordsPerMinute) };
}

/** Where a prompt cites, as a reader names it: "Result", "the title", "the principle". */
function partName(p: PracticePrompt): string {
  return p.source.part === 'title' ? 'the title' : p.source.part === 'principle' ? 'the principle' : PART_TITLES[p.source.part];
}

/** `{ story, aim, prompts: [{ question, kind, about?, part, line, column, quote }] }`, lines and columns 1-based. */
export function promptsJson(s: PracticeStory, prompts: PracticePrompt[], aim: Aim) {
  return {
    story: storyJson(s, aim),
    aim: aimJson(aim),
    prompts: prompts.map((p) => ({
      question: p.question,
      kind: p.kind,
      ...(p.about ? { about: p.about } : {}),
      part: p.source.part,
      line: p.source.range.start.line + 1,
      column: p.source.range.start.character + 1,
      quote: p.source.quote,
    })),
  };
}

/** What to aim for, in words a candidate reads: "aim for 1:00 to 3:00". */
function aimText(aim: Aim): string {
  return `aim for ${clock(seconds(aim.minWords, aim.wordsPerMinute))} to ${clock(seconds(aim.maxWords, aim.wordsPerMinute))} at ${aim.wordsPerMinute} words a minute`;
}

/** How long the story takes against the aim: "about 0:42 spoken (short: aim for 1:00 to 3:00 …)". */
function lengthText(story: Story, aim: Aim, paint: Paint): string {
  const t = `about ${clock(seconds(story.words, aim.wordsPerMinute))} spoken`;
  const judged = story.words < aim.minWords ? paint.yellow(' (short)') : story.words > aim.maxWords ? paint.yellow(' (long)') : '';
  return `${t}${judged}; ${aimText(aim)}`;
}

export function promptsText(s: PracticeStory, prompts: PracticePrompt[], aim: Aim, paint: Paint): string {
  const lines = [
    paint.bold(`Follow-ups for "${inert(s.story.title)}" (${inert(s.file)}:${s.story.range.start.line + 1})`),
    `${s.story.words} ${s.story.words === 1 ? 'word' : 'words'}, ${lengthText(s.story, aim, paint)}.`,
    '',
  ];
  prompts.forEach((p, i) => {
    lines.push(`  ${i + 1}. ${inert(p.question)}`);
    lines.push(`     ${paint.gray(`${partName(p)}, line ${p.source.range.start.line + 1}: "${inert(p.source.quote.replace(/\s+/g, ' '))}"`)}`);
  });
  if (!prompts.length) lines.push('  No follow-ups: the story leaves nothing obvious to probe.');
  return `${lines.join('\n')}\n`;
}

/** The question drawn, the story to tell and where it came from. */
export interface Drawn {
  seed: number;
  question: Question;
  /** The questions drawn from. */
  of: number;
  story: PracticeStory | undefined;
  /** `plan`: the loop plan's story for the question's principle; `best-match`: questions.ts's best answer. */
  from: 'plan' | 'best-match' | undefined;
}

export function drawnJson(d: Drawn, aim: Aim, rel: (abs: string) => string) {
  return {
    seed: d.seed,
    questions: d.of,
    question: {
      principle: d.question.principle,
      question: d.question.question,
      ...(d.question.source.kind === 'file' ? { file: rel(d.question.source.uri), line: d.question.source.line + 1 } : {}),
    },
    story: d.story ? { ...storyJson(d.story, aim), from: d.from } : null,
    aim: aimJson(aim),
  };
}

export function drawnText(d: Drawn, aim: Aim, rel: (abs: string) => string, paint: Paint): string {
  const q = d.question;
  const from = q.source.kind === 'file' ? paint.gray(` (${inert(rel(q.source.uri))}:${q.source.line + 1})`) : '';
  const lines = [`${paint.bold(inert(q.question))}${from}`];
  if (q.principle) lines.push(paint.gray(inert(q.principle)));
  lines.push('');
  if (d.story) {
    const s = d.story;
    lines.push(
      `Tell: "${inert(s.story.title)}" (${inert(s.file)}:${s.story.range.start.line + 1})${paint.gray(d.from === 'plan' ? ' — the loop plan’s story for this principle' : ' — the story that answers it best')}`,
    );
    lines.push(`${s.story.words} ${s.story.words === 1 ? 'word' : 'words'}, ${lengthText(s.story, aim, paint)}.`);
  } else {
    lines.push(paint.red('No story answers it yet.'), `When you write one, ${aimText(aim)}.`);
  }
  lines.push('', paint.gray(`Question drawn from ${d.of} with --seed ${d.seed}; run again with it to draw the same one.`));
  return `${lines.join('\n')}\n`;
}
