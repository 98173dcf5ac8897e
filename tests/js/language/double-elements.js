// Keyed loads and stores on arrays of unboxed doubles (the interpreter's fast paths):
// values round-trip, -0 and NaN survive, holes read through the prototype chain, and
// appends grow the length only where [[Set]] would.

var a = [1.5, 2.5, 3.5];
var sum = 0;
for (var i = 0; i < a.length; i++) sum += a[i];
assertEquals(sum, 7.5);
a[1] = 4;           // a Smi into double elements
assertEquals(a[1], 4);
a[0] = -0;
assert(Object.is(a[0], -0), '-0 kept');
a[2] = NaN;
assert(Number.isNaN(a[2]), 'NaN kept');
// A NaN with another payload (from a Float64Array) is canonicalised, never read as a hole.
var bytes = new Uint8Array(8);
bytes.set([1, 2, 3, 4, 5, 0xf8, 0xff, 0x7f]);
var odd = new Float64Array(bytes.buffer)[0];
a[2] = odd;
assert(Number.isNaN(a[2]), 'odd NaN read back as NaN');
assertEquals(2 in a, true);
a[3] = 0.25;        // append at length
assertEquals(a.length, 4);
assertEquals(a[3], 0.25);
for (var k = 4; k < 100; k++) a[k] = k + 0.5;
assertEquals(a.length, 100);
assertEquals(a[99], 99.5);
assertEquals(a[100], undefined);
assertEquals(a[-1], undefined);

// A hole reads through the prototype chain; a store into it with an element on the chain
// takes the general path.
var h = [0.5, , 2.5];
assertEquals(h[1], undefined);
Array.prototype[1] = 'proto';
assertEquals(h[1], 'proto');
var seen;
Object.defineProperty(Array.prototype, 5, { set: function (v) { seen = v; }, configurable: true });
var g = [0.5, 1.5, 2.5, 3.5, 4.5];
g[5] = 9.5;
assertEquals(seen, 9.5, 'setter on Array.prototype[5]');
assertEquals(g.length, 5);
delete Array.prototype[1];
delete Array.prototype[5];

// A frozen double array refuses stores; a read-only length refuses appends.
var f = Object.freeze([1.5, 2.5]);
f[0] = 7;
assertEquals(f[0], 1.5);
var r = [1.5, 2.5];
Object.defineProperty(r, 'length', { writable: false });
assertThrows(TypeError, function () { 'use strict'; r[2] = 3.5; });
assertEquals(r.length, 2);

// Large values stay exact, small integers come back as integers.
var big = [0.5, 2147483648, -2147483649, 1e308];
assertEquals(big[1], 2147483648);
assertEquals(big[2], -2147483649);
assertEquals(big[3] * 10, Infinity);
assertEquals(big[1] + 1, 2147483649);
print('ok');
