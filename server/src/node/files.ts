// File-system helpers shared by the CLI and the language server:
// finding story files, reading them safely, loading the configuration.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { RULES_BY_ID, mergeConfig, parseConfig, parseFramework, readConfigData, type Config, type ConfigLayer, type ConfigProblem } from '../core';
import type { Settings } from '../protocol';

export const CONFIG_NAMES = ['.starstories.yaml', '.starstories.yml'];
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export interface LoadedConfig {
  config: Config;
  /** The file it came from, if any. */
  file?: string;
  /** The folder globs are relative to. */
  root: string;
  problems: ConfigProblem[];
  /** The configuration file or the framework file could not be read or parsed as a whole: defaults stand in for it. */
  failed: boolean;
}

/** Find `.starstories.yaml` in `dir` or a folder above it. */
export function findConfig(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const f = path.join(cur, name);
      if (fs.existsSync(f)) return f;
    }
    const up = path.dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

/** The first workspace folder that holds a `.starstories.yaml` (the language server's rule: no walking up). */
export function findConfigIn(roots: readonly string[]): string | undefined {
  for (const root of roots)
    for (const name of CONFIG_NAMES) {
      const f = path.join(root, name);
      if (fs.existsSync(f)) return f;
    }
  return undefined;
}

/** The editor's settings as configuration data: only what the user set. */
function settingsData(s: Settings): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  const rules = withLevels(s.rules, s.ruleLevels);
  if (Object.keys(rules).length) data.rules = rules;
  if (s.include?.length) data.include = s.include;
  if (s.exclude?.length) data.exclude = s.exclude;
  if (s.coverage?.target) data.coverage = { target: s.coverage.target };
  if (s.framework) data.framework = s.framework;
  if (s.storiesFolder && s.storiesFolder !== 'stories') data.storiesFolder = s.storiesFolder;
  return Object.keys(data).length ? data : undefined;
}

/**
 * `starStories.rules` with the levels of `starStories.ruleLevels` (the Settings
 * editor's drop-downs) merged in: a level set in `rules` goes first; a level
 * equal to the rule's default is left out (the setting's default lists every
 * rule at its default level).
 */
export function withLevels(rules: unknown, levels: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = rules && typeof rules === 'object' && !Array.isArray(rules) ? { ...(rules as Record<string, unknown>) } : {};
  if (!levels || typeof levels !== 'object' || Array.isArray(levels)) return out;
  for (const [id, level] of Object.entries(levels as Record<string, unknown>)) {
    const rule = RULES_BY_ID.get(id);
    if (typeof level !== 'string' || !rule || level === rule.meta.defaultSeverity) continue;
    const own = out[id];
    if (own === undefined) out[id] = level;
    else if (own && typeof own === 'object' && !Array.isArray(own) && !('level' in own)) out[id] = { ...own, level };
  }
  return out;
}

export interface LoadOptions {
  /**
   * Folders a path from the repository (the configuration file's `framework`)
   * may lead into, besides the configuration file's own folder: the
   * workspace folders.
   */
  workspaceRoots?: readonly string[];
  /**
   * Whether the editor's settings are the user's own choice (default true).
   * In an untrusted workspace (Restricted Mode) they are held to the
   * workspace like the file.
   */
  trustedSettings?: boolean;
}

