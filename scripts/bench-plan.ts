// Planning a loop over a bank, as `star-stories plan` and the Loop Plan view
// do. Bundled and run by scripts/bench.mjs: node .bench/plan.js DIR
// (DIR: generated story files). Analysis is not timed; the plan is: events
// (same-event's grouping) and the min-cost flow, for 8 interviewers.
import { AMAZON_FRAMEWORK, defaultConfig, planLoop, resolveRules, eventOptions, type FileFacts } from '../server/src/core';
import { benchWorkspace } from './bench-workspace';

const { ws, uris } = benchWorkspace(process.argv[2]!);
const facts = uris.map((u) => ws.get(u)).filter((f): f is FileFacts => !!f);
const stories = facts.reduce((n, f) => n + f.stories.length, 0);
// 8 interviewers, the 16 principles dealt two to each
const names = AMAZON_FRAMEWORK.principles.map((p) => p.name);
const loop = { interviewers: Array.from({ length: 8 }, (_, i) => ({ name: `Interviewer ${i + 1}`, principles: names.slice(i * 2, i * 2 + 2) })) };
const rules = resolveRules(defaultConfig());
const options = { loop, events: eventOptions(rules), rules };
const times: number[] = [];
let plan = planLoop(facts, options);
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  plan = planLoop(facts, options);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const slots = plan.interviewers.flatMap((iv) => iv.slots);
console.log(
  JSON.stringify({
    stories,
    interviewers: loop.interviewers.length,
    events: plan.events,
    filled: slots.filter((s) => s.story).length,
    backups: slots.filter((s) => s.backup).length,
    slots: slots.length,
    median: times[Math.floor(times.length / 2)],
    max: times[times.length - 1],
  }),
);
