#!/usr/bin/env bash
# tests/run.sh BUILD_DIR [--with-node] [engine flags...]
# Runs every test suite against BUILD_DIR, passing the engine flags (for `make stress`),
# prints each suite's result and, as the last line, "N passed, N failed" over all suites.
set -u
cd "$(dirname "$0")/.."
build=$1; shift
with_node=0
flags=()
for a in "$@"; do
  if [ "$a" = --with-node ]; then with_node=1; else flags+=("$a"); fi
done
passed=0 failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# count SUITE FILE: adds the "P passed, F failed" line of FILE to the totals.
count() {
  local line p f
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "$1: no result line (crashed?)"; tail -n 20 "$2"; failed=$((failed + 1)); return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  passed=$((passed + p)); failed=$((failed + f))
  echo "$1: $line"
  if [ "$f" != 0 ]; then grep -E '^FAIL|expected|not ok' "$2" | head -n 30; fi
}

# 1. C unit tests
"$build/kiln-unittests" "${flags[@]}" > "$log/unit" 2>&1
count "unit tests" "$log/unit"

# 2. JS tests: tests/js/**/*.js run by the shell (tests/js/run.sh; 0 tests passes)
tests/js/run.sh "$build" "${flags[@]}" > "$log/js" 2>&1
count "JS tests" "$log/js"

# 3. examples: each must exit 0 (the C tour, and the JS tour run by the shell)
ex_p=0 ex_f=0
for ex in "$build/kiln-tour" "$build/kiln examples/tour.js" \
          "$build/kiln --allow-natives-syntax examples/tour-natives.js"; do
  read -r -a cmd <<< "$ex"
  if "${cmd[@]}" "${flags[@]}" > "$log/example" 2>&1; then ex_p=$((ex_p + 1));
  else ex_f=$((ex_f + 1)); echo "example $ex failed:"; tail -n 20 "$log/example"; fi
done
echo "$ex_p passed, $ex_f failed" > "$log/examples"
count "examples" "$log/examples"

# 3b. the kiln shell's command line: exit codes, the Uncaught report, $262, REPL
tests/shell/run.sh "$build" "${flags[@]}" > "$log/shell" 2>&1
count "shell" "$log/shell"

# 3c. the embedding API (include/kiln.h): its tests, the C++ header check and the C programs
# of examples/embed (each must exit 0 and print its .expected). Engine flags reach them
# through KILN_FLAGS, which kiln_isolate_new applies.
export KILN_FLAGS="${flags[*]}"
"$build/kiln-api-tests" > "$log/api" 2>&1
count "API tests" "$log/api"
em_p=0 em_f=0
for src in examples/embed/*.c; do
  name=$(basename "$src" .c)
  if "$build/examples/embed-$name" > "$log/embed" 2>&1 && diff -u "examples/embed/$name.expected" "$log/embed" > "$log/embed.diff"; then
    em_p=$((em_p + 1))
  else
    em_f=$((em_f + 1)); echo "embed example $name failed:"; tail -n 20 "$log/embed" "$log/embed.diff"
  fi
done
if [ -x "$build/kiln-api-cxx-check" ]; then
  if "$build/kiln-api-cxx-check" > "$log/embed" 2>&1; then em_p=$((em_p + 1));
  else em_f=$((em_f + 1)); echo "kiln.h C++ check failed:"; cat "$log/embed"; fi
fi
# libkiln.so exports exactly kiln.h's functions (everything internal is hidden)
if command -v nm > /dev/null && [ -f "$build/libkiln.so" ]; then
  nm -D --defined-only "$build/libkiln.so" | awk '{print $3}' | sort > "$log/exported"
  grep '^KILN_EXPORT' include/kiln.h | grep -o 'kiln_[a-z0-9_]*(' | tr -d '(' | sort > "$log/declared"
  if diff -u "$log/declared" "$log/exported" > "$log/exports.diff"; then em_p=$((em_p + 1));
  else em_f=$((em_f + 1)); echo "libkiln.so exports differ from kiln.h:"; head -n 20 "$log/exports.diff"; fi
fi
echo "$em_p passed, $em_f failed" > "$log/embed-all"
count "embedding examples" "$log/embed-all"
unset KILN_FLAGS

# 4. with --with-node (node installed): the Node.js add-on (bindings/node)
if [ "$with_node" = 1 ]; then
  bindings/node/run-tests.sh > "$log/node" 2>&1
  count "node add-on" "$log/node"
  # 5. the test262 runner's own checks, with node standing in for the shell
  python3 tools/test262/selftest.py > "$log/test262" 2>&1
  count "test262 runner" "$log/test262"
fi

# 6. issue 9: %DebugPrint and the natives, --trace-maps/--dump-maps, seed 000's example
# (after the add-on is built, so that its byte-for-byte comparison with Node runs)
tests/shell/introspect.sh "$build" "${flags[@]}" > "$log/introspect" 2>&1
count "introspect" "$log/introspect"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
