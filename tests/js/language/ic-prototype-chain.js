// Inline caches notice changes on the prototype chain (docs/object-model.md, "Inline caches
// and prototype validity"): a cached transitioning store or prototype-chain load must not
// survive a setter, a read-only property, a shadowing property, a deletion or a prototype
// change made later anywhere on the chain. Each case warms a fresh site (new Function) with
// several runs so the site is cached, then changes the chain and runs the site again.

function site(params, body) { return new Function(params, body); }
function warm(fn, make) { for (var i = 0; i < 4; i++) fn(make()); }

// ---- transitioning stores ----------------------------------------------------------------

// A setter added to the prototype later is called.
(function () {
  var proto = {};
  function C() {}
  C.prototype = proto;
  var store = site('o', 'o.x = 1;');
  warm(store, function () { return new C(); });
  var log = [];
  Object.defineProperty(proto, 'x', { set: function (v) { log.push(v); }, configurable: true });
  var o = new C();
  store(o);
  assertEquals(log.length, 1, 'setter on the prototype called');
  assert(!Object.prototype.hasOwnProperty.call(o, 'x'), 'no own x after the setter');
})();

// A setter on the grand-prototype (Object.prototype-like intermediate) is called.
(function () {
  var grand = {};
  var proto = Object.create(grand);
  function C() {}
  C.prototype = proto;
  var store = site('o', 'o.x = 2;');
  warm(store, function () { return new C(); });
  var seen;
  Object.defineProperty(grand, 'x', { set: function (v) { seen = v; }, configurable: true });
  store(new C());
  assertEquals(seen, 2, 'setter on the grand-prototype called');
})();

// A read-only x on the prototype: sloppy mode ignores the store, strict mode throws.
(function () {
  var proto = {};
  function C() {}
  C.prototype = proto;
  var sloppy = site('o', 'o.x = 3;');
  var strict = site('o', '"use strict"; o.x = 3;');
  warm(sloppy, function () { return new C(); });
  warm(strict, function () { return new C(); });
  Object.defineProperty(proto, 'x', { value: 'ro', writable: false, configurable: true });
  var o = new C();
  sloppy(o);
  assert(!Object.prototype.hasOwnProperty.call(o, 'x'), 'sloppy store refused');
  assertEquals(o.x, 'ro');
  assertThrows(TypeError, function () { strict(new C()); }, 'strict store throws');
})();

// A writable data x on the prototype does not stop the add, and neither does making it
// read-only afterwards go unnoticed.
(function () {
  var proto = { x: 0 };
  function C() {}
  C.prototype = proto;
  var store = site('o', '"use strict"; o.x = 4;');
  warm(store, function () { return new C(); });
  var o = new C();
  store(o);
  assertEquals(o.x, 4);
  Object.freeze(proto);
  assertThrows(TypeError, function () { store(new C()); }, 'frozen prototype');
})();

// Object.setPrototypeOf on an intermediate object puts a setter on the chain.
(function () {
  var top = {};
  var middle = Object.create(top);
  function C() {}
  C.prototype = Object.create(middle);
  var store = site('o', 'o.x = 5;');
  warm(store, function () { return new C(); });
  var seen;
  var withSetter = { set x(v) { seen = v; } };
  Object.setPrototypeOf(middle, withSetter);
  var o = new C();
  store(o);
  assertEquals(seen, 5, 'setter reached through the new prototype');
  assert(!Object.prototype.hasOwnProperty.call(o, 'x'));
})();

// A proxy inserted in the chain sees the store (its set trap runs).
(function () {
  var middle = {};
  function C() {}
  C.prototype = Object.create(middle);
  var store = site('o', 'o.x = 6;');
  warm(store, function () { return new C(); });
  var trapped = [];
  var proxy = new Proxy({}, {
    set: function (t, k, v, r) { trapped.push(k); return true; }
  });
  Object.setPrototypeOf(middle, proxy);
  var o = new C();
  store(o);
  assertEquals(trapped.join(), 'x', 'set trap ran');
  assert(!Object.prototype.hasOwnProperty.call(o, 'x'));
})();

// A setter added to Object.prototype is called for plain object literals' stores.
(function () {
  var store = site('o', 'o.icTestProp = 7;');
  warm(store, function () { return { a: 1 }; });
  var seen;
  Object.defineProperty(Object.prototype, 'icTestProp',
                        { set: function (v) { seen = v; }, configurable: true });
  var o = { a: 1 };
  store(o);
  delete Object.prototype.icTestProp;
  assertEquals(seen, 7, 'Object.prototype setter called');
  assert(!Object.prototype.hasOwnProperty.call(o, 'icTestProp'));
  store(o);
  assertEquals(o.icTestProp, 7, 'adds again once the setter is gone');
})();

