// async-chain.js: chains of 100,000 awaited promises settle one job at a time, so none
// needs C stack (a resumption nested in the previous one would overflow the stack and throw
// RangeError long before). Under --gc-interval (underGcStress) the chains are 100 long:
// 100,000 pending frames with a collection per allocation would take hours. The unit test
// promise.await_chain_needs_no_c_stack runs the 100,000 version on 256 KiB of C stack.

var N = underGcStress() ? 100 : 100000;

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
