// Number <-> string conversions that must be exact (issue 4): shortest round-trip output,
// toFixed / toExponential / toPrecision for every argument, radix output, and correctly
// rounded parsing whatever the number of digits.

const shortest = [
  [0.1 + 0.2, "0.30000000000000004"], [1e21, "1e+21"], [1e-7, "1e-7"], [123e-20, "1.23e-18"],
  [5e-324, "5e-324"], [1.7976931348623157e308, "1.7976931348623157e+308"], [-0, "0"],
  [2 ** 53, "9007199254740992"], [0.000001, "0.000001"], [123456789012345680000, "123456789012345680000"],
  [NaN, "NaN"], [-Infinity, "-Infinity"], [100, "100"], [1.5, "1.5"],
];
for (const [value, text] of shortest) assertEquals(String(value), text, "String(" + text + ")");

assertEquals((1.005).toFixed(2), "1.00");
assertEquals((0.125).toFixed(2), "0.13");           // ties away from zero on the exact value
assertEquals((1e21).toFixed(2), "1e+21");
assertEquals((123.456).toFixed(10), "123.4560000000");
assertEquals((0).toFixed(100).length, 102);
assertEquals((123.456).toExponential(2), "1.23e+2");
assertEquals((0).toExponential(), "0e+0");
assertEquals((123456).toPrecision(2), "1.2e+5");
assertEquals((0.00001234).toPrecision(2), "0.000012");
assertThrows(RangeError, () => (1).toFixed(101));
assertThrows(RangeError, () => (1).toPrecision(0));
assertThrows(RangeError, () => (1).toString(37));

assertEquals((255).toString(16), "ff");
assertEquals((0.5).toString(2), "0.1");
assertEquals((-255.5).toString(16), "-ff.8");
assertEquals(Math.PI.toString(16).slice(0, 14), "3.243f6a8885a3");

assertEquals(Number("2.2250738585072011e-308"), 2.2250738585072011e-308);
assertEquals(Number("9007199254740993"), 9007199254740992);  // halfway: to even
assertEquals(Number("1e-400"), 0);
assertEquals(Number("1e400"), Infinity);
assertEquals(Number("0x1F"), 31);
assertEquals(Number(" \u00a0\ufeff 12 \n"), 12);
assertEquals(Number("1_000"), NaN);
assertEquals(Number(""), 0);
assertEquals(parseFloat("3.14abc"), 3.14);
assertEquals(parseInt("0x1f"), 31);
assertEquals(parseInt("123456789012345678901234567890"), 1.2345678901234568e29);
// 800 significant digits still round correctly.
assertEquals(Number("1." + "0".repeat(800) + "1"), 1);
assertEquals(Number("0." + "9".repeat(800)), 1);

// Round trips of random doubles: String(x) read back is x.
let seed = 12345;
function random() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
const rounds = underGcStress() ? 50 : 2000;
for (let i = 0; i < rounds; i++) {
  const x = (random() - 0.5) * 10 ** Math.floor(random() * 600 - 300);
  assertEquals(Number(String(x)), x, "round trip of " + x);
}

// toPrecision / toExponential of a double just below a power of ten whose log10 rounds up
// to it (the double nearest 1e-21 is 9.99999999999999907537e-22).
assertEquals((1e-21).toPrecision(16), '9.999999999999999e-22');
assertEquals((1e-21).toPrecision(21), '9.99999999999999907537e-22');
assertEquals((1e-21).toPrecision(7), '1.000000e-21');
assertEquals((1e-21).toExponential(15), '9.999999999999999e-22');
assertEquals((100).toPrecision(1), '1e+2');
assertEquals((1000).toPrecision(3), '1.00e+3');
