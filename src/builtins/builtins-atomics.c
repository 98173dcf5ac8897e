/*
 * builtins-atomics.c: the Atomics object (ES2025 25.4).
 *
 * A Kiln isolate runs on one thread and shares no memory with another agent, so every
 * atomic operation is a plain read-modify-write of the buffer's bytes, and nothing can
 * ever wake a waiter: Atomics.wait returns "not-equal" or, after sleeping for a finite
 * timeout, "timed-out"; waiting forever for a value nobody else can change would hang the
 * isolate, so that throws a TypeError (as a host whose main thread may not block does).
 * Atomics.notify wakes no one and returns 0. Atomics.waitAsync needs the job queue and is
 * not installed yet.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "builtins/builtins-typed-array.h"
#include "numbers/conversions.h"
#include "objects/bigint.h"
#include "objects/js-objects.h"

#define ATOMICS_BUILTINS(V)                             \
  V(AtomicsAdd, "add", 3)                               \
  V(AtomicsAnd, "and", 3)                               \
  V(AtomicsCompareExchange, "compareExchange", 4)       \
  V(AtomicsExchange, "exchange", 3)                     \
  V(AtomicsIsLockFree, "isLockFree", 1)                 \
  V(AtomicsLoad, "load", 2)                             \
  V(AtomicsNotify, "notify", 3)                         \
  V(AtomicsOr, "or", 3)                                 \
  V(AtomicsPause, "pause", 0)                           \
  V(AtomicsStore, "store", 3)                           \
  V(AtomicsSub, "sub", 3)                               \
  V(AtomicsWait, "wait", 4)                             \
  V(AtomicsXor, "xor", 3)

ATOMICS_BUILTINS(BUILTIN_DECLARE)

/* ---- validation (25.4.3) ------------------------------------------------------------------ */

static bool atomics_is_integer_kind(TypedArrayKind kind) {
  return kind != TYPED_ARRAY_UINT8_CLAMPED && kind != TYPED_ARRAY_FLOAT16 &&
         kind != TYPED_ARRAY_FLOAT32 && kind != TYPED_ARRAY_FLOAT64;
}

/* 25.4.3.1 ValidateIntegerTypedArray ( typedArray, waitable ) */
static bool atomics_validate_integer_typed_array(Isolate *iso, Handle ta, bool waitable) {
  if (!builtins_typed_array_validate(iso, ta, "Atomics")) return false;
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  bool ok = waitable ? kind == TYPED_ARRAY_INT32 || kind == TYPED_ARRAY_BIGINT64
                     : atomics_is_integer_kind(kind);
  if (!ok) {
    builtins_throw_type_error(iso, "Atomics: %s is not a valid typed array for this operation",
                              typed_array_kind_name(kind));
    return false;
  }
  return true;
}

/* 25.4.3.2 ValidateAtomicAccess: the byte index (from the buffer's start) of element
 * request_index, or -1 with a RangeError. */
static double atomics_validate_access(Isolate *iso, Handle ta, Handle request_index) {
  double length = (double)js_typed_array_length(H(ta)), index;
  if (!runtime_to_index(iso, request_index, &index)) return -1;
  if (index >= length) {
    builtins_throw_range_error(iso, "Atomics: index %.0f is out of range", index);
    return -1;
  }
  return index * (double)js_typed_array_element_size(H(ta)) +
         (double)js_array_buffer_view_byte_offset(H(ta));
}

/* 25.4.3.3 ValidateAtomicAccessOnIntegerTypedArray; write: accessMode ~write~ (an
 * immutable buffer is a TypeError). */
static double atomics_validate_integer_access(Isolate *iso, Handle ta, Handle request_index,
                                              bool write) {
  if (write && is_js_typed_array(H(ta)) && js_view_is_immutable(H(ta))) {
    builtins_throw_type_error(iso, "Atomics: the typed array's buffer is immutable");
    return -1;
  }
  if (!atomics_validate_integer_typed_array(iso, ta, false)) return -1;
  return atomics_validate_access(iso, ta, request_index);
}

/* 25.4.3.4 RevalidateAtomicAccess: after the value conversions ran user code. The address
 * of the element, or NULL with the exception thrown. */
static uint8_t *atomics_revalidate(Isolate *iso, Handle ta, double byte_index) {
  if (js_view_is_out_of_bounds(H(ta))) {
    builtins_throw_type_error(iso, "Atomics: typed array is detached or out of bounds");
    return NULL;
  }
  Tagged buffer = js_array_buffer_view_buffer(H(ta));
  if (byte_index >= (double)js_array_buffer_byte_length(buffer)) {
    builtins_throw_range_error(iso, "Atomics: index is out of range");
    return NULL;
  }
  return js_array_buffer_data(buffer) + (uint64_t)byte_index;
}

/* The operand an integer operation stores: ToBigInt(v) for a BigInt64/BigUint64 array,
 * else 𝔽(ToIntegerOrInfinity(v)) (+0, never -0). Calls user code. */
