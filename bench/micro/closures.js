// closures.js: creating closures and calling them through captured variables.
function makeCounter(start) {
  var n = start;
  return function (d) { n += d; return n; };
}
var t0 = Date.now();
var total = 0;
for (var i = 0; i < 100000; i++) {
  var c = makeCounter(i);
  for (var j = 0; j < 10; j++) total += c(1) - i;
}
var ms = Date.now() - t0;
if (total !== 5500000) throw new Error('closures: wrong result ' + total);
print('ms: ' + ms);
