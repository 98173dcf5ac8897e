#!/usr/bin/env bash
# tests/shell/run.sh BUILD [engine flags...]
# The kiln shell's command-line contract (docs/shell.md): exit codes, the order of -e and
# files, stdin, print/load/console, the exact "Uncaught ..." report on stderr, $262 with
# --test262, --help, and the REPL (through a pseudo-terminal, when python3 is present).
# Prints each failure, then, last, "P passed, F failed".
set -u
cd "$(dirname "$0")/../.."
if [ $# -lt 1 ]; then echo "usage: tests/shell/run.sh BUILD [engine flags...]" >&2; exit 2; fi
build=$1; shift
kiln=("$build/kiln" "$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# check NAME WANT_CODE WANT_STDOUT WANT_STDERR_REGEX -- ARGS...: runs kiln with ARGS (stdin
# from $tmp/stdin when it exists, else /dev/null) and compares. WANT_STDOUT "*" skips the
# stdout check; the stderr regex (grep -E, over the whole text joined by '|') may be "".
check() {
  local name=$1 code=$2 out=$3 err=$4; shift 5
  local input=/dev/null
  [ -f "$tmp/stdin" ] && input=$tmp/stdin
  timeout -k 5 60 "${kiln[@]}" "$@" < "$input" > "$tmp/out" 2> "$tmp/err"
  local got=$? why=""
  local got_out got_err
  got_out=$(cat "$tmp/out")
  got_err=$(tr '\n' '|' < "$tmp/err")
  if [ "$got" != "$code" ]; then why="exit $got, expected $code"
  elif [ "$out" != "*" ] && [ "$got_out" != "$out" ]; then why="stdout differs"
  elif [ -n "$err" ] && ! grep -qE -- "$err" <<< "$got_err"; then why="stderr does not match /$err/"
  elif [ -z "$err" ] && [ -s "$tmp/err" ]; then why="unexpected stderr"
  fi
  rm -f "$tmp/stdin"
  if [ -z "$why" ]; then passed=$((passed + 1)); return; fi
  failed=$((failed + 1))
  echo "FAIL $name: $why"
  echo "  args: $*"
  sed 's/^/  stdout| /' "$tmp/out" | head -n 10
  echo "  expected stdout| $out" | head -n 10
  sed 's/^/  stderr| /' "$tmp/err" | head -n 10
}

# ---- running code --------------------------------------------------------------------
cat > "$tmp/a.js" <<'EOF'
var fromA = 'a';
print('file a');
EOF
cat > "$tmp/b.js" <<'EOF'
print('file b sees', fromA, typeof fromE);
EOF
check "files and -e run in order in one realm" 0 $'e1\nfile a\nfile b sees a number\ndone' "" -- \
  -e "print('e1'); var fromE = 1;" "$tmp/a.js" "$tmp/b.js" -e "print('done')"
check "script-scope let is shared between scripts" 0 "2" "" -- -e "let shared = 1;" -e "print(shared + 1)"
echo "print('from stdin', 6 * 7)" > "$tmp/stdin"
check "stdin that is not a terminal runs as one script" 0 "from stdin 42" "" --
echo "print('dash')" > "$tmp/stdin"
check "'-' reads stdin" 0 "dash" "" -- -
check "print: ToString of each argument" 0 "a 1 true null undefined [object Object] 1,2" "" -- \
  -e "print('a', 1, true, null, undefined, {}, [1, 2])"
check "print with no arguments prints an empty line" 0 "" "" -- -e "print()"
cat > "$tmp/lib.js" <<'EOF'
var loaded = 'yes';
40 + 2;
EOF
check "load runs a file in the same realm and returns its completion value" 0 "42 yes" "" -- \
  -e "var r = load('$tmp/lib.js'); print(r, loaded)"
check "load of a missing file throws" 0 "caught" "" -- \
  -e "try { load('$tmp/missing.js'); } catch (e) { print('caught'); }"
check "console.log to stdout, console.error and warn to stderr" 0 $'out 1\ninfo\ndebug' \
  '^err \{ a: 1 \}\|warn\|$' -- \
  -e "console.log('out', 1); console.error('err', {a: 1}); console.info('info'); console.warn('warn'); console.debug('debug')"

# ---- exit codes and usage errors ------------------------------------------------------
check "missing file: exit 2 with a message" 2 "" "cannot read .*missing\.js" -- "$tmp/missing.js"
check "missing file is reported before anything runs" 2 "" "cannot read" -- -e "print('ran')" "$tmp/missing.js"
check "--module runs FILE as a module" 0 "file a" "" -- --module "$tmp/a.js"
check "--module of a missing file: exit 2" 2 "" "cannot read .*missing\.mjs" -- --module "$tmp/missing.mjs"
mkdir -p "$tmp/mods"
printf "export let n = 1;\nexport function bump() { n++; }\n" > "$tmp/mods/dep.mjs"
printf "import { n, bump } from './dep.mjs';\nbump();\nprint(n, this, import.meta.url === 'file://' + import.meta.filename);\n" > "$tmp/mods/main.mjs"
check "a .mjs file is a module: imports resolve next to it" 0 "2 undefined true" "" -- "$tmp/mods/main.mjs"
printf "import { nope } from './dep.mjs';\nprint('ran');\n" > "$tmp/mods/link.mjs"
check "a missing export is a SyntaxError before the module runs: exit 1" 1 "" \
  "^Uncaught SyntaxError: The requested module './dep.mjs' does not provide an export named 'nope'" -- "$tmp/mods/link.mjs"
printf "await new Promise(r => setTimeout(r, 1));\nthrow new Error('late');\n" > "$tmp/mods/late.mjs"
check "a module rejected after top-level await: exit 1" 1 "" "^Uncaught Error: late" -- "$tmp/mods/late.mjs"
check "--module-base: import() in a script resolves against DIR" 0 "1" "" -- \
  --module-base "$tmp/mods" -e "import('./dep.mjs').then(ns => print(ns.n))"
check "unknown flag: exit 2" 2 "" "unknown flag: --no-such-flag" -- --no-such-flag
check "-e without code: exit 2" 2 "" "-e needs an argument" -- -e
check "an exception stops the run: exit 1" 1 "before" "^Uncaught Error: stop" -- \
  -e "print('before'); throw new Error('stop');" -e "print('after')"
check "--version" 0 "kiln 0.1.0" "" -- --version

# ---- the Uncaught report (the contract with tools/test262/run.py) ----------------------
cat > "$tmp/throws.js" <<'EOF'
function inner() {
  null.property;
}
function outer() { inner(); }
outer();
EOF
check "uncaught TypeError: message then the stack" 1 "" \
  "^Uncaught TypeError: [^|]+\|    at inner \([^|]*throws\.js:2:[0-9]+\)\|    at outer \([^|]*throws\.js:4:[0-9]+\)\|" -- "$tmp/throws.js"
check "uncaught error from -e" 1 "" "^Uncaught RangeError: boom\|    at " -- -e "throw new RangeError('boom')"
check "thrown string: inspected" 1 "" "^Uncaught 'text'\|$" -- -e "throw 'text'"
check "thrown number" 1 "" "^Uncaught 42\|$" -- -e "throw 42"
check "thrown undefined" 1 "" "^Uncaught undefined\|$" -- -e "throw undefined"
check "thrown plain object: inspected" 1 "" "^Uncaught \{ a: 1 \}\|$" -- -e "throw {a: 1}"
check "thrown object with its own toString (Test262Error)" 1 "" \
  "^Uncaught Test262Error: expected true\|$" -- \
  -e "function Test262Error(m) { this.message = m; }
      Test262Error.prototype.toString = function () { return 'Test262Error: ' + this.message; };
      throw new Test262Error('expected true');"
check "thrown object inheriting Error.prototype (AssertionError)" 1 "" \
  "^Uncaught AssertionError: bad\|" -- \
  -e "function AssertionError(m) { this.message = m; }
      AssertionError.prototype = Object.create(Error.prototype);
      AssertionError.prototype.name = 'AssertionError';
      throw new AssertionError('bad');"
check "thrown object of another realm: inspected" 1 "" "^Uncaught \{ b: 2 \}\|$" -- --test262 \
  -e "throw \$262.createRealm().evalScript('({b: 2})')"
check "toString that throws: inspected instead" 1 "" "^Uncaught Bad \{\}\|$" -- \
  -e "class Bad { toString() { throw 1; } } throw new Bad();"
printf 'var ok = 1;\nvar = 2;\n' > "$tmp/syntax.js"
check "SyntaxError: message then file:line:column" 1 "" \
  "^Uncaught SyntaxError: [^|]+\|    at [^|]*syntax\.js:2:[0-9]+\|" -- "$tmp/syntax.js"
check "a SyntaxError runs nothing of the script" 1 "" "^Uncaught SyntaxError" -- -e "print('no'); )"

# ---- jobs, unhandled rejections, timers -------------------------------------------------
check "promise jobs run after the script, before the next one" 0 $'sync\njob\nnext script' "" -- \
  -e "Promise.resolve().then(() => print('job')); print('sync')" -e "print('next script')"
check "an unhandled rejection: Uncaught (in promise), exit 1" 1 "after" \
  "^Uncaught \\(in promise\\) TypeError: nobody catches" -- \
  -e "Promise.reject(new TypeError('nobody catches')); print('after')"
check "a rejection handled in a later job is not reported" 0 "handled" "" -- \
  -e "var p = Promise.reject(1); Promise.resolve().then(() => p.catch(() => print('handled')))"
check "--test262: unhandled rejections are not errors" 0 "" "" -- --test262 -e "Promise.reject(1)"
check "timers run after the script, by due time" 0 $'sync\n0\n5\n10' "" -- \
  -e "setTimeout(() => print(10), 10); setTimeout(() => print(0), 0); setTimeout(() => print(5), 5); print('sync')"
check "a timer callback that throws: exit 1" 1 "" "^Uncaught Error: from a timer" -- \
  -e "setTimeout(() => { throw new Error('from a timer'); }, 1)"

# ---- $262 (--test262) -----------------------------------------------------------------
check "\$262 absent without --test262" 0 "undefined" "" -- -e "print(typeof \$262)"
check "\$262.global is the global object" 0 "true" "" -- --test262 -e "print(\$262.global === this)"
check "\$262 properties" 0 "function function function function object true" "" -- --test262 -e \
  "print(typeof \$262.gc, typeof \$262.createRealm, typeof \$262.evalScript, typeof \$262.detachArrayBuffer, typeof \$262.agent, 'IsHTMLDDA' in \$262)"
check "\$262.IsHTMLDDA: typeof, ToBoolean, loose equality (B.3.6)" 0 \
  "undefined false true true false false true true false" "" -- --test262 -e \
  "var d = \$262.IsHTMLDDA;
   print(typeof d, !!d, d == null, d == undefined, d === undefined, d === null,
         undefined == d, null == d, d == 0)"
check "\$262.IsHTMLDDA: calls return null; otherwise an ordinary object" 0 \
  "true true true true true 1 true true" "" -- --test262 -e \
  "var d = \$262.IsHTMLDDA;
   var viaDefault = (function (a = 1) { return a; })(d);
   var [e = 1] = [d];
   d.extra = 1;
   print(d() === null, d('') === null, (d ?? 1) === d, viaDefault === d, e === d, d.extra,
         Object.is(d, d), Object(d) === d)"
check "\$262.IsHTMLDDA: if, ?:, && and || see it as false; other realms have their own" 0 \
  "no b no true undefined false" "" -- --test262 -e \
  "var d = \$262.IsHTMLDDA, r = [];
   if (d) r.push('yes'); else r.push('no');
   r.push(d ? 'a' : 'b'); r.push(d && 'x' || 'no');
   var other = \$262.createRealm().global.\$262.IsHTMLDDA;
   r.push(other !== d, typeof other, !!other);
   print(r.join(' '))"
check "\$262.gc runs a full collection" 0 "kept" "" -- --test262 -e "var o = {v: 'kept'}; \$262.gc(); print(o.v)"
check "\$262.evalScript returns the completion value" 0 "3 global" "" -- --test262 -e \
  "var r = \$262.evalScript('var viaEval = \"global\"; 1 + 2'); print(r, viaEval)"
check "\$262.evalScript throws the script's errors" 0 "SyntaxError TypeError" "" -- --test262 -e \
  "var a, b; try { \$262.evalScript('var = 1'); } catch (e) { a = e.name; }
   try { \$262.evalScript('null.x'); } catch (e) { b = e.name; } print(a, b)"
check "\$262.createRealm: a new realm with its own globals" 0 "false true 2 1 undefined true" "" -- --test262 -e \
  "var other = \$262.createRealm();
   var r = other.evalScript('var inOther = 1; inOther + 1');
   print(other.global.Array === Array, typeof other.global.Array === 'function', r,
         other.global.inOther, typeof inOther, typeof other.global.\$262.createRealm === 'function')"
check "errors from another realm use that realm's constructors" 0 "false true" "" -- --test262 -e \
  "var other = \$262.createRealm(); var e;
   try { other.evalScript('null.x'); } catch (err) { e = err; }
   print(e instanceof TypeError, e instanceof other.global.TypeError)"
check "\$262.detachArrayBuffer throws TypeError" 0 "TypeError" "" -- --test262 -e \
  "try { \$262.detachArrayBuffer({}); } catch (e) { print(e.name); }"
check "\$262.agent: monotonicNow and sleep work" 0 "true true" "" -- --test262 -e \
  "var t = \$262.agent.monotonicNow(); \$262.agent.sleep(5);
   print(typeof t === 'number', \$262.agent.monotonicNow() >= t + 4)"
check "\$262.agent: agents on threads wait and are notified through a SharedArrayBuffer" 0 \
  $'notified 2\nok 7,ok 7' "" -- --test262 -e \
  "var i32 = new Int32Array(new SharedArrayBuffer(8));
   for (var k = 0; k < 2; k++) \$262.agent.start('\$262.agent.receiveBroadcast(function (sab, n) {' +
     'var a = new Int32Array(sab); Atomics.add(a, 1, 1);' +
     '\$262.agent.report(Atomics.wait(a, 0, 0, 10000) + \" \" + n); \$262.agent.leaving(); });');
   \$262.agent.broadcast(i32.buffer, 7);
   while (Atomics.load(i32, 1) < 2) \$262.agent.sleep(2);
   var n = 0; while (n < 2) n += Atomics.notify(i32, 0);
   print('notified', n);
   var r = []; while (r.length < 2) { var x = \$262.agent.getReport(); if (x === null) \$262.agent.sleep(2); else r.push(x); }
   print(r.join())"
check "\$262.agent: agents still running are terminated at exit" 0 "main done" "" -- --test262 -e \
  "\$262.agent.start('for (;;) {}');
   \$262.agent.start('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)');
   \$262.agent.sleep(20); print('main done')"

# ---- --help lists every shell flag and every engine flag -------------------------------
"$build/kiln" --help > "$tmp/help"
missing=""
for flag in $(sed -n 's/^ *V(\(BOOL\|INT\), *\([a-z_0-9]*\),.*/\2/p' src/base/flags.h | tr _ -) \
            -e --module --module-base --test262 --help --version; do
  case $flag in -e|--*) f=$flag ;; *) f=--$flag ;; esac
  grep -q -- "$f" "$tmp/help" || missing="$missing $f"
