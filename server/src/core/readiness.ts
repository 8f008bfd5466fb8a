// Whether a story is ready to tell: all four parts told (marked or read from
// the prose), a Result with a number in it, and a spoken length in range.
// What the story tells comes from its facts (`storyShape`); the length range
// from `story-length`'s options as configured (the RuleSet), so the facts
// never depend on a rule option and readiness follows the user's settings
// (a check the user turned off is no condition of readiness).

import type { RuleSet } from './lint';
import { unquantifiedResults } from './rules/unquantified-result';
import { PART_NAMES, PART_TITLES, type PartName, type Story, type StoryShape } from './types';

/** What a story tells, for readiness: the parts that say something, and whether its Result is quantified. */
export function storyShape(story: Story): StoryShape {
  if (story.shape) return story.shape;
  const told = new Set<PartName>();
  for (const p of story.parts) if (p.words > 0 && !p.placeholderOnly) for (const n of p.names) told.add(n);
  return {
    told: PART_NAMES.filter((n) => told.has(n)),
    quantified: told.has('result') && unquantifiedResults(story).length === 0,
  };
}

export interface Readiness {
  /** All four parts told, a quantified Result and a spoken length in range. */
  ready: boolean;
  /** S, T, A, R parts the story does not tell, in order. */
  missing: PartName[];
  /** A Result is told but has no number in it. */
  unquantified: boolean;
  /** The spoken length against `story-length`'s range. */
  length: 'short' | 'long' | 'ok';
  /** Why the story is not ready, in words a candidate reads (empty when it is). */
  why: string[];
}

/** The spoken range in words: `story-length`'s options as configured (its defaults: 1 to 3 minutes at 150 words a minute). */
export function spokenRange(rules: RuleSet): { wordsPerMinute: number; minWords: number; maxWords: number } {
  const o = rules.byId.get('story-length')?.options ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  const wpm = num(o.wordsPerMinute, 150) || 150;
  return { wordsPerMinute: wpm, minWords: num(o.minMinutes, 1) * wpm, maxWords: num(o.maxMinutes, 3) * wpm };
}

/** A list read as a person says it: "Task", "Task or Action", "Situation, Task or Action". */
function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Whether a story is ready to tell, and why not. The four parts are always
 * needed; the number in the Result and the spoken length are needed unless the
 * user turned `unquantified-result` or `story-length` off (then no finding
 * would say why the story is not ready).
 */
export function readiness(story: Story, rules: RuleSet): Readiness {
  const shape = storyShape(story);
  const missing = PART_NAMES.filter((n) => !shape.told.includes(n));
  const on = (id: string) => (rules.byId.get(id)?.level ?? 'off') !== 'off';
  const unquantified = on('unquantified-result') && shape.told.includes('result') && !shape.quantified;
  const { minWords, maxWords } = spokenRange(rules);
  const length = !on('story-length') ? 'ok' : story.words < minWords ? 'short' : story.words > maxWords ? 'long' : 'ok';
  const why: string[] = [];
  if (missing.length) why.push(`no ${orList(missing.map((n) => PART_TITLES[n]))}`);
  if (unquantified) why.push('no number in the Result');
  if (length === 'short') why.push(`too short (${story.words} of at least ${Math.round(minWords)} words)`);
  if (length === 'long') why.push(`too long (${story.words} of at most ${Math.round(maxWords)} words)`);
  return { ready: why.length === 0, missing, unquantified, length, why };
}
