// ES2025 B.3.7 Runtime Errors for Function Call Assignment Targets: in sloppy code a call
// as the target of `=`, `op=`, `++`/`--` or the left side of for-in/of is not an early
// error; the call runs, then a ReferenceError is thrown before the right-hand side, any
// GetValue of the call's result, or ToNumeric. Strict code, logical assignment and
// destructuring keep the early SyntaxError.

var log = [];
function f() {
  log.push('f');
  return { valueOf: function () { log.push('valueOf'); return 1; } };
}
function g() { log.push('g'); return 1; }

function expectRuntime(src, wantLog) {
  log = [];
  var fn = Function(src);  // parses: no early error
  assertThrows(ReferenceError, fn, src);
  assertArrayEquals(log, wantLog, src + ': order of evaluation');
}

expectRuntime('f() = g();', ['f']);
expectRuntime('f() += g();', ['f']);
expectRuntime('f() **= g();', ['f']);
expectRuntime('f()++;', ['f']);
expectRuntime('--f();', ['f']);
expectRuntime('(f()) = g();', ['f']);
expectRuntime('for (f() in {a: 1, b: 2}) g();', ['f']);
expectRuntime('for (f() of [1, 2]) g();', ['f']);

// for-in over nothing evaluates no target.
log = [];
Function('for (f() in {}) {}')();
assertArrayEquals(log, [], 'empty for-in');

// for-of closes the iterator when the target throws.
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return {
    next: function () { return { value: 1, done: false }; },
    return: function () { closed++; return {}; }
  };
};
assertThrows(ReferenceError, Function('it', 'for (f() of it) {}').bind(null, iterable));
assertEquals(closed, 1, 'for-of: iterator closed');

// The thrown error is catchable in the same function.
var caught = (function () {
  try { f() = 1; } catch (e) { return e instanceof ReferenceError; }
  return false;
})();
assert(caught, 'catchable ReferenceError');

function expectEarly(src) {
  assertThrows(SyntaxError, function () { Function(src); }, src);
}
expectEarly('"use strict"; f() = 1;');
expectEarly('"use strict"; f()++;');
expectEarly('"use strict"; for (f() in {}) {}');
expectEarly('class C { m() { f() = 1; } }');
expectEarly('f() &&= 1;');
expectEarly('f() ||= 1;');
expectEarly('f() ??= 1;');
expectEarly('[f()] = [1];');
expectEarly('({a: f()} = {a: 1});');
expectEarly('f?.() = 1;');
expectEarly('new f() = 1;');
expectEarly('f`x` = 1;');
