// annex-b-globals.js: escape / unescape (ES2025 B.2.1) and the String.prototype HTML
// methods (B.2.2.2-14).
assertEquals(escape('AZaz09@*_+-./'), 'AZaz09@*_+-./', 'the unescaped set');
assertEquals(escape(' !"#\u00e9\u00ff'), '%20%21%22%23%E9%FF');
assertEquals(escape('\u0100\uD83D\uDE00'), '%u0100%uD83D%uDE00', 'code units, not code points');
assertEquals(unescape('%u0100%41%7a'), '\u0100Az');
assertEquals(unescape('%zz%u12%4'), '%zz%u12%4', 'incomplete sequences stay');
assertEquals(unescape('%u004G%41'), '%u004GA');
assertEquals(unescape(escape('\u1234 \u00e0x')), '\u1234 \u00e0x');
assertEquals(escape.length, 1);
assertEquals(Object.getOwnPropertyDescriptor(globalThis, 'unescape').enumerable, false);

assertEquals('x'.anchor('a"b'), '<a name="a&quot;b">x</a>', 'quotes in the attribute are escaped');
assertEquals('x'.big(), '<big>x</big>');
assertEquals('x'.blink(), '<blink>x</blink>');
assertEquals('x'.bold(), '<b>x</b>');
assertEquals('x'.fixed(), '<tt>x</tt>');
assertEquals('x'.fontcolor('red'), '<font color="red">x</font>');
assertEquals('x'.fontsize(7), '<font size="7">x</font>');
assertEquals('x'.italics(), '<i>x</i>');
assertEquals('x'.link('u'), '<a href="u">x</a>');
assertEquals('"'.small(), '<small>"</small>', 'the string itself is not escaped');
assertEquals('x'.strike() + 'x'.sub() + 'x'.sup(), '<strike>x</strike><sub>x</sub><sup>x</sup>');
assertEquals('x'.anchor(), '<a name="undefined">x</a>');
assertEquals(String.prototype.anchor.length, 1);
assertEquals(String.prototype.big.length, 0);
assertThrows(TypeError, function () { String.prototype.bold.call(null); });
var order = [];
var self = {toString() { order.push('this'); return 's'; }};
var arg = {toString() { order.push('arg'); return 'a'; }};
assertEquals(String.prototype.link.call(self, arg), '<a href="a">s</a>');
assertArrayEquals(order, ['this', 'arg'], 'this is converted before the argument');
