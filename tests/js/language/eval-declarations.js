// A sloppy direct eval's var declarations (ES2025 19.2.1.3 EvalDeclarationInstantiation):
// conflicts with enclosing lexical bindings and, for an eval in parameter expressions,
// with the parameters and `arguments` (they live in an environment inside the var scope).

// In parameter expressions: a parameter or `arguments` stands between eval and its var scope.
assertThrows(SyntaxError, function () {
  function f(p = eval("var arguments"), arguments) {}
  f();
}, 'following parameter named arguments');
assertThrows(SyntaxError, function () {
  function f(p = eval("var arguments")) {}
  f();
}, 'implicit arguments object');
assertThrows(SyntaxError, function () {
  function f(p = eval("var arguments")) { let arguments; }
  f();
}, 'body with a lexical arguments');
assertThrows(SyntaxError, function () {
  function f(a, p = eval("var a")) {}
  f();
}, 'a parameter name');
assertThrows(SyntaxError, function () {
  var f = (p = eval("var arguments = 'param'"), arguments) => {};
  f();
}, 'arrow with a parameter named arguments');
assertThrows(SyntaxError, function () {
  var o = { m(p = eval("var arguments")) {} };
  o.m();
}, 'method');

// An arrow has no arguments object: the var is declared in the arrow's var scope.
(function () {
  var f = (p = eval("var arguments = 'param'")) => arguments;
  assertEquals(f(), 'param', 'arrow without arguments binding');
})();

// Other names in parameter expressions are fine and visible to later parameters.
(function () {
  function f(a = eval("var y = 4"), b = () => y) { return [y, b()]; }
  assertArrayEquals(f(), [4, 4], 'eval var in parameters');
})();

// In the body of a function with non-simple parameters the var scope is the body's own:
// parameters do not conflict, and closures in parameters cannot see the var.
(function () {
  function f(a, b = 1) { eval("var a = 2"); return [a, arguments[0]]; }
  assertArrayEquals(f(5), [2, 5], 'body var shadows parameter');
  function g(a = () => typeof x) { eval("var x = 3"); return [a(), x]; }
  assertArrayEquals(g(), ['undefined', 3], 'parameter closure does not see body eval var');
  function h(a = 1) { var z = 1; eval("var z = 9"); return z; }
  assertEquals(h(), 9, 'existing body var');
  function k() { eval("var arguments = 5"); return arguments; }
  assertEquals(k(), 5, 'simple parameters: arguments is the var scope binding');
})();

// Lexical bindings of enclosing blocks conflict (step 3).
assertThrows(SyntaxError, function () { { let x; eval("var x"); } }, 'block let');
assertThrows(SyntaxError, function () { let x; { eval("var x"); } }, 'function let');

// All names are checked before any is declared.
(function () {
  var caught;
  try { { let late; eval("var early = 1; var late"); } } catch (e) { caught = e; }
  assert(caught instanceof SyntaxError, 'second name conflicts');
  assertEquals(typeof early, 'undefined', 'no binding for the first name');
})();
try {
  eval("function evalDeclShouldNotBeDefined(){} function NaN(){}");
} catch (e) {
  assert(e instanceof TypeError, 'NaN is not definable');
}
assertEquals(Object.getOwnPropertyDescriptor(this, 'evalDeclShouldNotBeDefined'), undefined,
             'no global function when another is not definable');
