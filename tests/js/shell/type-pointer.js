// require('type-pointer') in the kiln shell (issue 9): seed 000's TypePointer, made safe.
// Addresses that are not live slots of this module throw TypeErrors that never touch memory.
const TypePointer = require('type-pointer');
assertEquals(require('type-pointer'), TypePointer, 'require caches the module');
assertEquals(typeof TypePointer, 'function');
assertEquals(TypePointer.name, 'TypePointer');
assertThrows(TypeError, () => TypePointer(), 'a class: needs new');

const tp = new TypePointer();
assert(tp instanceof TypePointer);

// Any value, objects by identity; hex string or number addresses.
const values = [{ a: 1, b: 2, c: () => 3 }, 42, 2 ** 40, 'text', undefined, null, true, Symbol('s'), 10n];
const addrs = values.map((v) => tp.mallocValueAddr(v));
for (let i = 0; i < values.length; i++) {
  assert(/^0x[0-9a-f]+$/.test(addrs[i]), 'address format: ' + addrs[i]);
  assertEquals(tp.readValueByAddr(addrs[i]), values[i], 'read back ' + i);
  assertEquals(tp.readValueByAddr(parseInt(addrs[i], 16)), values[i], 'read by number ' + i);
  assertEquals(tp.readValueByAddr(addrs[i].replace('0x', '0X').toUpperCase()), values[i], 'upper case');
}
assertEquals(new Set(addrs).size, addrs.length, 'each slot has its own address');
assertEquals(new TypePointer().readValueByAddr(addrs[0]), values[0], 'instances share the slots');

// Values stay reachable across collections while their slot is live.
let addr = tp.mallocValueAddr({ nested: { deep: [1, 2, 3] } });
for (let i = 0; i < (underGcStress() ? 2 : 50); i++) new Array(1000).fill({ i });
assertEquals(tp.readValueByAddr(addr).nested.deep[2], 3, 'survives GC');

// write replaces the value and returns the address.
assertEquals(tp.writeValueByAddr(addr, 'replaced'), addr);
assertEquals(tp.readValueByAddr(addr), 'replaced');

// free returns true; then every use of the address is a TypeError (ERR_TP_FREED).
assertEquals(tp.freeValueByAddr(addr), true);
let e = assertThrows(TypeError, () => tp.readValueByAddr(addr), 'read after free');
assertEquals(e.code, 'ERR_TP_FREED');
assertEquals(e.message, 'type-pointer: readValueByAddr: ' + addr + ' has been freed');
assertEquals(assertThrows(TypeError, () => tp.writeValueByAddr(addr, 1)).code, 'ERR_TP_FREED');
assertEquals(assertThrows(TypeError, () => tp.freeValueByAddr(addr)).code, 'ERR_TP_FREED', 'double free');

// Made-up addresses (and numbers) are unknown, never dereferenced.
for (const bogus of ['0xdeadbeef', '0x1', 12345, '0xffffffffffffffff', 1]) {
  e = assertThrows(TypeError, () => tp.readValueByAddr(bogus), 'made up: ' + bogus);
  assertEquals(e.code, 'ERR_TP_UNKNOWN_ADDRESS');
}
// An address one word into a live slot is not a slot.
assertEquals(assertThrows(TypeError, () => tp.readValueByAddr(parseInt(addrs[0], 16) + 8)).code,
             'ERR_TP_UNKNOWN_ADDRESS');
// Malformed addresses.
for (const bad of ['hello', '', '0x', '0xg', '0x00000000000000001', 1.5, -1, 0, NaN, 2 ** 64, {}, null, 1n]) {
  e = assertThrows(TypeError, () => tp.readValueByAddr(bad), 'malformed: ' + String(bad));
  assertEquals(e.code, 'ERR_TP_BAD_ADDRESS');
}

for (const a of addrs) assertEquals(tp.freeValueByAddr(a), true);
print('ok');
