// eval(...args) is still a direct eval when the callee is %eval% (ES2025 13.3.6.1 step 6):
// the first argument after spreading is the source, evaluated in the caller's scope.
var x = 'global';
(function () {
  var x = 'local';
  eval(...['x = 1;', 'x = 2;']);
  assertEquals(x, 1, 'first spread element is the source');
})();
(function () {
  var x = 'local';
  eval(...[], 'x = 3');
  assertEquals(x, 3, 'empty leading spread');
})();
(function () {
  var x = 'local';
  eval('x = 4', ...[]);
  assertEquals(x, 4, 'empty trailing spread');
})();
(function () {
  assertEquals(eval(...[]), undefined, 'no arguments');
  assertEquals(eval(...[5]), 5, 'a non-string argument is returned');
})();
(function () {
  var eval = function () { return arguments.length; };
  assertEquals(eval(...[1, 2, 3]), 3, 'another function gets every argument');
  assertEquals(eval(0, ...[1, 2]), 3, 'leading argument and spread');
})();
(function () {
  var count = 0;
  var iter = {};
  iter[Symbol.iterator] = function () {
    return { next: function () { count++; return { done: count > 2, value: 'x = ' + count }; } };
  };
  var x = 0;
  eval(...iter);
  assertEquals(count, 3, 'the iterable is iterated once');
  assertEquals(x, 1, 'local assigned');
})();
assertEquals(x, 'global', 'the global is untouched');
