/*
 * string-hash.c: keyed Name hashes (SipHash-1-3) and array-index parsing. See
 * string-hash.h for the raw_hash encoding.
 */
#include "objects/string-hash.h"

#include "objects/string.h"

/* ---- SipHash ---------------------------------------------------------------------------
 * State: four 64-bit words initialised from the key k0, k1 and the constants of the
 * paper ("somepseudorandomlygeneratedbytes"). Each 8-byte little-endian message word m is
 * compressed as v3 ^= m; c rounds; v0 ^= m. The last word holds the leftover bytes and the
 * length mod 256 in its top byte; then v2 ^= 0xff, d rounds, and the result is
 * v0 ^ v1 ^ v2 ^ v3. */

KILN_INLINE uint64_t rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

static void sip_round(SipHash *h) {
  h->v0 += h->v1, h->v1 = rotl64(h->v1, 13), h->v1 ^= h->v0, h->v0 = rotl64(h->v0, 32);
  h->v2 += h->v3, h->v3 = rotl64(h->v3, 16), h->v3 ^= h->v2;
  h->v0 += h->v3, h->v3 = rotl64(h->v3, 21), h->v3 ^= h->v0;
  h->v2 += h->v1, h->v1 = rotl64(h->v1, 17), h->v1 ^= h->v2, h->v2 = rotl64(h->v2, 32);
}

static void sip_compress(SipHash *h, uint64_t m) {
  h->v3 ^= m;
  for (int i = 0; i < h->c_rounds; i++) sip_round(h);
  h->v0 ^= m;
}

void siphash_init(SipHash *h, uint64_t k0, uint64_t k1, int c_rounds, int d_rounds) {
  h->v0 = k0 ^ UINT64_C(0x736f6d6570736575);
  h->v1 = k1 ^ UINT64_C(0x646f72616e646f6d);
  h->v2 = k0 ^ UINT64_C(0x6c7967656e657261);
  h->v3 = k1 ^ UINT64_C(0x7465646279746573);
  h->tail = 0;
  h->length = 0;
  h->c_rounds = c_rounds;
  h->d_rounds = d_rounds;
}

void siphash_add_byte(SipHash *h, uint8_t b) {
  h->tail |= (uint64_t)b << (8 * (h->length & 7));
  if ((++h->length & 7) == 0) {
    sip_compress(h, h->tail);
    h->tail = 0;
  }
}

void siphash_add_bytes(SipHash *h, const uint8_t *bytes, size_t n) {
  for (size_t i = 0; i < n; i++) siphash_add_byte(h, bytes[i]);
}

uint64_t siphash_finish(SipHash *h) {
  sip_compress(h, h->tail | (h->length << 56));
  h->v2 ^= 0xff;
  for (int i = 0; i < h->d_rounds; i++) sip_round(h);
  return h->v0 ^ h->v1 ^ h->v2 ^ h->v3;
}

/* ---- String hashes ------------------------------------------------------------------- */

/* splitmix64's finalizer: spreads the isolate's 64-bit seed into a second key word. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 30, x *= UINT64_C(0xbf58476d1ce4e5b9);
  x ^= x >> 27, x *= UINT64_C(0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static void hash_key_init(SipHash *sip, const Isolate *iso) {
  siphash_init(sip, iso->hash_seed, mix64(iso->hash_seed ^ UINT64_C(0x9e3779b97f4a7c15)), 1,
               3);
}

void string_hasher_init(StringHasher *h, const Isolate *iso) {
  hash_key_init(&h->sip, iso);
  h->index = 0;
  h->digits = 0;
  h->index_ok = true;
}

/* One code unit of the array-index state machine: decimal digits, no leading zero, at
 * most 10 of them, value <= 2^32 - 2. */
static void hasher_track_index(StringHasher *h, uint16_t c) {
  if (!h->index_ok) return;
  if (c < '0' || c > '9' || h->digits == 10 || (h->digits > 0 && h->index == 0)) {
    h->index_ok = false;
    return;
  }
  h->index = h->index * 10 + (uint64_t)(c - '0');
  h->digits++;
  if (h->index > kMaxArrayIndex) h->index_ok = false;
}

