// await-using.js: `await using` declarations (async dispose methods awaited one at a time,
// sync ones through Symbol.dispose, null/undefined still awaiting once), errors combined
// with SuppressedError, AsyncDisposableStack and %AsyncIteratorPrototype%[@@asyncDispose].
// The log's order is in await-using.expected.

var log = [];
function out(s) { log.push(s); }
function ares(n) {
  return { async [Symbol.asyncDispose]() { out('start ' + n); await null; out('end ' + n); } };
}
function sres(n) { return { [Symbol.dispose]() { out('sync ' + n); } }; }

async function blocks() {
  {
    await using a = ares('a'), b = sres('b');
    await using c = null;
    out('body');
  }
  out('after block');
  try {
    await using d = { async [Symbol.asyncDispose]() { throw new Error('d'); } };
    await using e = { [Symbol.asyncDispose]() { return Promise.reject(new Error('e')); } };
    throw new Error('body');
  } catch (err) {
    out(err.name + ' ' + err.error.message + ' / ' + err.suppressed.error.message + ' / ' +
        err.suppressed.suppressed.message);
  }
  for (await using x of [ares(1), ares(2)]) out('iter');
  return 'blocks done';
}

async function returns() {
  await using r = ares('r');
  return 'returned';
}

async function stacks() {
  var stack = new AsyncDisposableStack();
  stack.use(ares('use'));
  stack.defer(async function () { out('defer'); });
  stack.adopt('v', async function (v) { out('adopt ' + v); });
  stack.use(sres('sync in async stack'));
  var moved = stack.move();
  out('moved ' + stack.disposed + ' ' + moved.disposed);
  await moved.disposeAsync();
  out('disposed ' + moved.disposed);
  await moved.disposeAsync();
  var failing = new AsyncDisposableStack();
  failing.defer(function () { throw new Error('f1'); });
  failing.defer(async function () { throw new Error('f2'); });
  try {
    await failing[Symbol.asyncDispose]();
  } catch (e) {
    out(e.name + ' ' + e.error.message + ' ' + e.suppressed.message);
  }
  return 'stacks done';
}

async function asyncIterators() {
  async function* gen() {}
  var proto = Object.getPrototypeOf(Object.getPrototypeOf(gen.prototype));
  var it = Object.create(proto);
  it.return = function () { out('return called'); return { done: true }; };
  var v = await it[Symbol.asyncDispose]();
  out('async iterator dispose ' + v);
}

// Each part runs after the previous one settles, so the log shows semantics, not job
// interleaving.
async function main() {
  var p = blocks();
  out('blocks suspended');  // the first await is the block's disposal, after 'body'
  out(await p);
  out(await returns());
  out(await stacks());
  await asyncIterators();
}
main().then(function () { print(log.join('\n')); }, function (e) { print('FAILED ' + e); });