static Handle atomics_operand(Isolate *iso, Handle ta, Handle v) {
  if (typed_array_kind_is_bigint(js_typed_array_kind(H(ta)))) return runtime_to_bigint(iso, v);
  double d;
  if (!runtime_to_integer_or_infinity(iso, v, &d)) return HANDLE_NULL;
  return builtins_typed_array_number(iso, d == 0 ? 0 : d);
}

/* ---- read-modify-write (25.4.3.17 AtomicReadModifyWrite) --------------------------------- */

typedef enum { OP_ADD, OP_AND, OP_EXCHANGE, OP_OR, OP_SUB, OP_XOR } AtomicsOp;

/* NumericToRawBytes(kind, v) in the low bytes of a uint64 (little-endian). The operations
 * are modular on the element's width, so no sign extension is needed. */
static uint64_t atomics_raw(TypedArrayKind kind, Tagged v) {
  uint8_t bytes[8] = {0};
  js_typed_array_store_value(kind, bytes, v);
  uint64_t raw;
  memcpy(&raw, bytes, sizeof raw);
  return raw;
}

static uint64_t atomics_apply(AtomicsOp op, uint64_t old, uint64_t v) {
  switch (op) {
    case OP_ADD: return old + v;
    case OP_AND: return old & v;
    case OP_EXCHANGE: return v;
    case OP_OR: return old | v;
    case OP_SUB: return old - v;
    case OP_XOR: return old ^ v;
  }
  UNREACHABLE();
}

static Handle atomics_read_modify_write(Isolate *iso, BuiltinArgs *args, AtomicsOp op) {
  Handle ta = builtin_arg(iso, args, 0);
  double byte_index = atomics_validate_integer_access(iso, ta, builtin_arg(iso, args, 1), true);
  if (byte_index < 0) return HANDLE_NULL;
  Handle v = atomics_operand(iso, ta, builtin_arg(iso, args, 2));
  TA_TRY(v);
  uint8_t *p = atomics_revalidate(iso, ta, byte_index);
  if (p == NULL) return HANDLE_NULL;
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  size_t size = typed_array_kind_element_size(kind);
  uint64_t old_raw = 0, result;
  memcpy(&old_raw, p, size);
  result = atomics_apply(op, old_raw, atomics_raw(kind, H(v)));
  memcpy(p, &result, size); /* little-endian: the low `size` bytes */
  return js_typed_array_load_value(iso, kind, (const uint8_t *)&old_raw);
}

BUILTIN(AtomicsAdd) { return atomics_read_modify_write(iso, args, OP_ADD); }
BUILTIN(AtomicsAnd) { return atomics_read_modify_write(iso, args, OP_AND); }
BUILTIN(AtomicsExchange) { return atomics_read_modify_write(iso, args, OP_EXCHANGE); }
BUILTIN(AtomicsOr) { return atomics_read_modify_write(iso, args, OP_OR); }
BUILTIN(AtomicsSub) { return atomics_read_modify_write(iso, args, OP_SUB); }
BUILTIN(AtomicsXor) { return atomics_read_modify_write(iso, args, OP_XOR); }

/* 25.4.5 Atomics.compareExchange ( typedArray, index, expectedValue, replacementValue ) */
BUILTIN(AtomicsCompareExchange) {
  Handle ta = builtin_arg(iso, args, 0);
  double byte_index = atomics_validate_integer_access(iso, ta, builtin_arg(iso, args, 1), true);
  if (byte_index < 0) return HANDLE_NULL;
  Handle expected = atomics_operand(iso, ta, builtin_arg(iso, args, 2));
  TA_TRY(expected);
  Handle replacement = atomics_operand(iso, ta, builtin_arg(iso, args, 3));
  TA_TRY(replacement);
  uint8_t *p = atomics_revalidate(iso, ta, byte_index);
  if (p == NULL) return HANDLE_NULL;
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  size_t size = typed_array_kind_element_size(kind);
  uint64_t expected_raw = atomics_raw(kind, H(expected)), old_raw = 0;
  memcpy(&old_raw, p, size);
  if (old_raw == expected_raw) js_typed_array_store_value(kind, p, H(replacement));
  return js_typed_array_load_value(iso, kind, (const uint8_t *)&old_raw);
}

/* 25.4.9 Atomics.load ( typedArray, index ) */
BUILTIN(AtomicsLoad) {
  Handle ta = builtin_arg(iso, args, 0);
  double byte_index = atomics_validate_integer_access(iso, ta, builtin_arg(iso, args, 1), false);
  if (byte_index < 0) return HANDLE_NULL;
  uint8_t *p = atomics_revalidate(iso, ta, byte_index);
  if (p == NULL) return HANDLE_NULL;
  return js_typed_array_load_value(iso, js_typed_array_kind(H(ta)), p);
}

/* 25.4.12 Atomics.store ( typedArray, index, value ) */
BUILTIN(AtomicsStore) {
  Handle ta = builtin_arg(iso, args, 0);
  double byte_index = atomics_validate_integer_access(iso, ta, builtin_arg(iso, args, 1), true);
  if (byte_index < 0) return HANDLE_NULL;
  Handle v = atomics_operand(iso, ta, builtin_arg(iso, args, 2));
  TA_TRY(v);
  uint8_t *p = atomics_revalidate(iso, ta, byte_index);
  if (p == NULL) return HANDLE_NULL;
  js_typed_array_store_value(js_typed_array_kind(H(ta)), p, H(v));
  return v;
}