KILN_INLINE void hasher_add_unit(StringHasher *h, uint16_t c) {
  siphash_add_byte(&h->sip, (uint8_t)c);
  siphash_add_byte(&h->sip, (uint8_t)(c >> 8));
  hasher_track_index(h, c);
}

void string_hasher_add_one_byte(StringHasher *h, const uint8_t *chars, int64_t n) {
  for (int64_t i = 0; i < n; i++) hasher_add_unit(h, chars[i]);
}

void string_hasher_add_two_byte(StringHasher *h, const uint16_t *chars, int64_t n) {
  for (int64_t i = 0; i < n; i++) hasher_add_unit(h, chars[i]);
}

static uint64_t raw_hash_encode(uint32_t hash, bool is_index, uint32_t index) {
  uint64_t raw = (uint64_t)(hash & kNameHashMask) << kRawHashValueShift | kRawHashComputedBit;
  if (is_index) raw |= (uint64_t)index << kRawHashIndexShift | kRawHashArrayIndexBit;
  return raw;
}

uint64_t string_hasher_finish(StringHasher *h) {
  uint64_t hash = siphash_finish(&h->sip);
  bool is_index = h->index_ok && h->digits > 0;
  return raw_hash_encode((uint32_t)(hash >> 32), is_index, (uint32_t)h->index);
}

uint64_t string_raw_hash(Isolate *iso, Tagged s) {
  uint64_t raw = seq_string_raw_hash(s);
  if (raw != 0) return raw;
  StringHasher h;
  string_hasher_init(&h, iso);
  StringIterator it;
  StringView piece;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece)) {
    if (piece.one_byte) {
      string_hasher_add_one_byte(&h, piece.one_byte, piece.length);
    } else {
      string_hasher_add_two_byte(&h, piece.two_byte, piece.length);
    }
  }
  string_iterator_dispose(&it);
  raw = string_hasher_finish(&h);
  seq_string_set_raw_hash(s, raw);
  Tagged flat = string_as_sequential(s);
  if (flat != 0 && flat != s) seq_string_set_raw_hash(flat, raw);
  return raw;
}

uint32_t name_hash(Isolate *iso, Tagged name) {
  if (is_symbol(name)) return raw_hash_value(symbol_raw_hash(name));
  DCHECK(is_string(name));
  return raw_hash_value(string_raw_hash(iso, name));
}

uint64_t name_hash_next_symbol_hash(Isolate *iso) {
  SipHash sip;
  hash_key_init(&sip, iso);
  uint64_t counter = ++iso->next_symbol_hash;
  for (int i = 0; i < 8; i++) siphash_add_byte(&sip, (uint8_t)(counter >> (8 * i)));
  return raw_hash_encode((uint32_t)(siphash_finish(&sip) >> 32), false, 0);
}

/* ---- Array indices ------------------------------------------------------------------- */

bool string_to_array_index_slow(Tagged s, uint32_t *index) {
  uint64_t raw = seq_string_raw_hash(s);
  if (raw != 0) {
    if (!raw_hash_is_array_index(raw)) return false;
    *index = raw_hash_array_index(raw);
    return true;
  }
  int64_t length = string_length(s);
  if (length == 0 || length > 10) return false;
  /* Only the hasher's array-index state machine is used here, not its SipHash. */
  StringHasher h = {.index_ok = true};
  StringIterator it;
  StringView piece;
  string_iterator_init(&it, s);
  while (string_iterator_next(&it, &piece)) {
    for (int64_t i = 0; i < piece.length; i++) hasher_track_index(&h, string_view_get(piece, i));
  }
  string_iterator_dispose(&it);
  if (!h.index_ok || h.digits == 0) return false;
  *index = (uint32_t)h.index;
  return true;
}
