// JSON (issue 4): deep input gives an exception, never a crash; cycles are TypeErrors;
// replacer, indent and toJSON behave as the spec says.

// The deep cases need about 100,000 allocations; under GC stress (a collection each) they
// take too long and run in the other modes only.
const stress = underGcStress();
const deepArray = stress ? "[[]]" : "[".repeat(100000) + "]".repeat(100000);
let error;
try { JSON.parse(deepArray); } catch (e) { error = e; }
assert(error === undefined || error instanceof RangeError || error instanceof SyntaxError,
       "deep JSON.parse ends cleanly, got " + error);

if (!stress) {
  let nested = [];
  for (let i = 0; i < 100000; i++) nested = [nested];
  assertThrows(RangeError, () => JSON.stringify(nested));
}

const cyclic = { a: 1 };
cyclic.self = cyclic;
assertThrows(TypeError, () => JSON.stringify(cyclic));

assertEquals(JSON.stringify({ a: [1, "x", null, true], b: undefined }), '{"a":[1,"x",null,true]}');
assertEquals(JSON.stringify({ a: 1, b: 2 }, ["b"]), '{"b":2}');
assertEquals(JSON.stringify({ a: 1 }, null, 2), '{\n  "a": 1\n}');
assertEquals(JSON.stringify({ toJSON() { return 42; } }), "42");
assertEquals(JSON.stringify("\u2028\ud800"), '"\u2028\\ud800"');
assertEquals(JSON.parse('{"a":[1,{"b":2}]}', (k, v) => (k === "b" ? v * 10 : v)).a[1].b, 20);
assertThrows(SyntaxError, () => JSON.parse("{'a':1}"));
assertThrows(SyntaxError, () => JSON.parse("[1,]"));
// The engine keeps working after the deep cases.
assertEquals(JSON.stringify([1, [2, [3]]]), "[1,[2,[3]]]");
