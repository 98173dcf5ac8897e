// string-locale-compare.js: String.prototype.localeCompare collates with ICU's root locale
// (canonically equivalent strings compare equal; case is a tertiary difference).
assertEquals('o\u0308'.localeCompare('\u00f6'), 0, 'composed and decomposed forms are equal');
assertEquals('\u00e4\u0323'.localeCompare('\u0061\u0323\u0308'), 0, 'reordered combining marks');
assertEquals('a'.localeCompare('B'), -1, 'not code-unit order');
assertEquals('b'.localeCompare('a'), 1);
assertEquals(''.localeCompare(''), 0);
assertArrayEquals(['b', 'C', 'a'].sort(function (x, y) { return x.localeCompare(y); }), ['a', 'b', 'C']);
assertThrows(TypeError, function () { String.prototype.localeCompare.call(null, 'a'); });
