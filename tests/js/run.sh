#!/usr/bin/env bash
# tests/js/run.sh BUILD [engine flags...]
# Runs every tests/js/**/*.js and *.mjs test (harness.js and modules/lib/ aside: the .mjs
# tests are modules, modules/lib/ holds the modules they import) as `BUILD/kiln [flags] tests/js/harness.js
# TEST.js`. A test passes when the engine exits 0 and, if TEST.expected exists beside it, its
# stdout equals that file. A test whose first line is `// expect-error: NAME` passes only when
# the engine exits 1 with `Uncaught NAME` on stderr (stdout still compared to TEST.expected).
# Env: KILN_JS_ENGINE="cmd args" replaces BUILD/kiln (e.g. "node tools/test262/node-shell.js"
# to check this script); KILN_JS_TIMEOUT seconds per test (default 60): a hang fails the test.
# Prints each failure with the tail of its output, then, last, "P passed, F failed".
set -u
cd "$(dirname "$0")/../.."
if [ $# -lt 1 ]; then echo "usage: tests/js/run.sh BUILD [engine flags...]" >&2; exit 2; fi
build=$1; shift
if [ -n "${KILN_JS_ENGINE:-}" ]; then
  read -r -a engine <<< "$KILN_JS_ENGINE"
else
  engine=("$build/kiln")
fi
limit=${KILN_JS_TIMEOUT:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0

# fail TEST REASON: counts a failure and shows the tail of the test's stderr and stdout.
fail() {
  failed=$((failed + 1))
  echo "FAIL $1: $2"
  tail -n 15 "$out/stderr" | sed 's/^/  stderr| /'
  tail -n 15 "$out/stdout" | sed 's/^/  stdout| /'
}

# verdict TEST CODE: prints why TEST failed given the engine's exit code; silent on a pass.
verdict() {
  local test=$1 code=$2 want expected
  want=$(head -n 1 "$test" | sed -n 's|^// expect-error: *\([A-Za-z_$][A-Za-z0-9_$]*\).*|\1|p')
  expected=${test%.*}.expected
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then echo "timed out after ${limit}s"; return; fi
  if [ "$code" -gt 128 ]; then echo "crashed: killed by signal $((code - 128))"; return; fi
  if [ -n "$want" ]; then
    if [ "$code" != 1 ]; then echo "exit $code, expected 1 with Uncaught $want"; return; fi
    if ! grep -qE "^Uncaught $want(:|\$)" "$out/stderr"; then
      echo "exit 1 without 'Uncaught $want' on stderr"; return; fi
  elif [ "$code" != 0 ]; then
    echo "exit $code"; return
  fi
  if [ -f "$expected" ] && ! cmp -s "$expected" "$out/stdout"; then
    echo "stdout differs from $expected:"
    diff "$expected" "$out/stdout" | head -n 20 | sed 's/^/  /'
  fi
}

while IFS= read -r test; do
  timeout -k 5 "$limit" "${engine[@]}" "$@" tests/js/harness.js "$test" \
    > "$out/stdout" 2> "$out/stderr" < /dev/null
  reason=$(verdict "$test" $?)
  if [ -z "$reason" ]; then passed=$((passed + 1)); else fail "$test" "$reason"; fi
done < <(find tests/js \( -name '*.js' -o -name '*.mjs' \) ! -path tests/js/harness.js \
           ! -path '*/modules/lib/*' | sort)

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
