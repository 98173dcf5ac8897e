// typed-arrays-bounds.js: TypedArray, DataView and ArrayBuffer bounds: the integer-indexed
// exotic object's keys, length and offset arithmetic at the 2^53 edges, detached and
// out-of-bounds views over resizable buffers.

// ---- integer-indexed keys (ES2025 10.4.5, CanonicalNumericIndexString) ----
var ta = new Uint8Array(4);
ta[0] = 300;           // ToUint8: modulo 2^8
ta[1] = -1;
ta[4] = 9;             // past the end: ignored, not created
ta['-0'] = 9;          // canonical numeric, never valid
ta['1.5'] = 9;
ta['-1'] = 9;
ta['1e3'] = 5;         // not canonical ("1000"): an ordinary property
assertEquals(ta[0], 44);
assertEquals(ta[1], 255);
assertEquals(ta[4], undefined);
assert(!('4' in ta), '4 in ta');
assert(!('-0' in ta), '-0 in ta');
assert(!('1.5' in ta), '1.5 in ta');
assert(!ta.hasOwnProperty('-1'), 'own -1');
assertEquals(ta['1e3'], 5);
assertArrayEquals(Object.keys(ta), ['0', '1', '2', '3', '1e3']);
assertEquals(Object.getOwnPropertyNames(ta).length, 5);
// numeric keys never reach the prototype
Object.prototype[7] = 'proto';
Object.prototype['-0'] = 'proto';
assertEquals(ta[7], undefined);
assertEquals(ta['-0'], undefined);
delete Object.prototype[7];
delete Object.prototype['-0'];
// [[DefineOwnProperty]]
assertThrows(TypeError, function () {
  Object.defineProperty(ta, '0', { value: 1, configurable: false });
});
assertThrows(TypeError, function () {
  Object.defineProperty(ta, '0', { get: function () { return 1; } });
});
assertThrows(TypeError, function () { Object.defineProperty(ta, '9', { value: 1 }); });
Object.defineProperty(ta, '2', { value: 77, writable: true, enumerable: true, configurable: true });
assertEquals(ta[2], 77);
var d = Object.getOwnPropertyDescriptor(ta, '2');
assert(d.writable && d.enumerable && d.configurable, 'element descriptor');
assertEquals(delete ta[0], false);
assertEquals(delete ta[10], true);
assertThrows(TypeError, function () { 'use strict'; delete ta[0]; });
// a typed array as prototype: valid indexes answer, invalid ones stop the lookup
var child = Object.create(ta);
assertEquals(child[1], 255);
assertEquals(child[50], undefined);
child[1] = 3;           // OrdinarySet: defines on the child, the array is unchanged
assertEquals(ta[1], 255);
assertEquals(child.hasOwnProperty('1'), true);
child[60] = 1;          // invalid index on the prototype: ignored, nothing defined
assertEquals(child.hasOwnProperty('60'), false);

// ---- conversions ----
var c = new Uint8ClampedArray([1.5, 2.5, -1, 300, NaN, 254.5, 0.5]);
assertArrayEquals(Array.prototype.slice.call(c), [2, 2, 0, 255, 0, 254, 0]);
var i8 = new Int8Array([127, 128, -129, 255.9, -0.9]);
assertArrayEquals(Array.prototype.slice.call(i8), [127, -128, 127, -1, 0]);
var f16 = new Float16Array([65504, 65520, 65519.99, 1 + Math.pow(2, -11), 1 + 3 * Math.pow(2, -11),
                            Math.pow(2, -25), Math.pow(2, -25) * 1.0001, Math.pow(2, -24), -0]);
assertEquals(f16[0], 65504);
assertEquals(f16[1], Infinity);
assertEquals(f16[2], 65504);
assertEquals(f16[3], 1);                      // tie: to even
assertEquals(f16[4], 1 + Math.pow(2, -9));    // tie: to even (up)
assertEquals(f16[5], 0);                      // half the least subnormal: to even (0)
assertEquals(f16[6], Math.pow(2, -24));
assertEquals(f16[7], Math.pow(2, -24));
assert(sameValue(f16[8], -0), 'Float16 -0');
var f32 = new Float32Array([16777217, 3.4028235677973366e38]);
assertEquals(f32[0], 16777216);
assertEquals(f32[1], Infinity);

