// Entry point of the language server bundle (dist/server.js).
// `star-stories-language-server --stdio` for editors; VS Code starts it over IPC.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { runAnalystIfAny } from './lsp/analyst';
import { start } from './lsp/server';
import { runWorkerIfAny } from './node/parallel';

// A server lives for hours and every keystroke replaces a little long-lived
// state (the edited file's facts, chunks and findings). V8's default lets the
// old generation grow to several times what is live before it collects; a
// growing factor of 1.2 keeps the process near its live size (peak RSS after
// 210 edits on 1,000 files ~156 -> ~144 MB) for a few more short, incremental
// collections. The flag is read at each collection, so setting it here works.
if (isMainThread) setFlagsFromString('--heap-growing-percent=20');

// The same bundle runs the indexing worker threads and the analysis worker of large documents.
if (!runWorkerIfAny() && !runAnalystIfAny()) start();
