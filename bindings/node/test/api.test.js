'use strict';

// Seed 000's example, step by step, plus every kind of value and every kind
// of bad address. Where seed 000 read freed or made-up memory, we expect a
// TypeError.

const test = require('node:test');
const assert = require('node:assert');
const TypePointer = require('..');

const ADDR_RE = /^0x[0-9a-f]+$/;

function assertTypeError(fn, code, pattern) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof TypeError, 'expected a TypeError, got ' + err);
    if (code) assert.strictEqual(err.code, code);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

test('seed 000 example: malloc, read, write, read, free', () => {
  const typePointer = new TypePointer();
  const obj1 = { a: 1, b: 2, c: () => { return 3; } };
  const addr = typePointer.mallocValueAddr(obj1);
  assert.match(addr, ADDR_RE);

  const obj2 = typePointer.readValueByAddr(addr);
  assert.strictEqual(obj2, obj1, 'read returns the very object stored');
  assert.deepStrictEqual(obj2, obj1);

  const obj3 = { d: 4 };
  assert.strictEqual(typePointer.writeValueByAddr(addr, obj3), addr);
  const obj4 = typePointer.readValueByAddr(addr);
  assert.strictEqual(obj4, obj3);
  assert.deepStrictEqual(obj4, { d: 4 });

  assert.strictEqual(typePointer.freeValueByAddr(addr), true);
});

test('after free, every operation is a TypeError (seed 000 read freed memory)', () => {
  const tp = new TypePointer();
  const addr = tp.mallocValueAddr({ a: 1 });
  tp.freeValueByAddr(addr);
  assertTypeError(() => tp.readValueByAddr(addr), 'ERR_TP_FREED', /has been freed/);
  assertTypeError(() => tp.writeValueByAddr(addr, 1), 'ERR_TP_FREED');
  assertTypeError(() => tp.readValueByAddr(Number(addr)), 'ERR_TP_FREED');
});

test('double free is a TypeError', () => {
  const tp = new TypePointer();
  const addr = tp.mallocValueAddr('x');
  assert.strictEqual(tp.freeValueByAddr(addr), true);
  assertTypeError(() => tp.freeValueByAddr(addr), 'ERR_TP_FREED', /freeValueByAddr/);
  assertTypeError(() => tp.freeValueByAddr(Number(addr)), 'ERR_TP_FREED');
});

test('any value round-trips, with identity where JS has it', () => {
  const tp = new TypePointer();
  const sym = Symbol('s');
  const fn = function named(x) { return x + 1; };
  const values = [
    0, -0, 42, 3.5, NaN, Infinity, -Infinity, '', 'hello', 'ünïcødé 指针',
    'x'.repeat(100000), true, false, undefined, null, sym, 10n ** 30n, fn,
    { a: 1, b: [1, 2, { c: 3 }] }, [1, 'two', null], new Map([[1, 2]]),
    new Set([1]), new Date(0), /re/g, new Uint8Array([1, 2, 3]),
    Object.create(null), new Error('boom'), Promise.resolve(1),
  ];
  const addrs = values.map((v) => tp.mallocValueAddr(v));
  assert.strictEqual(new Set(addrs).size, addrs.length, 'addresses are distinct');
  values.forEach((v, i) => {
    const got = tp.readValueByAddr(addrs[i]);
    if (typeof v === 'object' || typeof v === 'function' || typeof v === 'symbol') {
      assert.strictEqual(got, v);
    } else {
      assert.ok(Object.is(got, v), `value ${i} (${typeof v}) round-trips`);
    }
    assert.deepStrictEqual(got, v);
  });
  assert.strictEqual(tp.readValueByAddr(addrs[values.indexOf(fn)])(1), 2);
  for (const a of addrs) assert.strictEqual(tp.freeValueByAddr(a), true);
});

test('mallocValueAddr() with no argument stores undefined', () => {
  const tp = new TypePointer();
  const addr = tp.mallocValueAddr();
  assert.strictEqual(tp.readValueByAddr(addr), undefined);
  tp.freeValueByAddr(addr);
});

test('write replaces any value with any value; the slot keeps its address', () => {
  const tp = new TypePointer();
  const addr = tp.mallocValueAddr(1);
  const seq = ['s', { o: 1 }, null, undefined, Symbol.iterator, 7n, [1], () => 0, 2];
  for (const v of seq) {
    assert.strictEqual(tp.writeValueByAddr(addr, v), addr);
    assert.strictEqual(tp.readValueByAddr(addr), v);
  }
  assert.strictEqual(tp.writeValueByAddr(Number(addr), 'n'), addr);
  assert.strictEqual(tp.readValueByAddr(addr), 'n');
  tp.freeValueByAddr(addr);
});

