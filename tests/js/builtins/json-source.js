// json-source.js: JSON.parse source text access (the reviver's context argument),
// JSON.rawJSON and JSON.isRawJSON.
var seen = [];
JSON.parse('{"a": 1.0, "b": [-0, "s", true], "a": 2e0, "n": null}', function (k, v, ctx) {
  seen.push(k + '=' + (ctx && 'source' in ctx ? ctx.source : '{}'));
  return v;
});
assertArrayEquals(seen, ['a=2e0', '0=-0', '1="s"', '2=true', 'b={}', 'n=null', '={}'],
                  'primitives get their source text; the last duplicate key counts');

// A value the reviver replaced no longer gets its source.
seen = [];
JSON.parse('[1, 2, 3]', function (k, v, ctx) {
  if (k === '0') this[1] = 20;
  seen.push(k + ':' + ('source' in ctx ? ctx.source : 'none'));
  return v;
});
assertArrayEquals(seen, ['0:1', '1:none', '2:3', ':none']);

// Big integers survive a round trip through rawJSON.
var big = JSON.parse('12345678901234567890', function (k, v, ctx) { return BigInt(ctx.source); });
assertEquals(big, 12345678901234567890n);
assertEquals(JSON.stringify({big: JSON.rawJSON(String(big))}), '{"big":12345678901234567890}');
assertEquals(JSON.stringify([JSON.rawJSON('"\\u0041"'), JSON.rawJSON('null')]), '["\\u0041",null]');

var raw = JSON.rawJSON(1.5);
assertEquals(raw.rawJSON, '1.5');
assertEquals(Object.getPrototypeOf(raw), null);
assert(Object.isFrozen(raw));
assertEquals(JSON.isRawJSON(raw), true);
assertEquals(JSON.isRawJSON({rawJSON: '1'}), false);
assertEquals(JSON.isRawJSON(1), false);
['', ' 1', '1\n', '{}', '[]', '1 2', 'undefined', '"x'].forEach(function (text) {
  assertThrows(SyntaxError, function () { JSON.rawJSON(text); }, JSON.stringify(text));
});