done
if [ -z "$missing" ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL --help does not list:$missing"; fi
check "--allow-natives-syntax is accepted" 0 "ok" "" -- --allow-natives-syntax -e "print('ok')"

# ---- --timeout: a watchdog thread terminates the run (no catch or finally runs) ---------
check "--timeout stops an infinite loop" 1 "before" "^Error: Script execution timed out\.\|$" -- \
  --timeout=100 -e "print('before'); for (;;) {}"
check "--timeout: catch and finally do not run" 1 "" "^Error: Script execution timed out\.\|$" -- \
  --timeout=100 -e "try { for (;;) {} } catch (e) { print('catch'); } finally { print('finally'); }"
check "--timeout stops regexp backtracking" 1 "" "Script execution timed out" -- \
  --timeout=100 -e "/(a*)*b/.exec('a'.repeat(40))"
check "--timeout stops a promise job and the event loop's wait" 1 "" "Script execution timed out" -- \
  --timeout=100 -e "Promise.resolve().then(() => { for (;;) {} })"
check "--timeout ends a wait for a far timer" 1 "" "Script execution timed out" -- \
  --timeout=100 -e "setTimeout(() => print('late'), 1e6)"
check "--timeout leaves a fast script alone" 0 "2" "" -- --timeout=5000 -e "print(1 + 1)"
check "--timeout needs a number" 2 "" "positive number" -- --timeout=abc -e "1"

# ---- --print-regexp-code: the disassembly of each pattern compiled (a cache hit prints nothing)
check "--print-regexp-code prints the bytecode once per pattern" 0 \
  "$(printf '%s\n' "--- regexp /a[0-9]+b/i ---" "regexp code: 11 words, 1 captures, 2 registers, flags 'i'" \
     "    0  CHAR2            'a' 'A'" "    3  STAR             0['0'-'9'] 1 inf" \
     "    7  CHAR2            'b' 'B'" "   10  MATCH           " "true false")" "" -- \
  --print-regexp-code -e "print(/a[0-9]+b/i.test('xA12b'), /a[0-9]+b/i.test('ab'))"
check "without --print-regexp-code nothing is printed" 0 "true" "" -- -e "print(/a[0-9]+b/i.test('a1b'))"

# ---- the REPL, through a pseudo-terminal -----------------------------------------------
if command -v python3 > /dev/null; then
  HOME=$tmp python3 - "${kiln[@]}" > "$tmp/repl" 2>&1 <<'EOF'
import os, pty, sys, time, select
pid, fd = pty.fork()
if pid == 0:
    os.environ['NO_COLOR'] = '1'
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
def read_until(token, limit=20):
    global out
    end = time.time() + limit
    while token not in out and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try: out += os.read(fd, 4096)
            except OSError: return
read_until(b'> ')
for line in ['1 + 1', "'str'", 'let x = {a: [1, 2]}', 'x', 'function f() {', '  return 7;', '}',
             'f()', 'null.y', 'x.a.length', 'undefined', 'eval("(")', '`multi', 'line`', '.exit']:
    out_len = len(out)
    os.write(fd, line.encode() + b'\n')
    read_until(b'> ' if line != '.exit' else b'\x00', 5)
os.waitpid(pid, 0)
import re
text = out.decode('utf-8', 'replace').replace('\r', '')
sys.stdout.write(re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', text))
EOF
  repl_ok=1
  for want in "^2$" "^'str'$" "^\{ a: \[ 1, 2 \] \}$" "^\.\.\. " "^7$" "^Uncaught TypeError" "^2$" \
              "^undefined$" "^Uncaught SyntaxError: Unexpected end of input" "^'multi.nline'$"; do
    grep -qE -- "$want" "$tmp/repl" || { repl_ok=0; echo "FAIL REPL: no line matching /$want/"; }
  done
  [ -f "$tmp/.kiln_history" ] && grep -q "1 + 1" "$tmp/.kiln_history" || {
    repl_ok=0; echo "FAIL REPL: ~/.kiln_history was not written"; }
  if [ "$repl_ok" = 1 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); sed 's/^/  repl| /' "$tmp/repl" | head -n 40; fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
