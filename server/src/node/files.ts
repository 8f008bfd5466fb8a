// File-system helpers shared by the CLI and the language server:
// finding story files, reading them safely, loading the configuration.

import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig, parseConfig, parseFramework, type Config, type ConfigProblem } from '../core';

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

/** Read and parse a configuration file, and the framework file it points at. */
export function loadConfig(file: string | undefined, fallbackRoot: string): LoadedConfig {
  if (!file) return { config: defaultConfig(), root: path.resolve(fallbackRoot), problems: [] };
  const root = path.dirname(path.resolve(file));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { config: defaultConfig(), file, root, problems: [{ message: `Cannot read ${file}: ${(e as Error).message}` }] };
  }
  const { config, problems } = parseConfig(text);
  const out: LoadedConfig = { config, file, root, problems: problems.map((p) => ({ ...p, message: `${file}${p.line ? `:${p.line}` : ''}: ${p.message}` })) };
  if (config.frameworkPath) {
    const fw = path.resolve(root, config.frameworkPath);
    try {
      const parsed = parseFramework(fs.readFileSync(fw, 'utf8'));
      if (parsed.framework) config.framework = parsed.framework;
      out.problems.push(...parsed.problems.map((p) => ({ ...p, message: `${fw}${p.line ? `:${p.line}` : ''}: ${p.message}` })));
    } catch (e) {
      out.problems.push({ message: `${file}: cannot read the framework file ${fw}: ${(e as Error).message}` });
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
      return exclude(r) || exclude(r + '/');
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
