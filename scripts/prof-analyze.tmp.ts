import { readdirSync, readFileSync } from 'node:fs';
import { analyzeFile, PrincipleMatcher, crossFileView } from '../server/src/core';
import { loadConfig } from '../server/src/node/files';
import * as v8 from 'node:v8';
const dir = process.argv[2]!;
const mode = process.argv[3] ?? 'full';
const cfg = loadConfig(undefined, process.cwd()).config;
const matcher = new PrincipleMatcher(cfg.framework);
const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
const texts = files.map((f) => readFileSync(dir + '/' + f, 'utf8'));
const t0 = performance.now();
let n = 0;
for (let i = 0; i < texts.length; i++) {
  const facts = analyzeFile(dir + '/' + files[i], texts[i]!, { matcher, ruleOptions: cfg.options });
  n += facts.stories.length;
  if (mode === 'ser') { v8.serialize(facts); crossFileView(facts); }
}
console.log(mode, n, ((performance.now() - t0) / texts.length).toFixed(3), 'ms/file');
