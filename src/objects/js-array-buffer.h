/*
 * js-array-buffer.h: ArrayBuffers, SharedArrayBuffers and their views, TypedArrays and
 * DataViews (objects/js-array-buffer.c): creation, detaching, resizing, and the byte-level
 * element access with the ES2025 bounds rules. The builtins (builtins-arraybuffer.c,
 * builtins-typed-array.c, builtins-dataview.c, builtins-atomics.c) and the typed arrays'
 * exotic internal methods (runtime/runtime-typed-array.c) are built on this file.
 *
 * Layouts (objects.h):
 *   JSArrayBuffer:     | map | properties | elements | backing_store | byte_length |
 *                      | max_byte_length | bit_field | detach_key |
 *   JSArrayBufferView: | map | properties | elements | buffer | byte_offset | byte_length |
 *                      | length | bit_field |
 *
 * Invariants:
 *  - A buffer's bytes are a BackingStore (heap/backing-store.h) that the buffer owns; the
 *    GC frees it with the buffer. backing_store is NULL when the buffer is detached, and
 *    may be NULL for a zero-length buffer. byte_length is 0 once detached.
 *  - byte_length <= max_byte_length for resizable (growable) buffers; both are below
 *    2^53 (ToIndex), so every sum and product below is computed in uint64_t without
 *    overflow: offsets and lengths < 2^53, element sizes <= 8.
 *  - A view's byte_offset is fixed at creation; a length-tracking view (JS_VIEW_LENGTH_
 *    TRACKING, the spec's AUTO [[ArrayLength]]/[[ByteLength]]) follows its resizable buffer.
 *    Whether a view is in bounds is recomputed from its buffer's current length on every
 *    access: nothing is cached, so detaching or shrinking a buffer needs no view updates.
 *  - A SharedArrayBuffer is a JSArrayBuffer with JS_ARRAY_BUFFER_SHARED: it never detaches
 *    and only grows. Kiln isolates are single-threaded, so its bytes are ordinary memory.
 */
#ifndef KILN_OBJECTS_JS_ARRAY_BUFFER_H_
#define KILN_OBJECTS_JS_ARRAY_BUFFER_H_

#include "execution/isolate.h"

struct SharedMemory; /* heap/backing-store.h */

/* The largest byte length Kiln allocates (the spec allows 2^53 - 1 and leaves the rest to
 * the host: a larger request is a RangeError). The heap limit bounds it further. */
#define JS_ARRAY_BUFFER_MAX_BYTE_LENGTH ((uint64_t)1 << 40)
/* ES2025 7.1.22 ToIndex's bound, 2^53 - 1. */
#define JS_MAX_SAFE_INTEGER 9007199254740991.0

typedef enum {
  JS_ARRAY_BUFFER_SHARED = 1 << 0,    /* a SharedArrayBuffer */
  JS_ARRAY_BUFFER_RESIZABLE = 1 << 1, /* has [[ArrayBufferMaxByteLength]] (resizable or
                                         growable): not IsFixedLengthArrayBuffer */
  JS_ARRAY_BUFFER_DETACHED = 1 << 2,
  JS_ARRAY_BUFFER_IMMUTABLE = 1 << 3, /* [[ArrayBufferIsImmutable]] (the immutable
                                         ArrayBuffer proposal): never written, detached or
                                         resized after creation */
} JSArrayBufferFlag;

/* V(Name, NAME, C type of the stored bits, element size): ES2025 Table 71. The BigInt
 * kinds come last: their [[ContentType]] is bigint, every other kind's is number. */
#define TYPED_ARRAY_KIND_LIST(V)         \
  V(Int8, INT8, int8_t, 1)               \
  V(Uint8, UINT8, uint8_t, 1)            \
  V(Uint8Clamped, UINT8_CLAMPED, uint8_t, 1) \
  V(Int16, INT16, int16_t, 2)            \
  V(Uint16, UINT16, uint16_t, 2)         \
  V(Int32, INT32, int32_t, 4)            \
  V(Uint32, UINT32, uint32_t, 4)         \
  V(Float16, FLOAT16, uint16_t, 2)       \
  V(Float32, FLOAT32, float, 4)          \
  V(Float64, FLOAT64, double, 8)         \
  V(BigInt64, BIGINT64, int64_t, 8)      \
  V(BigUint64, BIGUINT64, uint64_t, 8)

typedef enum {
#define V(Name, NAME, ctype, size) TYPED_ARRAY_##NAME,
  TYPED_ARRAY_KIND_LIST(V)
#undef V
  kTypedArrayKindCount
} TypedArrayKind;

/* A view's bit_field: the kind in the low 8 bits, then the flags. DataViews use
 * TYPED_ARRAY_UINT8 as their kind. */
enum { JS_VIEW_KIND_MASK = 0xff, JS_VIEW_LENGTH_TRACKING = 1 << 8 };

