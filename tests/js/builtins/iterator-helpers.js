// iterator-helpers.js: Iterator helpers (ES2025 27.1): the closing order of underlying and
// inner iterators, re-entrancy (a running helper throws a TypeError), lazy argument
// validation, Iterator.from's wrapper and Iterator.concat.

// A logging iterator over `values`: next() and return() append to `log`.
function logged(name, values, log, returnResult) {
  var i = 0;
  return {
    __proto__: Iterator.prototype,
    next() {
      log.push(name + '.next');
      return i < values.length ? {value: values[i++], done: false} : {value: undefined, done: true};
    },
    return() {
      log.push(name + '.return');
      return returnResult === undefined ? {} : returnResult;
    },
  };
}

// ---- map: lazy, counter, closing on a throwing mapper -------------------------------
var log = [];
var it = logged('u', [10, 20, 30], log).map(function (v, i) {
  log.push('map ' + v + ' ' + i);
  return v + i;
});
assertArrayEquals(log, [], 'creating a helper reads next but does not call it');
assertEquals(it.next().value, 10);
assertEquals(it.next().value, 21);
assertArrayEquals(log, ['u.next', 'map 10 0', 'u.next', 'map 20 1']);

log = [];
it = logged('u', [1, 2], log).map(function () { throw new RangeError('boom'); });
assertThrows(RangeError, function () { it.next(); });
assertArrayEquals(log, ['u.next', 'u.return'], 'a throwing mapper closes the underlying iterator');
assertEquals(it.next().done, true, 'the helper is completed after the throw');
assertArrayEquals(log, ['u.next', 'u.return'], 'and does not touch the iterator again');

// The mapper's error wins over an error from return().
var closing = {
  __proto__: Iterator.prototype,
  next() { return {value: 1, done: false}; },
  return() { throw new SyntaxError('from return'); },
};
assertThrows(RangeError, function () {
  closing.map(function () { throw new RangeError('first'); }).next();
});

// A throwing next() of the underlying iterator is not followed by return().
log = [];
var bad = {
  __proto__: Iterator.prototype,
  next() { log.push('next'); throw new EvalError('next'); },
  return() { log.push('return'); return {}; },
};
assertThrows(EvalError, function () { bad.filter(function () { return true; }).next(); });
assertArrayEquals(log, ['next']);

// ---- argument validation closes the receiver and never reads next -------------------
log = [];
var strict = {
  __proto__: Iterator.prototype,
  get next() { log.push('get next'); return function () {}; },
  return() { log.push('return'); return {}; },
};
assertThrows(TypeError, function () { strict.map(42); });
assertThrows(RangeError, function () { strict.take(-1); });
assertThrows(RangeError, function () { strict.drop(NaN); });
assertThrows(RangeError, function () { strict.take(2 ** 53); });
assertArrayEquals(log, ['return', 'return', 'return', 'return']);
strict.take(Infinity);
assertArrayEquals(log, ['return', 'return', 'return', 'return', 'get next']);

// ---- re-entrancy: next() or return() on a running helper is a TypeError -------------
var helper;
var inner = {
  __proto__: Iterator.prototype,
  next() { return {value: 1, done: false}; },
  return() { return {}; },
};
var caught = [];
helper = inner.map(function () {
  try { helper.next(); } catch (e) { caught.push(e.constructor.name); }
  try { helper.return(); } catch (e) { caught.push(e.constructor.name); }
  return 'ok';
});
assertEquals(helper.next().value, 'ok');
assertArrayEquals(caught, ['TypeError', 'TypeError']);

// return() runs the underlying return() while the helper counts as running.
caught = [];
var reentrant = {
  __proto__: Iterator.prototype,
  next() { return {value: 1, done: false}; },
  return() {
    try { helper2.next(); } catch (e) { caught.push(e.constructor.name); }
    return {};
  },
};
var helper2 = reentrant.filter(function () { return true; });
helper2.next();
assertEquals(helper2.return().done, true);
assertArrayEquals(caught, ['TypeError']);

// ---- return(): before start, after a yield, after completion -------------------------
log = [];
it = logged('u', [1, 2], log).map(function (x) { return x; });
assertEquals(it.return().done, true);
assertArrayEquals(log, ['u.return'], 'return() before next() closes the underlying iterator');
assertEquals(it.next().done, true);
it.return();
assertArrayEquals(log, ['u.return'], 'a completed helper closes nothing again');

log = [];
it = logged('u', [1], log).take(5);
it.next();
it.next();
it.return();
assertArrayEquals(log, ['u.next', 'u.next'], 'exhaustion is not followed by return()');

// take(n) closes the underlying iterator when it reaches its limit.
log = [];
assertArrayEquals(logged('u', [1, 2, 3], log).take(1).toArray(), [1]);
assertArrayEquals(log, ['u.next', 'u.return']);

// drop skips without reading "value".
var reads = 0;
var counting = {
  __proto__: Iterator.prototype,
  i: 0,
  next() {
    var i = this.i++;
    return {done: i >= 3, get value() { reads++; return i; }};
  },
};
assertArrayEquals(counting.drop(2).toArray(), [2]);
assertEquals(reads, 1);

