// typed-arrays-bigint.js: BigInt64Array and BigUint64Array (the bigint content type), and
// the BigInt accessors of DataView and Atomics.

function list(ta) { return Array.prototype.map.call(ta, String).join(); }

var a = new BigInt64Array([1n, -2n, 3n]);
assertEquals(typeof a[0], 'bigint');
assertEquals(a[1], -2n);
a[0] = 2n ** 63n;                        // ToBigInt64: modulo 2^64
assertEquals(a[0], -(2n ** 63n));
a[0] = -1n;
assertEquals(new BigUint64Array(a.buffer)[0], 2n ** 64n - 1n);
assertThrows(TypeError, function () { a[0] = 1; });          // no Number -> BigInt
assertThrows(SyntaxError, function () { a[0] = '1.5'; });    // StringToBigInt fails
a[0] = '7';
assertEquals(a[0], 7n);
assertThrows(TypeError, function () { new BigInt64Array([1]); });
assertThrows(TypeError, function () { new Float64Array(a); });        // content types differ
assertThrows(TypeError, function () { new Int8Array(4).set(a); });
assertThrows(TypeError, function () { a.fill(0); });
assertEquals(list(new BigUint64Array(new BigInt64Array([-1n]))), '18446744073709551615');

// methods
assertEquals(list(a.slice().sort()), '-2,3,7');
assertEquals(list(new BigUint64Array([3n, 2n ** 64n - 1n, 0n]).sort()), '0,3,18446744073709551615');
assertEquals(list(a.toSorted(function (x, y) { return x < y ? 1 : x > y ? -1 : 0; })), '7,3,-2');
assertEquals(a.join('|'), '7|-2|3');
assertEquals(a.indexOf(3n), 2);
assertEquals(a.indexOf(3), -1);
assertEquals(a.includes(-2n), true);
assertEquals(list(a.map(function (x) { return x * 2n; })), '14,-4,6');
assertEquals(list(a.with(1, 5n)), '7,5,3');
assertEquals(list(BigInt64Array.from([1n, 2n], function (x) { return x + 1n; })), '2,3');
assertEquals(a.reduce(function (s, x) { return s + x; }), 8n);
var species = new BigInt64Array(2);
species.constructor = {};
species.constructor[Symbol.species] = function (n) { return new Int32Array(n); };
assertThrows(TypeError, function () { species.slice(); });              // species content type

// DataView
var dv = new DataView(new ArrayBuffer(16));
dv.setBigInt64(0, -2n);
assertEquals(dv.getBigInt64(0), -2n);
assertEquals(dv.getBigUint64(0), 2n ** 64n - 2n);
assertEquals(dv.getUint8(7), 0xfe);                                      // big-endian
dv.setBigUint64(8, 0x0102030405060708n, true);
assertEquals(dv.getUint8(8), 8);
assertThrows(TypeError, function () { dv.setBigInt64(0, 1); });

// Atomics
var s = new BigInt64Array(new SharedArrayBuffer(16));
assertEquals(Atomics.add(s, 0, 5n), 0n);
assertEquals(Atomics.sub(s, 0, 7n), 5n);
assertEquals(Atomics.load(s, 0), -2n);
assertEquals(Atomics.compareExchange(s, 0, -2n, 9n), -2n);
assertEquals(Atomics.exchange(s, 0, 1n), 9n);
assertEquals(Atomics.store(s, 1, 2n ** 64n + 3n), 2n ** 64n + 3n);
assertEquals(s[1], 3n);
assertEquals(Atomics.wait(s, 1, 4n, 0), 'not-equal');
assertEquals(Atomics.wait(s, 1, 3n, 0), 'timed-out');
assertThrows(TypeError, function () { Atomics.add(s, 0, 1); });
var u = new BigUint64Array(2);
assertEquals(Atomics.sub(u, 0, 1n), 0n);
assertEquals(u[0], 2n ** 64n - 1n);
