// Commands that write or insert story text: New Story, Insert STAR Skeleton,
// Open Configuration.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../server/src/protocol';
import { principleDescription } from './coverageTree';
import { DEFAULT_PRINCIPLES, candidateFileName, skeletonLevelFor, skeletonSnippet, slugify, storiesFolderOf, storyTemplate } from './template';

export interface NewStoryArgs {
  title: string;
  principles?: string[];
  /** Folder for the file: absolute, or relative to the first workspace folder. Default: `starStories.storiesFolder`. */
  folder?: string;
}

function asNewStoryArgs(value: unknown): NewStoryArgs | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.title !== 'string' || !v.title.trim()) return undefined;
  const principles = Array.isArray(v.principles) ? v.principles.filter((p): p is string => typeof p === 'string') : [];
  const folder = typeof v.folder === 'string' && v.folder.trim() ? v.folder : undefined;
  return { title: v.title, principles, folder };
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

async function askForStory(coverage: CoverageResult | undefined): Promise<NewStoryArgs | undefined> {
  const title = await vscode.window.showInputBox({
    title: 'New STAR Story',
    prompt: 'A short title: what happened, in a few words',
    placeHolder: 'Cutting checkout latency before the holiday peak',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The story needs a title.'),
  });
  if (title === undefined) return undefined;

  type Item = vscode.QuickPickItem & { name: string };
  const items: Item[] = coverage?.principles.length
    ? coverage.principles.map((p) => ({
        name: p.principle,
        label: p.principle,
        description: principleDescription(p, coverage.target),
        detail: p.description || undefined,
      }))
    : DEFAULT_PRINCIPLES.map((name) => ({ name, label: name }));
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

/**
 * `starStories.newStory`: write a new single-story file from the template and
 * open it with the cursor under `## Situation`. With `{ title, principles,
 * folder? }` as argument it asks nothing. Returns the new file's Uri.
 */
export async function newStory(arg: unknown, coverage: () => CoverageResult | undefined): Promise<vscode.Uri | undefined> {
  const args = asNewStoryArgs(arg) ?? (await askForStory(coverage()));
  if (!args) return undefined;
  const { text, cursorLine } = storyTemplate(args.title, args.principles ?? []);
  const folder = storiesFolderUri(args.folder);

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
  editor.selection = new vscode.Selection(pos, pos);
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

/** `starStories.revealPosition`: put the cursor at a position (a quick fix that adds a part runs it, so the user types in the new part). */
export async function revealPosition(uriArg?: unknown, positionArg?: unknown): Promise<boolean> {
  const p = positionArg as { line?: unknown; character?: unknown } | undefined;
  if (typeof uriArg !== 'string' || !p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return false;
  const uri = vscode.Uri.parse(uriArg).toString();
  const editor =
    vscode.window.activeTextEditor?.document.uri.toString() === uri
      ? vscode.window.activeTextEditor
      : await vscode.window.showTextDocument(vscode.Uri.parse(uriArg));
  const at = editor.document.validatePosition(new vscode.Position(p.line as number, p.character as number));
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  return true;
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
