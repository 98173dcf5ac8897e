// bigint-operators.js: BigInt literals and every operator (ES2025 6.1.6.2, 13.x): results,
// two's complement bitwise semantics, floor shifts, comparisons and equality with Numbers
// and Strings (exact), and the TypeErrors and RangeErrors the spec requires.

// ---- literals ----
assertEquals(typeof 1n, 'bigint');
assertEquals(0x1fn, 31n);
assertEquals(0o17n, 15n);
assertEquals(0b101n, 5n);
assertEquals(1_000_000n, 1000000n);
assertEquals(String(0xffff_ffff_ffff_ffff_ffffn), '1208925819614629174706175');
assertEquals(-0n, 0n);
assert(Object.is(-0n, 0n), 'no negative zero');

// ---- arithmetic ----
var big = 2n ** 128n;
assertEquals(String(big), '340282366920938463463374607431768211456');
assertEquals(big + 1n - big, 1n);
assertEquals(big * big / big, big);
assertEquals(-7n / 2n, -3n);          // truncates toward zero
assertEquals(-7n % 2n, -1n);          // sign of the dividend
assertEquals(7n % -2n, 1n);
assertEquals((-2n) ** 3n, -8n);
assertEquals((-1n) ** 1000n, 1n);
assertEquals(0n ** 0n, 1n);
assertEquals(-(-5n), 5n);
assertEquals(-(2n ** 64n), -18446744073709551616n);
assertThrows(RangeError, function () { return 1n / 0n; });
assertThrows(RangeError, function () { return 1n % 0n; });
assertThrows(RangeError, function () { return 2n ** -1n; });
assertThrows(RangeError, function () { return 2n ** (2n ** 40n); });
assertThrows(RangeError, function () { return 1n << (2n ** 31n); });

// ---- bitwise: negative values have infinitely many one bits ----
assertEquals(5n & -3n, 5n);
assertEquals(-5n & -3n, -7n);
assertEquals(-5n | 3n, -5n);
assertEquals(-5n | -3n, -1n);
assertEquals(-5n ^ 3n, -8n);
assertEquals(-5n ^ -3n, 6n);
assertEquals(~0n, -1n);
assertEquals(~-1n, 0n);
assertEquals(~(2n ** 64n), -(2n ** 64n) - 1n);
assertEquals((2n ** 64n - 1n) & -(2n ** 32n), 2n ** 64n - 2n ** 32n);

// ---- shifts: >> rounds toward -infinity, a negative count shifts the other way ----
assertEquals(1n << 100n, 2n ** 100n);
assertEquals(-5n >> 1n, -3n);
assertEquals(-(2n ** 100n) >> 99n, -2n);
assertEquals(-(2n ** 100n + 1n) >> 100n, -2n);
assertEquals(5n << -1n, 2n);
assertEquals(5n >> -1n, 10n);
assertEquals(-1n >> 1000000000000n, -1n);
assertEquals(1n >> 1000000000000n, 0n);
assertEquals(0n << 1000000000000n, 0n);
assertThrows(TypeError, function () { return 1n >>> 0n; });

// ---- update and compound assignment ----
var i = 9007199254740993n;
i++;
assertEquals(i, 9007199254740994n);
--i;
i--;
assertEquals(i, 9007199254740992n);
var x = 3n;
x **= 3n;
x -= 2n;
x <<= 2n;
assertEquals(x, 100n);
var sum = 0n;
for (var k = 0n; k < 100n; k++) sum += k;
assertEquals(sum, 4950n);

// ---- mixing with Number: TypeError; unary plus: TypeError ----
assertThrows(TypeError, function () { return 1n + 1; });
assertThrows(TypeError, function () { return 1 * 1n; });
assertThrows(TypeError, function () { return 1n | 0; });
assertThrows(TypeError, function () { return +1n; });
assertThrows(TypeError, function () { return Math.max(1n); });
assertEquals(1n + '1', '11');
assertEquals('' + -12n, '-12');
assertEquals(`${2n ** 70n}`, '1180591620717411303424');

// ---- equality ----
assert(1n == 1, '1n == 1');
assert(1n == '1', "1n == '1'");
assert(1n == true, '1n == true');
assert(!(1n == 1.5), '1n == 1.5');
assert(!(1n == NaN), '1n == NaN');
assert(!(1n == 'x'), "1n == 'x'");
assert(0n == '', "0n == ''");
assert(255n == '0xff', "255n == '0xff'");
assert(2n ** 64n == 18446744073709551616, '2^64 == 2^64 as a double');
assert(!(2n ** 64n + 1n == 18446744073709551616), 'exact comparison');
assert(Object(5n) == 5n, 'wrapper == value');
assert(!(1n === 1), '1n === 1');
assert(2n ** 80n === 2n ** 80n, 'strict equality compares values');
assert([1n, 2n].includes(2n), 'includes');
assertEquals([10n, 20n].indexOf(20n), 1);

// ---- relational comparison, exact with doubles ----
assert(1n < 1.5, '1n < 1.5');
assert(2n > 1.5, '2n > 1.5');
assert(-1n > -1.5, '-1n > -1.5');
assert(!(1n < NaN) && !(1n >= NaN), 'NaN is unordered');
assert(10n ** 400n < Infinity, 'below Infinity');
assert(-(10n ** 400n) > -Infinity, 'above -Infinity');
assert(10n ** 30n < 1e30, '1e30 is slightly above 10^30');
assert(1n < '2', "1n < '2'");
assert(!(1n < 'x') && !(1n >= 'x'), 'unparsable strings are unordered');
assert('10' > 9n, "'10' > 9n");
assert(2n ** 64n > 2n ** 63n, 'BigInt order');
assert(-(2n ** 64n) < -(2n ** 63n), 'negative BigInt order');

// ---- truthiness and conversions ----
assert(!0n, '0n is falsy');
assert(!!-1n, '-1n is truthy');
assertEquals(0n ? 'y' : 'n', 'n');
assertEquals(0n || 'other', 'other');
assertEquals(0n ?? 'other', 0n);
var o = {};
o[1n] = 'one';
assertEquals(o['1'], 'one');
assertEquals(Number(2n ** 53n + 1n), 9007199254740992);
assertEquals(Number(2n ** 53n + 3n), 9007199254740996);
assertEquals(Number(-(2n ** 1024n)), -Infinity);
assertThrows(TypeError, function () { return isNaN(1n); });
