/*
 * js-array-buffer.c: ArrayBuffers and their views. See js-array-buffer.h for the invariants.
 */
#include "objects/js-array-buffer.h"

#include <math.h>
#include <string.h>

#include "heap/backing-store.h"
#include "objects/bigint.h"
#include "heap/factory.h"
#include "numbers/conversions.h"
#include "runtime/runtime.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "element bytes are native order, and native order is little-endian");

static const char *const kTypedArrayNames[] = {
#define V(Name, NAME, ctype, size) #Name "Array",
    TYPED_ARRAY_KIND_LIST(V)
#undef V
};
static const uint8_t kTypedArraySizes[] = {
#define V(Name, NAME, ctype, size) size,
    TYPED_ARRAY_KIND_LIST(V)
#undef V
};

const char *typed_array_kind_name(TypedArrayKind kind) { return kTypedArrayNames[kind]; }
size_t typed_array_kind_element_size(TypedArrayKind kind) { return kTypedArraySizes[kind]; }

/* ---- ArrayBuffer ---------------------------------------------------------------------- */

static BackingStore *js_array_buffer_store(Tagged buffer) {
  return (BackingStore *)js_array_buffer_backing_store(buffer);
}

uint8_t *js_array_buffer_data(Tagged buffer) {
  BackingStore *store = js_array_buffer_store(buffer);
  return store ? (uint8_t *)store->data : NULL;
}

static Handle js_array_buffer_allocation_failed(Isolate *iso) {
  isolate_throw_error(iso, kError_RANGE_ERROR, "Array buffer allocation failed");
  return HANDLE_NULL;
}

/* A buffer object with no store yet: every raw field set before the next allocation. */
static Handle js_array_buffer_new_empty(Isolate *iso, Handle map, uint64_t max_byte_length,
                                        int flags) {
  Handle obj = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(obj)) return obj;
  Tagged o = H(obj);
  js_array_buffer_set_backing_store(o, NULL);
  js_array_buffer_set_byte_length(o, 0);
  js_array_buffer_set_max_byte_length(o, max_byte_length);
  js_array_buffer_set_bit_field(o, flags);
  js_array_buffer_set_detach_key(o, ROOT(iso, undefined_value));
  return obj;
}

Handle js_array_buffer_new(Isolate *iso, Handle map, uint64_t byte_length, bool resizable,
                           uint64_t max_byte_length, bool shared) {
  if (resizable && byte_length > max_byte_length) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array buffer length: %llu > maxByteLength %llu",
                        (unsigned long long)byte_length, (unsigned long long)max_byte_length);
    return HANDLE_NULL;
  }
  if (byte_length > JS_ARRAY_BUFFER_MAX_BYTE_LENGTH ||
      (resizable && max_byte_length > JS_ARRAY_BUFFER_MAX_BYTE_LENGTH)) {
    return js_array_buffer_allocation_failed(iso);
  }
  int flags = (shared ? JS_ARRAY_BUFFER_SHARED : 0) | (resizable ? JS_ARRAY_BUFFER_RESIZABLE : 0);
  Handle obj = js_array_buffer_new_empty(iso, map, resizable ? max_byte_length : byte_length,
                                         flags);
  if (handle_is_null(obj)) return obj;
  /* A SharedArrayBuffer's memory may be mapped by other agents: it never moves, so a
   * growable one gets its maximum at once (calloc'd pages stay untouched until used). */
  BackingStore *store =
      shared ? backing_store_new_shared(&iso->heap, (size_t)byte_length,
                                        (size_t)(resizable ? max_byte_length : byte_length))
             : backing_store_new(&iso->heap, (size_t)byte_length); /* may GC */
  if (store == NULL) return js_array_buffer_allocation_failed(iso);
  backing_store_attach(&iso->heap, store, H(obj));
  js_array_buffer_set_backing_store(H(obj), store);
  js_array_buffer_set_byte_length(H(obj), byte_length);
  return obj;
}

Handle js_array_buffer_new_on_shared(Isolate *iso, Handle map, SharedMemory *memory,
                                     uint64_t byte_length, bool growable,
                                     uint64_t max_byte_length) {
  int flags = JS_ARRAY_BUFFER_SHARED | (growable ? JS_ARRAY_BUFFER_RESIZABLE : 0);
  Handle obj = js_array_buffer_new_empty(iso, map, growable ? max_byte_length : byte_length,
                                         flags);
  if (handle_is_null(obj)) return obj;
  BackingStore *store = backing_store_new_on_shared(&iso->heap, memory, (size_t)byte_length);
  if (store == NULL) return js_array_buffer_allocation_failed(iso);
  backing_store_attach(&iso->heap, store, H(obj));
  js_array_buffer_set_backing_store(H(obj), store);
  js_array_buffer_set_byte_length(H(obj), byte_length);
  return obj;
}

