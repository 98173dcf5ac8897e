// Mapped arguments objects (ES2025 10.4.4): in sloppy functions with simple parameters,
// arguments[i] aliases the i-th parameter binding until it is unmapped.

function assign(a, b, c) {
  a = 1; b = 'str'; c = 2.1;
  return [arguments[0], arguments[1], arguments[2]];
}
assertArrayEquals(assign(10, 'sss', 1), [1, 'str', 2.1], 'parameter writes show in arguments');

function write(a) {
  arguments[0] = 7;
  return a;
}
assertEquals(write(1), 7, 'arguments writes show in the parameter');

function nonconfigurable(a) {
  Object.defineProperty(arguments, '0', {configurable: false});
  a = 2;
  var d = Object.getOwnPropertyDescriptor(arguments, '0');
  return [a, arguments[0], d.value, d.writable, d.configurable];
}
assertArrayEquals(nonconfigurable(1), [2, 2, 2, true, false], 'still mapped when nonconfigurable');

function redefined(a) {
  Object.defineProperty(arguments, '0', {value: 'foo', writable: true, enumerable: true,
                                         configurable: true});
  return [a, arguments[0]];
}
assertArrayEquals(redefined(0), ['foo', 'foo'], 'defineProperty value writes the parameter');

function nonwritable(a) {
  Object.defineProperty(arguments, '0', {writable: false});
  a = 3;
  return [a, arguments[0]];
}
assertArrayEquals(nonwritable(1), [3, 1], 'unmapped once nonwritable');

function deleted(a) {
  delete arguments[0];
  a = 4;
  arguments[0] = 5;
  return [a, arguments[0]];
}
assertArrayEquals(deleted(1), [4, 5], 'unmapped once deleted');

function extra(a) {
  a = 9;
  return [arguments.length, arguments[0], arguments[1]];
}
assertArrayEquals(extra(1, 2), [2, 9, 2], 'extra arguments are not mapped');

function missing(a, b) {
  b = 9;
  return [arguments.length, arguments[1]];
}
assertArrayEquals(missing(1), [1, undefined], 'missing arguments are not mapped');

function strict(a) {
  'use strict';
  a = 2;
  return arguments[0];
}
assertEquals(strict(1), 1, 'strict arguments are unmapped');

function nonSimple(a, b = 0) {
  a = 2;
  return arguments[0];
}
assertEquals(nonSimple(1), 1, 'non-simple parameters: unmapped');

// `var arguments` names the arguments object (ES2025 10.2.11 step 22).
function varArguments() { return typeof arguments; var arguments = 1; }
assertEquals(varArguments(), 'object', 'var arguments keeps the object');
function varArgumentsAssigned(a) { var arguments; return arguments[0]; }
assertEquals(varArgumentsAssigned(7), 7, 'var arguments without initializer');
function functionArguments() { function arguments() {} return typeof arguments; }
assertEquals(functionArguments(), 'function', 'a function declaration replaces it');
function bodyVarArguments(a = 1) { var arguments; return typeof arguments; }
assertEquals(bodyVarArguments(), 'object', 'non-simple parameters: the body var starts as it');
