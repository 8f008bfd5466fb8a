// File-system helpers shared by the CLI and the language server:
// finding story files, reading them safely, loading the configuration.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { mergeConfig, parseConfig, parseFramework, readConfigData, type Config, type ConfigLayer, type ConfigProblem } from '../core';
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
  if (s.rules && typeof s.rules === 'object' && Object.keys(s.rules).length) data.rules = s.rules;
  if (s.include?.length) data.include = s.include;
  if (s.exclude?.length) data.exclude = s.exclude;
  if (s.coverage?.target) data.coverage = { target: s.coverage.target };
  if (s.framework) data.framework = s.framework;
  if (s.storiesFolder && s.storiesFolder !== 'stories') data.storiesFolder = s.storiesFolder;
  return Object.keys(data).length ? data : undefined;
}

/**
 * The configuration in force, for the CLI and the language server alike:
 * the editor's settings (when there are any), then the configuration file
 * on top (it is what CI reads), then the framework file either points at.
 * Never throws: what cannot be read or parsed is a problem, and the
 * defaults stand in for it.
 */
export function loadConfig(file: string | undefined, fallbackRoot: string, settings?: Settings): LoadedConfig {
  const root = file ? path.dirname(path.resolve(file)) : path.resolve(fallbackRoot);
  const problems: ConfigProblem[] = [];
  const layers: ConfigLayer[] = [];
  const fromSettings = settings && settingsData(settings);
  if (fromSettings) {
    const read = readConfigData(fromSettings, 'settings (starStories.*)');
    problems.push(...read.problems);
    layers.push(read.layer);
  }
  if (file) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ message: `Cannot read ${file}: ${(e as Error).message}` });
    }
    if (text !== undefined) {
      const read = parseConfig(text);
      problems.push(...read.problems.map((p) => ({ ...p, message: `${file}${p.line ? `:${p.line}` : ''}: ${p.message}` })));
      layers.push(read.layer);
    }
  }
  const config = mergeConfig(...layers);
  const out: LoadedConfig = { config, root, problems };
  if (file) out.file = file;
  if (config.frameworkPath) {
    const fw = path.resolve(root, config.frameworkPath);
    try {
      const parsed = parseFramework(fs.readFileSync(fw, 'utf8'));
      if (parsed.framework) config.framework = parsed.framework;
      out.problems.push(...parsed.problems.map((p) => ({ ...p, message: `${fw}${p.line ? `:${p.line}` : ''}: ${p.message}` })));
    } catch (e) {
      out.problems.push({ message: `${file ?? 'settings'}: cannot read the framework file ${fw}: ${(e as Error).message}` });
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

/** Every *.md file under `dir`, skipping node_modules, .git and excluded folders, sorted. */
export function findMarkdown(dir: string, filter: FileFilter, out: string[] = []): string[] {
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
      if (!filter.skipDir(abs)) findMarkdown(abs, filter, out);
    } else if ((e.isFile() || e.isSymbolicLink()) && /\.md$/i.test(e.name) && filter.accept(abs)) out.push(abs);
  }
  return out;
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read a story file as UTF-8 text; binary or undecodable files are refused with a reason. */
export function readText(file: string): ReadResult {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    return { ok: false, error: why };
  }
  if (buf.subarray(0, 8192).includes(0)) return { ok: false, error: 'not a text file (it holds binary data)' };
  try {
    return { ok: true, text: decoder.decode(buf) };
  } catch {
    return { ok: false, error: 'not UTF-8 text' };
  }
}