// ---- flatMap: inner iterators, closing inner before outer -------------------------
log = [];
it = logged('outer', [1, 2], log).flatMap(function (v) {
  return logged('inner' + v, [v, v * 10], log);
});
assertEquals(it.next().value, 1);
assertEquals(it.return().done, true);
assertArrayEquals(log, ['outer.next', 'inner1.next', 'inner1.return', 'outer.return']);

// An inner return() that throws still closes the outer iterator, and its error wins.
log = [];
var throwingInner = {
  __proto__: Iterator.prototype,
  next() { return {value: 'x', done: false}; },
  return() { log.push('inner.return'); throw new URIError('inner'); },
};
it = logged('outer', [1], log).flatMap(function () { return throwingInner; });
it.next();
assertThrows(URIError, function () { it.return(); });
assertArrayEquals(log, ['outer.next', 'inner.return', 'outer.return']);

// flatMap rejects primitives (strings too) and closes the outer iterator.
log = [];
assertThrows(TypeError, function () {
  logged('outer', [1], log).flatMap(function () { return 'ab'; }).next();
});
assertArrayEquals(log, ['outer.next', 'outer.return']);
assertArrayEquals([[1, 2], new Set([3])].values().flatMap(function (x) { return x; }).toArray(),
                  [1, 2, 3]);

// ---- reduce, some, every, find, forEach ---------------------------------------------
assertEquals([1, 2, 3].values().reduce(function (a, b) { return a + b; }), 6);
assertEquals([].values().reduce(function (a, b) { return a + b; }, 'init'), 'init');
assertThrows(TypeError, function () { [].values().reduce(function () {}); });
log = [];
assertEquals(logged('u', [1, 2, 3], log).some(function (v) { return v === 2; }), true);
assertArrayEquals(log, ['u.next', 'u.next', 'u.return'], 'some closes when it finds');
log = [];
assertEquals(logged('u', [1, 2], log).every(function (v) { return v < 5; }), true);
assertArrayEquals(log, ['u.next', 'u.next', 'u.next'], 'every runs to the end without return()');
assertEquals(logged('u', [1, 2, 3], []).find(function (v) { return v > 1; }), 2);
var seen = [];
[5, 6].values().forEach(function (v, i) { seen.push(v, i); });
assertArrayEquals(seen, [5, 0, 6, 1]);

// ---- Iterator.from and the wrapper --------------------------------------------------
var plain = {next() { return {value: 7, done: false}; }};
var wrapped = Iterator.from(plain);
assert(wrapped !== plain, 'a non-Iterator is wrapped');
assert(wrapped instanceof Iterator);
assertEquals(wrapped.next().value, 7);
assertEquals(wrapped.return().done, true, 'return() without an underlying return()');
var gen = (function* () { yield 1; })();
assertEquals(Iterator.from(gen), gen, 'an Iterator is returned as is');
assertArrayEquals(Iterator.from('a\uD83D\uDE00').toArray(), ['a', '\uD83D\uDE00']);
assertThrows(TypeError, function () { Iterator.from(5); });
assertThrows(TypeError, function () { Object.getPrototypeOf(wrapped).next.call({}); });

// ---- the constructor, accessors and brands -------------------------------------------
assertThrows(TypeError, function () { new Iterator(); });
assertThrows(TypeError, function () { Iterator(); });
class Countdown extends Iterator {
  constructor(n) { super(); this.n = n; }
  next() { return this.n > 0 ? {value: this.n--, done: false} : {value: undefined, done: true}; }
}
assertArrayEquals(new Countdown(3).map(function (x) { return x * 2; }).toArray(), [6, 4, 2]);
assertEquals(Iterator.prototype.constructor, Iterator);
assertEquals(Iterator.prototype[Symbol.toStringTag], 'Iterator');
assertThrows(TypeError, function () { Iterator.prototype.constructor = 1; });
var own = Object.create(Iterator.prototype);
own[Symbol.toStringTag] = 'Mine';
assertEquals(Object.getOwnPropertyDescriptor(own, Symbol.toStringTag).value, 'Mine',
             'the setter makes an own data property on other objects');
var helperProto = Object.getPrototypeOf([].values().map(function () {}));
assertEquals(helperProto[Symbol.toStringTag], 'Iterator Helper');
assertThrows(TypeError, function () { helperProto.next.call((function* () {})()); });
assertThrows(TypeError, function () {
  Object.getPrototypeOf(function* () {}).prototype.next.call(helperProto);
});

// ---- Iterator.concat -------------------------------------------------------------------
log = [];
var c = Iterator.concat(logged('a', [1], log), logged('b', [2, 3], log));
assertArrayEquals(log, [], 'concat opens nothing before next()');
assertEquals(c.next().value, 1);
assertEquals(c.next().value, 2);
c.return();
assertArrayEquals(log, ['a.next', 'a.next', 'b.next', 'b.return']);
assertThrows(TypeError, function () { Iterator.concat(1); });
assertThrows(TypeError, function () { Iterator.concat({}); });
assertArrayEquals(Iterator.concat().toArray(), []);
