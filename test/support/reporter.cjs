// Mocha's spec reporter, followed by the plain closing line CI reads:
// "N passed, N failed" (and ", N skipped" when some were skipped).
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class PlainSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${skipped}\n`);
    });
  }
}
module.exports = PlainSummary;
