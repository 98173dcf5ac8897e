// async-generators.js: async generators (queued requests, return()/throw() in every
// state, finally blocks), for await over async and sync iterables, yield* delegation and
// async-from-sync iterators. The order of events is compared with Node's output
// (async-generators.expected).

var log = [];
function out(s) { log.push(s); }
function show(tag) { return function (r) { out(tag + ' ' + JSON.stringify(r)); }; }
function fail(tag) { return function (e) { out(tag + ' threw ' + (e && e.message || e)); }; }

async function* counter(limit) {
  out('counter start');
  try {
    for (var i = 0; i < limit; i++) {
      var sent = yield i;
      if (sent !== undefined) out('counter got ' + sent);
      await null;
    }
  } finally {
    out('counter finally');
  }
  return 'counter done';
}

// Requests queue up while the body runs and are answered in order.
var c = counter(2);
c.next().then(show('c1'));
c.next('hello').then(show('c2'));
c.next().then(show('c3'));
c.next().then(show('c4'));

// return() before the start completes at once; throw() before the start rejects.
var r = counter(5);
r.return('early').then(show('r1'));
r.next().then(show('r2'));
var t = counter(5);
t.throw(new Error('boom')).catch(fail('t1'));
t.next().then(show('t2'));

// return() at a yield runs the finally block; throw() at a yield reaches it too.
var rr = counter(5);
rr.next().then(function () { return rr.return(Promise.resolve('awaited')); }).then(show('rr'));
var tt = counter(5);
tt.next().then(function () { return tt.throw(new Error('inner')); }).catch(fail('tt'));

async function main() {
  // for await over an async generator, a sync iterable of promises, and with break.
  for await (var v of counter(3)) out('for-await ' + v);
  for await (var w of [Promise.resolve('p1'), 'p2', Promise.resolve('p3')]) out('sync ' + w);
  for await (var x of counter(10)) { if (x === 1) break; out('before break ' + x); }
  // yield* over async and sync iterables; errors thrown into it reach the inner iterator.
  async function* outer() {
    var result = yield* counter(2);
    out('delegate result ' + result);
    yield* ['s1', 's2'];
  }
  for await (var y of outer()) out('outer ' + y);
  // A rejected promise from a sync iterator closes it (ES2025 27.1.6.4 closeOnRejection;
  // Node 20 predates that change and prints "closed false" here).
  var closed = false;
  var iterable = { [Symbol.iterator]() {
    var n = 0;
    return { next() { n++; return { value: n === 1 ? Promise.reject(new Error('rejected')) : n, done: n > 3 }; },
             return() { closed = true; return {}; } };
  } };
  try { for await (var z of iterable) out('never ' + z); } catch (e) { out('caught ' + e.message + ' closed ' + closed); }
  // The prototype chain.
  var AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
  var proto = Object.getPrototypeOf(counter.prototype);
  out(AsyncGeneratorFunction.name + ' ' + Object.prototype.toString.call(counter(1)) + ' ' +
      (Object.getPrototypeOf(proto) === Object.getPrototypeOf(Object.getPrototypeOf(outer.prototype))));
  var made = new AsyncGeneratorFunction('a', 'yield a; yield await a * 2;');
  var got = [];
  for await (var m of made(21)) got.push(m);
  out('dynamic ' + got);
  // Many suspended async generators at once (run with --gc-interval=1).
  var gens = [];
  for (var i = 0; i < 30; i++) {
    gens.push((async function* (id) {
      var box = { id: id, list: [id, id + 1] };
      while (true) { var junk = [{ a: 1 }, { b: 2 }]; yield box.list[0] + box.list[1] + junk.length; }
    })(i));
  }
  var total = 0;
  for (var round = 0; round < 2; round++) {
    for (var k = 0; k < gens.length; k++) total += (await gens[k].next()).value;
  }
  out('gens ' + total);
}
main().then(function () { console.log(log.join('\n')); }, function (e) { console.log('FAILED', e); });

// Array.fromAsync over async and sync iterables and array-likes, with an async mapper.
(async function () {
  async function* three() { yield 1; yield 2; yield 3; }
  var a = await Array.fromAsync(three());
  var b = await Array.fromAsync([Promise.resolve('x'), 'y'], async function (v, i) { return v + i; });
  var c = await Array.fromAsync({ length: 2, 0: Promise.resolve(5), 1: 6 });
  assertArrayEquals(a, [1, 2, 3]);
  assertArrayEquals(b, ['x0', 'y1']);
  assertArrayEquals(c, [5, 6]);
  var rejected = await Array.fromAsync(three(), function () { throw new Error('mapper'); })
    .then(function () { return 'resolved'; }, function (e) { return e.message; });
  assertEquals(rejected, 'mapper');
})();
