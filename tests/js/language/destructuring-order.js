// Destructuring evaluates a target's reference before producing its value (ES2025
// 13.15.5.5-6, 8.6.2): member targets (also of a rest element) and names resolved at run
// time (with); an abrupt reference evaluation closes the iterator.

(function () {
  var returnCount = 0, nextCount = 0;
  var iterable = {};
  iterable[Symbol.iterator] = function () {
    return {
      next: function () { nextCount++; return { done: nextCount > 10 }; },
      return: function () { returnCount++; return {}; }
    };
  };
  var thrower = function () { throw new SyntaxError('target'); };
  assertThrows(SyntaxError, function () { 0, [...{}[thrower()]] = iterable; }, 'rest target');
  assertEquals(nextCount, 0, 'rest target evaluated before iterating');
  assertEquals(returnCount, 1, 'iterator closed');
})();

(function () {
  var log = [];
  var sourceKey = { toString: function () { log.push('sourceKey'); return 'p'; } };
  var source = { get p() { log.push('get source'); return undefined; } };
  var env = new Proxy({}, { has: function (t, pk) { log.push('binding::' + pk); return false; } });
  var defaultValue = 0;
  var varTarget;
  with (env) {
    var { [sourceKey]: varTarget = defaultValue } = source;
  }
  assertArrayEquals(log, ['binding::source', 'binding::sourceKey', 'sourceKey',
                          'binding::varTarget', 'get source', 'binding::defaultValue'],
                    'binding resolved before the property is read');
  assertEquals(varTarget, 0, 'default assigned');
})();

(function () {
  var scope = { a: 1 };
  var a = 'outer', b = 'outer';
  with (scope) {
    [a, b = function () {}] = [2, undefined];
  }
  assertEquals(scope.a, 2, 'with property assigned');
  assertEquals(a, 'outer', 'function binding untouched');
  assertEquals(b.name, 'b', 'default function named after the target');
})();
