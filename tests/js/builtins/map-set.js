// map-set.js: Map and Set (ES2025 24.1, 24.2): SameValueZero keys, insertion order, live
// iteration across deletion, rehashing and clear(), forEach, Map.groupBy, the set methods
// with set-like arguments, and the iterator prototypes.

// ---- keys compare with SameValueZero ----
var m = new Map();
m.set(0, 'zero').set(NaN, 'nan').set('1', 'string one').set(1, 'number one');
assertEquals(m.get(-0), 'zero', '-0 finds +0');
assertEquals(m.get(0 / 0), 'nan');
assertEquals(m.get(Number('x')), 'nan');
assertEquals(m.get('1'), 'string one');
assertEquals(m.get(1), 'number one');
assertEquals(m.get(1.0000001), undefined);
m.set(-0, 'minus');
assertEquals(m.size, 4);
assert(sameValue([...m.keys()][0], 0), 'a -0 key is stored as +0');
var big = 2 ** 40;
m.set(big, 'big');
assertEquals(m.get(2 ** 40), 'big');
var s1 = 'abc' + 'def'.repeat(10), s2 = 'abcdef' + 'def'.repeat(9);
m.set(s1, 'long');
assertEquals(m.get(s2), 'long', 'strings by content, ropes or not');
var o1 = {}, o2 = {};
m.set(o1, 1).set(o2, 2);
assertEquals(m.get(o1), 1);
assertEquals(m.get(o2), 2);
assertEquals(m.get({}), undefined);
var frozen = Object.freeze({});
m.set(frozen, 'frozen');
assertEquals(m.get(frozen), 'frozen', 'non-extensible objects can be keys');
assertArrayEquals(Object.getOwnPropertyNames(frozen), []);
assertEquals(Object.getOwnPropertySymbols(frozen).length, 0);
var proxy = new Proxy({}, {});
m.set(proxy, 'proxy');
assertEquals(m.get(proxy), 'proxy');
var sym = Symbol('k');
m.set(sym, 'sym');
assertEquals(m.get(sym), 'sym');
m.set(undefined, 'u').set(null, 'n').set(true, 't');
assertEquals(m.get(undefined), 'u');
assertEquals(m.get(null), 'n');
assertEquals(m.get(true), 't');
assertEquals(m.get(false), undefined);

// ---- insertion order, and live iteration ----
var order = new Map([['a', 1], ['b', 2], ['c', 3]]);
order.set('a', 10); // replacing keeps the position
assertArrayEquals([...order.keys()], ['a', 'b', 'c']);
order.delete('a');
order.set('a', 11); // a deleted key comes back at the end
assertArrayEquals([...order.keys()], ['b', 'c', 'a']);

// Deleting entries ahead of an iterator skips them; adding appends to the walk.
var set = new Set([1, 2, 3, 4, 5]);
var seen = [];
for (var v of set) {
  seen.push(v);
  if (v === 1) { set.delete(2); set.add(6); }
  if (v === 3) set.delete(3);
}
assertArrayEquals(seen, [1, 3, 4, 5, 6]);

// An iterator survives the table being rehashed (growth and shrinking) under it.
var grow = new Set();
for (var i = 0; i < 8; i++) grow.add(i);
var it = grow.values();
assertEquals(it.next().value, 0);
assertEquals(it.next().value, 1);
for (var i = 8; i < 1000; i++) grow.add(i);       // grows several times
for (var i = 2; i < 900; i++) grow.delete(i);     // shrinks several times
assertEquals(it.next().value, 900);
grow.clear();
grow.add('after clear');
var rest = [];
for (var r = it.next(); !r.done; r = it.next()) rest.push(r.value);
assertArrayEquals(rest, ['after clear'], 'clear() restarts iterators at the new entries');
assert(it.next().done, 'an exhausted iterator stays done');
grow.add('late');
assert(it.next().done, 'even after more adds');

// forEach sees additions and skips deletions made by its callback.
var fe = new Map([[1, 'a'], [2, 'b'], [3, 'c']]);
var calls = [];
fe.forEach(function (value, key, map) {
  assertEquals(map, fe);
  assertEquals(this, calls);
  calls.push(key + value);
  if (key === 1) { map.delete(2); map.set(4, 'd'); }
}, calls);
assertArrayEquals(calls, ['1a', '3c', '4d']);

// Many entries with a mutation per step: the cursor follows every transition.
var churn = new Map();
for (var i = 0; i < 3000; i++) churn.set('k' + i, i);
var count = 0, sum = 0;
churn.forEach(function (value, key) {
  count++;
  sum += value;
  if (value % 2 === 0) churn.delete('k' + (value + 1)); // drop the next (odd) one
});
assertEquals(count, 1500);
assertEquals(churn.size, 1500);
assertEquals(sum, 1500 * 1499);

