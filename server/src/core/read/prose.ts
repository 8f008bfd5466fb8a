// Parts in prose (contract section 3): a story's unmarked text split into
// sentences (Intl.Segmenter) and, where an action and its result share a
// sentence, into clauses; each unit scored for Situation, Task, Action,
// Result and Learning by its cues; then the best labelling that keeps the
// order S ≤ T ≤ A ≤ R ≤ L (a small dynamic programme).

import { isSpaceCode } from '../text';
import { type AnyPart, PART_ORDER } from './names';

export interface Unit {
  /** Offsets in the text the units were cut from. */
  start: number;
  end: number;
  text: string;
}

export interface LabelledUnit extends Unit {
  part: AnyPart;
  /** The cue that decided it, for the editor's inlay hint tooltip. */
  cue: string;
}

/** The sentence segmenter, made when first needed (making one costs milliseconds, and most files never ask). */
let segmenter: Intl.Segmenter | null | undefined;
const sentenceSegmenter = () =>
  segmenter === undefined
    ? (segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'sentence' }) : null)
    : segmenter;

/**
 * The longest text given to the segmenter at once. V8's sentence segmenter
 * slows down by two orders of magnitude somewhere past 64 KB (a 128 KB
 * paragraph took over 3 s, 64 KB 50 ms), so longer text is cut at a line
 * break or a sentence end and segmented piece by piece.
 */
const SEGMENT_WINDOW = 16 * 1024;

/** Where to cut `text` at or before `limit`: after a line break, else after a sentence end, else at `limit`. */
function windowEnd(text: string, start: number, limit: number): number {
  if (limit >= text.length) return text.length;
  const floor = start + (limit - start) / 2;
  const nl = text.lastIndexOf('\n', limit - 1);
  if (nl >= floor) return nl + 1;
  for (let i = limit - 1; i > floor; i--) {
    const c = text.charCodeAt(i);
    if ((c === 32 || c === 9) && /[.!?]/.test(text[i - 1]!)) return i + 1;
  }
  return limit;
}

