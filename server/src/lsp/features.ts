// Editor features computed from facts and text: completion, hover, symbols,
// folding, code lens. Pure functions; the server wires them to LSP.

import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
} from 'vscode-languageserver-protocol';
import { PART_NAMES, PART_TITLES, formatClaimValue, type FileFacts, type PrincipleMatcher, type Story } from '../core';
import { sameSubject } from '../core/subjects';
import { Commands } from '../protocol';

const FRONTMATTER_KEYS: [string, string][] = [
  ['title', 'The story\'s title, as you would name it in an interview.'],
  ['principles', 'The principles the story shows (a list).'],
  ['company', 'Where it happened: metric claims are compared within one company.'],
  ['role', 'Your role at the time.'],
  ['date', 'When it happened.'],
  ['tags', 'Your own tags.'],
  ['star', '`false` keeps STAR Stories out of this file.'],
];

function inRange(pos: Position, r: { start: Position; end: Position }): boolean {
  const afterStart = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const beforeEnd = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return afterStart && beforeEnd;
}

function frontmatterLines(text: string): number {
  if (!/^(?:\uFEFF)?---\r?\n/.test(text)) return -1;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)\s*$/.test(lines[i]!)) return i;
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
        documentation: { kind: MarkupKind.Markdown, value: `${p.description}${p.questions.length ? `\n\n*Asked as:* ${p.questions[0]}` : ''}` },
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
  const lines = text.split(/\r?\n/);
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
      for (let l = pos.line - 1; l > 0 && /^\s+-/.test(lines[l]!); l--) listed += ', ' + lines[l]!.replace(/^\s+-\s*/, '');
      for (let l = pos.line + 1; l < fmEnd && /^\s+-/.test(lines[l]!); l++) listed += ', ' + lines[l]!.replace(/^\s+-\s*/, '');
      const already = new Set(matcher.scan(listed.replace(/["']/g, '')).matches.map((m) => m.name));
      return principleItems(matcher, already, { start, end: pos }, true);
    }
    if (/^[A-Za-z_]*$/.test(before)) {
      const present = new Set(lines.slice(1, fmEnd).map((l) => /^([A-Za-z_][\w-]*)\s*:/.exec(l)?.[1]).filter(Boolean) as string[]);
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

  const tagLine = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:principles?|leadership principles?|lps?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?)(.*)$/i.exec(before);
  if (tagLine) {
    const listed = tagLine[2]!;
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

function storyAt(facts: FileFacts, pos: Position): Story | undefined {
  return facts.stories.find((s) => inRange(pos, s.range));
}

/** Hover on a principle tag (its description) or a part marker (its words and share). */
export function hover(facts: FileFacts, pos: Position, matcher: PrincipleMatcher, wordsPerMinute = 150): Hover | undefined {
  for (const story of facts.stories) {
    for (const tag of story.principles) {
      if (inRange(pos, tag.range)) {
        const p = matcher.framework.principles.find((x) => x.name === tag.name);
        const questions = p?.questions.length ? `\n\n${p.questions.map((q) => `- ${q}`).join('\n')}` : '';
        return { range: tag.range, contents: { kind: MarkupKind.Markdown, value: `**${tag.name}**\n\n${p?.description ?? ''}${questions}` } };
      }
    }
  }
  const story = storyAt(facts, pos);
  if (!story) return undefined;
  for (const part of story.parts) {
    if (inRange(pos, part.markerRange)) {
      const share = story.words ? Math.round((part.words / story.words) * 100) : 0;
      const minutes = part.words / wordsPerMinute;
      const names = part.names.map((n) => PART_TITLES[n]).join(' and ');
      return {
        range: part.markerRange,
        contents: {
          kind: MarkupKind.Markdown,
          value: `**${names}**: ${part.words} words, ${share}% of the story (about ${minutes < 1 ? `${Math.round(minutes * 60)} s` : `${minutes.toFixed(1)} min`} spoken)`,
        },
      };
    }
  }
  return undefined;
}

function partEnd(story: Story, i: number) {
  const part = story.parts[i]!;
  return part.contentRange.end.line > part.markerRange.end.line || part.contentRange.end.character > 0 ? part.contentRange.end : part.markerRange.end;
}

/** Stories, then their parts, for the Outline and breadcrumbs. */
export function documentSymbols(facts: FileFacts): DocumentSymbol[] {
  return facts.stories.map((story) => ({
    name: story.title,
    detail: story.principles.map((p) => p.name).join(', '),
    kind: SymbolKind.Class,
    range: story.range,
    selectionRange: story.titleRange.start.line >= story.range.start.line ? story.titleRange : story.range,
    children: story.parts.map((part, i) => {
      const end = partEnd(story, i);
      const range = { start: part.markerRange.start, end: end.line >= part.markerRange.start.line ? end : part.markerRange.end };
      return {
        name: part.names.map((n) => PART_TITLES[n]).join(' and '),
        detail: `${part.words} words`,
        kind: SymbolKind.Field,
        range,
        selectionRange: part.markerRange,
      };
    }),
  }));
}

/** One folding range per story and per part. */
export function foldingRanges(facts: FileFacts): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const story of facts.stories) {
    if (story.range.end.line > story.range.start.line) out.push({ startLine: story.range.start.line, endLine: story.range.end.line });
    story.parts.forEach((part, i) => {
      const end = partEnd(story, i).line;
      if (end > part.markerRange.start.line) out.push({ startLine: part.markerRange.start.line, endLine: end });
    });
  }
  return out;
}

/** A lens above each story: words, spoken minutes, parts present, principles. */
export function codeLenses(facts: FileFacts, wordsPerMinute = 150): CodeLens[] {
  return facts.stories.map((story) => {
    const present = new Set(story.parts.flatMap((p) => p.names));
    const parts = PART_NAMES.map((n) => (present.has(n) ? PART_TITLES[n][0] : '·')).join(' ');
    const minutes = story.words / wordsPerMinute;
    const principles = story.principles.map((p) => p.name).join(', ') || 'no principles';
    return {
      range: { start: story.range.start, end: story.range.start },
      command: {
        title: `${story.words} words · ${minutes.toFixed(1)} min · ${parts} · ${principles}`,
        command: Commands.showCoverage,
      },
    };
  });
}

/** Hover on a metric claim: every claim of the same subject in the workspace, with links. */
export function claimHover(facts: FileFacts, pos: Position, files: Iterable<FileFacts>): Hover | undefined {
  for (const story of facts.stories) {
    for (const claim of story.claims) {
      if (!inRange(pos, claim.range)) continue;
      const norm = claim.norm;
      const rows: string[] = [];
      if (norm) {
        for (const f of files)
          for (const s of f.stories)
            for (const c of s.claims) {
              if (!c.norm || !sameSubject(c.norm, norm)) continue;
              const here = c === claim ? ' *(this claim)*' : '';
              const link = `${f.uri}#L${c.range.start.line + 1}`;
              rows.push(`| ${formatClaimValue(c)} | ${c.direction ?? ''} | [${s.title.replace(/\|/g, '\\|')}](${link})${here} | ${s.company ?? ''} |`);
            }
      }
      const head = `**${claim.subject || 'Claim'}**: ${formatClaimValue(claim)}${claim.direction ? ` (${claim.direction})` : ''}`;
      const table = rows.length > 1 ? `\n\nEvery claim about *${norm!.key}*:\n\n| value | direction | story | company |\n|---|---|---|---|\n${rows.join('\n')}` : norm ? `\n\nNo other story makes a claim about *${norm.key}*.` : '';
      return { range: claim.range, contents: { kind: MarkupKind.Markdown, value: head + table } };
    }
  }
  return undefined;
}
