// Pathological input families for the linear-time suite: each family makes
// a markdown text of about `size` characters from one repeated shape that
// once drove some part of the reader (or the parsers under it) into
// super-linear time or deep recursion. Written by us; no third-party text.

export interface Family {
  name: string;
  make: (size: number) => string;
}

/** `unit` repeated to about `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

/** A pseudo-random but fixed string of characters from `alphabet`. */
function noise(alphabet: string, size: number, seed = 7): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

/** Inside a story's Result, where claims and parts are read. */
function story(body: string): string {
  return `# Story\n\n## Situation\n\nWe had a problem.\n\n## Result\n\n${body}\n`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const STORY =
  '## Situation\n\nOur team of 5 engineers cut latency by 40% in Q3.\n\n## Task\n\nI had to lead the migration.\n\n## Action\n\nI wrote the plan.\n\n## Result\n\nErrors fell from 120 to 30 a day.\n\n';

export const FAMILIES: Family[] = [
  { name: 'spaces before **', make: (n) => `${' '.repeat(n)}**` },
  { name: 'spaces before ** label', make: (n) => story(`${' '.repeat(n)}**Situation:** x`) },
  { name: 'tabs before _', make: (n) => `${'\t'.repeat(n)}_` },
  { name: 'heading with a whitespace run', make: (n) => `# a${' '.repeat(n)}b` },
  { name: 'heading of spaces and words', make: (n) => `## ${fill('situation  ', n)}` },
  { name: 'run of *', make: (n) => '*'.repeat(n) },
  { name: 'run of _', make: (n) => '_'.repeat(n) },
  { name: '**x runs', make: (n) => fill('**x', n) },
  { name: 'x** runs', make: (n) => fill('x**', n) },
  { name: 'nested emphasis', make: (n) => `${fill('*a _b ', n / 2)}${fill(' c_ d*', n / 2)}` },
  { name: 'run of [', make: (n) => '['.repeat(n) },
  { name: 'links [a](', make: (n) => fill('[a](', n) },
  { name: 'unclosed <!--', make: (n) => fill('<!-- a ', n) },
  { name: 'one <!-- then text', make: (n) => `<!--${fill('x ', n)}` },
  { name: '> × N on one line', make: (n) => fill('> ', n) },
  { name: '> × N on lines', make: (n) => fill('>\n', n) },
  { name: 'empty quotes', make: (n) => fill('>\n\n', n) },
  { name: '- × N on one line', make: (n) => fill('- ', n) },
  { name: '* and + lists on one line', make: (n) => fill('* + ', n) },
  { name: '1. × N on one line', make: (n) => fill('1. ', n) },
  {
    name: 'nested lists by indent',
    make: (n) => {
      let s = '';
      for (let i = 0; s.length < n; i++) s += `${' '.repeat(2 * i)}- x\n`;
      return s.slice(0, n);
    },
  },
  { name: 'list items', make: (n) => fill('- I cut costs by 10%\n', n) },
  { name: 'numbers 1.', make: (n) => story(fill('1.', n)) },
  { name: 'numbers 1. spaced', make: (n) => story(fill('1. ', n).replace(/^1\. /, 'x 1. ')) },
  { name: 'digit blob', make: (n) => story(noise('0123456789', n)) },
  { name: 'digits and dots', make: (n) => story(noise('0123456789.,%', n)) },
  { name: 'base64 blob', make: (n) => story(noise(B64, n)) },
  { name: 'long line without spaces', make: (n) => story('a'.repeat(n)) },
  { name: 'percent run', make: (n) => story(fill('5% ', n)) },
  { name: 'from-to chains', make: (n) => story(fill('from 1 to 2 ', n)) },
  { name: 'many headings', make: (n) => fill('# S\n', n) },
  { name: 'many part headings', make: (n) => '## Situation\n'.repeat(Math.ceil(n / 13)) },
  { name: 'many bold labels', make: (n) => fill('**Action:** I did it.\n', n) },
  { name: 'many table rows', make: (n) => `| a | b |\n|---|---|\n${fill('| 1 | 2 |\n', n)}` },
  { name: 'wide table row', make: (n) => `${fill('| a ', n)}|\n${fill('|---', n)}|\n` },
  { name: 'long frontmatter', make: (n) => `---\n${fill('k: v\n', n).replace(/k:/g, (_m, i: number) => `k${i}:`)}---\n# T\n` },
  { name: 'deep YAML flow [', make: (n) => `---\na: ${'['.repeat(n)}\n---\n# T\n` },
  { name: 'deep YAML flow {', make: (n) => `---\na: ${fill('{a: ', n)}\n---\n# T\n` },
  { name: 'YAML aliases', make: (n) => `---\na: &a [x, y]\n${fill('b: *a\n', n).replace(/b:/g, (_m, i: number) => `b${i}:`)}---\n# T\n` },
  { name: 'percent run, one paragraph', make: (n) => story(fill('up 5% and ', n)) },
  { name: 'money and counts', make: (n) => story(fill('$3M for 40 users, 2x faster in 3 weeks; ', n)) },
  { name: 'paragraph then spaces before **', make: (n) => `x\n${' '.repeat(n)}**` },
  { name: 'quote then spaces and label', make: (n) => `> ${' '.repeat(n)}**Situation**` },
  { name: 'sentences', make: (n) => story(fill('I led the team. We grew revenue 12%. ', n)) },
  { name: 'stories', make: (n) => fill(STORY, n) },
  { name: 'spaces only', make: (n) => ' '.repeat(n) },
  { name: 'newlines only', make: (n) => '\n'.repeat(n) },
  { name: 'backticks', make: (n) => fill('`', n) },
  { name: 'fences', make: (n) => fill('```\n', n) },
];
