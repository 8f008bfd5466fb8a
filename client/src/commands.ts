// Commands that write or insert story text (New Story, Insert STAR Skeleton,
// Open Configuration) and that open places (a story, a rule's page).

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageResult, PracticeItem, StoryInfo } from '../../server/src/protocol';
import { principleDescription } from './coverageTree';
import {
  DEFAULT_PRINCIPLES,
  bankStoryTemplate,
  candidateFileName,
  headingLevel,
  skeletonLevelFor,
  skeletonSnippet,
  slugify,
  storiesFolderOf,
  storyTemplate,
  titleKey,
} from './template';

export interface NewStoryArgs {
  title: string;
  principles?: string[];
  /** Folder for the file: absolute, or relative to the first workspace folder. Default: `starStories.storiesFolder`. */
  folder?: string;
  /** Where the story goes; default: the `starStories.newStory.target` setting. */
  target?: NewStoryTarget;
}

export type NewStoryTarget = 'ask' | 'bank' | 'file';

function asTarget(value: unknown): NewStoryTarget | undefined {
  return value === 'ask' || value === 'bank' || value === 'file' ? value : undefined;
}

function asNewStoryArgs(value: unknown): NewStoryArgs | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || !v.title.trim()) return undefined;
  const principles = Array.isArray(v.principles) ? v.principles.filter((p): p is string => typeof p === 'string') : [];
  const folder = typeof v.folder === 'string' && v.folder.trim() ? v.folder : undefined;
  return { title: v.title, principles, folder, target: asTarget(v.target) };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The first `slug.md`, `slug-2.md`, … in `folder` that does not exist yet. */
export async function freeFileUri(folder: vscode.Uri, slug: string): Promise<vscode.Uri> {
  for (let attempt = 1; ; attempt++) {
    const uri = vscode.Uri.joinPath(folder, candidateFileName(slug, attempt));
    if (!(await exists(uri))) return uri;
  }
}

function storiesFolderUri(folderSetting: string | undefined): vscode.Uri | undefined {
  const configured = folderSetting ?? vscode.workspace.getConfiguration('starStories').get<string>('storiesFolder');
  const folder = storiesFolderOf(configured, vscode.workspace.isTrusted, (p) => path.isAbsolute(p));
  if (folder.refused) void vscode.window.showWarningMessage(`STAR Stories: ${folder.refused}.`);
  if (folder.absolute) return vscode.Uri.file(folder.absolute);
  const root = vscode.workspace.workspaceFolders?.[0];
  if (!root) return undefined;
  return folder.parts.length ? vscode.Uri.joinPath(root.uri, ...folder.parts) : root.uri;
}

/** Why `title` cannot be a new story's title (empty, or the title of a story the workspace has), or undefined. */
export function titleProblem(title: string, stories: readonly StoryInfo[] | undefined): string | undefined {
  if (!title.trim()) return 'The story needs a title.';
  const key = titleKey(title);
  const same = stories?.find((s) => titleKey(s.title) === key);
  if (same)
    return `A story with this title exists already (${vscode.workspace.asRelativePath(vscode.Uri.parse(same.uri), false)}:${same.range.start.line + 1}): pick another title.`;
  return undefined;
}

