// Proper tail calls in strict code (ES2025 15.10): a call in tail position replaces the
// caller's frame, so chains of 100,000 calls do not exhaust the stack.
'use strict';
var N = 100000;

function count(n) { if (n === 0) return 'done'; return count(n - 1); }
assertEquals(count(N), 'done', 'direct recursion');

function even(n) { return n === 0 ? true : odd(n - 1); }
function odd(n) { return n === 0 ? false : even(n - 1); }
assertEquals(even(N), true, 'mutual recursion through a conditional');

var o = { m(n) { return n === 0 ? this : this.m(n - 1); } };
assertEquals(o.m(N), o, 'method calls keep their receiver');

function logical(n) { return n !== 0 && logical(n - 1); }
assertEquals(logical(N), false, 'right operand of &&');
function comma(n) { if (n === 0) return 1; return (0, comma(n - 1)); }
assertEquals(comma(N), 1, 'last expression of a comma');
function args(n, a, b, c) { if (n === 0) return a + b + c; return args(n - 1, b, c, a); }
assertEquals(args(N, 1, 2, 3), 6, 'arguments passed along');
function fewer(n, x) { if (n === 0) return x; return fewer(n - 1); }
assertEquals(fewer(N, 5), undefined, 'missing arguments are undefined');

function inCatch(n) {
  if (n === 0) return 'caught';
  try { throw null; } catch (e) { return inCatch(n - 1); }
}
assertEquals(inCatch(N), 'caught', 'catch block of try/catch');
function inFinally(n) {
  if (n === 0) return 'finally';
  try { } finally { return inFinally(n - 1); }
}
assertEquals(inFinally(N), 'finally', 'finally block');
var arrow = (n) => n === 0 ? 'arrow' : arrow(n - 1);
assertEquals(arrow(N), 'arrow', 'concise arrow body');

// Not in tail position: inside a try block the handler still applies.
function inTry(n) {
  try { return n === 0 ? 'x' : inTry(n - 1); } catch (e) { return e.name; }
}
assertEquals(inTry(10), 'x', 'calls inside try still work');

// A builtin or bound callee in tail position is an ordinary call.
function viaBuiltin(n) { return Math.max(n, 1); }
assertEquals(viaBuiltin(3), 3, 'builtin callee');
var bound = count.bind(null);
function viaBound(n) { return bound(n); }
assertEquals(viaBound(10), 'done', 'bound callee');

// Constructing frames make an ordinary call (the result is checked by [[Construct]]).
function Ctor() { return helper(); }
function helper() { return { made: true }; }
assertEquals(new Ctor().made, true, 'tail call from a constructor');

// Exceptions thrown by a tail-called function propagate to the caller's caller.
function thrower() { throw new RangeError('from tail callee'); }
function callsThrower() { return thrower(); }
assertThrows(RangeError, callsThrower, 'exception through a tail call');

// A class constructor called in tail position still throws.
class K {}
function callsClass() { return K(); }
assertThrows(TypeError, callsClass, 'class constructor [[Call]]');
