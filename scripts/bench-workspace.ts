// What the plan and report benches start from: every generated story file of
// DIR read into an in-memory Workspace, in name order (bundled into each).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../server/src/core';

export function benchWorkspace(dir: string): { ws: Workspace; uris: string[] } {
  const ws = new Workspace();
  const uris = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
  for (const uri of uris) ws.set(uri, fs.readFileSync(uri, 'utf8'));
  return { ws, uris };
}
