/*
 * identity-hash.c: SameValueZero-compatible hashes of keys. See identity-hash.h.
 */
#include "objects/identity-hash.h"

#include <math.h>
#include <string.h>

#include "objects/bigint.h"
#include "objects/js-objects.h"
#include "objects/string-hash.h"
#include "objects/string.h"

/* A 64-bit mix (splitmix64's finalizer) folded to 30 bits. */
static uint32_t identity_hash_mix(uint64_t x) {
  x ^= x >> 30;
  x *= UINT64_C(0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= UINT64_C(0x94d049bb133111eb);
  x ^= x >> 31;
  return (uint32_t)x & kIdentityHashMask;
}

/* Numbers: int32 values (and -0) hash as the integer, NaN as one value, others by bits. */
static uint32_t identity_hash_number(double d) {
  if (d != d) return identity_hash_mix(UINT64_C(0x7ff8000000000000));
  if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(int32_t)d) {
    return identity_hash_mix((uint64_t)(uint32_t)(int32_t)d);
  }
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return identity_hash_mix(bits);
}

/* The receiver's stored hash, or -1. Makes handles, never allocates on the JS heap. */
static int64_t identity_hash_stored(Isolate *iso, Tagged obj) {
  Tagged key = ROOT(iso, identity_hash_symbol);
  if (key == 0) return -1;
  HandleScope scope;
  handle_scope_open(iso, &scope);
  LookupResult lookup;
  int64_t result = -1;
  if (property_lookup_own(iso, handle_new(iso, obj), handle_new(iso, key), &lookup)) {
    Handle v = lookup_result_value(iso, &lookup);
    if (!handle_is_null(v) && is_smi(H(v))) result = smi_value(H(v));
  }
  handle_scope_close(&scope);
  return result;
}

bool identity_hash_lookup(Isolate *iso, Tagged key, uint32_t *hash) {
  if (is_smi(key)) {
    *hash = identity_hash_number(smi_value(key));
  } else if (is_heap_number(key)) {
    *hash = identity_hash_number(heap_number_value(key));
  } else if (is_name(key)) {
    *hash = name_hash(iso, key);
  } else if (is_oddball(key)) {
    *hash = identity_hash_mix(UINT64_C(0x0dd0ba11) + (uint64_t)oddball_kind(key));
  } else if (is_js_receiver(key)) {
    int64_t stored = identity_hash_stored(iso, key);
    if (stored < 0) return false;
    *hash = (uint32_t)stored;
  } else if (is_bigint(key)) {
    *hash = identity_hash_mix(bigint_hash(key)); /* by value: equal BigInts, equal hashes */
  } else {
    *hash = 0;
  }
  return true;
}

/* The private symbol that keys identity hashes, made on first use. May allocate. */
static bool identity_hash_ensure_symbol(Isolate *iso) {
  if (ROOT(iso, identity_hash_symbol) != 0) return true;
  Handle sym = symbol_new(iso, ROOT_HANDLE(iso, undefined_value), true);
  if (handle_is_null(sym)) return false;
  ROOT(iso, identity_hash_symbol) = H(sym);
  return true;
}

bool identity_hash_get_or_create(Isolate *iso, Handle key, uint32_t *hash) {
  if (identity_hash_lookup(iso, H(key), hash)) return true;
  if (!identity_hash_ensure_symbol(iso)) return false;
  uint32_t h = raw_hash_value(name_hash_next_symbol_hash(iso)) & kIdentityHashMask;
  Handle value = handle_new(iso, smi_from_int((int32_t)h));
  if (!js_object_add_hidden_property(iso, key, ROOT_HANDLE(iso, identity_hash_symbol), value)) {
    if (!isolate_has_pending_exception(iso)) isolate_throw_out_of_memory(iso);
    return false;
  }
  *hash = h;
  return true;
}
