// object-alloc.js: short-lived object literals and arrays (young-generation GC).
var t0 = Date.now();
var keep = null, sum = 0;
for (var i = 0; i < 1000000; i++) {
  var o = { a: i, b: [i, i + 1], c: null };
  if ((i & 1023) === 0) { o.c = keep; keep = o; }
  sum += o.b[1] - o.a;
}
var ms = Date.now() - t0;
if (sum !== 1000000) throw new Error('object-alloc: wrong result ' + sum);
print('ms: ' + ms);