/** `p` (made real: links resolved) lies inside one of `roots` (made real too). */
export function isInside(p: string, roots: readonly string[]): boolean {
  const real = realOr(p);
  return roots.some((r) => {
    const rel = path.relative(realOr(r), real);
    return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
  });
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The configuration in force, for the CLI and the language server alike:
 * the editor's settings (when there are any), then the configuration file
 * on top (it is what CI reads), then the framework file either points at.
 * Never throws: what cannot be read or parsed is a problem, and the
 * defaults stand in for it (`failed` says so, for a caller that would
 * rather keep the last configuration that loaded). Files are read with
 * `readBytes`: never a FIFO, device or folder, never more than
 * `MAX_FILE_BYTES`. A framework path from the configuration file must stay
 * inside the file's folder or a workspace folder; one from the editor's
 * settings may point anywhere unless the settings are not trusted.
 */
export function loadConfig(file: string | undefined, fallbackRoot: string, settings?: Settings, options: LoadOptions = {}): LoadedConfig {
  const root = file ? path.dirname(path.resolve(file)) : path.resolve(fallbackRoot);
  const problems: ConfigProblem[] = [];
  const layers: ConfigLayer[] = [];
  let failed = false;
  const fromSettings = settings && settingsData(settings);
  let settingsFramework: string | undefined;
  if (fromSettings) {
    const read = readConfigData(fromSettings, 'settings (starStories.*)');
    problems.push(...read.problems);
    layers.push(read.layer);
    settingsFramework = read.layer.frameworkPath;
  }
  let fileFramework: string | undefined;
  if (file) {
    const bytes = readBytes(file);
    const text = bytes.ok ? decodeText(bytes.bytes) : bytes;
    if (!text.ok) {
      failed = true;
      problems.push({ message: `Cannot read ${file}: ${text.error.replace(', not a story file', '')}` });
    } else {
      const read = parseConfig(text.text);
      if (read.problems.some((p) => /is not valid YAML/.test(p.message))) failed = true;
      problems.push(...read.problems.map((p) => ({ ...p, message: `${file}${p.line ? `:${p.line}` : ''}: ${p.message}` })));
      layers.push(read.layer);
      fileFramework = read.layer.frameworkPath;
    }
  }
  const config = mergeConfig(...layers);
  const out: LoadedConfig = { config, root, problems, failed };
  if (file) out.file = file;
  if (config.frameworkPath) {
    const fw = path.resolve(root, config.frameworkPath);
    const fromFile = fileFramework !== undefined;
    const where = fromFile ? file! : 'settings (starStories.framework)';
    const allowed = [root, ...(options.workspaceRoots ?? [])];
    if ((fromFile || (settingsFramework !== undefined && options.trustedSettings === false)) && !isInside(fw, allowed)) {
      out.problems.push({
        message: `${where}: the framework file ${fw} is outside the ${fromFile ? "configuration file's folder and the workspace" : 'workspace (an untrusted workspace cannot point outside itself)'}; the default framework is used (a framework elsewhere can be set in your own editor settings)`,
      });
      delete config.frameworkPath;
    } else {
      const bytes = readBytes(fw);
      const text = bytes.ok ? decodeText(bytes.bytes) : bytes;
      if (!text.ok) {
        out.failed = true;
        out.problems.push({ message: `${where}: cannot read the framework file ${fw}: ${text.error.replace(', not a story file', '')}` });
      } else {
        const parsed = parseFramework(text.text);
        if (parsed.framework) config.framework = parsed.framework;
        else out.failed = true;
        out.problems.push(...parsed.problems.map((p) => ({ ...p, message: `${fw}${p.line ? `:${p.line}` : ''}: ${p.message}` })));
      }
    }
  }
  return out;
}

export interface FileFilter {
  /** A story file to check. */
  accept(absPath: string): boolean;
  /** A folder not to enter. */
  skipDir(absPath: string): boolean;
}

/** A filter for story files by the configuration's include and exclude globs. */
export function fileFilter(config: Config, root: string): FileFilter {
  const opts = { dot: true };
  const include = config.include.length ? picomatch(config.include, opts) : undefined;
  const exclude = config.exclude.length ? picomatch(config.exclude, opts) : undefined;
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  return {
    accept(abs) {
      const r = rel(abs);
      if (r.split('/').some((seg) => ALWAYS_SKIPPED.has(seg))) return false;
      if (exclude?.(r)) return false;
      if (include && !r.startsWith('..') && !include(r)) return false;
      return true;
    },
    skipDir(abs) {
      const name = path.basename(abs);
      if (ALWAYS_SKIPPED.has(name)) return true;
      if (!exclude) return false;
      const r = rel(abs);
      return exclude(r) || exclude(`${r}/`);
    },
  };
}

/** Called for a `*.md` entry that is not read as a story (a FIFO, a device, a socket, a link to a folder or to nothing), with the reason. */
export type SkipHandler = (absPath: string, why: string) => void;

/**
 * Every *.md file under `dir`, skipping node_modules, .git and excluded
 * folders, sorted. Symbolic links count only when they lead to a regular
 * file (folders reached through links are not entered, so no loop); other
 * `*.md` entries that are not regular files go to `onSkip`.
 */
export function findMarkdown(dir: string, filter: FileFilter, out: string[] = [], onSkip?: SkipHandler): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!filter.skipDir(abs)) findMarkdown(abs, filter, out, onSkip);
      continue;
    }
    if (!/\.md$/i.test(e.name) || !filter.accept(abs)) continue;
    if (e.isFile()) out.push(abs);
    else if (e.isSymbolicLink()) {
      const why = specialFile(abs);
      if (why === undefined) out.push(abs);
      else onSkip?.(abs, why.startsWith('a folder') ? 'a link to a folder (folders reached through links are not searched)' : why);
    } else onSkip?.(abs, specialFile(abs) ?? 'not a regular file');
  }
  return out;
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

