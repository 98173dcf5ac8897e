// regexp-fast-paths.js: the unmodified-RegExp fast paths of builtins-regexp.c (exec, test,
// flags, @@replace, @@split, @@match) give the spec's results, and step aside as soon as
// RegExp.prototype, the instance, the species or a subclass makes a step observable.

// ---- @@replace with a template ----
assertEquals('abcabc'.replace(/b(c)/g, '[$1|$&|$$]'), 'a[c|bc|$]a[c|bc|$]');
assertEquals('abc'.replace(/b/, "[$`|$']"), 'a[a|c]c');
assertEquals('abc'.replace(/(b)/, '$0$2$10$01'), 'a$0$2b0bc');
assertEquals('abc'.replace(/(b)/, '$<x>'), 'a$<x>c');
assertEquals('abc'.replace(/x/g, 'y'), 'abc');
assertEquals('abc'.replace(/x*/g, '-'), '-a-b-c-');
assertEquals('\ud83d\ude00'.replace(/(?:)/gu, '-'), '-\ud83d\ude00-');
assertEquals('\ud83d\ude00'.replace(/(?:)/g, '-'), '-\ud83d-\ude00-');
assertEquals('a\u0100a'.replace(/a/g, 'b'), 'b\u0100b');

// ---- @@replace with a function ----
var calls = [];
assertEquals('a1b22'.replace(/(\d)(x)?/g, function (m, p1, p2, offset, s) {
  calls.push([m, p1, p2, offset, s].join(','));
  return '<' + m + '>';
}), 'a<1>b<2><2>');
assertEquals(calls.join(' '), '1,1,,1,a1b22 2,2,,3,a1b22 2,2,,4,a1b22');
assertEquals('ab'.replace(/b/, function () { return 7; }), 'a7');

// ---- lastIndex ----
var g = /a/g;
g.lastIndex = 3;
assertEquals('aaa'.replace(g, 'b'), 'bbb');
assertEquals(g.lastIndex, 0);
var y = /a/y;
y.lastIndex = 1;
assertEquals('aab'.replace(y, 'x'), 'axb');
assertEquals(y.lastIndex, 2);
assertEquals('aab'.replace(y, 'x'), 'aab');
assertEquals(y.lastIndex, 0);
var t = /b/g;
assertEquals(t.test('abcb'), true);
assertEquals(t.lastIndex, 2);
assertEquals(t.test('abcb'), true);
assertEquals(t.lastIndex, 4);
assertEquals(t.test('abcb'), false);
assertEquals(t.lastIndex, 0);

// ---- @@split ----
assertArrayEquals('a1b2c3'.split(/\d/), ['a', 'b', 'c', '']);
assertArrayEquals('a1b2c'.split(/(\d)(x)?/), ['a', '1', undefined, 'b', '2', undefined, 'c']);
assertArrayEquals('a1b2c3'.split(/\d/, 2), ['a', 'b']);
assertArrayEquals('a1b2c3'.split(/(\d)/, 2), ['a', '1']);
assertArrayEquals('a1b'.split(/\d/, 0), []);
assertArrayEquals(''.split(/x/), ['']);
assertArrayEquals(''.split(/(?:)/), []);
assertArrayEquals('abc'.split(/(?:)/), ['a', 'b', 'c']);
assertArrayEquals('abc'.split(/$/), ['abc']);
assertArrayEquals('abcb'.split(/b/y), ['a', 'c', '']);
assertArrayEquals('\ud83d\ude00x'.split(/(?:)/u), ['\ud83d\ude00', 'x']);
assertArrayEquals('\ud83d\ude00x'.split(/(?:)/), ['\ud83d', '\ude00', 'x']);
assertArrayEquals('a, b,c'.split(/\s*,\s*/), ['a', 'b', 'c']);
var s = /,/;
s.lastIndex = 5;
'a,b'.split(s);
assertEquals(s.lastIndex, 5);

// ---- global @@match ----
assertArrayEquals('aXbX'.match(/x/gi), ['X', 'X']);
assertArrayEquals('abc'.match(/x*/g), ['', '', '', '']);
assertEquals('abc'.match(/x/g), null);

// ---- the legacy static properties follow the last match ----
'one two'.replace(/(\w+)$/, 'x');
assertEquals(RegExp.lastMatch, 'two');
assertEquals(RegExp.$1, 'two');
'k1v2w'.split(/(\d)/);
assertEquals(RegExp.lastMatch, '2');
'ab'.match(/./g);
assertEquals(RegExp.lastMatch, 'b');

// ---- an own "exec" on the instance is called ----
var own = /b/g;
var ownCalls = 0;
own.exec = function (str) { ownCalls++; return null; };
assertEquals('abc'.replace(own, 'x'), 'abc');
assertEquals(own.test('b'), false);
assertEquals(ownCalls, 2);

// ---- a subclass's exec is called ----
class Sub extends RegExp {
  exec(str) { Sub.calls++; return super.exec(str); }
}
Sub.calls = 0;
assertEquals('abc'.replace(new Sub('b', 'g'), 'x'), 'axc');
assertArrayEquals('a1b'.split(new Sub('\\d')), ['a', 'b']);
assert(Sub.calls >= 3, 'subclass exec calls: ' + Sub.calls);

// ---- a replaced RegExp.prototype.exec is called, and restoring it restores the fast path ----
var origExec = RegExp.prototype.exec;
var protoCalls = 0;
RegExp.prototype.exec = function (str) { protoCalls++; return origExec.call(this, str); };
assertEquals('abab'.replace(/b/g, 'x'), 'axax');
assertArrayEquals('a1b'.split(/\d/), ['a', 'b']);
assertArrayEquals('aa'.match(/a/g), ['a', 'a']);
assertEquals(/a/.test('a'), true);
assert(protoCalls >= 9, 'prototype exec calls: ' + protoCalls);
RegExp.prototype.exec = origExec;
protoCalls = 0;
assertEquals('abab'.replace(/b/g, 'x'), 'axax');
assertEquals(protoCalls, 0);

// ---- a species constructor is used by split ----
var speciesCalls = 0;
var sp = /,/;
sp.constructor = function (source, flags) {
  speciesCalls++;
  return new RegExp(source, flags);
};
sp.constructor[Symbol.species] = sp.constructor;
assertArrayEquals('a,b'.split(sp), ['a', 'b']);
assertEquals(speciesCalls, 1);

// ---- a redefined flag getter is seen by flags, replace and split ----
var desc = Object.getOwnPropertyDescriptor(RegExp.prototype, 'global');
var getterCalls = 0;
Object.defineProperty(RegExp.prototype, 'global', {
  get: function () { getterCalls++; return desc.get.call(this); },
  configurable: true
});
assertEquals(/a/g.flags, 'g');
assertEquals('aa'.replace(/a/g, 'b'), 'bb');
assertArrayEquals('a,b'.split(/,/), ['a', 'b']);
assertEquals(getterCalls, 3);
Object.defineProperty(RegExp.prototype, 'global', desc);
assertEquals('aa'.replace(/a/g, 'b'), 'bb');
assertEquals(getterCalls, 3);
print('ok');
