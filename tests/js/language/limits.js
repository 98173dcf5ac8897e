// Engine limits end in catchable errors, never crashes (issue 3: deep nesting, deep
// recursion), and the engine keeps working afterwards.

function nested(open, close, depth) {
  return open.repeat(depth) + "1" + close.repeat(depth);
}

for (const [open, close] of [["(", ")"], ["[", "]"], ["{", "}"], ["-(", ")"]]) {
  let error;
  try {
    eval(nested(open, close, 100000));
  } catch (e) {
    error = e;
  }
  assert(error instanceof SyntaxError || error instanceof RangeError,
         "100,000 levels of " + open + " give a SyntaxError or RangeError, got " + error);
}

// Operator and member chains are left-deep trees: 1,000 links run (the bound depends on the
// C stack, smaller per level under ASan), 100,000 are refused with a RangeError.
assertEquals(eval("0" + "+1".repeat(1000)), 1000);
assertThrows(RangeError, () => eval("0" + "+1".repeat(100000)));
assertThrows(RangeError, () => eval("Math" + ".abs.name".repeat(50000)));
const flat = eval("[" + "1,".repeat(100000) + "]");
assertEquals(flat.length, 100000);

// Unbounded recursion is a RangeError, and the stack is usable afterwards.
function down(n) { return down(n + 1) + 1; }
assertThrows(RangeError, () => down(0));
function up(n) { return n === 0 ? 0 : 1 + up(n - 1); }
assertEquals(up(1000), 1000);

// Recursion through a getter and through toString also stops cleanly.
const o = { get x() { return this.x; } };
assertThrows(RangeError, () => o.x);
const p = { toString() { return "" + this; } };
assertThrows(RangeError, () => String(p));