// ---- entries and iterator objects ----
var mi = new Map([[1, 2]]).entries();
assertEquals(Object.prototype.toString.call(mi), '[object Map Iterator]');
assertEquals(Object.getPrototypeOf(Object.getPrototypeOf(mi)),
             Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
assertArrayEquals(mi.next().value, [1, 2]);
assertThrows(TypeError, function () { mi.next.call(new Set().values()); });
assertEquals(Set.prototype.keys, Set.prototype.values);
assertEquals(Set.prototype[Symbol.iterator], Set.prototype.values);
assertEquals(Map.prototype[Symbol.iterator], Map.prototype.entries);
assertArrayEquals([...new Set([7, 8]).entries()][1], [8, 8]);
assertEquals(Map[Symbol.species], Map);
assertEquals(Object.prototype.toString.call(new Set()), '[object Set]');
assertThrows(TypeError, function () { Map(); });
assertThrows(TypeError, function () { Map.prototype.get.call(new Set(), 1); });
assertThrows(TypeError, function () { Set.prototype.add.call(new Map(), 1); });
assertThrows(TypeError, function () { new Map([1]); }, 'entries must be objects');

// The constructor uses the (overridable) set/add method and closes the iterator on errors.
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return {
    next: function () { return { value: [1, 2], done: false }; },
    return: function () { closed++; return {}; }
  };
};
var saved = Map.prototype.set;
Map.prototype.set = function () { throw new RangeError('no'); };
assertThrows(RangeError, function () { new Map(iterable); });
Map.prototype.set = saved;
assertEquals(closed, 1);

// ---- Map.groupBy ----
var groups = Map.groupBy([1, 2, 3, 4, 5, -0], function (x, i) { return x % 2 === 0 ? 0 : 'odd'; });
assertArrayEquals([...groups.keys()], ['odd', 0]);
assertArrayEquals(groups.get(0), [2, 4, -0]);
assertArrayEquals(groups.get('odd'), [1, 3, 5]);
var indexes = [];
Map.groupBy('abc', function (c, i) { indexes.push(i); return c; });
assertArrayEquals(indexes, [0, 1, 2]);

// ---- the set methods ----
function setOf() { return new Set(Array.prototype.slice.call(arguments)); }
assertArrayEquals([...setOf(1, 2, 3).union(setOf(3, 4))], [1, 2, 3, 4]);
assertArrayEquals([...setOf(1, 2, 3).intersection(setOf(3, 2, 9))], [2, 3]);
assertArrayEquals([...setOf(1, 2, 3, 4, 5).intersection(setOf(5, 1))], [5, 1],
                  'a bigger receiver walks the argument');
assertArrayEquals([...setOf(1, 2, 3).difference(setOf(2))], [1, 3]);
assertArrayEquals([...setOf(1, 2, 3).symmetricDifference(setOf(3, 4))], [1, 2, 4]);
assert(setOf(1, 2).isSubsetOf(setOf(1, 2, 3)));
assert(!setOf(1, 5).isSubsetOf(setOf(1, 2, 3)));
assert(setOf(1, 2, 3).isSupersetOf(setOf(1, 3)));
assert(setOf(1, 2).isDisjointFrom(setOf(3)));
assert(!setOf(1, 2).isDisjointFrom(setOf(2)));
assertArrayEquals([...setOf(0).union(setOf(-0))], [0]);
assert(sameValue([...new Set().union(setOf(-0))][0], 0), 'union canonicalizes -0');
// A set-like object: size, has and keys are read once each, in that order.
var log = [];
var setLike = {
  get size() { log.push('size'); return 2; },
  get has() { log.push('has'); return function (v) { return v === 1 || v === 9; }; },
  get keys() {
    log.push('keys');
    return function () { var a = [1, 9]; return a[Symbol.iterator](); };
  }
};
assertArrayEquals([...setOf(1, 2, 3).intersection(setLike)], [1], 'a bigger receiver walks keys()');
assertArrayEquals(log, ['size', 'has', 'keys']);
assertArrayEquals([...setOf(1).intersection(setLike)], [1], 'small receiver calls has()');
assertThrows(TypeError, function () { setOf(1).union({ size: undefined, has: function () {}, keys: function () {} }); });
assertThrows(RangeError, function () { setOf(1).union({ size: -1, has: function () {}, keys: function () {} }); });
assertThrows(TypeError, function () { setOf(1).union([1]); }, 'an array is not set-like');
assertThrows(TypeError, function () { setOf(1).union({ size: 1, has: 1, keys: function () {} }); });
// has() mutating the receiver while isSubsetOf walks it.
var victim = setOf(1, 2, 3);
var mutating = { size: 10, keys: function () {}, has: function (v) { if (v === 1) victim.delete(2); return true; } };
assert(victim.isSubsetOf(mutating));
assertArrayEquals([...victim], [1, 3]);
// Results are plain Sets, whatever the receiver's subclass.
class MySet extends Set {}
var result = new MySet([1]).union(setOf(2));
assertEquals(Object.getPrototypeOf(result), Set.prototype);
assert(new MySet([1]) instanceof MySet, 'subclassing');
