/*
 * builtins-atomics.c: the Atomics object (ES2025 25.4).
 *
 * A SharedArrayBuffer's memory may be mapped by agents on other threads ($262.agent in the
 * shell: heap/backing-store.h's SharedMemory), so every operation is a real sequentially
 * consistent atomic of the element's width (the compiler's __atomic builtins; elements are
 * aligned because a view's offset is a multiple of its element size and the memory is
 * malloc'd). On a non-shared buffer they are atomic too, which costs nothing observable.
 *
 * Atomics.wait / Atomics.notify (25.4.3.10-16, the WaiterList): one process-wide list of
 * waiters, keyed by the address of the element (the same on every thread, as the memory
 * never moves), under one mutex. This is Kiln's only mutable state shared between
 * isolates, and it is exactly the spec's: the WaiterList is shared by all agents. A
 * waiter sleeps on its own condition variable; notify unlinks waiters in FIFO order,
 * marks them notified and signals them. A waiting agent wakes every few milliseconds
 * to honour a termination request (isolate_request_termination). The main thread of the
 * shell may block ([[CanBlock]] true), so an infinite wait is allowed. Atomics.waitAsync
 * is not installed yet.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
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

/* ---- the memory operations: SeqCst atomics of 1, 2, 4 or 8 bytes ---------------------- */

static uint64_t atomics_load_raw(const uint8_t *p, size_t size) {
  switch (size) {
    case 1: return __atomic_load_n(p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_SEQ_CST);
    case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST);
  }
}

static void atomics_store_raw(uint8_t *p, size_t size, uint64_t v) {
  switch (size) {
    case 1: __atomic_store_n(p, (uint8_t)v, __ATOMIC_SEQ_CST); break;
    case 2: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_SEQ_CST); break;
    case 4: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_SEQ_CST); break;
    default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); break;
  }
}

/* Compare-and-swap of the low `size` bytes: true when *expected matched (and desired is
 * stored); otherwise *expected is the current value. */
