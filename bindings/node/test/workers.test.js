'use strict';

// Each environment (main thread, each worker) has its own table of slots.
// An address made in one is a TypeError in another, though it is a real
// address in the same process: the table is checked, the memory is not read.

const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const TypePointer = require('..');

const PKG = path.resolve(__dirname, '..');

// Worker body: answers {op, addr} messages from the parent with plain data.
const WORKER_SRC = `
const { parentPort, workerData } = require('node:worker_threads');
const TypePointer = require(workerData.pkg);
const tp = new TypePointer();
function attempt(fn) {
  try { return { ok: true, value: fn() }; }
  catch (e) { return { ok: false, name: e.constructor.name, code: e.code, message: e.message }; }
}
parentPort.on('message', (m) => {
  let r;
  if (m.op === 'malloc') r = attempt(() => tp.mallocValueAddr(m.value));
  else if (m.op === 'read') r = attempt(() => tp.readValueByAddr(m.addr));
  else if (m.op === 'write') r = attempt(() => tp.writeValueByAddr(m.addr, m.value));
  else if (m.op === 'free') r = attempt(() => tp.freeValueByAddr(m.addr));
  else if (m.op === 'fill') {
    for (let i = 0; i < m.n; i++) tp.mallocValueAddr({ i, s: 'x'.repeat(10) });
    r = { ok: true, value: TypePointer.stats().live };
  }
  parentPort.postMessage(r);
});
`;

function startWorker() {
  const w = new Worker(WORKER_SRC, { eval: true, workerData: { pkg: PKG } });
  const pending = [];
  w.on('message', (m) => pending.shift().resolve(m));
  w.on('error', (e) => { while (pending.length) pending.shift().reject(e); });
  w.ask = (msg) => new Promise((resolve, reject) => {
    pending.push({ resolve, reject });
    w.postMessage(msg);
  });
  return w;
}

function assertForeign(r) {
  assert.strictEqual(r.ok, false, 'expected a TypeError, got ' + JSON.stringify(r));
  assert.strictEqual(r.name, 'TypeError');
  assert.strictEqual(r.code, 'ERR_TP_UNKNOWN_ADDRESS');
  assert.match(r.message, /not a live slot of this environment/);
}

test('main, worker A and worker B do not see each other\'s slots', async () => {
  const tp = new TypePointer();
  const a = startWorker();
  const b = startWorker();
  try {
    const mainAddr = tp.mallocValueAddr({ owner: 'main' });
    const aAddr = (await a.ask({ op: 'malloc', value: { owner: 'A' } })).value;
    const bAddr = (await b.ask({ op: 'malloc', value: { owner: 'B' } })).value;
    for (const addr of [mainAddr, aAddr, bAddr]) assert.match(addr, /^0x[0-9a-f]+$/);

    // Each environment reads its own slot.
    assert.deepStrictEqual((await a.ask({ op: 'read', addr: aAddr })).value, { owner: 'A' });
    assert.deepStrictEqual((await b.ask({ op: 'read', addr: bAddr })).value, { owner: 'B' });

    // Main thread address in the workers, as string and as number.
    for (const w of [a, b]) {
      for (const op of ['read', 'write', 'free']) {
        assertForeign(await w.ask({ op, addr: mainAddr, value: 1 }));
        assertForeign(await w.ask({ op, addr: Number(mainAddr), value: 1 }));
      }
    }
    // Worker addresses in the main thread.
    for (const addr of [aAddr, bAddr]) {
      assert.throws(() => tp.readValueByAddr(addr), { name: 'TypeError', code: 'ERR_TP_UNKNOWN_ADDRESS' });
      assert.throws(() => tp.writeValueByAddr(addr, 1), { name: 'TypeError', code: 'ERR_TP_UNKNOWN_ADDRESS' });
      assert.throws(() => tp.freeValueByAddr(addr), { name: 'TypeError', code: 'ERR_TP_UNKNOWN_ADDRESS' });
    }
    // Worker A's address in worker B and back.
    assertForeign(await b.ask({ op: 'read', addr: aAddr }));
    assertForeign(await a.ask({ op: 'free', addr: bAddr }));

    // Nothing was disturbed by the failed attempts.
    assert.deepStrictEqual(tp.readValueByAddr(mainAddr), { owner: 'main' });
    assert.deepStrictEqual((await a.ask({ op: 'read', addr: aAddr })).value, { owner: 'A' });
    assert.strictEqual((await a.ask({ op: 'free', addr: aAddr })).value, true);
    const again = await a.ask({ op: 'read', addr: aAddr });
    assert.strictEqual(again.code, 'ERR_TP_FREED');
    assert.strictEqual(tp.freeValueByAddr(mainAddr), true);
  } finally {
    await a.terminate();
    await b.terminate();
  }
});

test('a worker that exits with live slots releases them and exits cleanly', async () => {
  const w = startWorker();
  const r = await w.ask({ op: 'fill', n: 5000 });
  assert.strictEqual(r.value, 5000);
  const code = await w.terminate();
  assert.strictEqual(code, 1); // terminate() reports 1; a crash would kill the process
  // And a worker that ends on its own with live slots:
  const done = new Worker(
    `const T = require(${JSON.stringify(PKG)}); const t = new T();
     for (let i = 0; i < 5000; i++) t.mallocValueAddr([i]);`,
    { eval: true });
  const exitCode = await new Promise((resolve, reject) => {
    done.on('exit', resolve);
    done.on('error', reject);
  });
  assert.strictEqual(exitCode, 0);
});
