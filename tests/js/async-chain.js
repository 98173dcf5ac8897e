// async-chain.js: long chains of awaited promises settle one job at a time, so none
// needs C stack. (The 100,000-deep version with 256 KiB of C stack is the unit test
// promise.await_chain_needs_no_c_stack; this one stays short enough for --gc-interval=1.)

var N = underGcStress() ? 100 : 1000;  // every allocation collects under make stress

// Each async function awaits the promise of the one before it.
var p = Promise.resolve(0);
for (var i = 0; i < N; i++) {
  p = (function (prev) { return (async function () { return (await prev) + 1; })(); })(p);
}

// One async function resolved with the next one's promise, N deep (thenable jobs).
function nest(n) {
  var q = Promise.resolve('bottom');
  for (var i = 0; i < n; i++) q = (function (inner) { return new Promise(function (r) { r(inner); }); })(q);
  return q;
}

// A loop of N awaits in one frame.
async function loop() {
  var total = 0;
  for (var i = 0; i < N; i++) total += await i;
  return total;
}

Promise.all([p, nest(N), loop()]).then(function (results) {
  assertEquals(results[0], N);
  assertEquals(results[1], 'bottom');
  assertEquals(results[2], N * (N - 1) / 2);
  console.log('ok');
});
