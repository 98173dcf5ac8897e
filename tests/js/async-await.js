// async-await.js: async functions, arrows and methods; await on values, promises and
// thenables; errors (also from the parameters) reject; the order of resumptions matches
// Node's (async-await.expected); suspended async functions survive collections.

var log = [];
function out(s) { log.push(s); }

async function f(x) {
  out('f start');
  var y = await x;
  out('f got ' + y);
  try {
    await Promise.reject(new Error('E'));
  } catch (e) {
    out('f caught ' + e.message);
  } finally {
    out('f finally');
  }
  return y * 2;
}
f(21).then(function (v) { out('f result ' + v); });

var arrow = async (a) => { throw new TypeError('arrow ' + a); };
arrow(1).catch(function (e) { out(e.name + ': ' + e.message); });

class C {
  constructor() { this.v = 5; }
  async method() { return this.v + await this.v; }
  static async make() { return new C(); }
}
new C().method().then(function (v) { out('method ' + v); });
C.make().then(function (c) { out('made ' + (c instanceof C)); });

var obj = { async m() { return await { then: function (r) { r('thenable'); } }; } };
obj.m().then(function (v) { out('object method ' + v); });

async function badParams(a = (function () { throw 'param'; })()) { out('unreachable'); }
badParams().catch(function (e) { out('params reject ' + e); });

async function nested() {
  var values = [];
  for (var i = 0; i < 3; i++) values.push(await new Promise(function (r) { r(i); }));
  var [a, b] = await Promise.all([f2(1), f2(2)]);
  return values.join(',') + ' ' + a + b;
}
async function f2(n) { await null; return n * 10; }
var nestedDone = nested().then(function (v) { out("nested " + v); });

// this and arguments inside async arrows are the enclosing function's.
function outer() {
  var g = async () => this.tag + arguments[0];
  return g();
}
outer.call({ tag: 'T' }, '!').then(function (v) { out('lexical ' + v); });

out('sync done');

var AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
out(AsyncFunction.name + ' ' + Object.prototype.toString.call(f));
out('not a constructor ' + (function () { try { new f(); } catch (e) { return e.name; } })());
var dynamic = new AsyncFunction('a', 'return await a + 1;');
dynamic(41).then(function (v) { out('dynamic ' + v); });

// Many async functions suspended at once, each holding objects only its frame reaches
// (run with --gc-interval=1 to collect at every allocation).
var resolvers = [];
var sum = 0;
async function holder(id) {
  var box = { id: id, items: [id, 'x' + id] };
  var extra = await new Promise(function (r) { resolvers.push(r); });
  var junk = [];
  for (var j = 0; j < 10; j++) junk.push({ j: j });
  sum += box.items[0] + box.items[1].length + extra;
}
var holders = [];
for (var i = 0; i < 40; i++) holders.push(holder(i));
resolvers.forEach(function (r, i) { r(i); });

Promise.all(holders.concat([nestedDone])).then(function () {
  out('holders ' + sum);
  console.log(log.join('\n'));
});
