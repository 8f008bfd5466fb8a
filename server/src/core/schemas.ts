// JSON-schema validation of frontmatter, configuration and frameworks,
// with messages a candidate can act on.

import type { ErrorObject } from 'ajv';
// Validators compiled ahead of time from schemas/*.json (scripts/gen-validators.mjs),
// so no schema compiler is loaded at start-up.
import * as validators from './generated/validators.js';

export interface SchemaProblem {
  /** Top-level key the problem is under ('' for the document). */
  key: string;
  /** JSON pointer of the offending value. */
  path: string;
  message: string;
}

/** A value as a message names it: `a list`, `the number 5`, `` `true` ``. */
export function typeOf(v: unknown): string {
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `\`${v}\``;
  return `a ${typeof v}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const seg of pointer.split('/').slice(1)) {
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    else return undefined;
  }
  return cur;
}

const EXPECT: Record<string, string> = {
  title: 'text',
  principles: 'a list of principle names, or one comma-separated string',
  company: 'text',
  star: '`true` or `false`',
  tags: 'a list of words',
};

function describe(errors: ErrorObject[], data: unknown, what: string, expectations: Record<string, string>): SchemaProblem[] {
  const out = new Map<string, SchemaProblem>();
  for (const e of errors) {
    const pointer = e.instancePath;
    const key = pointer.split('/')[1] ?? '';
    const shown = pointer ? pointer.slice(1).replace(/\//g, '.') : what;
    if (out.has(pointer)) continue;
    let message: string;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      message = `${what}: unknown key \`${pointer ? `${shown}.` : ''}${extra}\`.`;
      out.set(`${pointer}/${extra}`, { key: key || extra, path: `${pointer}/${extra}`, message });
      continue;
    }
    if (e.keyword === 'required') {
      message = `${what}: \`${pointer ? `${shown}.` : ''}${(e.params as { missingProperty: string }).missingProperty}\` is required.`;
    } else if (e.keyword === 'enum') {
      message = `${what}: \`${shown}\` must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => `\`${String(v)}\``).join(', ')}.`;
    } else if (e.keyword === 'minLength' || e.keyword === 'minItems') {
      message = `${what}: \`${shown}\` must not be empty.`;
    } else {
      const expected =
        expectations[key] && pointer === `/${key}`
          ? expectations[key]
          : e.keyword === 'type'
            ? `of type ${(e.params as { type: string }).type}`
            : (e.message ?? 'valid');
      message = `${what}: \`${shown}\` must be ${expected}, not ${typeOf(valueAt(data, pointer))}.`;
    }
    out.set(pointer, { key, path: pointer, message });
  }
  // oneOf failures repeat the inner errors: keep the most specific per top-level key
  const byKey = new Map<string, SchemaProblem>();
  for (const p of out.values()) {
    const prev = byKey.get(p.key);
    if (!prev || (p.path.length < prev.path.length && prev.path.startsWith(p.path))) byKey.set(p.key, p);
  }
  return [...byKey.values()];
}

export function validateStoryFrontmatter(data: Record<string, unknown>): SchemaProblem[] {
  const v = validators.story;
  return v(data) ? [] : describe(v.errors ?? [], data, 'Frontmatter', EXPECT);
}

export function validateConfig(data: unknown, what = '.starstories.yaml'): SchemaProblem[] {
  const v = validators.config;
  return v(data)
    ? []
    : describe(v.errors ?? [], data, what, {
        rules: 'a mapping of rule ids to levels or options',
        include: 'a list of globs',
        exclude: 'a list of globs',
      });
}

export function validateFramework(data: unknown): SchemaProblem[] {
  const v = validators.framework;
  return v(data) ? [] : describe(v.errors ?? [], data, 'Framework', { principles: 'a list of principles, each with a `name`' });
}