/** The largest file read, story or configuration: beyond it a file is refused unread (a story bank's largest file is far smaller). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILE_TEXT = `${MAX_FILE_BYTES / 1024 / 1024} MB`;

/** What a non-regular file is, in words, for a message. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file is not read as a story, when a listing can tell without opening it (`undefined`: a regular file, or a symlink to one). */
export function specialFile(abs: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    return errorText(e as NodeJS.ErrnoException);
  }
  return st.isFile() ? undefined : `${kindOf(st)}, not a story file`;
}

function errorText(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a folder, not a story file';
    case 'ELOOP':
      return 'a symbolic link loop';
    default:
      return err.message;
  }
}

// O_NONBLOCK: opening a FIFO never waits for a writer (the type is checked on the descriptor before any read)
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file (symbolic links followed, loops refused by the
 * system), at most `MAX_FILE_BYTES`: FIFOs, devices, sockets and folders are
 * refused without reading, so nothing blocks and nothing reads without end.
 */
export function readBytes(file: string): { ok: true; bytes: Buffer } | { ok: false; error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, error: errorText(e as NodeJS.ErrnoException) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, error: `${kindOf(st)}, not a story file` };
    if (st.size > MAX_FILE_BYTES) return { ok: false, error: `too large (${(st.size / 1048576).toFixed(1)} MB; files over ${MAX_FILE_TEXT} are not read)` };
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return { ok: true, bytes: n === buf.length ? buf : buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, error: errorText(e as NodeJS.ErrnoException) };
  } finally {
    fs.closeSync(fd);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: UTF-8 (a BOM dropped), or UTF-16 when the file starts with a UTF-16 BOM; binary or undecodable bytes are refused with a reason. */
export function decodeText(buf: Buffer): ReadResult {
  const b0 = buf[0];
  const b1 = buf[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    try {
      // the BOM is dropped by the decoder; a lone byte at the end is an error, not a character
      return { ok: true, text: new TextDecoder(b0 === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(buf) };
    } catch {
      return { ok: false, error: `not UTF-16 text (it starts with a UTF-16 byte order mark)` };
    }
  }
  if (buf.subarray(0, 8192).includes(0)) return { ok: false, error: 'not a text file (it holds binary data)' };
  try {
    return { ok: true, text: decoder.decode(buf) };
  } catch {
    return { ok: false, error: 'not UTF-8 text' };
  }
}

/** Read a story file as text (see `readBytes` and `decodeText`); what cannot be read is refused with a reason. */
export function readText(file: string): ReadResult {
  const read = readBytes(file);
  return read.ok ? decodeText(read.bytes) : read;
}
