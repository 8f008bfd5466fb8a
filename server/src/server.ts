// Entry point of the language server bundle (dist/server.js).
// `star-stories-language-server --stdio` for editors; VS Code starts it over IPC.
import { start } from './lsp/server';
import { runWorkerIfAny } from './node/parallel';

// The same bundle runs the indexing worker threads.
if (!runWorkerIfAny()) start();