SharedMemory *js_array_buffer_shared_memory(Tagged buffer) {
  BackingStore *store = js_array_buffer_store(buffer);
  return store ? store->shared : NULL;
}

Handle js_array_buffer_new_immutable(Isolate *iso, Handle map, uint64_t byte_length,
                                     const uint8_t *from, uint64_t count) {
  Handle buffer = js_array_buffer_new(iso, map, byte_length, false, 0, false);
  if (handle_is_null(buffer)) return buffer;
  if (count > 0) memcpy(js_array_buffer_data(H(buffer)), from, (size_t)count);
  js_array_buffer_make_immutable(H(buffer));
  return buffer;
}

void js_array_buffer_make_immutable(Tagged buffer) {
  js_array_buffer_set_bit_field(buffer,
                                js_array_buffer_bit_field(buffer) | JS_ARRAY_BUFFER_IMMUTABLE);
}

/* Drops the buffer's store and marks it detached. */
static void js_array_buffer_mark_detached(Isolate *iso, Tagged buffer, bool free_store) {
  if (free_store) backing_store_free(&iso->heap, js_array_buffer_store(buffer));
  js_array_buffer_set_backing_store(buffer, NULL);
  js_array_buffer_set_byte_length(buffer, 0);
  js_array_buffer_set_bit_field(buffer,
                                js_array_buffer_bit_field(buffer) | JS_ARRAY_BUFFER_DETACHED);
}

bool js_array_buffer_detach(Isolate *iso, Handle buffer, Handle key) {
  Tagged b = H(buffer);
  if (!is_js_array_buffer(b) || js_array_buffer_is_shared(b)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Only an ArrayBuffer can be detached");
    return false;
  }
  if (js_array_buffer_is_immutable(b)) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Cannot detach an immutable ArrayBuffer");
    return false;
  }
  /* ES2025 25.1.3.5 step 4: SameValue(arrayBuffer.[[ArrayBufferDetachKey]], key). */
  if (!runtime_same_value(js_array_buffer_detach_key(b), H(key))) {
    isolate_throw_error(iso, kError_TYPE_ERROR, "Wrong key to detach the ArrayBuffer");
    return false;
  }
  if (js_array_buffer_is_detached(b)) return true;
  js_array_buffer_mark_detached(iso, b, true);
  return true;
}

bool js_array_buffer_resize(Isolate *iso, Handle buffer, uint64_t new_byte_length) {
  BackingStore *store = js_array_buffer_store(H(buffer));
  DCHECK(store != NULL && new_byte_length <= js_array_buffer_max_byte_length(H(buffer)));
  if (!backing_store_resize(&iso->heap, store, (size_t)new_byte_length)) {
    js_array_buffer_allocation_failed(iso);
    return false;
  }
  js_array_buffer_set_byte_length(H(buffer), new_byte_length);
  return true;
}

Handle js_array_buffer_transfer(Isolate *iso, Handle buffer, Handle map,
                                uint64_t new_byte_length, bool resizable,
                                uint64_t max_byte_length) {
  if (resizable && new_byte_length > max_byte_length) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid array buffer length");
    return HANDLE_NULL;
  }
  if (new_byte_length > JS_ARRAY_BUFFER_MAX_BYTE_LENGTH) {
    return js_array_buffer_allocation_failed(iso);
  }
  int flags = resizable ? JS_ARRAY_BUFFER_RESIZABLE : 0;
  Handle result = js_array_buffer_new_empty(
      iso, map, resizable ? max_byte_length : new_byte_length, flags);
  if (handle_is_null(result)) return result;
  BackingStore *store = js_array_buffer_store(H(buffer));
  DCHECK(store != NULL);
  if (!backing_store_resize(&iso->heap, store, (size_t)new_byte_length)) { /* may GC */
    return js_array_buffer_allocation_failed(iso);
  }
  /* The store moves to the new buffer: its owner, the weak reference, follows. */
  store->owner = H(result);
  js_array_buffer_set_backing_store(H(result), store);
  js_array_buffer_set_byte_length(H(result), new_byte_length);
  js_array_buffer_mark_detached(iso, H(buffer), false);
  return result;
}

/* ---- views ---------------------------------------------------------------------------- */

static Handle js_view_new(Isolate *iso, Handle map, Handle buffer, uint64_t byte_offset,
                          uint64_t byte_length, uint64_t length, int bit_field) {
  Handle obj = factory_new_js_object_from_map(iso, map);
  if (handle_is_null(obj)) return obj;
  Tagged o = H(obj);
  js_array_buffer_view_set_byte_offset(o, byte_offset);
  js_array_buffer_view_set_byte_length(o, byte_length);
  js_array_buffer_view_set_length(o, length);
  js_array_buffer_view_set_bit_field(o, bit_field);
  js_array_buffer_view_set_buffer(o, H(buffer));
  return obj;
}

