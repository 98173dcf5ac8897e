// iterator-zip-chunks.js: Iterator.zip / zipKeyed (modes, padding, closing every iterator
// last-first), Iterator.prototype.chunks / windows (fresh arrays, the final partial
// buffer) and includes (SameValueZero, skippedElements without coercion).

function logged(name, values, log) {
  var i = 0;
  return {
    __proto__: Iterator.prototype,
    next() {
      log.push(name + '.next');
      return i < values.length ? {value: values[i++], done: false} : {value: undefined, done: true};
    },
    return() { log.push(name + '.return'); return {}; },
  };
}
function json(x) { return JSON.stringify(x); }

// ---- zip -----------------------------------------------------------------------------
assertEquals(json(Iterator.zip([[1, 2, 3], [4, 5]]).toArray()), '[[1,4],[2,5]]');
assertEquals(json(Iterator.zip([[1, 2, 3], [4]], {mode: 'longest'}).toArray()),
             '[[1,4],[2,null],[3,null]]', 'undefined padding');
assertEquals(json(Iterator.zip([[1, 2], [4]], {mode: 'longest', padding: ['p', 'q']}).toArray()),
             '[[1,4],[2,"q"]]');
assertThrows(TypeError, function () { Iterator.zip([[1], [2, 3]], {mode: 'strict'}).toArray(); });
assertEquals(json(Iterator.zip([[1], [2]], {mode: 'strict'}).toArray()), '[[1,2]]');
assertEquals(Iterator.zip([]).next().done, true);
assertThrows(TypeError, function () { Iterator.zip([1]); }, 'non-iterable members are rejected');
assertThrows(TypeError, function () { Iterator.zip(['ab']); }, 'strings are rejected');
assertThrows(TypeError, function () { Iterator.zip([], {mode: 'fast'}); });
assertThrows(TypeError, function () { Iterator.zip([], null); });

// Shortest: the first exhausted iterator ends it, the others are closed last-first.
var log = [];
var z = Iterator.zip([logged('a', [1, 2], log), logged('b', [3], log), logged('c', [5, 6], log)]);
z.next();
z.next();
assertArrayEquals(log, ['a.next', 'b.next', 'c.next', 'a.next', 'b.next', 'c.return', 'a.return']);

// return() before the first next() closes every iterator, last first.
log = [];
z = Iterator.zip([logged('a', [1], log), logged('b', [2], log)]);
z.return();
assertArrayEquals(log, ['b.return', 'a.return']);

// zipKeyed: enumerable own keys whose value is not undefined, results are null-prototype.
var r = Iterator.zipKeyed({x: [1, 2], y: new Set([3, 4]), skip: undefined}).toArray();
assertEquals(json(r), '[{"x":1,"y":3},{"x":2,"y":4}]');
assertEquals(Object.getPrototypeOf(r[0]), null);
assertEquals(json(Iterator.zipKeyed({x: [1, 2], y: [3]}, {mode: 'longest', padding: {y: 'Y'}}).toArray()),
             '[{"x":1,"y":3},{"x":2,"y":"Y"}]');

// ---- chunks / windows ------------------------------------------------------------------
assertEquals(json([1, 2, 3, 4, 5].values().chunks(2).toArray()), '[[1,2],[3,4],[5]]');
assertEquals(json([1, 2, 3, 4].values().chunks(2).toArray()), '[[1,2],[3,4]]', 'no empty chunk');
assertEquals(json([1, 2, 3].values().windows(2).toArray()), '[[1,2],[2,3]]');
assertEquals(json([1].values().windows(2).toArray()), '[]');
assertEquals(json([1].values().windows(2, 'allow-partial').toArray()), '[[1]]');
assertEquals(json([1, 2].values().windows(2, 'allow-partial').toArray()), '[[1,2]]',
             'a full window is not repeated as a partial one');
var w = [1, 2, 3].values().windows(2);
var first = w.next().value, second = w.next().value;
assert(first !== second, 'each window is a fresh array');
assertEquals(json(first), '[1,2]');
assertThrows(TypeError, function () { [].values().chunks('2'); });
assertThrows(TypeError, function () { [].values().chunks(1.5); });
assertThrows(RangeError, function () { [].values().chunks(0); });
assertThrows(RangeError, function () { [].values().windows(2 ** 32); });
assertThrows(TypeError, function () { [].values().windows(1, 'partial'); });

// return() at a full chunk closes the underlying iterator; after the final partial chunk it
// has nothing to close.
log = [];
var c = logged('u', [1, 2, 3], log).chunks(2);
c.next();
c.return();
assertArrayEquals(log, ['u.next', 'u.next', 'u.return']);
log = [];
c = logged('u', [1], log).chunks(2);
assertEquals(json(c.next().value), '[1]');
c.return();
assertArrayEquals(log, ['u.next', 'u.next'], 'exhausted: return() is not forwarded');

// ---- includes --------------------------------------------------------------------------
assertEquals([1, NaN].values().includes(NaN), true);
assertEquals([-0].values().includes(0), true);
assertEquals([1, 2, 3].values().includes(1, 1), false);
assertEquals([1, 2, 3].values().includes(3, 2), true);
assertEquals([1].values().includes(1, Infinity), false);
assertThrows(TypeError, function () { [].values().includes(1, '1'); });
assertThrows(TypeError, function () { [].values().includes(1, 0.5); });
assertThrows(RangeError, function () { [].values().includes(1, -1); });
log = [];
assertEquals(logged('u', [1, 2, 3], log).includes(2), true);
assertArrayEquals(log, ['u.next', 'u.next', 'u.return'], 'a match closes the iterator');
