import { main } from './main';
import { runWorkerIfAny } from '../node/parallel';

if (!runWorkerIfAny()) {
  // `star-stories check | head`: the reader went away; stop quietly, as other command-line tools do
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      if (process.env.STAR_STORIES_STATS) {
        const ru = process.resourceUsage();
        process.stderr.write(`stats: maxRSS=${ru.maxRSS}KB cpu=${((ru.userCPUTime + ru.systemCPUTime) / 1000).toFixed(0)}ms\n`);
      }
      // Let stdout drain before exiting (large reports go through a pipe).
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`star-stories: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
