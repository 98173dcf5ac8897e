// Annex B.3.2: a sloppy block-level function declaration also sets a var binding of the
// enclosing function / script / eval when its declaration is evaluated.

// In eval code (B.3.2.3) the var binding is the eval's var, not the block binding.
var initialBV, currentBV, varBinding;
(function () {
  eval('{ function f() { initialBV = f; f = 123; currentBV = f; return "decl"; } }' +
       'varBinding = f; f();');
})();
assertEquals(initialBV(), 'decl', 'block binding at execution time');
assertEquals(currentBV, 123, 'block binding is mutable');
assertEquals(varBinding(), 'decl', 'var binding independent of the block binding');

(0, eval)('{ function annexbGlobalFn() { annexbGlobalFn = 1; return "g"; } }' +
          'var annexbGlobalSaved = annexbGlobalFn;');
assertEquals(annexbGlobalSaved(), 'g', 'indirect eval: the global var gets the function');
assertEquals(typeof annexbGlobalFn, 'function', 'the global var is not the block binding');

// In function code (B.3.2.1) no var named "arguments" is made.
(function () {
  assertEquals(String(arguments), '[object Arguments]', 'before the block');
  {
    assertEquals(arguments(), undefined, 'the block binding is the function');
    function arguments() {}
  }
  assertEquals(String(arguments), '[object Arguments]', 'after the block');
})();
