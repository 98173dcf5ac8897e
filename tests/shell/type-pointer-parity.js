// Run by tests/shell/introspect.sh under kiln and, when the add-on is built, under Node
// (bindings/node): with addresses written as ADDR, both must print the same bytes.
const TypePointer = require('type-pointer');
const tp = new TypePointer();
console.log(typeof TypePointer, TypePointer.name, TypePointer.length, require('type-pointer') === TypePointer);
console.log(Object.getOwnPropertyNames(TypePointer.prototype));
const o = { a: 1, b: 2, c: () => 3 };
const addr = tp.mallocValueAddr(o);
console.log(addr, tp.readValueByAddr(addr) === o, tp.readValueByAddr(parseInt(addr, 16)) === o);
console.log(tp.readValueByAddr(addr));
console.log(tp.writeValueByAddr(addr, { d: 4 }) === addr, tp.readValueByAddr(addr));
console.log(new TypePointer().readValueByAddr(addr.toUpperCase().replace('0X', '0x')));
console.log(tp.freeValueByAddr(addr));
const uses = [
  ['read after free', () => tp.readValueByAddr(addr)],
  ['write after free', () => tp.writeValueByAddr(addr, 1)],
  ['double free', () => tp.freeValueByAddr(addr)],
  ['made-up string', () => tp.readValueByAddr('0xdeadbeef')],
  ['made-up number', () => tp.readValueByAddr(12345)],
  ['not an address', () => tp.readValueByAddr('hello')],
  ['fraction', () => tp.readValueByAddr(1.5)],
  ['object', () => tp.freeValueByAddr({})],
];
for (const [what, use] of uses) {
  try {
    use();
    console.log(what, 'did not throw');
  } catch (e) {
    console.log(what + ':', e.name, e instanceof TypeError, e.code, e.message);
  }
}
try {
  TypePointer();
} catch (e) {
  console.log(e.name, e.message);
}
