// generators.js: function*, yield, yield*, return()/throw() with finally blocks, generator
// methods, %GeneratorFunction%, and suspended generators surviving collections.

function collect(it) {
  var out = [];
  for (var r = it.next(); !r.done; r = it.next()) out.push(r.value);
  return out;
}

// Values flow both ways; parameters, locals and temporaries survive suspension.
function* counter(start, step) {
  var n = start;
  while (true) {
    var sent = yield n;
    n = sent === undefined ? n + step : sent;
  }
}
var c = counter(10, 5);
assertEquals(c.next().value, 10);
assertEquals(c.next().value, 15);
assertEquals(c.next(100).value, 100);
assertEquals(c.next().value, 105);

function* temps() { return 1 + (yield 'a') * 2 + (yield 'b'); }
var t = temps();
assertEquals(t.next().value, 'a');
assertEquals(t.next(3).value, 'b');
var last = t.next(4);
assertEquals(last.value, 11);
assertEquals(last.done, true);
assertEquals(t.next().done, true);

// return() runs finally blocks, which may yield again; throw() reaches catch blocks.
var log = [];
function* guarded() {
  try {
    yield 1;
    yield 2;
  } finally {
    log.push('finally');
    yield 'cleanup';
    log.push('after cleanup');
  }
}
var gd = guarded();
gd.next();
var r = gd.return(42);
assertEquals(r.value, 'cleanup');
assertEquals(r.done, false);
r = gd.next();
assertEquals(r.value, 42);
assertEquals(r.done, true);
assertArrayEquals(log, ['finally', 'after cleanup']);

function* catcher() {
  while (true) {
    try { yield 'waiting'; } catch (e) { yield 'caught ' + e; }
  }
}
var ct = catcher();
ct.next();
assertEquals(ct.throw('x').value, 'caught x');
assertEquals(ct.next().value, 'waiting');

// A generator that has not started closes on return()/throw() without running.
var started = false;
function* lazy() { started = true; yield 1; }
var lz = lazy();
assertEquals(lz.return(5).value, 5);
assertEquals(started, false);
assertEquals(lz.next().done, true);
assertThrows(TypeError, function () { var l = lazy(); l.throw(new TypeError('t')); });

// Re-entering a running generator is a TypeError.
var self;
function* reentrant() { self.next(); }
self = reentrant();
assertThrows(TypeError, function () { self.next(); });

// yield* forwards next/throw/return and closes the inner iterator.
function* inner() {
  try {
    var x = yield 'i1';
    yield 'i2:' + x;
  } finally {
    log.push('inner closed');
  }
  return 'inner done';
}
function* outer() {
  var v = yield* inner();
  yield 'outer got ' + v;
}
assertArrayEquals(collect(outer()), ['i1', 'i2:undefined', 'outer got inner done']);
log = [];
var o = outer();
o.next();
assertEquals(o.next('hey').value, 'i2:hey');
assertEquals(o.return('stop').value, 'stop');
assertArrayEquals(log, ['inner closed']);
assertArrayEquals(collect((function* () { yield* 'ab'; yield* [1, 2]; })()), ['a', 'b', 1, 2]);

// for-of over a generator closes it on break.
log = [];
for (var v of guarded()) break;
assertArrayEquals(log, ['finally']);

// Generator methods, computed names, classes and object literals.
var key = 'dyn';
var obj = { *[key]() { yield this.v; }, v: 7 };
assertEquals(obj.dyn().next().value, 7);
class K {
  *items() { yield* this.list; }
  static *range(n) { for (var i = 0; i < n; i++) yield i; }
}
var k = new K();
k.list = [3, 4];
assertArrayEquals(Array.from(k.items()), [3, 4]);
assertArrayEquals(Array.from(K.range(3)), [0, 1, 2]);

// The prototype chain and the constructor.
var GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
var GeneratorPrototype = Object.getPrototypeOf(counter.prototype);
assertEquals(GeneratorFunction.name, 'GeneratorFunction');
assertEquals(Object.getPrototypeOf(counter), GeneratorFunction.prototype);
assertEquals(GeneratorFunction.prototype.prototype, GeneratorPrototype);
assertEquals(Object.getPrototypeOf(c), counter.prototype);
assertEquals(Object.prototype.toString.call(c), '[object Generator]');
assertEquals(typeof GeneratorPrototype.next, 'function');
assertThrows(TypeError, function () { new counter(); });
assertThrows(TypeError, function () { GeneratorPrototype.next.call({}); });
var made = new GeneratorFunction('a', 'b', 'yield a; yield b;');
assertArrayEquals(Array.from(made(1, 2)), [1, 2]);
counter.prototype = null;  // a non-object prototype falls back to %GeneratorPrototype%
assertEquals(Object.getPrototypeOf(counter(0, 1)), GeneratorPrototype);

// Many suspended generators at once, each holding objects only its registers reach,
// interleaved with allocation (run with --gc-interval=1 to collect at every allocation).
var gens = [];
for (var i = 0; i < 50; i++) {
  gens.push((function* (id) {
    var box = { id: id, data: [id, id * 2, 'str' + id] };
    while (true) {
      var junk = [];
      for (var j = 0; j < 20; j++) junk.push({ j: j });
      yield box.data[0] + box.data[1] + box.data[2].length;
    }
  })(i));
}
for (var round = 0; round < 3; round++) {
  for (var i = 0; i < gens.length; i++) {
    assertEquals(gens[i].next().value, i * 3 + ('str' + i).length);
  }
}
