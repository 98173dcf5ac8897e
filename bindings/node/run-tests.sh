#!/usr/bin/env bash
# Builds the type-pointer add-on in place (offline, against the running
# Node's headers) and runs its tests. Works from any directory.
# Last line of output: "P passed, F failed" (node test-runner tests; a failed
# build counts as 1 failed). Exit status is non-zero if anything failed.

set -u

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node: skipped (node not installed)"
  echo "0 passed, 0 failed"
  exit 0
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# No network: no update check, no audit, no funding lookup.
export npm_config_update_notifier=false npm_config_audit=false npm_config_fund=false

echo "== build: npm run build (node-gyp rebuild --nodedir=<local headers>)"
if ! (cd "$here" && npm run --silent build); then
  echo "build: FAILED"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test: node --expose-gc --test test/"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
(cd "$here" && node --expose-gc --test --test-reporter=tap test/) 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

passed="$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)"
failed="$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$out" | tail -n 1)"
passed="${passed:-0}"
failed="${failed:-0}"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the runner failed without reporting a failed test
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
