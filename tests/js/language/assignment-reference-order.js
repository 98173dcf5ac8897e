// An assignment resolves its target reference before evaluating the right-hand side
// (ES2025 13.15.2 step 1): a binding the right-hand side creates (sloppy eval) or adds
// (a with object) does not capture the store.

(function () {
  var x = 0;
  var inner = (function () {
    x = (eval("var x = 2;"), 1);
    return x;
  })();
  assertEquals(inner, 2, 'the eval var keeps its value');
  assertEquals(x, 1, 'the outer binding is assigned');
})();

(function () {
  var x = 3;
  var inner = (function () {
    x *= (eval("var x = 2;"), 4);
    return x;
  })();
  assertEquals(inner, 2, 'compound: eval var untouched');
  assertEquals(x, 12, 'compound: the outer binding gets old * 4');
})();

(function () {
  var x = 5;
  var inner = (function () {
    x ||= (eval("var x = 2;"), 9);
    x &&= (eval("var x = 7;"), 8);
    return x;
  })();
  assertEquals(inner, 7, 'logical assignment: the eval var keeps its value');
  assertEquals(x, 8, 'logical assignment writes the binding found first');
})();

(function () {
  var x = 0;
  var scope = {};
  with (scope) {
    x = (scope.x = 2, 1);
  }
  assertEquals(scope.x, 2, 'with: the new property is not assigned');
  assertEquals(x, 1, 'with: the function binding is assigned');
})();

(function () {
  var scope = {x: 1};
  with (scope) {
    x = (delete scope.x, 2);
  }
  assertEquals(scope.x, 2, 'sloppy: a removed with property is recreated');
})();

(function () {
  var x = 1;
  (function () {
    eval("var y = 10");
    y++;
    x += y;
    assertEquals(y, 11, 'update through an eval var');
  })();
  assertEquals(x, 12, 'compound through the closure context');
})();

(function () {
  assertThrows(TypeError, function () {
    const c = 1;
    (function () { eval(""); c = 2; })();
  }, 'const through a dynamic lookup');
  assertThrows(ReferenceError, function () {
    (function () { eval(""); t = 2; })();
    let t;
  }, 'TDZ through a dynamic lookup');
})();
