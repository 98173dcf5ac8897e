// fib.js: recursive calls and small-integer arithmetic.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
var t0 = Date.now();
var r = fib(30);
var ms = Date.now() - t0;
if (r !== 832040) throw new Error('fib: wrong result ' + r);
print('ms: ' + ms);
