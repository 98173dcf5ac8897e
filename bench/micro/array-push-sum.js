// array-push-sum.js: growing arrays with push, then indexed reads.
var t0 = Date.now();
var total = 0;
for (var round = 0; round < 20; round++) {
  var a = [];
  for (var i = 0; i < 100000; i++) a.push(i & 1023);
  for (var j = 0; j < a.length; j++) total += a[j];
}
var ms = Date.now() - t0;
if (total !== 1020634560) throw new Error('array-push-sum: wrong result ' + total);
print('ms: ' + ms);