static bool atomics_cas_raw(uint8_t *p, size_t size, uint64_t *expected, uint64_t desired) {
  bool ok;
  switch (size) {
    case 1: {
      uint8_t e = (uint8_t)*expected;
      ok = __atomic_compare_exchange_n(p, &e, (uint8_t)desired, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
      *expected = e;
      break;
    }
    case 2: {
      uint16_t e = (uint16_t)*expected;
      ok = __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      *expected = e;
      break;
    }
    case 4: {
      uint32_t e = (uint32_t)*expected;
      ok = __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      *expected = e;
      break;
    }
    default:
      ok = __atomic_compare_exchange_n((uint64_t *)p, expected, desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      break;
  }
  return ok;
}

/* The low `size` bytes of v (the raw bytes of an element, little-endian). */
static uint64_t atomics_truncate(uint64_t v, size_t size) {
  return size == 8 ? v : v & ((UINT64_C(1) << (8 * size)) - 1);
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
  uint64_t operand = atomics_raw(kind, H(v));
  uint64_t old_raw = atomics_load_raw(p, size);
  while (!atomics_cas_raw(p, size, &old_raw,
                          atomics_truncate(atomics_apply(op, old_raw, operand), size))) {
  }
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
  uint64_t old_raw = atomics_raw(kind, H(expected));
  atomics_cas_raw(p, size, &old_raw, atomics_raw(kind, H(replacement)));
  return js_typed_array_load_value(iso, kind, (const uint8_t *)&old_raw);
}

/* 25.4.9 Atomics.load ( typedArray, index ) */
BUILTIN(AtomicsLoad) {
  Handle ta = builtin_arg(iso, args, 0);
  double byte_index = atomics_validate_integer_access(iso, ta, builtin_arg(iso, args, 1), false);
  if (byte_index < 0) return HANDLE_NULL;
  uint8_t *p = atomics_revalidate(iso, ta, byte_index);
  if (p == NULL) return HANDLE_NULL;
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  uint64_t raw = atomics_load_raw(p, typed_array_kind_element_size(kind));
  return js_typed_array_load_value(iso, kind, (const uint8_t *)&raw);
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
  TypedArrayKind kind = js_typed_array_kind(H(ta));
  atomics_store_raw(p, typed_array_kind_element_size(kind), atomics_raw(kind, H(v)));
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

/* ---- the WaiterList (25.4.3.10-16): process-wide, see the file comment ---------------- */

typedef struct Waiter {
  struct Waiter *next;
  const void *address;       /* the element waited on */
  pthread_cond_t cond;
  bool notified;             /* set by notify, under the mutex */
} Waiter;

static pthread_mutex_t atomics_waiters_mutex = PTHREAD_MUTEX_INITIALIZER;
static Waiter *atomics_waiters;  /* FIFO: the oldest first */

/* The deadline `ms` from now on the monotonic clock (a far one for infinity). */
static struct timespec atomics_deadline(double ms) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  if (ms > 1e15) ms = 1e15;
  double ns = (double)ts.tv_nsec + fmod(ms, 1000) * 1e6;
  ts.tv_sec += (time_t)(ms / 1000) + (time_t)(ns / 1e9);
  ts.tv_nsec = (long)fmod(ns, 1e9);
  return ts;
}

static bool atomics_before(const struct timespec *a, const struct timespec *b) {
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void atomics_unlink_waiter(Waiter *w) {
  for (Waiter **link = &atomics_waiters; *link; link = &(*link)->next) {
    if (*link == w) {
      *link = w->next;
      return;
    }
  }
}

typedef enum { WAIT_NOT_EQUAL, WAIT_OK, WAIT_TIMED_OUT, WAIT_TERMINATED } WaitResult;

/* DoWait steps 16-32 for the element at p: compares under the list's lock, then sleeps
 * until notified, the timeout passes or the isolate is asked to terminate. */
static WaitResult atomics_do_wait(Isolate *iso, const uint8_t *p, size_t size, int64_t v,
                                  double timeout_ms) {
  struct timespec deadline = atomics_deadline(timeout_ms);
  Waiter w = {NULL, p, PTHREAD_COND_INITIALIZER, false};
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&w.cond, &attr);
  pthread_condattr_destroy(&attr);
  pthread_mutex_lock(&atomics_waiters_mutex);
  uint64_t raw = atomics_load_raw(p, size);
  int64_t current = size == 8 ? (int64_t)raw : (int64_t)(int32_t)(uint32_t)raw;
  WaitResult result = WAIT_NOT_EQUAL;
  if (current == v) {
    Waiter **tail = &atomics_waiters;
    while (*tail) tail = &(*tail)->next;
    *tail = &w;
    result = WAIT_TIMED_OUT;
    for (;;) {
      if (w.notified) { result = WAIT_OK; break; }
      if (isolate_interrupt_requested(iso)) { result = WAIT_TERMINATED; break; }
      struct timespec now, slice = atomics_deadline(20);
      clock_gettime(CLOCK_MONOTONIC, &now);
      if (!atomics_before(&now, &deadline)) break;
      if (atomics_before(&deadline, &slice)) slice = deadline;
      pthread_cond_timedwait(&w.cond, &atomics_waiters_mutex, &slice);
    }
    if (!w.notified) atomics_unlink_waiter(&w);
    else result = WAIT_OK;
  }
  pthread_mutex_unlock(&atomics_waiters_mutex);
  pthread_cond_destroy(&w.cond);
  return result;
}

/* Wakes up to count waiters on the element at p, oldest first; returns how many. */
static int64_t atomics_do_notify(const uint8_t *p, double count) {
  int64_t n = 0;
  pthread_mutex_lock(&atomics_waiters_mutex);
  for (Waiter **link = &atomics_waiters; *link && (double)n < count;) {
    Waiter *w = *link;
    if (w->address != p) {
      link = &w->next;
      continue;
    }
    *link = w->next;
    w->notified = true;
    pthread_cond_signal(&w->cond);
    n++;
  }
  pthread_mutex_unlock(&atomics_waiters_mutex);
  return n;
}

/* 25.4.13 Atomics.wait ( typedArray, index, value, timeout ): DoWait(sync). */
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
  /* The shell's agents may all block ([[CanBlock]] true). The buffer is shared, so it
   * cannot have been detached by the conversions; it is never shrunk. */
  const uint8_t *p = js_array_buffer_data(js_array_buffer_view_buffer(H(ta))) + (uint64_t)byte_index;
  switch (atomics_do_wait(iso, p, big ? 8 : 4, v, t)) {
    case WAIT_NOT_EQUAL: return builtins_string(iso, "not-equal");
    case WAIT_OK: return builtins_string(iso, "ok");
    case WAIT_TIMED_OUT: return builtins_string(iso, "timed-out");
    case WAIT_TERMINATED: break;
  }
  isolate_handle_interrupts(iso);
  return HANDLE_NULL;
}

/* 25.4.15 Atomics.notify ( typedArray, index, count ) */
BUILTIN(AtomicsNotify) {
  Handle ta = builtin_arg(iso, args, 0);
  TA_CHECK(atomics_validate_integer_typed_array(iso, ta, true));
  double byte_index = atomics_validate_access(iso, ta, builtin_arg(iso, args, 1));
  if (byte_index < 0) return HANDLE_NULL;
  Handle count = builtin_arg(iso, args, 2);
  double c = INFINITY;
  if (!is_undefined(iso, H(count))) {
    TA_CHECK(runtime_to_integer_or_infinity(iso, count, &c));
    c = fmax(c, 0);
  }
  Tagged buffer = js_array_buffer_view_buffer(H(ta));
  if (!js_array_buffer_is_shared(buffer)) return handle_new(iso, smi_from_int(0));
  int64_t n = atomics_do_notify(js_array_buffer_data(buffer) + (uint64_t)byte_index, c);
  return builtins_typed_array_number(iso, (double)n);
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
