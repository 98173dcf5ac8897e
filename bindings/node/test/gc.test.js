'use strict';

// Values live exactly as long as their slot: they survive garbage collection
// while allocated and become collectable after free or overwrite. Slots do
// not pile up over many alloc/free cycles.

const test = require('node:test');
const assert = require('node:assert');
const v8 = require('node:v8');
const vm = require('node:vm');
const TypePointer = require('..');

// `node --expose-gc` gives global.gc; without the flag, turn it on here.
function getGc() {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}
const gc = getGc();

// WeakRef targets are kept until the current job ends, so yield between GCs.
async function fullGc() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

test('values of every type survive global.gc() while allocated', async () => {
  const tp = new TypePointer();
  const make = () => [
    { deep: { er: [1, 2, { x: 'y' }] } }, 'str'.repeat(50), 123.25, 9n ** 40n,
    Symbol.for('tp'), null, undefined, (a, b) => a * b, [new Date(5)],
  ];
  const addrs = make().map((v) => tp.mallocValueAddr(v)); // no JS refs kept
  // Garbage to push the values through scavenges and a compaction.
  for (let i = 0; i < 20; i++) new Array(100000).fill({ i });
  await fullGc();
  const got = addrs.map((a) => tp.readValueByAddr(a));
  const want = make();
  assert.strictEqual(got[7](6, 7), 42);
  got[7] = want[7] = null; // functions compare by identity only
  assert.deepStrictEqual(got, want);
  for (const a of addrs) tp.freeValueByAddr(a);
});

test('an allocated object is kept alive, a freed one is collected', async () => {
  const tp = new TypePointer();
  let addr;
  const ref = (() => {
    const obj = { big: new Array(1000).fill(1) };
    addr = tp.mallocValueAddr(obj);
    return new WeakRef(obj);
  })();
  await fullGc();
  assert.ok(ref.deref() !== undefined, 'kept alive by its slot');
  assert.strictEqual(tp.readValueByAddr(addr), ref.deref());
  tp.freeValueByAddr(addr);
  await fullGc();
  assert.strictEqual(ref.deref(), undefined, 'released by freeValueByAddr');
});

test('writeValueByAddr releases the old value and keeps the new one', async () => {
  const tp = new TypePointer();
  let addr;
  const [oldRef, newRef] = (() => {
    const a = { old: true };
    const b = { new: true };
    addr = tp.mallocValueAddr(a);
    tp.writeValueByAddr(addr, b);
    return [new WeakRef(a), new WeakRef(b)];
  })();
  await fullGc();
  assert.strictEqual(oldRef.deref(), undefined, 'old value released');
  assert.deepStrictEqual(newRef.deref(), { new: true });
  assert.strictEqual(tp.readValueByAddr(addr), newRef.deref());
  tp.freeValueByAddr(addr);
});

test('10,000 alloc/free cycles: no errors, no growth', async () => {
  const tp = new TypePointer();
  const before = TypePointer.stats();
  for (let i = 0; i < 10000; i++) {
    const addr = tp.mallocValueAddr({ i });
    assert.strictEqual(tp.readValueByAddr(addr).i, i);
    tp.writeValueByAddr(addr, i);
    assert.strictEqual(tp.readValueByAddr(addr), i);
    assert.strictEqual(tp.freeValueByAddr(addr), true);
  }
  const after = TypePointer.stats();
  assert.strictEqual(after.live, before.live, 'every slot was released');
  assert.ok(after.quarantined <= 4096, 'quarantine is bounded');
  assert.ok(after.tableCapacity <= 16384, 'table stays small: ' + after.tableCapacity);
});

test('10,000 slots live at once, then freed in another order', () => {
  const tp = new TypePointer();
  const base = TypePointer.stats().live;
  const addrs = [];
  for (let i = 0; i < 10000; i++) addrs.push(tp.mallocValueAddr('v' + i));
  assert.strictEqual(new Set(addrs).size, 10000);
  assert.strictEqual(TypePointer.stats().live, base + 10000);
  for (let i = 0; i < 10000; i++) assert.strictEqual(tp.readValueByAddr(addrs[i]), 'v' + i);
  for (let i = 1; i < 10000; i += 2) tp.freeValueByAddr(addrs[i]);
  for (let i = 0; i < 10000; i += 2) assert.strictEqual(tp.readValueByAddr(addrs[i]), 'v' + i);
  for (let i = 0; i < 10000; i += 2) tp.freeValueByAddr(addrs[i]);
  assert.strictEqual(TypePointer.stats().live, base);
});

test('a freed address stays "freed" for the next 4095 frees', () => {
  const tp = new TypePointer();
  const stale = tp.mallocValueAddr('old');
  tp.freeValueByAddr(stale);
  const reused = [];
  for (let i = 0; i < 4095; i++) {
    const a = tp.mallocValueAddr(i);
    if (a === stale) reused.push(a);
    tp.freeValueByAddr(a);
  }
  assert.deepStrictEqual(reused, [], 'malloc never handed the address out again');
  assert.throws(() => tp.readValueByAddr(stale), { name: 'TypeError', code: 'ERR_TP_FREED' });
});
