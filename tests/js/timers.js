// timers.js: setTimeout/setInterval/clearTimeout/clearInterval in the shell's event loop:
// timers run by due time after the script, each followed by its microtasks (the order
// is compared with Node's output, timers.expected).
var log = [];
setTimeout(function (a, b) { log.push('t50 ' + a + b); }, 100, 'x', 'y');
var id = setTimeout(function () { log.push('cleared!'); }, 10);
clearTimeout(id);
setTimeout(function () { log.push('t0'); Promise.resolve().then(() => log.push('micro after t0')); }, 0);
setTimeout(function () { log.push('t1'); }, 1);
var n = 0;
var iv = setInterval(function () { log.push('iv ' + (++n)); if (n === 3) clearInterval(iv); }, 5);
Promise.resolve().then(() => log.push('micro'));
setTimeout(function () { console.log(log.join('\n')); }, 200);
(async () => { await new Promise(r => setTimeout(r, 60)); log.push('awaited timeout'); })();
