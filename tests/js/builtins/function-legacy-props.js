// function-legacy-props.js: sloppy functions have own "arguments" and "caller" data
// properties (undefined, non-writable, non-configurable), so reading them never reaches
// Function.prototype's %ThrowTypeError% accessors; strict functions, arrows, methods,
// classes and generators have none and do reach them.
function sloppy() { return sloppy.caller; }
function strictCaller() { 'use strict'; return sloppy(); }
assertEquals(strictCaller(), undefined, 'reading .caller of a sloppy function does not throw');
assertEquals(sloppy.arguments, undefined);
var desc = Object.getOwnPropertyDescriptor(sloppy, 'caller');
assertEquals(desc.writable, false);
assertEquals(desc.configurable, false);
assertEquals(desc.enumerable, false);
assertArrayEquals(Object.getOwnPropertyNames(sloppy), ['length', 'name', 'prototype', 'arguments', 'caller']);
var others = [
  function () { 'use strict'; },
  () => 1,
  {m() {}}.m,
  class {},
  function* () {},
  async function () {},
];
others.forEach(function (f) {
  assertEquals(Object.prototype.hasOwnProperty.call(f, 'caller'), false);
  assertEquals(Object.prototype.hasOwnProperty.call(f, 'arguments'), false);
  assertThrows(TypeError, function () { return f.caller; });
  assertThrows(TypeError, function () { return f.arguments; });
});
assertThrows(TypeError, function () { 'use strict'; sloppy.caller = 1; });
