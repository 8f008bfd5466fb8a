// A fast path for the plainest markdown: YAML frontmatter, ATX headings and
// paragraphs of unmarked text, which is what most story files are made of.
//
// It builds the very tree remark builds for such a text (same nodes, same
// positions) in one pass over the lines, or declines and returns undefined
// the moment it meets anything it does not fully understand: any character
// that could open an inline construct (emphasis, code, links, HTML, entities,
// escapes, GFM strikethrough, tables and autolink literals), any line that
// could start another block (lists, quotes, fences, thematic breaks, setext
// underlines, indented code), leading or trailing spaces, tabs, CR, BOM and
// control characters. remark stays the parser of record; a differential test
// (test/unit/markdown-plain.test.ts) holds the two to the same trees.

import type { Heading, Paragraph, Root, RootContent, Text, Yaml } from 'mdast';

/**
 * Characters and sequences that send a text to remark. The first group can
 * open inline constructs or change how a line reads; the second is the GFM
 * autolink-literal triggers; the last is whitespace and control characters
 * that micromark treats specially.
 */
const DECLINE_CHARS = /[\\`*_[\]<&~|@]/;
const WWW = /www\./i;
const SCHEMES = ['http', 'https', 'mailto', 'xmpp'];

/**
 * Whether the body holds anything this path leaves to micromark: a marker
 * character, `www.`, or a URL scheme before a colon. One character class and
 * a look at each colon, which is faster than one regexp of alternatives over
 * every paragraph.
 */
function declinesBody(t: string): boolean {
  if (DECLINE_CHARS.test(t) || WWW.test(t)) return true;
  for (let i = t.indexOf(':'); i !== -1; i = t.indexOf(':', i + 1)) {
    const before = t.slice(Math.max(0, i - 6), i).toLowerCase();
    if (SCHEMES.some((s) => before.endsWith(s))) return true;
  }
  return false;
}
const DECLINE_ANY = /[\u0000-\u0009\u000b-\u001f\ufeff]/;
/** A line that opens a block other than a paragraph or heading, or might. */
const BLOCK_START = /^(?:[-+=>]|\d{1,9}[.)])/;
/** An ATX heading this path can take: 1–6 marks, one space, text not ending in `#`. */
const HEADING = /^(#{1,6}) [^ #]/;

/** A place in the text, as mdast positions hold it. */
type Point = NonNullable<Root['position']>['start'];

function point(line: number, column: number, offset: number): Point {
  return { line, column, offset };
}

/** The mdast tree of `text` if it is plain enough, else undefined. */
export function parsePlainMarkdown(text: string): Root | undefined {
  if (DECLINE_ANY.test(text)) return undefined;
  const children: RootContent[] = [];
  let offset = 0;
  let line = 1;

  if (text.startsWith('---\n')) {
    // frontmatter: everything up to a line that is exactly `---`
    let at = 4;
    let ln = 2;
    let close = -1;
    while (at <= text.length) {
      let nl = text.indexOf('\n', at);
      if (nl < 0) nl = text.length;
      if (text.startsWith('---', at)) {
        if (nl - at !== 3) return undefined; // `----`, `--- x`: leave the judgement to remark
        close = at;
        break;
      }
      at = nl + 1;
      ln++;
    }
    if (close < 0) return undefined;
    const node: Yaml = {
      type: 'yaml',
      value: close === 4 ? '' : text.slice(4, close - 1),
      position: { start: point(1, 1, 0), end: point(ln, 4, close + 3) },
    };
    children.push(node);
    offset = close + 3;
    line = ln;
    if (offset < text.length) {
      offset++; // the line ending after the closing fence
      line++;
    }
  }

  if (declinesBody(offset ? text.slice(offset) : text)) return undefined;

  // the paragraph the next non-blank line continues, if any
  let para: Paragraph | undefined;
  while (offset < text.length) {
    let nl = text.indexOf('\n', offset);
    if (nl < 0) nl = text.length;
    const len = nl - offset;
    if (len === 0) {
      para = undefined;
    } else {
      const first = text.charCodeAt(offset);
      if (first === 32 || text.charCodeAt(nl - 1) === 32) return undefined;
      const content = text.slice(offset, nl);
      if (first === 35 /* # */) {
        const m = HEADING.exec(content);
        if (!m || content.endsWith('#')) return undefined;
        const depth = m[1]!.length as Heading['depth'];
        const heading: Heading = {
          type: 'heading',
          depth,
          children: [
            {
              type: 'text',
              value: content.slice(depth + 1),
              position: { start: point(line, depth + 2, offset + depth + 1), end: point(line, len + 1, nl) },
            },
          ],
          position: { start: point(line, 1, offset), end: point(line, len + 1, nl) },
        };
        children.push(heading);
        para = undefined;
      } else if (BLOCK_START.test(content)) {
        return undefined;
      } else if (para) {
        const body = para.children[0] as Text;
        body.value += `\n${content}`;
        body.position!.end = point(line, len + 1, nl);
        para.position!.end = point(line, len + 1, nl);
      } else {
        const body: Text = {
          type: 'text',
          value: content,
          position: { start: point(line, 1, offset), end: point(line, len + 1, nl) },
        };
        para = {
          type: 'paragraph',
          children: [body],
          position: { start: point(line, 1, offset), end: point(line, len + 1, nl) },
        };
        children.push(para);
      }
    }
    if (nl === text.length) {
      offset = nl;
      break;
    }
    offset = nl + 1;
    line++;
  }

  // the root ends where the text ends
  const lastNl = text.lastIndexOf('\n');
  const end = point(line, text.length - lastNl, text.length);
  return { type: 'root', children, position: { start: point(1, 1, 0), end } };
}
