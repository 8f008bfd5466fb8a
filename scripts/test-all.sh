#!/usr/bin/env bash
# npm test: build, type-check, then every test suite. Each suite ends with a
# plain "N passed, N failed" line; a failing suite does not stop the others,
# but makes the whole run fail.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
total_pass=0
total_fail=0

step() { # name, command...
  local name=$1; shift
  echo
  echo "=== $name"
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -n "$line" ]; then
    total_pass=$((total_pass + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
    total_fail=$((total_fail + $(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')))
  elif [ "$rc" -ne 0 ]; then
    total_fail=$((total_fail + 1))
  fi
  if [ "$rc" -ne 0 ]; then
    echo "--- $name FAILED (exit $rc)"
    status=1
  fi
  rm -f "$log"
}

step "build" node scripts/build.mjs
step "typecheck" npx --no-install tsc -p .
step "unit tests (core, rules, fixtures)" node scripts/run-mocha.mjs test/unit
step "CLI tests (the built CLI as a process)" node scripts/run-mocha.mjs test/cli
step "LSP protocol tests (the built server over stdio)" node scripts/run-mocha.mjs test/lsp

echo
echo "all suites: $total_pass passed, $total_fail failed"
exit $status
