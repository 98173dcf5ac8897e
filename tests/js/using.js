// using.js: `using` declarations (blocks, function bodies, for heads, generators), the
// disposal order and error combination with SuppressedError, DisposableStack, and `using`
// still working as an identifier.

var log = [];
function resource(name) {
  return { [Symbol.dispose]() { log.push('dispose ' + name); } };
}
function thrower(message) {
  return { [Symbol.dispose]() { throw new Error(message); } };
}
function take() { var out = log.join(); log = []; return out; }

// Blocks dispose in reverse order at their end; null and undefined are skipped.
{
  using a = resource('a'), b = resource('b');
  using c = null, d = undefined;
  log.push('body');
}
assertEquals(take(), 'body,dispose b,dispose a');

// Function bodies: a return value is kept, disposal comes after it is computed.
function withReturn() {
  using x = resource('x');
  log.push('in');
  return log.length;
}
assertEquals(withReturn(), 1);
assertEquals(take(), 'in,dispose x');

// A throw disposes, then propagates as is.
try {
  using y = resource('y');
  throw new Error('boom');
} catch (e) {
  log.push('caught ' + e.message);
}
assertEquals(take(), 'dispose y,caught boom');

// for-of disposes each iteration's value before the next step; break disposes first, then
// closes the iterator.
var closed = false;
var iterable = {
  [Symbol.iterator]() {
    var i = 0;
    return {
      next() { i++; return { value: resource('it' + i), done: i > 3 }; },
      return() { closed = true; log.push('return'); return {}; }
    };
  }
};
for (using r of iterable) {
  log.push('iter');
  if (log.length >= 3) break;
}
assertEquals(take(), 'iter,dispose it1,iter,dispose it2,return');
assert(closed, 'iterator closed');

// for (using ...;;) disposes once, when the loop ends.
for (using w = resource('w'), n = null; log.length < 2; ) log.push('loop');
assertEquals(take(), 'loop,loop,dispose w');

// continue and labelled break leave the scope through its disposal.
outer: for (var k = 0; k < 3; k++) {
  using q = resource('q' + k);
  if (k === 0) continue outer;
  if (k === 1) break outer;
}
assertEquals(take(), 'dispose q0,dispose q1');

// Errors during disposal: one error as is; several nest in SuppressedErrors, the later
// error suppressing the earlier completion.
assertThrows(Error, function () {
  using e1 = thrower('only');
});
try {
  using e1 = thrower('first');
  using e2 = thrower('second');
  throw new Error('body');
} catch (e) {
  assert(e instanceof SuppressedError, 'a SuppressedError');
  assertEquals(e.error.message, 'first');
  assert(e.suppressed instanceof SuppressedError, 'nested');
  assertEquals(e.suppressed.error.message, 'second');
  assertEquals(e.suppressed.suppressed.message, 'body');
}

// A value that is not an object, or has no callable Symbol.dispose, is a TypeError (and the
// earlier resources are still disposed).
assertThrows(TypeError, function () { using v = 1; });
assertThrows(TypeError, function () { using v = {}; });
assertThrows(TypeError, function () {
  using before = resource('before');
  using v = { [Symbol.dispose]: 1 };
});
assertEquals(take(), 'dispose before');

// Generators: a return() while suspended disposes.
function* gen() {
  using g = resource('gen');
  yield 1;
  yield 2;
}
for (var v of gen()) { if (v === 1) break; }
assertEquals(take(), 'dispose gen');

// The binding is const and in its TDZ before the declaration.
assertThrows(TypeError, function () { using z = null; z = 1; });
assertThrows(ReferenceError, function () { z; using z = null; });

// Named evaluation of the initializer.
Function.prototype[Symbol.dispose] = function () {};
{
  using named = function () {};
  assertEquals(named.name, 'named');
}
delete Function.prototype[Symbol.dispose];

// `using` is still an identifier.
var using = [0, 0], idx = 1;
{
  using[idx] = 5;
  using
  idx = 0;
}
assertEquals(using[1], 5);
assertEquals(idx, 0);

// Early errors.
function syntaxError(source) {
  assertThrows(SyntaxError, function () { Function(source); }, source);
}
syntaxError('{ using {a} = null; }');
syntaxError('{ using a; }');
syntaxError('for (using a in {}) {}');
syntaxError('for (using a;;) {}');
syntaxError('switch (1) { case 1: using a = null; }');
syntaxError('{ using let = null; }');
syntaxError('if (1) using a = null;');
assertThrows(SyntaxError, function () { eval('using a = null;'); });

// DisposableStack.
var stack = new DisposableStack();
stack.use(resource('s1'));
assertEquals(stack.adopt(7, function (v) { log.push('adopt ' + v); }), 7);
stack.defer(function () { log.push('defer'); });
assertEquals(stack.disposed, false);
var moved = stack.move();
assertEquals(stack.disposed, true);
assertThrows(ReferenceError, function () { stack.use(null); });
stack.dispose();
assertEquals(take(), '');
moved[Symbol.dispose]();
assertEquals(take(), 'defer,adopt 7,dispose s1');
assertEquals(moved.disposed, true);
{
  using st = new DisposableStack();
  st.defer(function () { log.push('scoped stack'); });
}
assertEquals(take(), 'scoped stack');

// SuppressedError.
var se = new SuppressedError(1, 2, 'msg');
assertEquals(se.error, 1);
assertEquals(se.suppressed, 2);
assertEquals(se.message, 'msg');
assertEquals(Object.getPrototypeOf(SuppressedError), Error);
assertEquals(String(se), 'SuppressedError: msg');

// %IteratorPrototype%[@@dispose] calls return().
var arrayIterator = [1, 2][Symbol.iterator]();
var returned = 0;
arrayIterator.return = function () { returned++; return {}; };
{
  using ai = arrayIterator;
}
assertEquals(returned, 1);
