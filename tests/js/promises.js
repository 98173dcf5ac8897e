// promises.js: Promise jobs run in the spec's order (stdout is compared with
// promises.expected, which Node prints the same), the combinators, subclassing and species,
// thenables, and unhandled rejections that get handled in time (the run must exit 0).

var log = [];
function out(s) { log.push(s); }

Promise.resolve(1).then(function (v) { out('a' + v); });
new Promise(function (r) { r(2); }).then(function (v) {
  out('b' + v);
  return Promise.resolve(3);  // a promise result costs two more jobs
}).then(function (v) { out('c' + v); });
Promise.reject(new Error('x')).catch(function (e) { out('d' + e.message); })
  .finally(function () { out('finally'); });
Promise.all([1, Promise.resolve(2), 3]).then(function (v) { out('all ' + v); });
Promise.allSettled([1, Promise.reject(2)]).then(function (v) { out('settled ' + JSON.stringify(v)); });
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) {
  out('any ' + e.constructor.name + ' ' + e.errors);
});
Promise.race([new Promise(function () {}), Promise.resolve('r')]).then(function (v) { out('race ' + v); });
var thenable = { then: function (resolve) { out('then called'); resolve('t'); } };
Promise.resolve(thenable).then(function (v) { out('thenable ' + v); });
out('sync');

// Subclasses: then() makes instances of the species.
class MyPromise extends Promise {}
var mp = MyPromise.resolve(5);
var chained = mp.then(function (v) { return v + 1; });
out('subclass ' + (mp instanceof MyPromise) + ' ' + (chained instanceof MyPromise));
class PlainSpecies extends Promise { static get [Symbol.species]() { return Promise; } }
out('species ' + (PlainSpecies.resolve(1).then(function () {}) instanceof PlainSpecies));

// Executor errors reject; resolving twice does nothing; self-resolution is a TypeError.
new Promise(function () { throw 'thrown'; }).catch(function (e) { out('executor ' + e); });
new Promise(function (resolve, reject) { resolve('first'); reject('second'); resolve('third'); })
  .then(function (v) { out('once ' + v); });
var self = new Promise(function (r) { Promise.resolve().then(function () { r(self); }); });
self.catch(function (e) { out('self ' + e.constructor.name); });

// A rejection handled in a later job of the same checkpoint is not reported.
var late = Promise.reject(new Error('late'));
Promise.resolve().then(function () { late.catch(function () { out('late handled'); }); });

// Print once every job above has run.
var p = Promise.resolve();
for (var i = 0; i < 12; i++) p = p.then(function () {});
p.then(function () { console.log(log.join('\n')); });
