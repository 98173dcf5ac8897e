/*
 * string-hash.h: the hashes of Names (strings and symbols), and array-index parsing
 * (objects/string-hash.c).
 *
 * Hashes are keyed: SipHash-1-3 (Aumasson and Bernstein, "SipHash: a fast short-input
 * PRF", with 1 compression and 3 finalization rounds) under a 128-bit key derived from the
 * isolate's random hash_seed, so a script cannot choose strings that collide (hash
 * flooding). A string hashes its UTF-16 code units, each as 2 little-endian bytes, so a
 * one-byte and a two-byte string with the same content hash equally.
 *
 * The hash is cached in the Name's raw_hash word:
 *
 *   bit 0       1 once computed (raw_hash 0 means "not computed yet")
 *   bit 1       1 if the string is an array index ("0".."4294967294", no leading zeros)
 *   bits 2-33   that index (when bit 1 is set), else 0
 *   bits 34-63  the 30-bit keyed hash (name_hash's result)
 *
 * A symbol's raw_hash is set when it is made, from the key and a per-isolate counter.
 */
#ifndef KILN_OBJECTS_STRING_HASH_H_
#define KILN_OBJECTS_STRING_HASH_H_

#include "execution/isolate.h"

enum {
  kRawHashComputedBit = 1,
  kRawHashArrayIndexBit = 2,
  kRawHashIndexShift = 2,
  kRawHashValueShift = 34,
  kNameHashBits = 30,
};
#define kNameHashMask ((UINT32_C(1) << kNameHashBits) - 1)
#define kMaxArrayIndex UINT32_C(4294967294) /* 2^32 - 2 */

KILN_INLINE bool raw_hash_is_computed(uint64_t raw) { return (raw & kRawHashComputedBit) != 0; }
KILN_INLINE bool raw_hash_is_array_index(uint64_t raw) {
  return (raw & kRawHashArrayIndexBit) != 0;
}
KILN_INLINE uint32_t raw_hash_array_index(uint64_t raw) {
  return (uint32_t)(raw >> kRawHashIndexShift);
}
KILN_INLINE uint32_t raw_hash_value(uint64_t raw) {
  return (uint32_t)(raw >> kRawHashValueShift) & kNameHashMask;
}

/* ---- SipHash (streamed) ---------------------------------------------------------------- */

typedef struct {
  uint64_t v0, v1, v2, v3;
  uint64_t tail;        /* bytes not yet compressed, little-endian */
  uint64_t length;      /* bytes added so far */
  int c_rounds, d_rounds;
} SipHash;

/* c_rounds/d_rounds: 1/3 for SipHash-1-3 (what Kiln uses), 2/4 for the paper's SipHash-2-4. */
void siphash_init(SipHash *h, uint64_t k0, uint64_t k1, int c_rounds, int d_rounds);
void siphash_add_byte(SipHash *h, uint8_t b);
void siphash_add_bytes(SipHash *h, const uint8_t *bytes, size_t n);
uint64_t siphash_finish(SipHash *h);

/* ---- Name hashes ----------------------------------------------------------------------- */

/* Hashes code units and watches whether they spell an array index. */
typedef struct {
  SipHash sip;
  uint64_t index;
  int digits;
  bool index_ok;
} StringHasher;

void string_hasher_init(StringHasher *h, const Isolate *iso);
void string_hasher_add_one_byte(StringHasher *h, const uint8_t *chars, int64_t n);
void string_hasher_add_two_byte(StringHasher *h, const uint16_t *chars, int64_t n);
/* The raw_hash word (encoded as above) of everything added. */
uint64_t string_hasher_finish(StringHasher *h);

/* The raw_hash of string s, computed (walking a rope without allocating) and cached in s
 * if it was not yet. Never allocates on the JS heap. */
uint64_t string_raw_hash(Isolate *iso, Tagged s);

/* The 30-bit hash of a Name, for hash tables keyed by property names: a string's content
 * hash (computed and cached on first use), a symbol's random hash. Never allocates. */
uint32_t name_hash(Isolate *iso, Tagged name);

/* A fresh raw_hash for a new symbol: a keyed hash of ++iso->next_symbol_hash. */
uint64_t name_hash_next_symbol_hash(Isolate *iso);

/* Is s an array index (ES2025 6.1.7: CanonicalNumericIndexString(s) is an integer in
 * [0, 2^32 - 2])? True, with *index set, iff s is that integer's canonical decimal form. Reads the
 * cached hash bits if present. Never allocates. */
bool string_to_array_index_slow(Tagged s, uint32_t *index);
KILN_INLINE bool string_to_array_index(Tagged s, uint32_t *index) {
  uint64_t raw = seq_string_raw_hash(s); /* every string keeps its hash in the same word */
  if (raw == 0) return string_to_array_index_slow(s, index);
  if (!raw_hash_is_array_index(raw)) return false; /* the common case of a property name */
  *index = raw_hash_array_index(raw);
  return true;
}

#endif /* KILN_OBJECTS_STRING_HASH_H_ */