/** Sentences of a text, with offsets; abbreviations such as `e.g.` and `~15%` stay inside one. */
export function sentences(text: string): Unit[] {
  const out: Unit[] = [];
  const seg = sentenceSegmenter();
  if (seg) {
    for (let start = 0; start < text.length; ) {
      const end = windowEnd(text, start, start + SEGMENT_WINDOW);
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      for (const s of seg.segment(piece)) push(out, text, start + s.index, start + s.index + s.segment.length);
      start = end;
    }
  } else {
    const re = /[^.!?]+(?:[.!?]+["”’)]*|$)\s*/g;
    for (let m = re.exec(text); m?.[0]; m = re.exec(text)) push(out, text, m.index, m.index + m[0].length);
  }
  // join pieces that Intl splits after common abbreviations or decimals: a piece that ends so joins the next
  // (in one pass: `1. 1. 1. …` is thousands of pieces, and joining them pairwise was quadratic)
  const joined: Unit[] = [];
  for (let i = 0; i < out.length; ) {
    let j = i;
    while (j + 1 < out.length && joinsNext(out[j]!.text)) j++;
    const a = out[i]!;
    joined.push(j === i ? a : { start: a.start, end: out[j]!.end, text: text.slice(a.start, out[j]!.end) });
    i = j + 1;
  }
  return joined;
}

/** A piece of text Intl ends a sentence after, where the sentence goes on: "e.g.", "3.", a stray letter. */
function joinsNext(piece: string): boolean {
  return /\b(?:e\.g|i\.e|etc|vs|approx|incl|Mr|Ms|Dr|St|No)\.$/i.test(piece) || /\d\.$/.test(piece) || piece.length < 3;
}

function push(out: Unit[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ start: s, end: e, text: text.slice(s, e) });
}

// ", improving accuracy by 45%", ", which cut costs by 20%", "and reduced the time from 3 days to 1"
const RESULT_CLAUSE =
  /,\s+(?:(?:thereby|ultimately|eventually|which|and this|this)\s+)?(?:improving|reducing|increasing|cutting|saving|resulting|boosting|raising|lowering|decreasing|eliminating|bringing|leading|enabling|allowing|doubling|halving|shrinking|growing|speeding|lifting|dropping|improved|reduced|increased|cut|saved|resulted|boosted|raised|lowered|decreased|eliminated|brought|led|enabled|allowed|doubled|halved|grew|dropped)\b|\s+(?:and|which)\s+(?:improved|reduced|increased|cut|saved|boosted|raised|lowered|decreased|eliminated|doubled|halved|grew|dropped)\b(?=[^.]*\d)/i;

/** A sentence as units: two clauses where an action and its result share it, else the sentence. */
export function clauses(u: Unit): Unit[] {
  const m = RESULT_CLAUSE.exec(u.text);
  if (!m || m.index < 12 || !/\d|\bsignificantly|\bdrastically|\bdramatically/i.test(u.text.slice(m.index))) return [u];
  const headEnd = u.start + m.index;
  let tailStart = u.start + m.index;
  while (tailStart < u.end && /[,\s]/.test(u.text[tailStart - u.start]!)) tailStart++;
  const first = { start: u.start, end: headEnd, text: u.text.slice(0, m.index) };
  if (!actionLike(first.text)) return [u];
  return [first, { start: tailStart, end: u.end, text: u.text.slice(tailStart - u.start) }];
}

function actionLike(s: string): boolean {
  return /\b(?:i|we|she|he|they)\s+(?:\w+ed|built|wrote|led|ran|set|made|rewrote|drove|took|began|chose|brought|found)\b/i.test(s);
}

type Scores = [number, number, number, number, number];

interface Cue {
  re: RegExp;
  part: number;
  weight: number;
  name: string;
}

/** A verb in the past tense (a regular -ed form, or one of the common irregular ones). */
export const PAST_VERB = String.raw`(?:(?!(?:speed|need|feed|seed|indeed|proceed|succeed|exceed|hundred|shred|embed|naked|wicked|sacred|rugged|kindred)\b)\w{2,}ed|built|wrote|rewrote|led|ran|set|made|met|took|began|started|chose|drove|sought|brought|taught|found|got|put|spoke|held|dug|did|sent|gave|kept|paid|sold|told|thought|understood|won|went|came|saw|left|shut|split|cut|rebuilt|undertook|oversaw|stood|spent|lent)`;

/** Verbs of wanting and needing: a goal, not a deed. */
const WANTING = '(?:wanted|needed|hoped|aimed|intended|expected|planned|wished|meant|volunteered|offered|promised|went from|owned|took ownership)';

const DEED_WITHOUT_SUBJECT = new RegExp(
  String.raw`^(?!${WANTING}\b)${PAST_VERB}\s+(?:a|an|the|all|every|each|my|our|their|his|her|it|them|up|out|down|off|over|through|with|to|on|in|\d)\b`,
  'i',
);

/** A sentence of terse notes that tells a deed with no subject ("Cut the form to 9 fields"): the teller's own. */
export function deedWithoutSubject(text: string): boolean {
  return DEED_WITHOUT_SUBJECT.test(text);
}

const CUES: Cue[] = [
  // Situation: where, when, what was going on
  {
    re: /^(?:at|in|on|while|during|when|last|back|early|before|after joining|as part of|working (?:at|for|on)|two|three|a few|one|our|my (?:team|company|manager|previous|first|old)|the (?:company|team|client|store|school|hospital|clinic|plant|warehouse|office))\b/i,
    part: 0,
    weight: 1.2,
    name: 'opens with where or when',
  },
  { re: /^[A-Z][a-z]+ (?:ran|was|led|managed|worked|joined|owned|ran|had)\b/, part: 0, weight: 0.6, name: 'who and where' },
  { re: /\b(?:there (?:was|were)|was|were|had been|had(?! to\b))\b/i, part: 0, weight: 0.8, name: '"was"/"were": how things stood' },
  {
    re: /\b(?:faced|facing|struggl\w+|suffer\w*|plagued|losing|complain\w*|frustrat\w*|slow|broken|outdated|legacy|manual(?:ly)?|backlog|outage|incident|churn|crisis|deadline|behind schedule|at risk|risking|pain point)\b/i,
    part: 0,
    weight: 0.7,
    name: 'the problem as it stood',
  },
  {
    re: /\b(?:our|the) (?:team|company|client|customer|product|system|platform|org|organization|department|store|hospital|school|startup)\b/i,
    part: 0,
    weight: 0.4,
    name: 'the setting',
  },
  { re: /\b(?:company|team|startup|firm|org)\b.*\b(?:was|were|had)\b/i, part: 0, weight: 0.3, name: 'the setting' },
  // Task: what the candidate was responsible for
  {
    re: /\b(?:my|our) (?:task|goal|job|role|responsibility|objective|mission|challenge|mandate|assignment|aim|brief|target|remit|priority)\b/i,
    part: 1,
    weight: 2.5,
    name: '"my task/goal/role"',
  },
  {
    re: /\b(?:(?:i|we) (?:was|were|am|are|got)|i['’]m|we['’]re) (?:now )?(?:responsible|tasked|asked|charged|assigned|in charge|expected|given|brought in|hired|chosen|picked|put in charge)\b/i,
    part: 1,
    weight: 2.6,
    name: '"I was responsible/asked"',
  },
  {
    re: /\b(?:i|we) (?:needed|had|wanted|was supposed|were supposed|set out|aimed|volunteered|decided|need|have|want) to\b/i,
    part: 1,
    weight: 1.6,
    name: '"I needed/had to"',
  },
  {
    re: /\b(?:the|a) (?:goal|task|objective|challenge|ask|mandate|requirement) (?:was|is)\b|^(?:task|goal|objective|job) (?:was|is)\b/i,
    part: 1,
    weight: 2.2,
    name: '"the goal was"',
  },
  {
    re: /\b(?:my|our|the) (?:manager|boss|director|lead|team lead|vp|cto|ceo|head of \w+|client|customer) (?:wanted|asked|needed|expected|gave me)\b/i,
    part: 1,
    weight: 1.8,
    name: 'what was asked of me',
  },
  {
    re: /\b(?:i|we) (?:owned|took ownership|took on|stepped up|offered)\b|\btook it (?:on|upon) (?:him|her|my|them)sel(?:f|ves)\b/i,
    part: 1,
    weight: 1.4,
    name: 'took it on',
  },
  {
    re: /\b(?:his|her|their) (?:task|goal|job|role|responsibility|objective|mission|challenge|brief)\b|\b(?:he|she|they) (?:was|were) (?:responsible|tasked|asked|charged|assigned|in charge|expected)\b/i,
    part: 1,
    weight: 2.2,
    name: 'their task',
  },
  {
    re: /\b(?:it|this|that|which) was (?:my|our) (?:call|job|decision|problem|responsibility|task)\b|\bwas my (?:problem|job|responsibility)\b|\bi was (?:on call|the (?:owner|lead|manager|engineer|one))\b/i,
    part: 1,
    weight: 1.6,
    name: 'my responsibility',
  },
  {
    re: /\b(?:without|before|by|within) (?:the|a|an|next|end of)?\s*(?:deadline|launch|end of|quarter|week|month|release|peak)\b/i,
    part: 1,
    weight: 0.5,
    name: 'a deadline',
  },
  { re: /\bhow (?:to|we could|i could)\b/i, part: 1, weight: 0.6, name: 'the question to answer' },
  {
    re: /\bi was (?:the|their|our|its|his|her) (?:[\w-]+ ){0,3}?(?:owner|lead|manager|engineer|developer|analyst|designer|director|head|architect|consultant|coordinator|specialist|administrator|officer|supervisor|scientist|planner|nurse|teacher)\b/i,
    part: 1,
    weight: 1.0,
    name: 'my role',
  },
  {
    re: /\b(?:had|have|got|was given) (?:only |just )?(?:a|an|one|two|three|four|five|six|\d+|a few) (?:\w+ )?(?:hours?|days?|weeks?|months?|quarters?|sprints?) to\b|\b(?:i|we) (?:needed|wanted) (?:it|them|this|that|(?:the|our|my) \w+) to\b|\b(?:i|we) (?:had )?(?:promised|committed to|signed up to|signed up for)\b|\bit['’]s (?:on|up to) (?:me|us)\b/i,
    part: 1,
    weight: 1.6,
    name: 'what I had to do',
  },
  { re: /^as (?:the|a|an|their|our|its|one of the) [^,]{2,50}, (?:i|my)\b/i, part: 1, weight: 1.4, name: 'my role' },
  { re: /\b(?:i|we) (?:wanted|hoped|aimed|intended|set out|was determined|was keen)\b/i, part: 1, weight: 1.6, name: 'what I wanted' },
  {
    re: /\b(?:was|is) (?:on|up to) (?:me|us)\b|\b(?:asked|wanted|needed|challenged|told|tasked|trusted) (?:me|us) to\b|\bcharged (?:me|us) with\b|\b(?:the|our|my) (?:target|aim|brief|job) was\b|\b(?:i|we) stepped in\b/i,
    part: 1,
    weight: 2.0,
    name: 'what was asked of me',
  },
  // Action: what the candidate did
  { re: new RegExp(String.raw`^(?:i|we|he|she|they)\s+(?:\w+ly\s+)?(?!${WANTING}\b)${PAST_VERB}\b`, 'i'), part: 2, weight: 0.8, name: 'leads with what I did' },
  {
    re: new RegExp(
      String.raw`\b(?:i|we|she|he|they)\s+(?:also\s+|then\s+|first\s+|quickly\s+|personally\s+|immediately\s+|carefully\s+|proactively\s+)?(?!${WANTING}\b)${PAST_VERB}\b`,
      'i',
    ),
    part: 2,
    weight: 1.3,
    name: 'what I did',
  },
  {
    re: /^(?:first|then|next|after that|afterwards|second|third|finally|to do this|to fix|to solve|so i|so we|i also|i started|i began)\b/i,
    part: 2,
    weight: 1.3,
    name: 'a step',
  },
  {
    re: /\b(?:i|we) (?:decided|proposed|suggested|convinced|persuaded|negotiated|organi[sz]ed|scheduled|interviewed|analy[sz]ed|investigated|traced|designed|implemented|built|created|automated|introduced|rolled out|set up|wrote|migrated|refactored|mentored|coached|trained|partnered|worked with|met with|reached out|pushed back|escalated|prototyped|tested|measured|ran|led)\b/i,
    part: 2,
    weight: 1.2,
    name: 'what I did',
  },
  {
    // terse notes with no subject: "Wrote a generator for the four files", "Traced the lag to a stale job"
    re: DEED_WITHOUT_SUBJECT,
    part: 2,
    weight: 1.1,
    name: 'what I did',
  },
  {
    // a story told in the present tense: "I start load testing in September"
    re: /^(?:then |so |first |next |now )?(?:i|we) (?:also |then )?(?:start|begin|find|move|build|write|rewrite|ask|call|run|add|pull|split|replace|talk|meet|map|test|ship|propose|decide|pair|create|put|take|send|spend|bring|cut|change|automate|introduce|draft|schedule|set up|sit down|go through|dig into|reach out|push back)s?\b/i,
    part: 2,
    weight: 1.1,
    name: 'what I do',
  },
  {
    re: /\b(?:by|through|using|with) (?:building|writing|creating|adding|setting up|running|introducing|automating|designing|moving|replacing)\b/i,
    part: 2,
    weight: 0.6,
    name: 'how',
  },
  // Result: what came of it
  {
    re: /\b(?:as a result|the result|in the end|ultimately|eventually|overall|in total|by the end|afterwards|since then|within (?:a|two|three|\d+) (?:week|month|day|quarter)s?)\b/i,
    part: 3,
    weight: 2.0,
    name: '"as a result"',
  },
  {
    re: /\b(?:reduc\w+|improv\w+|increas\w+|decreas\w+|sav\w+|cut|grew|grow\w*|dropp\w+|fell|rose|rais\w+|doubl\w+|halv\w+|boost\w+|lower\w*|shrank|eliminat\w+|achiev\w+|exceed\w+|beat|hit|surpass\w+)\b/i,
    part: 3,
    weight: 0.9,
    name: 'a change',
  },
  {
    re: /\d\s*(?:%|percent|x\b|×|pp\b|points?\b)|[$€£₹]\s?\d|\b\d+(?:\.\d+)?\s*(?:k|m|million|billion|hours?|days?|weeks?|minutes?|seconds?|ms|users|customers|tickets|engineers)\b/i,
    part: 3,
    weight: 1.2,
    name: 'a number',
  },
  {
    re: /\b(?:led to|resulted in|which meant|meaning|this meant|enabled|allowed us|helped (?:the|us|our)|was (?:adopted|praised|recognized|promoted|rolled out|launched|shipped|approved)|went live|shipped|launched|no longer|now (?:runs|takes|uses|has|is)|became|received|earned|won|got (?:promoted|recognized))\b/i,
    part: 3,
    weight: 1.1,
    name: 'what came of it',
  },
  {
    re: /\b(?:success|successful(?:ly)?|on time|ahead of schedule|under budget|satisfaction|praise|feedback|thanked|happy|delighted|renewed)\b/i,
    part: 3,
    weight: 0.8,
    name: 'the outcome',
  },
  {
    re: /\b(?:fewer|less often|more often|faster|slower|cheaper|higher|lower|better|no (?:longer|exposure|errors?|complaints?|incidents?|outages?|customers? lost)|zero|none of|the following (?:year|month|week|quarter|term|season)|after that|from then on|that (?:year|quarter|month|term)|stayed|remained|kept (?:the|our|its)|went from|by (?:the end|then))\b/i,
    part: 3,
    weight: 0.9,
    name: 'how things changed',
  },
  {
    re: /\b(?:went|fell|dropped|rose|grew|climbed|jumped|shrank|declined|improved|increased|decreased|came down|went down|went up) from\b[^.;]{1,60}\bto\b|\b(?:was|were) (?:down|up) (?:to|by)\b|\bended up\b/i,
    part: 3,
    weight: 1.6,
    name: 'from one figure to another',
  },
  {
    re: /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|a thousand|half|a third|a quarter|twice|double|triple|dozens?) (?:of )?(?:the )?(?:\w+ )?(?:percent|points?|hours?|days?|weeks?|months?|minutes?|injur\w+|incidents?|customers?|users?|complaints?|errors?|tickets?|defects?|bugs?|calls?|orders?|sales|stores?|people|staff|students?|patients?)\b/i,
    part: 3,
    weight: 0.8,
    name: 'a number',
  },
  // Learning
  {
    re: /\b(?:should have|could have|would have|in future|from now on|the real (?:change|lesson|problem)|the most useful thing|the single most)\b/i,
    part: 4,
    weight: 1.6,
    name: 'what I would do again',
  },
  { re: /^(?:now|these days|today|ever since),? (?:i|we) (?:always |never |also )?\w+/i, part: 4, weight: 1.8, name: 'what I do now' },
  {
    re: /\b(?:i learned|i learnt|i realized|i realised|what i (?:take|took|learn|learned|learnt) (?:from|away)|lesson|taught me|in hindsight|looking back|next time|i now|i would (?:now|have)|since then,? i|reflect\w*|takeaway|what i'd do differently|i still)\b/i,
    part: 4,
    weight: 3.0,
    name: 'what I learned',
  },
];

/** Cue scores of one unit for S, T, A, R, L, with the strongest cue of each part. */
export function score(text: string, only?: ReadonlySet<number>): { scores: Scores; cues: string[] } {
  const scores: Scores = [0, 0, 0, 0, 0];
  const best: [number, string][] = [
    [0, ''],
    [0, ''],
    [0, ''],
    [0, ''],
    [0, ''],
  ];
  for (const c of CUES) {
    // the cues of parts that cannot be chosen here are not looked for (but an Action's still lowers a Situation's)
    if (only && !only.has(c.part) && !(c.part === 2 && only.has(0))) continue;
    if (!c.re.test(text)) continue;
    scores[c.part] += c.weight;
    if (c.weight > best[c.part]![0]) best[c.part] = [c.weight, c.name];
  }
  // an action verb in the past tense with "I" outweighs a plain "was"
  if (scores[2] > 0 && scores[0] > 0 && !/^(?:at|in|while|during|when)\b/i.test(text)) scores[0] -= 0.4;
  return { scores, cues: best.map((b) => b[1]) };
}

/** What an inlay hint says of a part that no cue decided, only its place in the story. */
const PLACE_CUES = ['opens the story', 'its place in the story', 'its place in the story', 'how the story ends', 'its place in the story'];

/** Whether a unit's part was decided by its place alone, with no cue for it. */
export function byPlaceOnly(u: LabelledUnit): boolean {
  return PLACE_CUES.includes(u.cue);
}

/**
 * The best labelling of units in story order that never goes back (S ≤ T ≤
 * A ≤ R ≤ L), using only the `allowed` parts. Position priors: a story opens
 * with its Situation and ends with its Result.
 */
export function decode(units: readonly Unit[], allowed: readonly AnyPart[]): LabelledUnit[] {
  const n = units.length;
  const states = PART_ORDER.map((p, i) => ({ p, i })).filter((s) => allowed.includes(s.p));
  if (!n || !states.length) return [];
  const k = states.length;
  const emit: number[][] = [];
  const cueOf: string[][] = [];
  const only = new Set(states.map((s) => s.i));
  units.forEach((u, t) => {
    const { scores, cues } = score(u.text, only);
    const pos = n === 1 ? 0.5 : t / (n - 1);
    const prior = [
      1.9 * (1 - pos) ** 2 - 0.4,
      0.5 - Math.abs(pos - 0.25) * 1.5,
      0.6 - Math.abs(pos - 0.55) * 1.2,
      1.7 * pos ** 2 - 0.4,
      pos > 0.75 ? -0.3 : -1.2,
    ];
    emit.push(states.map((s) => scores[s.i]! + prior[s.i]!));
    cueOf.push(states.map((s) => cues[s.i]! || PLACE_CUES[s.i]!));
  });
  // best[t][j]: the best total for units 0..t with unit t in state j
  const best: number[][] = [];
  const back: number[][] = [];
  for (let t = 0; t < n; t++) {
    best.push(new Array(k).fill(-Infinity));
    back.push(new Array(k).fill(-1));
    for (let j = 0; j < k; j++) {
      if (t === 0) {
        best[0]![j] = emit[0]![j]!;
        continue;
      }
      for (let i = 0; i <= j; i++) {
        // staying in a part costs nothing; moving on costs a little, so one unit does not flip-flop
        const v = best[t - 1]![i]! + emit[t]![j]! - (i === j ? 0 : 0.15);
        if (v > best[t]![j]!) {
          best[t]![j] = v;
          back[t]![j] = i;
        }
      }
    }
  }
  let j = 0;
  for (let x = 1; x < k; x++) if (best[n - 1]![x]! > best[n - 1]![j]!) j = x;
  const labels: number[] = new Array(n);
  for (let t = n - 1; t >= 0; t--) {
    labels[t] = j;
    j = back[t]![j]!;
  }
  return units.map((u, t) => ({ ...u, part: states[labels[t]!]!.p, cue: cueOf[t]![labels[t]!]! }));
}

/** A sentence told in the past: a past verb, or was / were / had (narrative), or did too (pastTense). */
const TOLD_IN_THE_PAST = new RegExp(String.raw`\b${PAST_VERB}\b|\b(?:was|were|had)\b`, 'i');
const PAST_OR_DID = new RegExp(String.raw`\b${PAST_VERB}\b|\b(?:was|were|had|did)\b`, 'i');

/** How narrative a text is: the share of its sentences told in the past tense or the first person. */
export function narrative(units: readonly Unit[]): number {
  if (!units.length) return 0;
  let n = 0;
  for (const u of units) if (TOLD_IN_THE_PAST.test(u.text) || /\b(?:i|we|my|our)\b/i.test(u.text)) n++;
  return n / units.length;
}

const SAME_IN_THE_PAST = /^(?:set|cut|put|let|hit|shut|split|spread|cost|read|quit)\b/i;

/** The share of sentences told in the past tense. */
export function pastTense(units: readonly Unit[]): number {
  if (!units.length) return 0;
  // "where you worked" in advice is not a story told; nor is "Set the scene" (a verb whose past is its present,
  // opening the sentence as an instruction does)
  return units.filter((u) => PAST_OR_DID.test(u.text.replace(SAME_IN_THE_PAST, '')) && !/\byou(?:r)?\b/i.test(u.text)).length / units.length;
}

/** Words that speak to the reader: you, should, the interviewer. */
const ADDRESSED = /\byou(?:r|'ll|'re)?\b|\bshould\b|\binterviewers?\b/i;
/** A verb in the past tense after the sentence's first word. */
const PAST_LATER = new RegExp(String.raw`^\S+\s.*\b(?:${PAST_VERB})\b`, 'i');

const IMPERATIVE =
  /^(?:use|start|end|focus|keep|avoid|make sure|remember|be|don't|do not|try|always|never|think|prepare|practice|practise|pick|choose|describe|explain|show|quantify|include|tell|write|list|set|say|give|leave|spend|aim|open|close|mention|highlight|emphasi[sz]e|state|name|link|connect|add|cut|skip|lead with)\b/i;

/** Text that tells the reader what to do (advice, a guide), not what happened. */
export function advice(units: readonly Unit[]): number {
  if (!units.length) return 0;
  let n = 0;
  for (const u of units) {
    const addressed = ADDRESSED.test(u.text);
    const imperative = IMPERATIVE.test(u.text);
    // "Cut the form to nine fields and moved the rest": a deed told tersely, not an instruction
    if (imperative && !addressed && PAST_LATER.test(u.text)) continue;
    if (imperative || addressed) n++;
  }
  return n / units.length;
}