/* "Int8Array" ... and the element size of a kind. */
const char *typed_array_kind_name(TypedArrayKind kind);
size_t typed_array_kind_element_size(TypedArrayKind kind);
/* [[ContentType]] bigint: BigInt64Array and BigUint64Array. */
KILN_INLINE bool typed_array_kind_is_bigint(TypedArrayKind kind) {
  return kind == TYPED_ARRAY_BIGINT64 || kind == TYPED_ARRAY_BIGUINT64;
}

/* ---- ArrayBuffer ---------------------------------------------------------------------- */

KILN_INLINE bool js_array_buffer_has_flag(Tagged buffer, JSArrayBufferFlag f) {
  return (js_array_buffer_bit_field(buffer) & f) != 0;
}
KILN_INLINE bool js_array_buffer_is_detached(Tagged buffer) {
  return js_array_buffer_has_flag(buffer, JS_ARRAY_BUFFER_DETACHED);
}
KILN_INLINE bool js_array_buffer_is_shared(Tagged buffer) {
  return js_array_buffer_has_flag(buffer, JS_ARRAY_BUFFER_SHARED);
}
KILN_INLINE bool js_array_buffer_is_immutable(Tagged buffer) {
  return js_array_buffer_has_flag(buffer, JS_ARRAY_BUFFER_IMMUTABLE);
}
/* ES2025 25.1.3.9 IsFixedLengthArrayBuffer, negated. */
KILN_INLINE bool js_array_buffer_is_resizable(Tagged buffer) {
  return js_array_buffer_has_flag(buffer, JS_ARRAY_BUFFER_RESIZABLE);
}
/* The first byte (NULL when the buffer has no bytes). Valid until the buffer is detached,
 * resized or transferred: re-read it after anything that may run user code. */
uint8_t *js_array_buffer_data(Tagged buffer);

/* ES2025 25.1.3.1 AllocateArrayBuffer from step 4 on, with the object's map already chosen
 * (OrdinaryCreateFromConstructor's prototype lookup is the caller's): a buffer of
 * byte_length zero bytes; resizable with max_byte_length when `resizable`; shared makes a
 * SharedArrayBuffer (growable when resizable). RangeError when byte_length >
 * max_byte_length, or the memory cannot be had. May allocate. */
Handle js_array_buffer_new(Isolate *iso, Handle map, uint64_t byte_length, bool resizable,
                           uint64_t max_byte_length, bool shared);
/* A SharedArrayBuffer of this isolate over memory another isolate made (another agent's
 * buffer, handed over by $262.agent.broadcast): byte_length bytes of it; growable with
 * max_byte_length (<= the memory's capacity). Takes its own reference. May allocate. */
Handle js_array_buffer_new_on_shared(Isolate *iso, Handle map, struct SharedMemory *memory,
                                     uint64_t byte_length, bool growable,
                                     uint64_t max_byte_length);
/* The memory of a SharedArrayBuffer (NULL for an ArrayBuffer): retain it before handing
 * it to another thread (heap/backing-store.h). */
struct SharedMemory *js_array_buffer_shared_memory(Tagged buffer);
/* AllocateImmutableArrayBuffer: an immutable buffer of byte_length bytes whose first
 * `count` bytes are copied from `from` (the rest zero). RangeError as above. May allocate;
 * `from` must not move (a backing store's data, or C memory). */
Handle js_array_buffer_new_immutable(Isolate *iso, Handle map, uint64_t byte_length,
                                     const uint8_t *from, uint64_t count);
/* Makes a fresh buffer immutable (ArrayBufferCopyAndDetach's ~immutable~ mode, after the
 * move). */
void js_array_buffer_make_immutable(Tagged buffer);
/* ES2025 25.1.3.5 DetachArrayBuffer(buffer, key): TypeError when key is not the buffer's
 * [[ArrayBufferDetachKey]] (pass the undefined root for none) or the buffer is shared or
 * immutable.
 * The shell's $262.detachArrayBuffer calls this. Does not allocate. */
bool js_array_buffer_detach(Isolate *iso, Handle buffer, Handle key);
/* Changes a resizable buffer's length (ArrayBuffer.prototype.resize, SharedArrayBuffer
 * .prototype.grow after their checks); new bytes are zero. RangeError when the memory
 * cannot be had. May GC. */
bool js_array_buffer_resize(Isolate *iso, Handle buffer, uint64_t new_byte_length);
/* ES2025 25.1.3.3 ArrayBufferCopyAndDetach from step 8 (the checks are the caller's): a
 * new ArrayBuffer with `map` holding the first new_byte_length bytes of buffer (zeros past
 * its end), resizable with max_byte_length when `resizable`; buffer is detached. The bytes
 * move without a copy when they can. RangeError as js_array_buffer_new. May allocate. */
Handle js_array_buffer_transfer(Isolate *iso, Handle buffer, Handle map,
                                uint64_t new_byte_length, bool resizable,
                                uint64_t max_byte_length);

