// bigint-builtins.js: the BigInt constructor and BigInt.prototype (ES2025 21.2): ToBigInt and
// NumberToBigInt, asIntN/asUintN, toString(radix), wrappers, and JSON's TypeError.

// ---- BigInt(value) ----
assertEquals(BigInt(42), 42n);
assertEquals(BigInt(-0), 0n);
assertEquals(BigInt(2 ** 64), 18446744073709551616n);
assertEquals(BigInt(Number.MAX_VALUE), 2n ** 1024n - 2n ** 971n);
assertEquals(BigInt(true), 1n);
assertEquals(BigInt(' 0x1F '), 31n);
assertEquals(BigInt('-123456789012345678901234567890'), -123456789012345678901234567890n);
assertEquals(BigInt(''), 0n);
assertEquals(BigInt({ valueOf: function () { return 7; } }), 7n);
assertThrows(RangeError, function () { BigInt(1.5); });
assertThrows(RangeError, function () { BigInt(NaN); });
assertThrows(RangeError, function () { BigInt(Infinity); });
assertThrows(SyntaxError, function () { BigInt('1.5'); });
assertThrows(SyntaxError, function () { BigInt('-0x1'); });
assertThrows(SyntaxError, function () { BigInt('1n'); });
assertThrows(TypeError, function () { BigInt(undefined); });
assertThrows(TypeError, function () { BigInt(null); });
assertThrows(TypeError, function () { BigInt(Symbol()); });
assertThrows(TypeError, function () { return new BigInt(1); });
assertEquals(BigInt.length, 1);
assertEquals(BigInt.name, 'BigInt');

// ---- asIntN / asUintN ----
assertEquals(BigInt.asIntN(8, 127n), 127n);
assertEquals(BigInt.asIntN(8, 128n), -128n);
assertEquals(BigInt.asIntN(8, -129n), 127n);
assertEquals(BigInt.asUintN(8, -1n), 255n);
assertEquals(BigInt.asUintN(64, -1n), 18446744073709551615n);
assertEquals(BigInt.asIntN(64, 2n ** 63n), -9223372036854775808n);
assertEquals(BigInt.asIntN(0, 5n), 0n);
assertEquals(BigInt.asUintN(200, 2n ** 199n + 1n), 2n ** 199n + 1n);
assertEquals(BigInt.asIntN(2 ** 53 - 1, -5n), -5n);
assertEquals(BigInt.asUintN(1, '3'), 1n);
assertThrows(RangeError, function () { BigInt.asIntN(-1, 0n); });
assertThrows(RangeError, function () { BigInt.asUintN(2 ** 53, 0n); });
assertThrows(TypeError, function () { BigInt.asIntN(8, 1); });

// ---- toString, toLocaleString, valueOf ----
assertEquals((255n).toString(16), 'ff');
assertEquals((-255n).toString(2), '-11111111');
assertEquals((2n ** 64n).toString(36), '3w5e11264sgsg');
assertEquals((0n).toString(7), '0');
assertEquals(10n.toString(), '10');
assertEquals((123n).toLocaleString(), '123');
assertThrows(RangeError, function () { (1n).toString(1); });
assertThrows(RangeError, function () { (1n).toString(37); });
assertThrows(TypeError, function () { BigInt.prototype.toString.call(1); });
assertThrows(TypeError, function () { BigInt.prototype.valueOf.call({}); });
assertEquals(BigInt.prototype.valueOf.call(Object(9n)), 9n);

// ---- wrappers and property access ----
var w = Object(3n);
assertEquals(typeof w, 'object');
assert(w instanceof BigInt, 'wrapper instanceof BigInt');
assertEquals(w + 1n, 4n);
assertEquals(Object.prototype.toString.call(1n), '[object BigInt]');
assertEquals(Object.getPrototypeOf(5n), BigInt.prototype);
BigInt.prototype.twice = function () { return this * 2n; };
assertEquals((21n).twice(), 42n);
delete BigInt.prototype.twice;

// ---- JSON ----
assertThrows(TypeError, function () { JSON.stringify(1n); });
assertThrows(TypeError, function () { JSON.stringify({ a: Object(1n) }); });
BigInt.prototype.toJSON = function () { return this.toString(); };
assertEquals(JSON.stringify({ a: 5n }), '{"a":"5"}');
delete BigInt.prototype.toJSON;

// ---- Map and Set keys: SameValueZero compares BigInts by value ----
var m = new Map([[2n ** 70n, 'big'], [1n, 'one']]);
assertEquals(m.get(2n ** 70n), 'big');
assertEquals(m.get(1n), 'one');
assert(!m.has(1), 'a Number key is another key');
assertEquals(new Set([1n, 1n, 2n ** 64n, 2n ** 64n, 0n, -0n]).size, 3);
assertThrows(TypeError, function () { new WeakMap().set(1n, 1); });
