// Completion: principle names (in the frontmatter and on a `Principles:`
// line), part headings, frontmatter keys. A pure function of the text.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-protocol';
import { PART_NAMES, PART_TITLES, principlesLineStart, type PrincipleMatcher } from '../core';
import { escapeMarkdown as md } from './markup';

const FRONTMATTER_KEYS: [string, string][] = [
  ['title', "The story's title, as you would name it in an interview."],
  ['principles', 'The principles the story shows (a list).'],
  ['company', 'Where it happened: metric claims are compared within one company.'],
  ['role', 'Your role at the time.'],
  ['date', 'When it happened.'],
  ['tags', 'Your own tags.'],
  ['star', '`false` keeps STAR Stories out of this file.'],
];

function frontmatterLines(text: string): number {
  // LF, CRLF and a lone CR all end a line; only `---` closes frontmatter, as the reader has it
  if (!/^(?:\uFEFF)?---(?:\r\n|\r|\n)/.test(text)) return -1;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 1; i < lines.length; i++) if (/^---\s*$/.test(lines[i]!)) return i;
  return lines.length; // unclosed: everything so far
}

function principleItems(matcher: PrincipleMatcher, already: Set<string>, replace?: { start: Position; end: Position }, quote = false): CompletionItem[] {
  return matcher.framework.principles
    .filter((p) => !already.has(p.name))
    .map((p, i) => {
      const insert = quote && /[,:;#]/.test(p.name) ? `"${p.name}"` : p.name;
      const item: CompletionItem = {
        label: p.name,
        kind: CompletionItemKind.EnumMember,
        detail: 'Principle',
        documentation: { kind: MarkupKind.Markdown, value: `${md(p.description)}${p.questions.length ? `\n\n*Asked as:* ${md(p.questions[0]!)}` : ''}` },
        sortText: String(i).padStart(3, '0'),
        filterText: p.name,
      };
      item.textEdit = replace ? { range: replace, newText: insert } : undefined;
      if (!replace) item.insertText = insert;
      return item;
    });
}

/** Completion at a position: principle names, part headings, frontmatter keys. */
export function complete(text: string, pos: Position, matcher: PrincipleMatcher): CompletionItem[] {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const fmEnd = frontmatterLines(text);

  if (fmEnd > 0 && pos.line > 0 && pos.line < fmEnd) {
    // a list item under `principles:`
    let key = '';
    for (let l = pos.line; l > 0; l--) {
      const m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[l]!);
      if (m && (l < pos.line || /:/.test(before))) {
        key = m[1]!;
        break;
      }
      if (l < pos.line && !/^\s+-|^\s*$/.test(lines[l]!)) break;
    }
    const listItem = /^(\s*-\s*)(.*)$/.exec(before);
    const inline = /^principles\s*:\s*(\[?)(.*)$/.exec(before);
    if (key === 'principles' && (listItem || inline)) {
      const partial = listItem ? listItem[2]! : inline![2]!.split(',').pop()!.trimStart();
      const start = { line: pos.line, character: pos.character - partial.length };
      // names already listed, on this line or on the list's other items
      let listed = inline ? inline[2]!.slice(0, inline[2]!.length - partial.length) : '';
      for (let l = pos.line - 1; l > 0 && /^\s+-/.test(lines[l]!); l--) listed += `, ${lines[l]!.replace(/^\s+-\s*/, '')}`;
      for (let l = pos.line + 1; l < fmEnd && /^\s+-/.test(lines[l]!); l++) listed += `, ${lines[l]!.replace(/^\s+-\s*/, '')}`;
      const already = new Set(matcher.scan(listed.replace(/["']/g, '')).matches.map((m) => m.name));
      return principleItems(matcher, already, { start, end: pos }, true);
    }
    if (/^[A-Za-z_]*$/.test(before)) {
      const present = new Set(
        lines
          .slice(1, fmEnd)
          .map((l) => /^([A-Za-z_][\w-]*)\s*:/.exec(l)?.[1])
          .filter(Boolean) as string[],
      );
      return FRONTMATTER_KEYS.filter(([k]) => !present.has(k)).map(([k, doc]) => ({
        label: k,
        kind: CompletionItemKind.Property,
        documentation: doc,
        insertText: k === 'principles' ? 'principles:\n  - $0' : `${k}: $0`,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: { start: { line: pos.line, character: 0 }, end: pos }, newText: k === 'principles' ? 'principles:\n  - $0' : `${k}: $0` },
      }));
    }
    return [];
  }

  // a `Principles:` line, by the reader's own grammar
  const tagsStart = principlesLineStart(before);
  if (tagsStart !== undefined) {
    const listed = before.slice(tagsStart);
    const partial = listed.split(/[,;]/).pop()!.trimStart();
    const already = new Set(matcher.scan(listed.slice(0, listed.length - partial.length)).matches.map((m) => m.name));
    return principleItems(matcher, already, { start: { line: pos.line, character: pos.character - partial.length }, end: pos });
  }

  const heading = /^(#{1,6})(\s*)(\w*)$/.exec(before);
  if (heading) {
    const start = { line: pos.line, character: heading[1]!.length + heading[2]!.length };
    return PART_NAMES.map((p, i) => ({
      label: PART_TITLES[p],
      kind: CompletionItemKind.Keyword,
      detail: 'STAR part',
      sortText: String(i),
      textEdit: { range: { start, end: pos }, newText: (heading[2] ? '' : ' ') + PART_TITLES[p] },
    }));
  }
  return [];
}
