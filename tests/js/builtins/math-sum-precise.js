// math-sum-precise.js: Math.sumPrecise (ES2026 21.3.2.34): exact summation rounded once,
// the -0 / Infinity / NaN states, and type errors that close the iterator.
assertEquals(Math.sumPrecise([1e20, 0.1, -1e20]), 0.1, 'no intermediate rounding');
assertEquals(Math.sumPrecise([0.1, 0.2]), 0.30000000000000004);
assert(Object.is(Math.sumPrecise([]), -0), 'the empty sum is -0');
assert(Object.is(Math.sumPrecise([-0, -0]), -0));
assert(Object.is(Math.sumPrecise([-0, 0]), 0));
assert(Object.is(Math.sumPrecise([1, -1]), 0), 'a finite sum of 0 is +0');
var max = Number.MAX_VALUE;
assertEquals(Math.sumPrecise([max, max, -max]), max, 'no intermediate overflow');
assertEquals(Math.sumPrecise([max, max]), Infinity);
assertEquals(Math.sumPrecise([5e-324, 5e-324]), 1e-323, 'subnormals add exactly');
assertEquals(Math.sumPrecise([2 ** 53, 1]), 2 ** 53, 'a tie rounds to even');
assertEquals(Math.sumPrecise([2 ** 53, 1, 1e-300]), 2 ** 53 + 2, 'just above a tie rounds up');
assertEquals(Math.sumPrecise([2 ** 53 + 2, 1]), 2 ** 53 + 4, 'a tie to even, upwards');
assert(isNaN(Math.sumPrecise([Infinity, -Infinity])));
assert(isNaN(Math.sumPrecise([NaN, 1])));
assertEquals(Math.sumPrecise([Infinity, 1e308, 1e308]), Infinity);
assertEquals(Math.sumPrecise([-Infinity, 1]), -Infinity);
assertEquals(Math.sumPrecise(new Set([1, 2, 3])), 6);
assertThrows(TypeError, function () { Math.sumPrecise(); });
assertThrows(TypeError, function () { Math.sumPrecise(5); });
var closed = 0;
var it = {
  [Symbol.iterator]() { return this; },
  i: 0,
  next() { return {value: this.i++ === 0 ? 1 : '2', done: false}; },
  return() { closed++; return {}; },
};
assertThrows(TypeError, function () { Math.sumPrecise(it); });
assertEquals(closed, 1, 'a non-Number closes the iterator');
assertThrows(TypeError, function () { Math.sumPrecise([1n]); });
