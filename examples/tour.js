// tour.js: a short walk through the JavaScript Kiln runs. `make run` runs it with
// ./build/kiln examples/tour.js; every line it prints is what Node prints for the same file.

// 1. Closures: each counter keeps its own `count` in a context slot of its scope.
function makeCounter(step = 1) {
  let count = 0;
  return () => (count += step);
}
const byOne = makeCounter();
const byTen = makeCounter(10);
byOne();
byOne();
byTen();
console.log('closures:', byOne(), byTen());

// 2. Classes: private fields, static members, accessors, extends and super.
class Shape {
  static #created = 0;
  #name;
  constructor(name) {
    this.#name = name;
    Shape.#created++;
  }
  get name() { return this.#name; }
  area() { return 0; }
  describe() { return `${this.name} with area ${this.area()}`; }
  static get created() { return Shape.#created; }
}

class Rect extends Shape {
  constructor(w, h) {
    super('rect');
    this.w = w;
    this.h = h;
  }
  area() { return this.w * this.h; }
}

class Square extends Rect {
  constructor(side) {
    super(side, side);
  }
  describe() { return `square: ${super.describe()}`; }
  set side(s) { this.w = this.h = s; }
  get side() { return this.w; }
}

const sq = new Square(3);
console.log(new Rect(2, 5).describe());
console.log(sq.describe());
sq.side = 4;
console.log('side', sq.side, 'area', sq.area(), 'shapes made:', Shape.created);
console.log(sq, sq instanceof Shape, Square);

// 3. Destructuring, defaults, rest and spread.
const point = { x: 1, y: 2, label: 'p' };
const { x, y: why, z = 3, ...others } = point;
const [first, , third = 'three', ...tail] = [10, 20, undefined, 40, 50];
console.log(x, why, z, others, first, third, tail);
const merged = { ...point, y: 20, extra: [...tail, ...'ab'] };
console.log(merged);
function sum(...numbers) {
  let total = 0;
  for (const n of numbers) total += n;
  return total;
}
console.log('sum', sum(...tail, 5));

// 4. Template literals and a tagged template.
function tag(strings, ...values) {
  let out = '';
  for (let i = 0; i < strings.length; i++) {
    out += strings[i];
    if (i < values.length) out += `[${values[i]}]`;
  }
  return out;
}
const who = 'Kiln';
console.log(`hello ${who}, ${1 + 1} is two`, tag`a ${1} b ${who} c`);

// 5. for-of over an array, with array destructuring of each entry.
const pairs = [['one', 1], ['two', 2], ['three', 3]];
for (const [word, number] of pairs) {
  console.log(`${word} -> ${number}`);
}

// 6. Getters and setters on an object literal, and computed keys.
const key = 'dynamic';
const temperature = {
  celsius: 25,
  get fahrenheit() { return this.celsius * 9 / 5 + 32; },
  set fahrenheit(f) { this.celsius = (f - 32) * 5 / 9; },
  [key + 'Key']: true,
};
temperature.fahrenheit = 212;
console.log(temperature.celsius, temperature.fahrenheit, temperature);

// 7. Errors: try/catch/finally and the error's name and message.
try {
  null.property;
} catch (e) {
  console.log('caught', e instanceof TypeError, e.name);
} finally {
  console.log('finally runs');
}

// 8. Optional chaining, nullish coalescing, exponent and logical assignment.
const config = { server: { port: 0 } };
let retries;
retries ??= 3;
console.log(config.server?.port ?? 80, config.client?.port ?? 80, 2 ** 10, retries);

// 9. type-pointer (seed 000): a value kept at a stable address, in a persistent (global)
// handle. kiln has it built in; in Node it is the add-on in bindings/node. Unlike the
// original, a freed or made-up address is a TypeError, never a read of stray memory.
const TypePointer = require('type-pointer');
const pointers = new TypePointer();
const addr = pointers.mallocValueAddr({ a: 1, b: 2 });
console.log('type-pointer: stored at', addr);
console.log('read back:', pointers.readValueByAddr(addr));
pointers.writeValueByAddr(addr, { d: 4 });
console.log('after write:', pointers.readValueByAddr(addr), 'freed:', pointers.freeValueByAddr(addr));
try {
  pointers.readValueByAddr(addr);
} catch (e) {
  console.log('read after free:', e.name, e.code);
}
