// typed-arrays-methods.js: %TypedArray%.prototype methods, species, subclassing, DataView
// and Atomics on ordinary (unshared and shared) buffers.

function list(ta) { return Array.prototype.slice.call(ta); }

var kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
             Uint32Array, Float16Array, Float32Array, Float64Array];
kinds.forEach(function (TA) {
  var a = new TA([5, 1, 4, 2, 3]);
  assertEquals(Object.getPrototypeOf(TA), Object.getPrototypeOf(Int8Array), TA.name);
  assertEquals(a.BYTES_PER_ELEMENT, TA.BYTES_PER_ELEMENT);
  assertArrayEquals(list(a.slice().sort()), [1, 2, 3, 4, 5], TA.name + ' sort');
  assertArrayEquals(list(a.toSorted(function (x, y) { return y - x; })), [5, 4, 3, 2, 1]);
  assertArrayEquals(list(a.toReversed()), [3, 2, 4, 1, 5]);
  assertArrayEquals(list(a.map(function (x) { return x * 2; })), [10, 2, 8, 4, 6]);
  assertArrayEquals(list(a.filter(function (x) { return x & 1; })), [5, 1, 3]);
  assertEquals(a.reduce(function (s, x) { return s + x; }), 15);
  assertEquals(a.reduceRight(function (s, x) { return s + '' + x; }, ''), '32415');
  assertEquals(a.indexOf(4), 2);
  assertEquals(a.lastIndexOf(5, -5), 0);
  assertEquals(a.includes(2), true);
  assertEquals(a.findLast(function (x) { return x > 3; }), 4);
  assertEquals(a.findIndex(function (x) { return x === 2; }), 3);
  assertEquals(a.join('-'), '5-1-4-2-3');
  assertEquals(a.toString(), '5,1,4,2,3');
  assertEquals(String(a.subarray(1, 3)), '1,4');
  assertEquals(Object.prototype.toString.call(a), '[object ' + TA.name + ']');
  assertArrayEquals(Array.from(a.entries())[1], [1, 1]);
  assertArrayEquals(Array.from(a.keys()), [0, 1, 2, 3, 4]);
  assertEquals(a[Symbol.iterator], a.values);
});

// the default sort orders NaN last and -0 before +0
var f = new Float64Array([NaN, 1, -0, 0, -Infinity, NaN, -1]);
f.sort();
assertEquals(list(f).map(function (x) { return Object.is(x, -0) ? '-0' : String(x); }).join(),
             '-Infinity,-1,-0,0,1,NaN,NaN');
// a comparator that throws stops the sort and propagates
assertThrows(SyntaxError, function () {
  new Int8Array([3, 2, 1]).sort(function () { throw new SyntaxError('stop'); });
});
// sort is stable
var keyed = new Float64Array([1.5, 1.1, 0.2, 1.9, 0.7]);
keyed.sort(function (x, y) { return Math.floor(x) - Math.floor(y); });
assertArrayEquals(list(keyed), [0.2, 0.7, 1.5, 1.1, 1.9]);

// from / of, with iterables and array-likes
assertArrayEquals(list(Int16Array.from({ length: 3, 0: 7, 2: 9 })), [7, 0, 9]);
assertArrayEquals(list(Uint8Array.from([3, 4].values(), function (x) { return x + 1; })), [4, 5]);
assertArrayEquals(list(Float32Array.of(1, 2.5)), [1, 2.5]);
assertThrows(TypeError, function () { Uint8Array.from.call({}, []); });
assertThrows(TypeError, function () { Int8Array(4); });
assertThrows(TypeError, function () { new (Object.getPrototypeOf(Int8Array))(); });

// subclasses and species
function MyTA(n) { return Reflect.construct(Uint8Array, [n], MyTA); }
Object.setPrototypeOf(MyTA, Uint8Array);
MyTA.prototype = Object.create(Uint8Array.prototype);
MyTA.prototype.constructor = MyTA;
var m = new MyTA(3);
assert(m instanceof MyTA, 'subclass instance');
assert(m.map(function (x) { return x; }) instanceof MyTA, 'species from the constructor');
var sample = new Uint8Array([1, 2, 3]);
sample.constructor = {};
sample.constructor[Symbol.species] = function (n) { return new Int16Array(n); };
assert(sample.slice(1) instanceof Int16Array, 'species slice');
sample.constructor[Symbol.species] = function () { return new Uint8Array(1); };
assertThrows(TypeError, function () { sample.slice(0); });  // too short

// typed arrays from typed arrays convert element-wise
assertArrayEquals(list(new Uint8Array(new Float64Array([1.9, -1, 256]))), [1, 255, 0]);

// DataView accessors and endianness
var dv = new DataView(new ArrayBuffer(16));
dv.setFloat64(0, Math.PI);
assertEquals(dv.getFloat64(0), Math.PI);
assertEquals(dv.getUint8(0), 0x40);
dv.setInt32(8, -2, true);
assertEquals(dv.getUint32(8, true), 4294967294);
assertEquals(dv.getInt16(8), -257);
dv.setFloat16(12, 1.5);
assertEquals(dv.getFloat16(12), 1.5);
assertEquals(dv.getUint16(12), 0x3e00);

// Atomics on an unshared and a shared buffer
var i32 = new Int32Array(new SharedArrayBuffer(16));
assertEquals(Atomics.add(i32, 0, 5), 0);
assertEquals(Atomics.sub(i32, 0, 2), 5);
assertEquals(Atomics.exchange(i32, 0, 10), 3);
assertEquals(Atomics.compareExchange(i32, 0, 10, 11), 10);
assertEquals(Atomics.load(i32, 0), 11);
assertEquals(Atomics.store(i32, 1, -0), 0);
assertEquals(Atomics.wait(i32, 0, 0, 0), 'not-equal');
assertEquals(Atomics.wait(i32, 1, 0, 0), 'timed-out');
assertEquals(Atomics.notify(i32, 0, 1), 0);
var u8 = new Uint8Array(4);
assertEquals(Atomics.add(u8, 0, 300), 0);
assertEquals(Atomics.load(u8, 0), 44);
assertEquals(Atomics.xor(u8, 0, 0xff), 44);
assertEquals(u8[0], 211);
assertThrows(TypeError, function () { Atomics.add(new Float64Array(1), 0, 1); });
assertThrows(TypeError, function () { Atomics.wait(new Int32Array(4), 0, 0, 0); });
assertThrows(RangeError, function () { Atomics.load(u8, 4); });
assertEquals(Atomics.isLockFree(4), true);
