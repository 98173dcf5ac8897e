// Derived class constructors: [[Construct]]'s checks of the returned value run after the
// constructor's frame is gone (ES2025 10.2.2 steps 10-12), so its own try/catch cannot
// intercept them; the default constructor forwards its arguments without iterating them.

class Base {
  constructor(a, b) { this.args = [a, b, arguments.length]; }
}

assertThrows(TypeError, function () {
  new (class extends Base {
    constructor() { super(); try { return 0; } catch (e) { return; } }
  })();
}, 'TypeError for return 0 is not catchable');

assertThrows(TypeError, function () {
  new (class extends Base {
    constructor() { var f = () => super(); try { return 0; } catch (e) { f(); } }
  })();
}, 'not catchable even when super is called in the catch block');

assertThrows(TypeError, function () {
  new (class extends Base {
    constructor() { super(); try { return 1; } finally { } }
  })();
}, 'return through finally');

assertThrows(ReferenceError, function () {
  new (class extends Base {
    constructor() { try { return; } catch (e) { super(); } }
  })();
}, 'return without super(): ReferenceError outside the frame');

assertThrows(ReferenceError, function () {
  new (class extends Base { constructor() { } })();
}, 'falling off the end without super()');

(function () {
  var o = new (class extends Base {
    constructor() { super(1, 2); this.x = 1; return undefined; }
  })();
  assertEquals(o.x, 1, 'return undefined gives this');
  var r = {};
  var p = new (class extends Base { constructor() { return r; } })();
  assertEquals(p, r, 'an object is returned as is');
})();

(function () {
  var saved = Array.prototype[Symbol.iterator];
  Array.prototype[Symbol.iterator] = function () { throw new Error('@@iterator invoked'); };
  try {
    class Derived extends Base {}
    var d = new Derived(5, 6, 7);
    assertArrayEquals(d.args, [5, 6, 3], 'arguments forwarded');
    assert(d instanceof Derived, 'instance of the derived class');
    class Derived2 extends Derived {}
    assertArrayEquals(new Derived2().args, [undefined, undefined, 0], 'no arguments');
  } finally {
    Array.prototype[Symbol.iterator] = saved;
  }
})();
