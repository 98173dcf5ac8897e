// Smoke test: the shell runs the harness and then this file in one realm, and the asserts
// both pass and fail as they should.
assert(true);
assertEquals(1 + 2, 3);
assertEquals(NaN, NaN);
assertThrows(AssertionError, function () { assertEquals(0, -0); });
assertThrows(AssertionError, function () { assert(false, 'falsy'); });
assertArrayEquals([1, 'a'], [1, 'a']);
assertThrows(AssertionError, function () { assertArrayEquals([1, 2], [1, 3]); });
assertThrows(TypeError, function () { null.x; });