async function askForStory(
  coverage: CoverageResult | undefined,
  stories: readonly StoryInfo[] | undefined,
  principle: string | undefined,
): Promise<NewStoryArgs | undefined> {
  const title = await vscode.window.showInputBox({
    title: principle ? `New STAR Story for ${principle}` : 'New STAR Story',
    prompt: 'A short title: what happened, in a few words',
    placeHolder: 'Cutting checkout latency before the holiday peak',
    ignoreFocusOut: true,
    validateInput: (v) => titleProblem(v, stories),
  });
  if (title === undefined) return undefined;

  type Item = vscode.QuickPickItem & { name: string };
  const items: Item[] = coverage?.principles.length
    ? coverage.principles.map((p) => ({
        name: p.principle,
        label: p.principle,
        description: principleDescription(p, coverage.target),
        detail: p.description || undefined,
        picked: p.principle === principle,
      }))
    : DEFAULT_PRINCIPLES.map((name) => ({ name, label: name, picked: name === principle }));
  if (principle && !items.some((i) => i.name === principle)) items.unshift({ name: principle, label: principle, picked: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Principles for "${title.trim()}"`,
    placeHolder: 'Pick the principles this story shows (one to three is best)',
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (picked === undefined) return undefined;
  return { title, principles: picked.map((i) => i.name) };
}

/** The principle New Story pre-selects: a name, or a Principle Coverage row (a menu passes its node). */
function principleArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() || undefined;
  const node = arg as { kind?: unknown; principle?: { principle?: unknown } } | undefined;
  if (node?.kind === 'principle' && typeof node.principle?.principle === 'string') return node.principle.principle;
  return undefined;
}

/** The active markdown editor when its file already holds stories (a story bank), else undefined. */
function openBank(stories: readonly StoryInfo[] | undefined): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') return undefined;
  const uri = editor.document.uri.toString();
  return stories?.some((s) => s.uri === uri) ? editor : undefined;
}

/** The heading level of the bank's stories (the first story's title line), 2 when they are not headings. */
function bankLevel(doc: vscode.TextDocument, stories: readonly StoryInfo[] | undefined): number {
  const uri = doc.uri.toString();
  for (const s of stories ?? []) {
    if (s.uri !== uri || s.range.start.line >= doc.lineCount) continue;
    const level = headingLevel(doc.lineAt(s.range.start.line).text);
    if (level) return level;
  }
  return 2;
}

async function chooseTarget(
  setting: NewStoryTarget,
  bank: vscode.TextEditor | undefined,
  folder: vscode.Uri | undefined,
): Promise<'bank' | 'file' | undefined> {
  if (!bank) return 'file';
  if (setting !== 'ask') return setting;
  const name = vscode.workspace.asRelativePath(bank.document.uri, false);
  const where = folder ? vscode.workspace.asRelativePath(folder, false) : 'a new untitled file';
  type Item = vscode.QuickPickItem & { target: 'bank' | 'file' };
  const picked = await vscode.window.showQuickPick<Item>(
    [
      { target: 'bank', label: `$(book) Add to ${name}`, description: 'at the end of the story bank you have open' },
      { target: 'file', label: '$(new-file) Write a new file', description: `in ${where}` },
    ],
    { title: 'Where should the new story go?', placeHolder: 'Set starStories.newStory.target to stop asking', ignoreFocusOut: true },
  );
  return picked?.target;
}

async function appendToBank(editor: vscode.TextEditor, args: NewStoryArgs, stories: readonly StoryInfo[] | undefined): Promise<vscode.Uri | undefined> {
  const doc = editor.document;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const { text, cursorLine } = bankStoryTemplate(args.title, args.principles ?? [], bankLevel(doc, stories), eol);
  const last = doc.lineAt(doc.lineCount - 1);
  // one blank line between the bank's last text and the new story
  let gap = '';
  if (last.text.trim()) gap = eol + eol;
  else if (doc.lineCount > 1 && doc.lineAt(doc.lineCount - 2).text.trim()) gap = eol;
  const startLine = doc.lineCount - 1 + (gap ? gap.split(eol).length - 1 : 0);
  const ok = await editor.edit((b) => b.insert(last.range.end, gap + text));
  if (!ok) return undefined;
  const pos = new vscode.Position(Math.min(startLine + cursorLine, editor.document.lineCount - 1), 0);
  const line = editor.document.lineAt(pos.line);
  editor.selection = new vscode.Selection(pos, line.range.end); // the placeholder, so typing replaces it
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return doc.uri;
}

/**
 * `starStories.newStory([principle | { title, principles, folder?, target? }])`:
 * a new story from the template, either at the end of the story bank that is
 * open or in a new file under `starStories.storiesFolder` (the
 * `starStories.newStory.target` setting, or asked). A title a story of the
 * workspace has already is refused. A principle given as a string pre-selects
 * it. With an object as argument it asks nothing. Returns the story's file.
 */
export async function newStory(
  arg: unknown,
  coverage: () => CoverageResult | undefined,
  stories: () => readonly StoryInfo[] | undefined = () => undefined,
): Promise<vscode.Uri | undefined> {
  const given = asNewStoryArgs(arg);
  if (given) {
    const problem = titleProblem(given.title, stories());
    if (problem) {
      void vscode.window.showErrorMessage(`STAR Stories: ${problem}`);
      return undefined;
    }
  }
  const bank = openBank(stories());
  const args = given ?? (await askForStory(coverage(), stories(), principleArg(arg)));
  if (!args) return undefined;
  const folder = storiesFolderUri(args.folder);
  let setting = args.target ?? asTarget(vscode.workspace.getConfiguration('starStories', bank?.document.uri).get('newStory.target')) ?? 'ask';
  if (given && setting === 'ask') setting = 'file'; // with an object as argument it asks nothing
  const target = await chooseTarget(setting, bank, folder);
  if (!target) return undefined;
  if (target === 'bank' && bank) {
    const shown = await vscode.window.showTextDocument(bank.document, { viewColumn: bank.viewColumn, preview: false });
    return appendToBank(shown, args, stories());
  }

  const { text, cursorLine } = storyTemplate(args.title, args.principles ?? []);
  let doc: vscode.TextDocument;
  if (!folder) {
    // No folder is open: give the user an unsaved story to save where they like.
    doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  } else {
    await vscode.workspace.fs.createDirectory(folder);
    const uri = await freeFileUri(folder, slugify(args.title));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    doc = await vscode.workspace.openTextDocument(uri);
  }
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const pos = new vscode.Position(Math.min(cursorLine, doc.lineCount - 1), 0);
  editor.selection = new vscode.Selection(pos, doc.lineAt(pos.line).range.end); // the placeholder, so typing replaces it
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return doc.uri;
}

/**
 * `starStories.insertSkeleton`: the four parts as a snippet at the cursor of
 * the active markdown editor (or at `position` of `uri` when a code action
 * passes them).
 */
export async function insertSkeleton(uriArg?: unknown, positionArg?: unknown): Promise<boolean> {
  let editor = vscode.window.activeTextEditor;
  let position: vscode.Position | undefined;
  if (typeof uriArg === 'string' || uriArg instanceof vscode.Uri) {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
    const doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc);
    const p = positionArg as { line?: unknown; character?: unknown } | undefined;
    if (p && typeof p.line === 'number') {
      position = doc.validatePosition(new vscode.Position(p.line, typeof p.character === 'number' ? p.character : 0));
    }
  }
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('STAR Stories: open a markdown file to insert a STAR skeleton.');
    return false;
  }
  const at = position ?? editor.selection.active;
  const doc = editor.document;
  const above: string[] = [];
  for (let i = 0; i < at.line; i++) above.push(doc.lineAt(i).text);
  let body = skeletonSnippet(skeletonLevelFor(above));
  const lineText = doc.lineAt(at.line).text;
  // Headings must start a line: break the line when the cursor is inside text.
  if (lineText.slice(0, at.character).trim()) body = `\n\n${body}`;
  else if (at.line > 0 && doc.lineAt(at.line - 1).text.trim()) body = `\n${body}`;
  return editor.insertSnippet(new vscode.SnippetString(body), at);
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  return undefined;
}

function asPosition(value: unknown): vscode.Position | undefined {
  if (value instanceof vscode.Position) return value;
  const p = value as { line?: unknown; character?: unknown } | undefined;
  if (p && typeof p.line === 'number') return new vscode.Position(Math.max(0, p.line), typeof p.character === 'number' ? Math.max(0, p.character) : 0);
  return undefined;
}

/**
 * `starStories.openStory(uri, position)`: open the file with the cursor at
 * `position` (a story's title, a part) and nothing selected, so a keystroke
 * never replaces a story. The Stories, Coverage and Metrics views and the
 * code lens use it.
 */
export async function openStory(uriArg: unknown, positionArg?: unknown): Promise<vscode.TextEditor | undefined> {
  const uri = asUri(uriArg);
  if (!uri) return undefined;
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = doc.validatePosition(asPosition(positionArg) ?? new vscode.Position(0, 0));
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** The items of a "N follow-ups" lens, each checked (they come from a command's arguments). */
function practiceItems(value: unknown): PracticeItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is PracticeItem =>
      typeof v === 'object' &&
      v !== null &&
      typeof v.question === 'string' &&
      typeof v.cited === 'string' &&
      typeof v.quote === 'string' &&
      asPosition(v.position) !== undefined,
  );
}

/**
 * `starStories.showPractice(uri, title, items)` (the "N follow-ups" code lens):
 * the story's follow-up questions in a pick list, each with the place it
 * cites; picking one opens that place. Resolves to the question picked.
 */
export async function showPractice(uriArg: unknown, titleArg: unknown, itemsArg: unknown): Promise<string | undefined> {
  const uri = asUri(uriArg);
  const items = practiceItems(itemsArg);
  if (!uri || !items.length) return undefined;
  const title = typeof titleArg === 'string' ? titleArg : 'this story';
  const picks = items.map((item) => ({ label: item.question, description: item.cited, detail: `"${item.quote.replace(/\s+/g, ' ')}"`, item }));
  const picked = await vscode.window.showQuickPick(picks, {
    title: `Follow-ups for "${title}"`,
    placeHolder: 'Practise answering each out loud; pick one to see what it asks about',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  await openStory(uri, picked.item.position);
  return picked.item.question;
}

const RULE_ID = /^[a-z][a-z0-9-]*$/;

/** The page of rule `id` packaged with the extension (docs/rules/<id>.md). */
export function ruleDocUri(extensionUri: vscode.Uri, id: string): vscode.Uri | undefined {
  return RULE_ID.test(id) ? vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`) : undefined;
}

/**
 * What a diagnostic's rule id links to: the packaged page as a file, which the
 * Problems panel and the hover open inside VS Code (no prompt for an external
 * site); it is then shown as a markdown preview (see packagedRuleDoc).
 */
export function ruleDocTarget(extensionUri: vscode.Uri, id: string): vscode.Uri | undefined {
  return ruleDocUri(extensionUri, id);
}

/** Whether `uri` is one of the packaged rule pages. */
export function packagedRuleDoc(extensionUri: vscode.Uri, uri: vscode.Uri): boolean {
  const dir = vscode.Uri.joinPath(extensionUri, 'docs', 'rules').toString();
  const u = uri.toString();
  return u.startsWith(`${dir}/`) && u.endsWith('.md');
}

/**
 * A rule page as a markdown preview locked to it: an unlocked preview follows
 * the active editor, so it would show the user's story bank the moment they
 * went back to it.
 */
export function showRulePage(uri: vscode.Uri): Thenable<unknown> {
  return vscode.commands.executeCommand('markdown.showPreview', uri, [uri], { locked: true });
}

/** `starStories.openRuleDoc(id)`: the rule's packaged page as a markdown preview. */
export async function openRuleDoc(extensionUri: vscode.Uri, id: unknown): Promise<vscode.Uri | undefined> {
  const uri = typeof id === 'string' ? ruleDocUri(extensionUri, id) : undefined;
  if (!uri) return undefined;
  await showRulePage(uri);
  return uri;
}

const CONFIG_STARTER = `# STAR Stories settings. The editor, \`npx star-stories check\`, your
# pre-commit hook and CI all read this file, so they report the same things.
# Remove a leading "# " to switch a line on.

# Levels per rule: off, error, warning, information or hint; or an object
# with a level and the rule's options.
# rules:
#   story-length: { maxMinutes: 2.5 }
#   unlabelled-parts: off
#   too-many-principles: { level: warning, max: 2 }

# Your own principles instead of Amazon's 16 (a YAML file with name and principles):
# framework: ./our-values.framework.yaml

# Which markdown files hold stories, relative to this file (default: every *.md):
# include: ["stories/**/*.md"]
# exclude: ["drafts/**"]

coverage:
  target: 2   # stories wanted per principle
`;

/**
 * `starStories.revealPosition`: put the cursor at a position (a quick fix that adds a part runs it, so the
 * user types in the new part). openStory does the work; this checks the fix's arguments strictly.
 */
export async function revealPosition(uriArg?: unknown, positionArg?: unknown): Promise<boolean> {
  const p = positionArg as { line?: unknown; character?: unknown } | undefined;
  if (typeof uriArg !== 'string' || !p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return false;
  return (await openStory(uriArg, p)) !== undefined;
}

/** `starStories.openConfig`: open the workspace's .starstories.yaml, creating a commented starter file when there is none. */
export async function openConfig(): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0];
  if (!root) {
    void vscode.window.showInformationMessage('STAR Stories: open a folder first; .starstories.yaml lives at its top.');
    return undefined;
  }
  let uri: vscode.Uri | undefined;
  for (const name of ['.starstories.yaml', '.starstories.yml']) {
    const candidate = vscode.Uri.joinPath(root.uri, name);
    if (await exists(candidate)) {
      uri = candidate;
      break;
    }
  }
  if (!uri) {
    uri = vscode.Uri.joinPath(root.uri, '.starstories.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_STARTER));
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}
