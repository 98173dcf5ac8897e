// tests/js/harness.js: loaded before every test in tests/js (see tests/js/run.sh).
// Written in plain ES5 so it runs on an early Kiln. A failed assertion throws an
// AssertionError, which the shell reports as `Uncaught AssertionError: <message>`.

function AssertionError(message) {
  this.message = message;
}
AssertionError.prototype = Object.create(Error.prototype);
AssertionError.prototype.constructor = AssertionError;
AssertionError.prototype.name = 'AssertionError';

// ES2025 7.2.9 SameValue: like === except that NaN equals NaN and +0 differs from -0.
function sameValue(a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

// A readable rendering of a value for failure messages: strings quoted, -0 kept, arrays
// shown one level deep; never throws.
function describeValue(value) {
  try {
    if (typeof value === 'string') return '"' + value + '"';
    if (value === 0 && 1 / value < 0) return '-0';
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return 'function ' + (value.name || '<anonymous>');
    if (Array.isArray(value)) {
      var parts = [];
      for (var i = 0; i < value.length; i++) parts.push(describeValue(value[i]));
      return '[' + parts.join(', ') + ']';
    }
    return String(value);
  } catch (e) {
    return '<' + typeof value + '>';
  }
}

function failAssertion(message, what) {
  throw new AssertionError((message ? message + ': ' : '') + what);
}

function assert(condition, message) {
  if (!condition) {
    failAssertion(message, 'assertion failed: ' + describeValue(condition) + ' is falsy');
  }
}

function assertEquals(actual, expected, message) {
  if (!sameValue(actual, expected)) {
    failAssertion(message,
                  'expected ' + describeValue(expected) + ', got ' + describeValue(actual));
  }
}

// Calls fn and checks that it throws an instance of ErrorType; returns the thrown value.
function assertThrows(ErrorType, fn, message) {
  var name = ErrorType && ErrorType.name ? ErrorType.name : describeValue(ErrorType);
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ErrorType)) {
      failAssertion(message, 'expected ' + name + ' to be thrown, got ' + describeValue(e));
    }
    return e;
  }
  failAssertion(message, 'expected ' + name + ' to be thrown, but nothing was thrown');
}

// Compares lengths, then each element with SameValue.
function assertArrayEquals(actual, expected, message) {
  if (actual === null || typeof actual !== 'object' || typeof actual.length !== 'number') {
    failAssertion(message, 'expected an array, got ' + describeValue(actual));
  }
  if (actual.length !== expected.length) {
    failAssertion(message, 'expected length ' + expected.length + ', got ' + actual.length +
                  ': ' + describeValue(actual) + ' vs ' + describeValue(expected));
  }
  for (var i = 0; i < expected.length; i++) {
    if (!sameValue(actual[i], expected[i])) {
      failAssertion(message, 'at index ' + i + ': expected ' + describeValue(expected[i]) +
                    ', got ' + describeValue(actual[i]));
    }
  }
}

// True when the engine collects on (nearly) every allocation, as under `make stress`
// (--gc-interval=1 --verify-heap): tests then shrink their heaviest loops, as the C tests'
// test_scale does. 3,000 small allocations take well under 100 ms otherwise.
function underGcStress() {
  const start = Date.now();
  for (let i = 0; i < 3000; i++) ({ i });
  return Date.now() - start > 100;
}
