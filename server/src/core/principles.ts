// Matching principle names in free text: longest name first, so that names
// holding commas and semicolons ("Are Right, A Lot") survive comma lists.
// Matching ignores case, punctuation, curly vs straight apostrophes, `&` vs
// `and`, and the word "the".

import { distance } from 'fastest-levenshtein';
import type { Framework } from './framework';

/** How near a word in a heading's label must be to a principle's name to read as a misspelt tag. */
export const HEADING_TYPO_DISTANCE = 0.3;

export interface Token {
  norm: string;
  start: number; // offset in the input string
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’‘][\p{L}\p{N}]+)*|&/gu;

/** Split text into normalised tokens with their offsets; drops "the". */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let norm = m[0].toLowerCase().replace(/['’‘]/g, '');
    if (norm === '&') norm = 'and';
    if (norm === 'the') continue;
    out.push({ norm, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function normalizeName(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}

interface Pattern {
  tokens: string[];
  canonical: string;
  key: string;
}

export interface PrincipleMatch {
  name: string;
  start: number;
  end: number;
}

export interface Leftover {
  text: string;
  start: number;
  end: number;
}

const FILLER = new Set(['and', 'or', 'also', 'plus', 'lp', 'lps', 'principle', 'principles']);

/** A framework compiled for fast matching. Build once per framework. */
export class PrincipleMatcher {
  private readonly patterns: Pattern[];
  readonly names: string[];

  constructor(readonly framework: Framework) {
    this.names = framework.principles.map((p) => p.name);
    const patterns: Pattern[] = [];
    for (const pr of framework.principles) {
      for (const label of [pr.name, ...pr.aliases]) {
        const tokens = tokenize(label).map((t) => t.norm);
        if (tokens.length) patterns.push({ tokens, canonical: pr.name, key: tokens.join(' ') });
      }
    }
    // Longest first: more tokens, then more characters.
    patterns.sort((a, b) => b.tokens.length - a.tokens.length || b.key.length - a.key.length);
    this.patterns = patterns;
  }

  /** Resolve a single name (e.g. a YAML list item) exactly; undefined when unknown. */
  resolve(text: string): string | undefined {
    const key = normalizeName(text);
    return this.patterns.find((p) => p.key === key)?.canonical;
  }

  /**
   * Find every principle named in `text`, longest names first, without overlaps.
   * Returns the matches in text order, plus what is left over (split at list separators).
   */
  scan(text: string): { matches: PrincipleMatch[]; leftovers: Leftover[] } {
    const tokens = tokenize(text);
    const used = new Uint8Array(tokens.length);
    const found: { i: number; n: number; name: string }[] = [];
    // Candidate patterns: only those whose first token occurs in the text.
    const firsts = new Set(tokens.map((t) => t.norm));
    const candidates = this.patterns.filter((p) => firsts.has(p.tokens[0]!));
    for (const pat of candidates) {
      const n = pat.tokens.length;
      for (let i = 0; i + n <= tokens.length; i++) {
        let ok = true;
        for (let k = 0; k < n; k++) {
          if (used[i + k] || tokens[i + k]!.norm !== pat.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        for (let k = 0; k < n; k++) used[i + k] = 1;
        found.push({ i, n, name: pat.canonical });
        i += n - 1;
      }
    }
    found.sort((a, b) => a.i - b.i);
    const matches: PrincipleMatch[] = [];
    const seen = new Set<string>();
    for (const f of found) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      matches.push({ name: f.name, start: tokens[f.i]!.start, end: tokens[f.i + f.n - 1]!.end });
    }
    // Leftovers: runs of unused tokens, broken at separators in the source text.
    const leftovers: Leftover[] = [];
    let run: Token[] = [];
    const flush = () => {
      if (run.length && !run.every((t) => FILLER.has(t.norm))) {
        // Trim filler words at both ends ("and Teamwork").
        while (run.length && FILLER.has(run[0]!.norm)) run.shift();
        while (run.length && FILLER.has(run[run.length - 1]!.norm)) run.pop();
        const start = run[0]!.start;
        const end = run[run.length - 1]!.end;
        leftovers.push({ text: text.slice(start, end), start, end });
      }
      run = [];
    };
    for (let i = 0; i < tokens.length; i++) {
      if (used[i]) {
        flush();
        continue;
      }
      if (run.length) {
        const gap = text.slice(run[run.length - 1]!.end, tokens[i]!.start);
        if (/[,;/|\n]/.test(gap)) flush();
      }
      run.push(tokens[i]!);
    }
    flush();
    return { matches, leftovers };
  }

  /** The nearest known name to `text`, and a distance between 0 and 1. */
  suggest(text: string): { name: string; distance: number } {
    const key = normalizeName(text);
    let best = { name: this.names[0] ?? '', distance: 1 };
    for (const pat of this.patterns) {
      const d = distance(key, pat.key) / Math.max(key.length, pat.key.length, 1);
      if (d < best.distance) best = { name: pat.canonical, distance: d };
    }
    return best;
  }

  describe(name: string): string | undefined {
    return this.framework.principles.find((p) => p.name === name)?.description;
  }
}