/* 25.4.8 Atomics.isLockFree ( size ) */
BUILTIN(AtomicsIsLockFree) {
  double n;
  TA_CHECK(runtime_to_integer_or_infinity(iso, builtin_arg(iso, args, 0), &n));
  return builtins_typed_array_boolean(iso, n == 1 || n == 2 || n == 4 || n == 8);
}

/* Atomics.pause ( [ N ] ): a spin-wait hint; N must be undefined or an integral Number. */
BUILTIN(AtomicsPause) {
  Tagged n = H(builtin_arg(iso, args, 0));
  if (!is_undefined(iso, n) &&
      (!is_number(n) || !conversions_double_is_integer(runtime_number_value(n)))) {
    return builtins_throw_type_error(iso, "Atomics.pause: argument must be an integral Number");
  }
  return ROOT_HANDLE(iso, undefined_value);
}

/* 25.4.13 Atomics.wait ( typedArray, index, value, timeout ): DoWait(sync) with no other
 * agent: see the file comment. */
BUILTIN(AtomicsWait) {
  Handle ta = builtin_arg(iso, args, 0);
  TA_CHECK(atomics_validate_integer_typed_array(iso, ta, true));
  if (!js_array_buffer_is_shared(js_array_buffer_view_buffer(H(ta)))) {
    return builtins_throw_type_error(iso, "Atomics.wait: the typed array is not shared");
  }
  double byte_index = atomics_validate_access(iso, ta, builtin_arg(iso, args, 1));
  if (byte_index < 0) return HANDLE_NULL;
  /* v: ToInt32(value), or ToBigInt64(value) for a BigInt64Array, as raw bits. */
  bool big = js_typed_array_kind(H(ta)) == TYPED_ARRAY_BIGINT64;
  int64_t v;
  if (big) {
    Handle b = runtime_to_bigint(iso, builtin_arg(iso, args, 2));
    TA_TRY(b);
    v = bigint_to_int64(H(b));
  } else {
    int32_t v32;
    TA_CHECK(runtime_to_int32(iso, builtin_arg(iso, args, 2), &v32));
    v = v32;
  }
  double q;
  TA_CHECK(runtime_to_number_double(iso, builtin_arg(iso, args, 3), &q));
  double t = isnan(q) || q == INFINITY ? INFINITY : (q == -INFINITY ? 0 : fmax(q, 0));
  const uint8_t *p = js_array_buffer_data(js_array_buffer_view_buffer(H(ta))) + (uint64_t)byte_index;
  int64_t current;
  if (big) {
    memcpy(&current, p, sizeof current);
  } else {
    int32_t c32;
    memcpy(&c32, p, sizeof c32);
    current = c32;
  }
  if (current != v) return builtins_string(iso, "not-equal");
  if (t == INFINITY) {
    return builtins_throw_type_error(iso, "Atomics.wait would block forever: no other agent can notify");
  }
  struct timespec ts = {(time_t)(t / 1000), (long)(fmod(t, 1000) * 1e6)};
  nanosleep(&ts, NULL);
  return builtins_string(iso, "timed-out");
}

/* 25.4.15 Atomics.notify ( typedArray, index, count ) */
BUILTIN(AtomicsNotify) {
  Handle ta = builtin_arg(iso, args, 0);
  TA_CHECK(atomics_validate_integer_typed_array(iso, ta, true));
  double byte_index = atomics_validate_access(iso, ta, builtin_arg(iso, args, 1));
  if (byte_index < 0) return HANDLE_NULL;
  Handle count = builtin_arg(iso, args, 2);
  if (!is_undefined(iso, H(count))) {
    double c;
    TA_CHECK(runtime_to_integer_or_infinity(iso, count, &c));
  }
  return handle_new(iso, smi_from_int(0)); /* nobody waits in a single-agent isolate */
}

/* ---- installation ---------------------------------------------------------------------- */

static const BuiltinSpec kAtomicsBuiltins[] = {ATOMICS_BUILTINS(BUILTIN_SPEC)};

bool builtins_install_atomics(Isolate *iso, Handle native_context) {
  Handle object_proto = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_object_prototype);
  Handle atomics = builtins_new_object_with_proto(iso, native_context, object_proto);
  if (handle_is_null(atomics) ||
      !builtins_install_methods(iso, native_context, atomics, kAtomicsBuiltins,
                                KILN_ARRAY_SIZE(kAtomicsBuiltins))) {
    return false;
  }
  Handle tag = builtins_string(iso, "Atomics");
  Handle global = builtins_intrinsic(iso, native_context, NATIVE_CONTEXT_global_object);
  return !handle_is_null(tag) &&
         builtins_define_value(iso, atomics, "@@toStringTag", tag, READ_ONLY | DONT_ENUM) &&
         builtins_define_value(iso, global, "Atomics", atomics, DONT_ENUM);
}