// ---- length and offset arithmetic at the edges ----
assertThrows(RangeError, function () { new Uint8Array(-1); });
assertThrows(RangeError, function () { new Uint8Array(Math.pow(2, 53)); });
assertThrows(RangeError, function () { new Float64Array(Math.pow(2, 50)); });  // 2^53 bytes
assertThrows(RangeError, function () { new Float64Array(Math.pow(2, 53) - 1); });
assertThrows(RangeError, function () { new ArrayBuffer(Math.pow(2, 53)); });
assertThrows(RangeError, function () { new ArrayBuffer(Math.pow(2, 52)); });      // too big
var buf = new ArrayBuffer(16);
assertThrows(RangeError, function () { new Uint16Array(buf, 1); });               // misaligned
assertThrows(RangeError, function () { new Uint16Array(buf, 18); });
assertThrows(RangeError, function () { new Uint16Array(buf, 2, Math.pow(2, 52)); });
assertThrows(RangeError, function () { new Uint16Array(buf, Math.pow(2, 53) - 2, 1); });
assertThrows(RangeError, function () { new Uint16Array(buf, 16, 1); });
assertThrows(RangeError, function () { new Float64Array(new ArrayBuffer(12)); });  // 12 % 8
assertEquals(new Uint16Array(buf, 16).length, 0);
assertEquals(new Uint16Array(buf, 14, 1).length, 1);
assertThrows(RangeError, function () { new DataView(buf, 17); });
assertThrows(RangeError, function () { new DataView(buf, 8, 9); });
assertThrows(RangeError, function () { new DataView(buf, Math.pow(2, 53) - 1, 2); });
var dv = new DataView(buf, 8);
assertEquals(dv.byteLength, 8);
assertThrows(RangeError, function () { dv.getFloat64(1); });
assertThrows(RangeError, function () { dv.getUint8(Math.pow(2, 53) - 1); });
assertThrows(RangeError, function () { dv.setUint8(-1, 0); });
dv.setUint16(6, 0x1234);
assertEquals(dv.getUint8(6), 0x12);
assertEquals(dv.getUint16(6, true), 0x3412);
assertThrows(RangeError, function () { new Uint8Array(4).set([1, 2], 3); });
assertThrows(RangeError, function () { new Uint8Array(4).set([1], Infinity); });
assertThrows(RangeError, function () { new Uint8Array(4).set(new Uint8Array(2), 3); });
assertEquals(new Uint8Array(4).subarray(-Infinity, Infinity).length, 4);
assertEquals(new Uint8Array(4).subarray(3, 1).length, 0);
assertEquals(new Uint8Array(4).at(-5), undefined);
assertEquals(new Uint8Array(4).at(Infinity), undefined);
var w = new Uint8Array([1, 2, 3]);
assertThrows(RangeError, function () { w.with(3, 0); });
assertThrows(RangeError, function () { w.with(-4, 0); });
assertArrayEquals(Array.prototype.slice.call(w.with(-1, 9)), [1, 2, 9]);

// ---- detached buffers ----
var db = new ArrayBuffer(8);
var dta = new Int32Array(db);
var moved = db.transfer(16);
assert(db.detached, 'transfer detaches');
assertEquals(db.byteLength, 0);
assertEquals(moved.byteLength, 16);
assertEquals(dta.length, 0);
assertEquals(dta.byteOffset, 0);
assertEquals(dta[0], undefined);
dta[0] = 1;                         // ignored
assert(!(0 in dta), 'detached index');
assertArrayEquals(Object.keys(dta), []);
assertThrows(TypeError, function () { dta.fill(0); });
assertThrows(TypeError, function () { dta.join(); });
assertThrows(TypeError, function () { new Int32Array(db); });
assertThrows(TypeError, function () { db.slice(0); });
assertThrows(TypeError, function () { db.transfer(); });
assertThrows(TypeError, function () { new DataView(db); });
// detaching from a callback mid-iteration: later reads are undefined
var src = new ArrayBuffer(4), view = new Uint8Array(src), seen = [];
view.forEach(function (v, k) {
  if (k === 1) src.transfer();
  seen.push(v);
});
assertArrayEquals(seen, [0, 0, undefined, undefined]);
// ToNumber detaching the buffer before the store: the store is dropped
var b2 = new ArrayBuffer(4), t2 = new Uint8Array(b2);
t2[0] = { valueOf: function () { b2.transfer(); return 5; } };
assertEquals(t2[0], undefined);

