// Interview questions and the stories that answer them best. Questions come
// from the framework (each principle's own) and from question lists a
// workspace keeps in markdown: one question per list item, heading or quoted
// line, the principle taken from the line or the nearest heading or
// `Label:` line above that names one. Stories are ranked by principle (tagged
// with the question's principle, named first) plus text similarity
// (content words shared with the question, weighted by rarity among the
// stories). Pure: text and facts in, lists out.

import { contentTerms, storyTerms, termKey } from './events';
import type { Framework } from './framework';
import type { PrincipleMatcher } from './principles';
import type { FileFacts, Range, Story } from './types';

export interface Question {
  principle: string | null;
  question: string;
  /** Where the question comes from: the framework, or a workspace file (uri and 0-based line). */
  source: { kind: 'framework' } | { kind: 'file'; uri: string; line: number };
}

const LEAD =
  /^(?:tell (?:me|us) about|describe|give (?:me |us )?(?:an |one )?example|walk (?:me|us) through|share a (?:time|situation)|talk about|how (?:do|did|would) you|what (?:is|was|would)|why (?:do|did)|when (?:have|did) you)\b/i;
const LIST = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(.*)$/;
const HEADING = /^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/;
const LABEL = /^[ \t]*(?:\*\*|__)?([^:*_"“]{2,60}?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*$/;

/** The text of a line without emphasis, quotes, a trailing label or link syntax. */
function plain(s: string): string {
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^[\s"“”'‘’]+|[\s"“”'‘’]+$/g, '')
    .trim();
}

function isQuestion(s: string): boolean {
  return s.length >= 12 && s.length <= 300 && (s.endsWith('?') || LEAD.test(s));
}

/**
 * The questions of a markdown question list: each list item, heading or
 * quoted line that asks one ("…?", or "Tell me about…", "Describe…",
 * "Give me an example…"). Lines in code blocks count (notes often keep
 * quoted questions there). Never throws.
 */
export function readQuestionList(uri: string, text: string, matcher: PrincipleMatcher): Question[] {
  const out: Question[] = [];
  let principle: string | null = null;
  const lines = text.split(/\r\n|\r|\n/);
  let inFrontmatter = lines[0] === '---';
  lines.forEach((raw, line) => {
    if (inFrontmatter) {
      if (line > 0 && /^(?:---|\.\.\.)\s*$/.test(raw)) inFrontmatter = false;
      return;
    }
    const heading = HEADING.exec(raw);
    const item = LIST.exec(raw);
    const quoted = /^[ \t>]*["“].*["”][ \t]*$/.test(raw);
    const body = plain(heading?.[1] ?? item?.[1] ?? (quoted ? raw.replace(/^[ \t>]*/, '') : ''));
    const named = (s: string) => matcher.scan(s).matches[0]?.name;
    if (body && isQuestion(body)) {
      out.push({ principle: named(body) ?? principle, question: body, source: { kind: 'file', uri, line } });
      return;
    }
    // a heading or a `Label:` line sets the principle of the questions under it
    const label = heading?.[1] ?? LABEL.exec(raw)?.[1];
    if (label !== undefined) principle = named(plain(label)) ?? null;
  });
  return out;
}

/** Whether a file is a question list rather than stories: it says so (`star: questions`), or it holds no story and asks at least two questions. */
export function isQuestionList(facts: FileFacts, questions: readonly Question[]): boolean {
  return facts.frontmatter?.data?.star === 'questions' || (facts.stories.length === 0 && questions.length >= 2);
}

/** The framework's own questions, principle by principle. */
export function frameworkQuestions(framework: Framework): Question[] {
  return framework.principles.flatMap((p) => p.questions.map((question) => ({ principle: p.name, question, source: { kind: 'framework' as const } })));
}

export interface AnswerStory {
  uri: string;
  title: string;
  range: Range;
  /** How well it answers: 0 to 1 from text similarity, plus 1 when tagged with the principle (more when named first). */
  score: number;
}

export interface AnsweredQuestion extends Question {
  stories: AnswerStory[];
}

/** Words every question asks with: they say nothing of what it is about. */
const ASKING = new Set(['tell', 'time', 'describe', 'give', 'example', 'walk', 'share', 'situation', 'talk', 'how', 'what', 'why', 'when', 'you', 'your']);

/**
 * Each question with the stories that answer it best (at most `max`):
 * stories tagged with its principle first, the principle named earlier
 * first, then by how many of the question's telling words the story says;
 * untagged stories only when they say some. A question without a principle
 * is answered by similarity alone.
 */
export function answerQuestions(questions: readonly Question[], files: Iterable<FileFacts>, max = 3): AnsweredQuestion[] {
  const stories: { uri: string; story: Story; keys: Set<string> }[] = [];
  const sorted = [...files].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const f of sorted)
    for (const story of f.stories) {
      const keys = new Set<string>();
      for (const t of storyTerms(story)) if (!t.includes(' ')) keys.add(termKey(t));
      stories.push({ uri: f.uri, story, keys });
    }
  const df = new Map<string, number>();
  for (const s of stories) for (const k of s.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const n = Math.max(1, stories.length);
  const idf = (k: string) => Math.log(1 + n / (df.get(k) ?? 0.5));
  return questions.map((q) => {
    const keys = [
      ...new Set(
        contentTerms(q.question)
          .filter((t) => !t.includes(' '))
          .map(termKey),
      ),
    ].filter((k) => !ASKING.has(k));
    const total = keys.reduce((sum, k) => sum + idf(k), 0) || 1;
    const scored: AnswerStory[] = [];
    for (const s of stories) {
      const rank = q.principle ? s.story.principles.findIndex((p) => p.name === q.principle) : -1;
      const text = keys.reduce((sum, k) => sum + (s.keys.has(k) ? idf(k) : 0), 0) / total;
      if (rank < 0 && text < 0.2) continue;
      const score = (rank >= 0 ? 1 + 0.5 / (rank + 1) : 0) + text;
      scored.push({ uri: s.uri, title: s.story.title, range: s.story.range, score: Math.round(score * 1000) / 1000 });
    }
    scored.sort((a, b) => b.score - a.score || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line);
    return { ...q, stories: scored.slice(0, max) };
  });
}
