// Strict `x = value` to a name declared nowhere resolves the reference before value runs
// (ES2025 13.15.2 step 1.a): a global the value creates does not make it resolvable, so
// PutValue throws a ReferenceError (6.2.5.6 step 3.a); one the value deletes makes the
// global object's SetMutableBinding throw (9.1.1.2.5 step 2).

var global = this;

(function () {
  'use strict';
  assertThrows(ReferenceError, function () { createdLater = (global.createdLater = 5); });
  assertEquals(global.createdLater, 5, 'the value was evaluated first');

  global.deletedMeanwhile = 1;
  assertThrows(ReferenceError, function () {
    deletedMeanwhile = (delete global.deletedMeanwhile, 2);
  });
  assert(!('deletedMeanwhile' in global), 'no binding made');

  global.present = 1;
  present = (function () { return 3; })();
  assertEquals(global.present, 3, 'an existing global is assigned');
  present = 4;
  assertEquals(global.present, 4, 'effect-free value');

  assertThrows(ReferenceError, function () { neverDeclared = 1; });
  assertThrows(ReferenceError, function () { neverDeclared = [].concat(1); });
  assert(!('neverDeclared' in global), 'nothing created');
})();

// Sloppy code creates the global as before.
createdSloppy = (global.createdSloppy = 5, 6);
assertEquals(global.createdSloppy, 6, 'sloppy assignment');