// Array.prototype gets a setter: stores on arrays call it.
(function () {
  var store = site('a', 'a.icTestName = 8;');
  warm(store, function () { return [1, 2]; });
  var seen;
  Object.defineProperty(Array.prototype, 'icTestName',
                        { set: function (v) { seen = v; }, configurable: true });
  store([1, 2]);
  delete Array.prototype.icTestName;
  assertEquals(seen, 8, 'Array.prototype setter called');
})();

// A prototype in dictionary mode (many deletions) that gains a setter.
(function () {
  var proto = {};
  for (var i = 0; i < 40; i++) proto['p' + i] = i;
  for (var j = 0; j < 40; j += 2) delete proto['p' + j];
  function C() {}
  C.prototype = proto;
  var store = site('o', 'o.x = 9;');
  warm(store, function () { return new C(); });
  var seen;
  Object.defineProperty(proto, 'x', { set: function (v) { seen = v; }, configurable: true });
  store(new C());
  assertEquals(seen, 9, 'setter on a dictionary-mode prototype called');
})();

// ---- prototype-chain loads ----------------------------------------------------------------

// Found on the grand-prototype, then shadowed on the prototype, then deleted everywhere.
(function () {
  var grand = { y: 'grand' };
  var proto = Object.create(grand);
  var o = Object.create(proto);
  var load = site('o', 'return o.y;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), 'grand');
  proto.y = 'proto';
  assertEquals(load(o), 'proto', 'shadowed on the prototype');
  delete proto.y;
  assertEquals(load(o), 'grand', 'shadow deleted');
  delete grand.y;
  assertEquals(load(o), undefined, 'deleted from the grand-prototype');
  grand.y = 'again';
  assertEquals(load(o), 'again', 'added back');
  grand.y = 'changed';
  assertEquals(load(o), 'changed', 'value change seen');
})();

// A property absent everywhere, then added to Object.prototype.
(function () {
  var o = { a: 1 };
  var load = site('o', 'return o.icMissing;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), undefined);
  Object.prototype.icMissing = 'op';
  var got = load(o);
  delete Object.prototype.icMissing;
  assertEquals(got, 'op', 'Object.prototype addition seen');
  assertEquals(load(o), undefined, 'and its deletion');
})();

// A getter replaces a data property on the prototype.
(function () {
  function C() {}
  C.prototype.z = 1;
  var o = new C();
  var load = site('o', 'return o.z;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), 1);
  Object.defineProperty(C.prototype, 'z', { get: function () { return 'getter'; } });
  assertEquals(load(o), 'getter', 'getter on the prototype');
})();

// The prototype moves to dictionary mode; then its property changes.
(function () {
  var proto = { q: 1, r: 2, s: 3 };
  var o = Object.create(proto);
  var load = site('o', 'return o.r;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), 2);
  delete proto.q; // not the last added: dictionary mode
  assertEquals(load(o), 2, 'after dictionary mode');
  proto.r = 20;
  assertEquals(load(o), 20, 'dictionary value change');
  delete proto.r;
  assertEquals(load(o), undefined, 'dictionary delete');
})();

// setPrototypeOf on an intermediate object changes what the chain finds.
(function () {
  var a = { w: 'a' }, b = { w: 'b' };
  var middle = Object.create(a);
  var o = Object.create(Object.create(middle));
  var load = site('o', 'return o.w;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), 'a');
  Object.setPrototypeOf(middle, b);
  assertEquals(load(o), 'b', 'new grand-prototype');
  Object.setPrototypeOf(middle, new Proxy({}, { get: function () { return 'proxy'; } }));
  assertEquals(load(o), 'proxy', 'proxy in the chain');
})();

// Builtin prototypes: methods found on Array.prototype and Object.prototype, then shadowed.
(function () {
  var load = site('a', 'return a.icArrayThing;');
  var arr = [1];
  Array.prototype.icArrayThing = 1;
  for (var i = 0; i < 4; i++) assertEquals(load(arr), 1);
  Array.prototype.icArrayThing = 2;
  assertEquals(load(arr), 2);
  delete Array.prototype.icArrayThing;
  Object.prototype.icArrayThing = 3;
  assertEquals(load(arr), 3, 'now from Object.prototype');
  delete Object.prototype.icArrayThing;
  assertEquals(load(arr), undefined);

  var ts = site('o, f', 'return o.toString === f;');
  var plain = {};
  var original = Object.prototype.toString;
  for (var j = 0; j < 4; j++) assert(ts(plain, original));
  var mine = function () { return 'mine'; };
  var p2 = Object.getPrototypeOf(plain);
  var saved = p2.toString;
  p2.toString = mine;
  var after = ts(plain, original);
  p2.toString = saved;
  assertEquals(after, false, 'replaced method seen');
})();

// A string receiver's methods, then String.prototype changes.
(function () {
  var load = site('s', 'return s.icStr;');
  String.prototype.icStr = 's1';
  for (var i = 0; i < 4; i++) assertEquals(load('abc'), 's1');
  Object.defineProperty(String.prototype, 'icStr', { get: function () { return 's2'; },
                                                     configurable: true });
  assertEquals(load('abc'), 's2');
  delete String.prototype.icStr;
  assertEquals(load('abc'), undefined);
})();

// The global object as a prototype.
(function () {
  var o = Object.create(globalThis);
  var load = site('o', 'return o.icGlobalThing;');
  globalThis.icGlobalThing = 'g1';
  for (var i = 0; i < 4; i++) assertEquals(load(o), 'g1');
  globalThis.icGlobalThing = 'g2';
  assertEquals(load(o), 'g2');
  delete globalThis.icGlobalThing;
  assertEquals(load(o), undefined);
})();

// Class hierarchies: a method added to the base class later is found.
(function () {
  class A { m() { return 'A'; } }
  class B extends A {}
  class D extends B {}
  var d = new D();
  var call = site('o', 'return o.m();');
  for (var i = 0; i < 4; i++) assertEquals(call(d), 'A');
  B.prototype.m = function () { return 'B'; };
  assertEquals(call(d), 'B', 'method added in the middle');
  D.prototype.m = function () { return 'D'; };
  assertEquals(call(d), 'D');
})();

// Getters on the prototype chain: called with the receiver, and replaced or removed later.
(function () {
  var calls = 0;
  var proto = { get g() { calls++; return this.v; } };
  var o = Object.create(Object.create(proto));
  o.v = 'own';
  var load = site('o', 'return o.g;');
  for (var i = 0; i < 4; i++) assertEquals(load(o), 'own');
  assertEquals(calls, 4, 'getter ran each time');
  Object.defineProperty(proto, 'g', { get: function () { return 'new'; }, configurable: true });
  assertEquals(load(o), 'new', 'replaced getter');
  Object.defineProperty(proto, 'g', { set: function (v) {}, get: undefined });
  assertEquals(load(o), undefined, 'no getter');
  delete proto.g;
  proto.g = 'data';
  assertEquals(load(o), 'data', 'data property again');
  var s = site('s', 'return s.icGetter;');
  Object.defineProperty(String.prototype, 'icGetter', { get: function () { return typeof this; },
                                                        configurable: true });
  for (var j = 0; j < 3; j++) assertEquals(s('abc'), 'object', 'sloppy getter sees a wrapper');
  Object.defineProperty(String.prototype, 'icGetter', {
    get: function () { 'use strict'; return typeof this; }, configurable: true });
  assertEquals(s('abc'), 'string', 'strict getter sees the primitive');
  delete String.prototype.icGetter;
})();

// Setters on the prototype chain: cached, called with the receiver, then replaced, made
// getter-only (strict mode throws) and removed (the store adds an own property).
(function () {
  var log = [];
  class Base { set s(v) { log.push(this.tag + v); } }
  class Derived extends Base {}
  var store = site('o, v', '"use strict"; o.s = v;');
  var a = new Derived();
  a.tag = 'a';
  for (var i = 0; i < 4; i++) store(a, i);
  assertEquals(log.join(), 'a0,a1,a2,a3');
  assert(!Object.prototype.hasOwnProperty.call(a, 's'));
  Object.defineProperty(Base.prototype, 's', { set: function (v) { log.push('new' + v); },
                                               configurable: true });
  store(a, 4);
  assertEquals(log[log.length - 1], 'new4', 'replaced setter');
  Object.defineProperty(Derived.prototype, 's', { get: function () { return 1; },
                                                  configurable: true });
  assertThrows(TypeError, function () { store(a, 5); }, 'getter-only accessor');
  delete Derived.prototype.s;
  delete Base.prototype.s;
  store(a, 6);
  assertEquals(a.s, 6, 'own property added once the setters are gone');
  Object.preventExtensions(a);
  var b = new Derived();
  Object.preventExtensions(b);
  Object.defineProperty(Base.prototype, 's', { set: function (v) { log.push('ne' + v); },
                                               configurable: true });
  for (var j = 0; j < 3; j++) store(b, j);
  assertEquals(log.slice(-3).join(), 'ne0,ne1,ne2', 'setter runs on a non-extensible receiver');
})();

print('ok');
