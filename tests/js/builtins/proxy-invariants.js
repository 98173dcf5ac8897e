// Proxy invariants (issue 4): every trap result that contradicts the target is a TypeError.

const target = {};
Object.defineProperty(target, "fixed", { value: 1, writable: false, configurable: false });
Object.preventExtensions(target);

const liar = new Proxy(target, {
  get() { return 2; },                          // must report 1 for a non-writable, non-configurable
  has() { return false; },                      // cannot hide a non-configurable property
  getOwnPropertyDescriptor() { return undefined; },
  ownKeys() { return []; },                     // must list "fixed"
  isExtensible() { return true; },              // target is not extensible
  getPrototypeOf() { return Array.prototype; }, // non-extensible target: must match
  deleteProperty() { return true; },            // cannot delete a non-configurable property
  defineProperty() { return true; },            // cannot add to a non-extensible target
  set() { return true; },                       // cannot change a non-writable value
});
assertThrows(TypeError, () => liar.fixed);
assertThrows(TypeError, () => "fixed" in liar);
assertThrows(TypeError, () => Object.getOwnPropertyDescriptor(liar, "fixed"));
assertThrows(TypeError, () => Object.keys(liar));
assertThrows(TypeError, () => Object.isExtensible(liar));
assertThrows(TypeError, () => Object.getPrototypeOf(liar));
assertThrows(TypeError, () => { "use strict"; delete liar.fixed; });
assertThrows(TypeError, () => Object.defineProperty(liar, "other", { value: 1 }));
assertThrows(TypeError, () => { "use strict"; liar.fixed = 5; });

// Honest traps pass through, and a revoked proxy throws on every operation.
const { proxy, revoke } = Proxy.revocable({ x: 1 }, {});
assertEquals(proxy.x, 1);
revoke();
assertThrows(TypeError, () => proxy.x);
assertThrows(TypeError, () => Object.keys(proxy));

// A long chain of proxies is depth-checked, not a crash.
let p = {};
const links = underGcStress() ? 2000 : 100000;
for (let i = 0; i < links; i++) p = new Proxy(p, {});
let chainError;
try { p.x; } catch (e) { chainError = e; }
assert(chainError === undefined || chainError instanceof RangeError,
       "a 100,000-deep proxy chain ends cleanly, got " + chainError);