/* ---- views (TypedArray, DataView) ------------------------------------------------------ */

KILN_INLINE TypedArrayKind js_typed_array_kind(Tagged view) {
  return (TypedArrayKind)(js_array_buffer_view_bit_field(view) & JS_VIEW_KIND_MASK);
}
KILN_INLINE bool js_view_is_length_tracking(Tagged view) {
  return (js_array_buffer_view_bit_field(view) & JS_VIEW_LENGTH_TRACKING) != 0;
}
KILN_INLINE bool js_view_is_immutable(Tagged view) {
  return js_array_buffer_is_immutable(js_array_buffer_view_buffer(view));
}
KILN_INLINE size_t js_typed_array_element_size(Tagged ta) {
  return typed_array_kind_element_size(js_typed_array_kind(ta));
}

/* A TypedArray of `kind` with `map`, viewing buffer from byte_offset: `length` elements,
 * or tracking the buffer's length when length_tracking. The caller has validated the
 * range (InitializeTypedArrayFromArrayBuffer). May allocate. */
Handle js_typed_array_new(Isolate *iso, Handle map, TypedArrayKind kind, Handle buffer,
                          uint64_t byte_offset, uint64_t length, bool length_tracking);
/* ES2025 23.2.5.1.6 AllocateTypedArrayBuffer with a fresh %ArrayBuffer% of the realm (whose
 * map is buffer_map): a TypedArray of `length` zero elements. RangeError when length *
 * element size is too large. May allocate. */
Handle js_typed_array_new_with_length(Isolate *iso, Handle map, TypedArrayKind kind,
                                      Handle buffer_map, uint64_t length);
/* A DataView with `map` over buffer (range validated by the caller). May allocate. */
Handle js_data_view_new(Isolate *iso, Handle map, Handle buffer, uint64_t byte_offset,
                        uint64_t byte_length, bool length_tracking);

/* ES2025 10.4.5.12 IsTypedArrayOutOfBounds and 25.3.1.3 IsViewOutOfBounds, against the
 * buffer's current length (a detached buffer is out of bounds). Do not allocate. */
bool js_view_is_out_of_bounds(Tagged view);
/* ES2025 10.4.5.13 TypedArrayLength; 0 when out of bounds. */
uint64_t js_typed_array_length(Tagged ta);
/* ES2025 10.4.5.11 TypedArrayByteLength (0 when out of bounds) and 25.3.1.2
 * GetViewByteLength (the caller checked bounds). */
uint64_t js_view_byte_length(Tagged view);
/* ES2025 10.4.5.14 IsValidIntegerIndex for a Number index (any double). */
bool js_typed_array_is_valid_index(Tagged ta, double index);
/* The first byte of the view's range: buffer data + byte offset. Only meaningful while the
 * view is in bounds; re-read after anything that may run user code. */
uint8_t *js_view_data(Tagged view);

/* ---- element values ------------------------------------------------------------------- */

/* The Number stored at p (a kind's bits in native byte order; p need not be aligned), for
 * the number kinds (a BigInt kind's bits read as a double, for sorting only). */
double js_typed_array_load(TypedArrayKind kind, const uint8_t *p);
/* Stores Number v at p as kind's bits (ES2025 NumericToRawBytes: ToInt8 ... modulo,
 * Uint8Clamped rounding, Float16/Float32 rounding to nearest, ties to even). Number kinds
 * only. */
void js_typed_array_store(TypedArrayKind kind, uint8_t *p, double v);
/* RawBytesToNumeric: the Number, or for the BigInt kinds the BigInt, stored at p. May
 * allocate. */
Handle js_typed_array_load_value(Isolate *iso, TypedArrayKind kind, const uint8_t *p);
/* NumericToRawBytes for a value of the kind's content type (a Number for number kinds, a
 * BigInt, stored modulo 2^64, for the BigInt kinds). Does not allocate. */
void js_typed_array_store_value(TypedArrayKind kind, uint8_t *p, Tagged numeric);
/* Converts one element of kind `from` at src into kind `to` at dst; the two have the same
 * content type (a BigInt kind's 64 bits carry over unchanged, which is the modular
 * conversion). */
void js_typed_array_convert(TypedArrayKind to, uint8_t *dst, TypedArrayKind from,
                            const uint8_t *src);
/* Element `index` of a typed array as a Number handle, or undefined when the index is not
 * valid (ES2025 10.4.5.15 TypedArrayGetElement). May allocate (a HeapNumber). */
Handle js_typed_array_get(Isolate *iso, Handle ta, double index);

/* ES2025 binary16 conversions (Math.f16round uses them too). */
uint16_t js_float16_from_double(double value);
double js_float16_to_double(uint16_t bits);

#endif /* KILN_OBJECTS_JS_ARRAY_BUFFER_H_ */