test('an address works as hex string (any case, leading zeros) or number', () => {
  const tp = new TypePointer();
  const obj = { k: 'v' };
  const addr = tp.mallocValueAddr(obj);
  const n = Number(addr);
  assert.ok(Number.isSafeInteger(n) && n > 0);
  assert.strictEqual(tp.readValueByAddr(n), obj);
  assert.strictEqual(tp.readValueByAddr(addr.toUpperCase().replace('0X', '0x')), obj);
  assert.strictEqual(tp.readValueByAddr('0X' + addr.slice(2)), obj);
  assert.strictEqual(tp.readValueByAddr('0x' + addr.slice(2).padStart(16, '0')), obj);
  assert.strictEqual(tp.freeValueByAddr(n), true);
  assertTypeError(() => tp.readValueByAddr(addr), 'ERR_TP_FREED');
});

test('made-up addresses are TypeErrors, never dereferenced', () => {
  const tp = new TypePointer();
  const live = tp.mallocValueAddr({ live: true });
  const n = Number(live);
  const wild = [
    '0xdeadbeef', '0x1', '0x0', 12345, 1, 0x7fffffff, n + 1, n - 8, n + 16,
    '0x' + (n + 8).toString(16), 2 ** 53 - 1, '0xffffffffffffffff',
    '0x0000000000000000',
  ];
  for (const a of wild) {
    for (const op of [
      () => tp.readValueByAddr(a),
      () => tp.writeValueByAddr(a, 1),
      () => tp.freeValueByAddr(a),
    ]) {
      assertTypeError(op, 'ERR_TP_UNKNOWN_ADDRESS',
        /not a live slot of this environment/);
    }
  }
  assert.deepStrictEqual(tp.readValueByAddr(live), { live: true });
  tp.freeValueByAddr(live);
});

test('non-addresses are TypeErrors', () => {
  const tp = new TypePointer();
  const live = tp.mallocValueAddr(1);
  const bad = [
    'hello', '', '0x', 'x10', '0xg1', ' 0x10', '0x10 ', '0x-1', '-0x10',
    '0x' + '1'.repeat(17), '12345', '0x1\u0131', '0x1\0', {}, [], [live],
    { valueOf: () => Number(live) }, { toString: () => live }, NaN, -1, 0,
    -0, 1.5, Infinity, -Infinity, 2 ** 53, 2 ** 64, 1e300, Number.MAX_VALUE,
    null, undefined, true, Symbol('a'), BigInt(Number(live)), () => live,
    new String(live), new Number(Number(live)),
  ];
  for (const a of bad) {
    for (const op of [
      () => tp.readValueByAddr(a),
      () => tp.writeValueByAddr(a, 1),
      () => tp.freeValueByAddr(a),
    ]) {
      assertTypeError(op, 'ERR_TP_BAD_ADDRESS', /positive integer or a hex string/);
    }
  }
  assertTypeError(() => tp.readValueByAddr(), 'ERR_TP_BAD_ADDRESS');
  assert.strictEqual(tp.readValueByAddr(live), 1, 'the live slot is untouched');
  tp.freeValueByAddr(live);
});

test('a user setter on Object.prototype cannot intercept the holder', () => {
  const tp = new TypePointer();
  let hits = 0;
  Object.defineProperty(Object.prototype, 'value', {
    configurable: true,
    get() { hits++; return 'hijacked'; },
    set(_) { hits++; },
  });
  try {
    const addr = tp.mallocValueAddr('mine');
    assert.strictEqual(tp.readValueByAddr(addr), 'mine');
    tp.writeValueByAddr(addr, 'still mine');
    assert.strictEqual(tp.readValueByAddr(addr), 'still mine');
    tp.freeValueByAddr(addr);
  } finally {
    delete Object.prototype.value;
  }
  assert.strictEqual(hits, 0);
});

test('slots are per environment, shared by all TypePointer instances in it', () => {
  const a = new TypePointer();
  const b = new TypePointer();
  const addr = a.mallocValueAddr('shared');
  assert.strictEqual(b.readValueByAddr(addr), 'shared');
  assert.strictEqual(b.freeValueByAddr(addr), true);
  assertTypeError(() => a.readValueByAddr(addr), 'ERR_TP_FREED');
});

test('methods work detached from the instance', () => {
  const { mallocValueAddr, readValueByAddr, freeValueByAddr } = new TypePointer();
  const addr = mallocValueAddr(9);
  assert.strictEqual(readValueByAddr(addr), 9);
  assert.strictEqual(freeValueByAddr(addr), true);
});