Handle js_typed_array_new(Isolate *iso, Handle map, TypedArrayKind kind, Handle buffer,
                          uint64_t byte_offset, uint64_t length, bool length_tracking) {
  uint64_t size = typed_array_kind_element_size(kind);
  int bits = (int)kind | (length_tracking ? JS_VIEW_LENGTH_TRACKING : 0);
  return js_view_new(iso, map, buffer, byte_offset, length_tracking ? 0 : length * size,
                     length_tracking ? 0 : length, bits);
}

Handle js_typed_array_new_with_length(Isolate *iso, Handle map, TypedArrayKind kind,
                                      Handle buffer_map, uint64_t length) {
  uint64_t size = typed_array_kind_element_size(kind);
  if (length > JS_ARRAY_BUFFER_MAX_BYTE_LENGTH / size) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Invalid typed array length: %llu",
                        (unsigned long long)length);
    return HANDLE_NULL;
  }
  Handle buffer = js_array_buffer_new(iso, buffer_map, length * size, false, 0, false);
  if (handle_is_null(buffer)) return buffer;
  return js_typed_array_new(iso, map, kind, buffer, 0, length, false);
}

Handle js_data_view_new(Isolate *iso, Handle map, Handle buffer, uint64_t byte_offset,
                        uint64_t byte_length, bool length_tracking) {
  int bits = (int)TYPED_ARRAY_UINT8 | (length_tracking ? JS_VIEW_LENGTH_TRACKING : 0);
  return js_view_new(iso, map, buffer, byte_offset, length_tracking ? 0 : byte_length,
                     length_tracking ? 0 : byte_length, bits);
}

bool js_view_is_out_of_bounds(Tagged view) {
  Tagged buffer = js_array_buffer_view_buffer(view);
  if (js_array_buffer_is_detached(buffer)) return true;
  uint64_t buffer_length = js_array_buffer_byte_length(buffer);
  uint64_t start = js_array_buffer_view_byte_offset(view);
  uint64_t end = js_view_is_length_tracking(view)
                     ? buffer_length
                     : start + js_array_buffer_view_byte_length(view);
  return start > buffer_length || end > buffer_length;
}

uint64_t js_typed_array_length(Tagged ta) {
  if (js_view_is_out_of_bounds(ta)) return 0;
  if (!js_view_is_length_tracking(ta)) return js_array_buffer_view_length(ta);
  uint64_t buffer_length = js_array_buffer_byte_length(js_array_buffer_view_buffer(ta));
  return (buffer_length - js_array_buffer_view_byte_offset(ta)) / js_typed_array_element_size(ta);
}

uint64_t js_view_byte_length(Tagged view) {
  if (js_view_is_out_of_bounds(view)) return 0;
  if (!js_view_is_length_tracking(view)) return js_array_buffer_view_byte_length(view);
  if (is_js_typed_array(view)) return js_typed_array_length(view) * js_typed_array_element_size(view);
  uint64_t buffer_length = js_array_buffer_byte_length(js_array_buffer_view_buffer(view));
  return buffer_length - js_array_buffer_view_byte_offset(view);
}

/* 10.4.5.14 IsValidIntegerIndex. A detached or out-of-bounds view has length 0. */
bool js_typed_array_is_valid_index(Tagged ta, double index) {
  if (!(index >= 0) || (index == 0 && signbit(index))) return false; /* NaN, < 0, -0 */
  if (!(index < (double)js_typed_array_length(ta))) return false;
  return index == (double)(uint64_t)index; /* an integer (index < 2^53 here) */
}

uint8_t *js_view_data(Tagged view) {
  uint8_t *data = js_array_buffer_data(js_array_buffer_view_buffer(view));
  return data ? data + js_array_buffer_view_byte_offset(view) : NULL;
}

/* ---- element values ------------------------------------------------------------------- */

double js_typed_array_load(TypedArrayKind kind, const uint8_t *p) {
  if (kind == TYPED_ARRAY_FLOAT16) {
    uint16_t bits;
    memcpy(&bits, p, sizeof bits);
    return js_float16_to_double(bits);
  }
  switch (kind) {
#define V(Name, NAME, ctype, size) \
    case TYPED_ARRAY_##NAME: {     \
      ctype v;                     \
      memcpy(&v, p, sizeof v);     \
      return (double)v;            \
    }
      TYPED_ARRAY_KIND_LIST(V)
#undef V
    default:
      UNREACHABLE();
  }
}

