// `delete` of an optional chain (ES2025 13.5.1.2): a chain that short-circuits gives true
// without evaluating the rest; one that ends in a call is not a reference, so delete
// evaluates the call and gives true; one that ends in a member deletes it. The call form
// used to crash the bytecode generator (it assumed a member at the end of the chain).

var calls = 0;
function f() { calls++; return {}; }

assertEquals(delete undefined?.foo, true);
assertEquals(delete null?.['foo'], true);
assertEquals(delete undefined?.(), true);
assertEquals(delete null?.(), true);
assertEquals(delete f?.(), true);
assertEquals(calls, 1, 'the call in the chain ran once');
assertEquals(delete (f)?.(), true);
assertEquals(calls, 2);

var o = {a: {b: 1}, x: 2};
assertEquals(delete o?.x, true);
assertEquals('x' in o, false);
assertEquals(delete o.a?.b, true);
assertEquals('b' in o.a, false);
assertEquals(delete o.missing?.b, true, 'short-circuits on the undefined member');