// ---- resizable buffers and length-tracking views ----
var rab = new ArrayBuffer(8, { maxByteLength: 16 });
assert(rab.resizable, 'resizable');
assertEquals(rab.maxByteLength, 16);
var tracking = new Uint16Array(rab, 2);
var fixed = new Uint16Array(rab, 2, 2);
var dvt = new DataView(rab, 4);
assertEquals(tracking.length, 3);
rab.resize(16);
assertEquals(tracking.length, 7);
assertEquals(fixed.length, 2);
assertEquals(dvt.byteLength, 12);
rab.resize(5);                      // the fixed view now ends past the buffer: out of bounds
assertEquals(tracking.length, 1);
assertEquals(fixed.length, 0);
assertEquals(fixed.byteOffset, 0);
assertThrows(TypeError, function () { fixed.fill(1); });
assertEquals(dvt.byteLength, 1);
rab.resize(1);                      // below the views' offsets
assertThrows(TypeError, function () { dvt.byteLength; });
assertThrows(TypeError, function () { dvt.getUint8(0); });
assertEquals(tracking.length, 0);
assertThrows(TypeError, function () { tracking.at(0); });
rab.resize(8);                      // back in bounds, new bytes are zero
assertEquals(tracking.length, 3);
assertArrayEquals(Array.prototype.slice.call(fixed), [0, 0]);
assertThrows(RangeError, function () { rab.resize(17); });
assertThrows(RangeError, function () { new ArrayBuffer(9, { maxByteLength: 8 }); });
var kept = rab.transfer();
assert(kept.resizable, 'transfer keeps resizability');
var fixedCopy = kept.transferToFixedLength();
assert(!fixedCopy.resizable, 'transferToFixedLength');
assertEquals(fixedCopy.byteLength, 8);
var sab = new SharedArrayBuffer(4, { maxByteLength: 8 });
sab.grow(8);
assertEquals(sab.byteLength, 8);
assertThrows(RangeError, function () { sab.grow(4); });
assertThrows(TypeError, function () { ArrayBuffer.prototype.slice.call(sab); });

// ---- copyWithin and set over one buffer ----
var ov = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
ov.copyWithin(2, 0, 5);
assertArrayEquals(Array.prototype.slice.call(ov), [1, 2, 1, 2, 3, 4, 5, 8]);
var whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
var asU16 = new Uint16Array(whole.buffer, 0, 2);
whole.set(asU16, 1);                // different types over one buffer: read first
assertArrayEquals(Array.prototype.slice.call(whole), [1, 1, 3, 4, 5, 6, 7, 8]);

// ---- immutable buffers (proposal) ----
var im = new Uint8Array([1, 2, 3]).buffer.transferToImmutable();
assert(im.immutable && !im.resizable, 'immutable buffer');
var imv = new Uint8Array(im);
imv[0] = 9;                                  // refused (sloppy)
assertEquals(imv[0], 1);
assertThrows(TypeError, function () { 'use strict'; imv[1] = 9; });
assertThrows(TypeError, function () { Object.defineProperty(imv, '0', { value: 5 }); });
Object.defineProperty(imv, '0', { value: 1 });   // no change: allowed
var imd = Object.getOwnPropertyDescriptor(imv, '2');
assert(!imd.writable && !imd.configurable && imd.enumerable, 'immutable element descriptor');
assertThrows(TypeError, function () { imv.fill(0); });
assertThrows(TypeError, function () { imv.set([0]); });
assertThrows(TypeError, function () { imv.sort(); });
assertThrows(TypeError, function () { new DataView(im).setUint8(0, 1); });
assertThrows(TypeError, function () { Atomics.store(imv, 0, 1); });
assertThrows(TypeError, function () { im.transfer(); });
assertEquals(new DataView(im).getUint8(2), 3);
assertArrayEquals(Array.prototype.slice.call(imv.toReversed()), [3, 2, 1]);
var part = new ArrayBuffer(8, { maxByteLength: 8 }).sliceToImmutable(2, 6);
assert(part.immutable && part.byteLength === 4, 'sliceToImmutable');

// ---- [[PreventExtensions]]: only fixed-length typed arrays can be frozen or sealed ----
assertThrows(TypeError, function () { Object.freeze(new Uint8Array(2)); });   // writable elements
assertThrows(TypeError, function () { Object.seal(new Uint8Array(2)); });     // non-configurable
Object.seal(new Uint8Array(0));                                              // nothing to seal
var growable = new ArrayBuffer(0, { maxByteLength: 8 });
assertThrows(TypeError, function () { Object.preventExtensions(new Uint8Array(growable)); });
assertEquals(Reflect.preventExtensions(new Uint8Array(growable, 0, 0)), false);
