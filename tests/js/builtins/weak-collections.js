// weak-collections.js: WeakMap, WeakSet (ES2025 24.3, 24.4), WeakRef (26.1) and
// FinalizationRegistry (26.2): which keys CanBeHeldWeakly, the API's results and errors,
// and many short-lived keys (run with --gc-interval to collect while the tables are in use;
// the GC behaviour itself is tested in tests/unit/test-collections.c).

// ---- keys: objects and symbols that are not registered ----
var wm = new WeakMap();
var obj = {}, fn = function () {}, arr = [], sym = Symbol('local');
wm.set(obj, 1).set(fn, 2).set(arr, 3).set(sym, 4).set(Symbol.iterator, 5);
assertEquals(wm.get(obj), 1);
assertEquals(wm.get(fn), 2);
assertEquals(wm.get(arr), 3);
assertEquals(wm.get(sym), 4);
assertEquals(wm.get(Symbol.iterator), 5, 'well-known symbols can be held weakly');
assertEquals(wm.get({}), undefined);
assertThrows(TypeError, function () { wm.set(Symbol.for('registered'), 1); });
assertThrows(TypeError, function () { wm.set(1, 1); });
assertThrows(TypeError, function () { wm.set('str', 1); });
assertThrows(TypeError, function () { wm.set(null, 1); });
assertEquals(wm.get(1), undefined, 'get with a bad key is undefined, not an error');
assertEquals(wm.has('x'), false);
assertEquals(wm.delete(Symbol.for('registered')), false);
assertEquals(wm.delete(obj), true);
assertEquals(wm.delete(obj), false);
assertEquals(wm.has(obj), false);
wm.set(obj, 0);
assertEquals(wm.get(obj), 0, 'a falsy value is still a value');
assert(wm.has(obj), 'has sees a zero value');
var frozen = Object.freeze({});
wm.set(frozen, 'f');
assertEquals(wm.get(frozen), 'f');
assertEquals(wm.getOrInsert(frozen, 'other'), 'f');
assertEquals(wm.getOrInsertComputed({}, function (k) { return typeof k; }), 'object');

// ---- WeakSet ----
var ws = new WeakSet([obj, sym]);
assert(ws.has(obj) && ws.has(sym), 'constructor adds');
assertEquals(ws.add(fn), ws);
assert(ws.delete(fn), 'delete');
assert(!ws.has(fn), 'deleted');
assertThrows(TypeError, function () { ws.add(1); });
assertThrows(TypeError, function () { new WeakSet([1]); });
assertThrows(TypeError, function () { WeakSet.prototype.has.call(new WeakMap(), obj); });
assertThrows(TypeError, function () { WeakMap.prototype.get.call(new Map(), obj); });
assertEquals(Object.prototype.toString.call(ws), '[object WeakSet]');

// ---- the constructors close the iterator when the adder throws ----
var closed = 0;
var entries = {};
entries[Symbol.iterator] = function () {
  return {
    next: function () { return { value: 'not an entry', done: false }; },
    return: function () { closed++; return {}; }
  };
};
assertThrows(TypeError, function () { new WeakMap(entries); });
assertEquals(closed, 1);

// ---- many short-lived keys; live ones keep their values ----
var keep = [];
var table = new WeakMap();
var count = underGcStress() ? 3000 : 20000;  // every allocation collects under make stress
for (var i = 0; i < count; i++) {
  var key = { i: i };
  table.set(key, { value: i, payload: new Array(4) });
  if (i % 1000 === 0) keep.push(key);
}
for (var i = 0; i < keep.length; i++) assertEquals(table.get(keep[i]).value, i * 1000);
// A value that refers to its own key does not keep the entry alive, but stays usable while
// the key is alive.
var cyclicKey = {};
table.set(cyclicKey, { back: cyclicKey });
assertEquals(table.get(cyclicKey).back, cyclicKey);

// ---- WeakRef ----
var target = {};
var ref = new WeakRef(target);
assertEquals(ref.deref(), target);
assertEquals(new WeakRef(sym).deref(), sym);
assertThrows(TypeError, function () { new WeakRef(1); });
assertThrows(TypeError, function () { new WeakRef(Symbol.for('r')); });
assertThrows(TypeError, function () { WeakRef(target); });
assertThrows(TypeError, function () { WeakRef.prototype.deref.call({}); });
assertEquals(Object.prototype.toString.call(ref), '[object WeakRef]');
for (var i = 0; i < 1000; i++) new WeakRef({ i: i }).deref(); // kept until the turn ends

// ---- FinalizationRegistry ----
var registry = new FinalizationRegistry(function (held) { throw new Error('cleanup ran for ' + held); });
var token = {};
assertEquals(registry.register(target, 'held', token), undefined);
registry.register(obj, 'other');
assertThrows(TypeError, function () { registry.register(target, target); }, 'target === held');
assertThrows(TypeError, function () { registry.register(1, 'x'); });
assertThrows(TypeError, function () { registry.register({}, 'x', 1); }, 'token must be weak or undefined');
assert(registry.unregister(token), 'unregister by token');
assert(!registry.unregister(token), 'only once');
assertThrows(TypeError, function () { registry.unregister(1); });
for (var i = 0; i < 100; i++) registry.register({}, i, token);
assert(registry.unregister(token), 'unregister removes every cell with the token');
assertThrows(TypeError, function () { new FinalizationRegistry(1); });
assertThrows(TypeError, function () { FinalizationRegistry(function () {}); });
assertEquals(Object.prototype.toString.call(registry), '[object FinalizationRegistry]');