void js_typed_array_store(TypedArrayKind kind, uint8_t *p, double v) {
  union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
          float f32; double f64; } bits;
  size_t size = typed_array_kind_element_size(kind);
  switch (kind) {
    case TYPED_ARRAY_INT8: bits.i8 = conversions_double_to_int8(v); break;
    case TYPED_ARRAY_UINT8: bits.u8 = conversions_double_to_uint8(v); break;
    case TYPED_ARRAY_UINT8_CLAMPED: bits.u8 = conversions_double_to_uint8_clamp(v); break;
    case TYPED_ARRAY_INT16: bits.i16 = conversions_double_to_int16(v); break;
    case TYPED_ARRAY_UINT16: bits.u16 = conversions_double_to_uint16(v); break;
    case TYPED_ARRAY_INT32: bits.i32 = conversions_double_to_int32(v); break;
    case TYPED_ARRAY_UINT32: bits.u32 = conversions_double_to_uint32(v); break;
    case TYPED_ARRAY_FLOAT16: bits.u16 = js_float16_from_double(v); break;
    case TYPED_ARRAY_FLOAT32: bits.f32 = (float)v; break; /* IEEE: nearest, ties to even */
    case TYPED_ARRAY_FLOAT64: bits.f64 = v; break;
    default: UNREACHABLE(); /* BigInt kinds store through js_typed_array_store_value */
  }
  memcpy(p, &bits, size);
}

Handle js_typed_array_load_value(Isolate *iso, TypedArrayKind kind, const uint8_t *p) {
  if (kind == TYPED_ARRAY_BIGINT64) {
    int64_t v;
    memcpy(&v, p, sizeof v);
    return bigint_from_int64(iso, v);
  }
  if (kind == TYPED_ARRAY_BIGUINT64) {
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return bigint_from_uint64(iso, v);
  }
  return factory_new_number(iso, js_typed_array_load(kind, p));
}

void js_typed_array_store_value(TypedArrayKind kind, uint8_t *p, Tagged numeric) {
  if (typed_array_kind_is_bigint(kind)) {
    DCHECK(is_bigint(numeric));
    uint64_t bits = bigint_to_uint64(numeric); /* the value modulo 2^64 */
    memcpy(p, &bits, sizeof bits);
    return;
  }
  DCHECK(is_number(numeric));
  js_typed_array_store(kind, p,
                       is_smi(numeric) ? (double)smi_value(numeric) : heap_number_value(numeric));
}

void js_typed_array_convert(TypedArrayKind to, uint8_t *dst, TypedArrayKind from,
                            const uint8_t *src) {
  if (typed_array_kind_is_bigint(to)) {
    DCHECK(typed_array_kind_is_bigint(from));
    memmove(dst, src, 8);
    return;
  }
  js_typed_array_store(to, dst, js_typed_array_load(from, src));
}

Handle js_typed_array_get(Isolate *iso, Handle ta, double index) {
  if (!js_typed_array_is_valid_index(H(ta), index)) return ROOT_HANDLE(iso, undefined_value);
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  const uint8_t *p = js_view_data(H(ta)) + (uint64_t)index * typed_array_kind_element_size(kind);
  return js_typed_array_load_value(iso, kind, p);
}

/* ---- binary16 ------------------------------------------------------------------------- */

/* Rounds directly from the double (never through float: that would round twice). */
uint16_t js_float16_from_double(double value) {
  uint16_t sign = signbit(value) ? 0x8000 : 0;
  if (isnan(value)) return 0x7e00;
  double a = fabs(value);
  if (a >= 65520.0) return sign | 0x7c00; /* 65520 is halfway to 2^16: ties to even, inf */
  if (a < 0x1p-14) {
    /* Subnormal (or zero): a multiple of 2^-24; 1024 * 2^-24 rounds up to the least
     * normal, whose encoding 0x0400 is the same integer. */
    return sign | (uint16_t)nearbyint(a * 0x1p24);
  }
  int e;
  double f = frexp(a, &e);                 /* a = f * 2^e, f in [0.5, 1) */
  double m = nearbyint(f * 2048.0);        /* 11 significant bits, in [1024, 2048] */
  int exponent = e - 1;
  if (m == 2048.0) {
    m = 1024.0;
    exponent++;
  }
  if (exponent > 15) return sign | 0x7c00;
  return sign | (uint16_t)((exponent + 15) << 10) | (uint16_t)((int)m - 1024);
}

double js_float16_to_double(uint16_t bits) {
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  double sign = (bits & 0x8000) ? -1.0 : 1.0;
  if (exponent == 0) return sign * ldexp(mantissa, -24);
  if (exponent == 31) return mantissa ? NAN : sign * INFINITY;
  return sign * ldexp(mantissa + 1024, exponent - 25);
}
