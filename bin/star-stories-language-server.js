#!/usr/bin/env -S node --max-semi-space-size=8
// The language server for editors other than VS Code: `star-stories-language-server --stdio`.
// The flag keeps V8's young generation small (the VS Code client passes the same one): a server
// that lives for hours stays near its live size. `node bin/star-stories-language-server.js` works
// too, with V8's default young generation.
require('../dist/server.js');
