// RegExpBuiltinExec reads lastIndex (user valueOf) before it takes the matcher, so a
// compile() inside valueOf switches to the new pattern. Its capture count may be larger
// than the one the capture buffer was sized for: the buffer must grow (it overflowed).
var r = /a/;
r.lastIndex = { valueOf() { r.compile('(a)'.repeat(40)); return 0; } };
var m = r.exec('a'.repeat(40));
assertEquals(m.length, 41, 'the new pattern ran, with all its captures');
assertEquals(m[40], 'a');

var g = /b/g;
g.lastIndex = { valueOf() { g.compile('(b)'.repeat(40), 'g'); return 0; } };
assertEquals(g.test('b'.repeat(40)), true);
assertEquals(g.lastIndex, 40);
