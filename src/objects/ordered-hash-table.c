/*
 * ordered-hash-table.c: Map's and Set's insertion-ordered hash table. The layout, and how
 * iterators survive rehashing, are drawn in ordered-hash-table.h.
 */
#include "objects/ordered-hash-table.h"

#include "heap/factory.h"
#include "objects/bigint.h"
#include "objects/identity-hash.h"
#include "objects/string.h"

static int64_t oht_buckets(Tagged t) {
  return smi_value(fixed_array_get(t, kOrderedHashBucketCountIndex));
}
static int64_t oht_capacity(Tagged t) { return oht_buckets(t) * 2; }
static int64_t oht_deleted(Tagged t) {
  return smi_value(fixed_array_get(t, kOrderedHashDeletedIndex));
}
static void oht_set_smi(Tagged t, int64_t index, int64_t v) {
  fixed_array_set(t, index, smi_from_int((int32_t)v));
}
static int64_t oht_chain_index(Tagged t, int64_t entry) {
  return ordered_hash_table_entry_index(t, entry) + ordered_hash_table_entry_size(t) - 1;
}

static Handle oht_new_with_buckets(Isolate *iso, bool is_map, int64_t buckets) {
  int64_t entry_size = is_map ? 3 : 2;
  int64_t length = kOrderedHashHeaderSize + buckets + buckets * 2 * entry_size;
  Handle t = factory_new_fixed_array_with_map(
      iso, is_map ? ROOT_ordered_hash_map_map : ROOT_ordered_hash_set_map, length,
      ROOT(iso, the_hole_value));
  if (handle_is_null(t)) return t;
  Tagged raw = H(t);
  fixed_array_set(raw, kOrderedHashNextTableIndex, ROOT(iso, undefined_value));
  oht_set_smi(raw, kOrderedHashCountIndex, 0);
  oht_set_smi(raw, kOrderedHashDeletedIndex, 0);
  oht_set_smi(raw, kOrderedHashBucketCountIndex, buckets);
  for (int64_t b = 0; b < buckets; b++) oht_set_smi(raw, kOrderedHashHeaderSize + b, -1);
  return t;
}

Handle ordered_hash_table_new(Isolate *iso, bool is_map, int64_t capacity) {
  int64_t buckets = kOrderedHashInitialBuckets;
  while (buckets * 2 < capacity) buckets *= 2;
  if (buckets > (1 << 24)) {
    isolate_throw_error(iso, kError_RANGE_ERROR, "Map or Set too large");
    return HANDLE_NULL;
  }
  return oht_new_with_buckets(iso, is_map, buckets);
}

/* ES2025 7.2.10 SameValueZero on two keys. Never allocates. */
static bool oht_same_value_zero(Tagged a, Tagged b) {
  if (a == b) return true;
  if (is_number(a) && is_number(b)) {
    double x = is_smi(a) ? smi_value(a) : heap_number_value(a);
    double y = is_smi(b) ? smi_value(b) : heap_number_value(b);
    return x == y || (x != x && y != y);
  }
  if (is_bigint(a) && is_bigint(b)) return bigint_equals(a, b);
  return is_string(a) && is_string(b) && string_equals(a, b);
}

int64_t ordered_hash_table_find(Isolate *iso, Tagged table, Tagged key) {
  uint32_t hash;
  if (!identity_hash_lookup(iso, key, &hash)) return -1;
  int64_t bucket = hash & (oht_buckets(table) - 1);
  int64_t entry = smi_value(fixed_array_get(table, kOrderedHashHeaderSize + bucket));
  while (entry >= 0) {
    if (oht_same_value_zero(ordered_hash_table_key_at(table, entry), key)) return entry;
    entry = smi_value(fixed_array_get(table, oht_chain_index(table, entry)));
  }
  return -1;
}

/* Appends key -> value as the next entry (there is room, key is absent). Never allocates. */
static void oht_append(Tagged t, Tagged key, Tagged value, uint32_t hash) {
  int64_t entry = ordered_hash_table_used(t);
  int64_t bucket_index = kOrderedHashHeaderSize + (hash & (oht_buckets(t) - 1));
  int64_t i = ordered_hash_table_entry_index(t, entry);
  fixed_array_set(t, i, key);
  if (ordered_hash_table_is_map(t)) fixed_array_set(t, i + 1, value);
  fixed_array_set(t, oht_chain_index(t, entry), fixed_array_get(t, bucket_index));
  oht_set_smi(t, bucket_index, entry);
  oht_set_smi(t, kOrderedHashCountIndex, ordered_hash_table_count(t) + 1);
}

/* Turns old into a transition record pointing at new_table: the numbers of its holes go
 * after the header (see the header comment; the writes never pass the entries still to be
 * read). Never allocates. */
static void oht_record_transition(Isolate *iso, Tagged old, Tagged new_table) {
  int64_t used = ordered_hash_table_used(old), holes = 0;
  Tagged hole = ROOT(iso, the_hole_value);
  for (int64_t e = 0; e < used; e++) {
    if (ordered_hash_table_key_at(old, e) == hole) oht_set_smi(old, kOrderedHashHeaderSize + holes++, e);
  }
  oht_set_smi(old, kOrderedHashDeletedIndex, holes);
  oht_set_smi(old, kOrderedHashCountIndex, 0);
  fixed_array_set(old, kOrderedHashNextTableIndex, new_table);
}

/* A new table with `buckets` buckets holding table's live entries in order; table becomes
 * its transition record. May allocate. */
static Handle oht_rehash(Isolate *iso, Handle table, int64_t buckets) {
  Handle fresh = oht_new_with_buckets(iso, ordered_hash_table_is_map(H(table)), buckets);
  if (handle_is_null(fresh)) return fresh;
  Tagged t = H(table), n = H(fresh), hole = ROOT(iso, the_hole_value);
  for (int64_t e = 0, used = ordered_hash_table_used(t); e < used; e++) {
    Tagged key = ordered_hash_table_key_at(t, e);
    if (key == hole) continue;
    uint32_t hash;
    bool ok = identity_hash_lookup(iso, key, &hash);
    DCHECK(ok);
    KILN_UNUSED(ok);
    oht_append(n, key, ordered_hash_table_value_at(t, e), hash);
  }
  oht_record_transition(iso, t, n);
  return fresh;
}

Handle ordered_hash_table_put(Isolate *iso, Handle table, Handle key, Handle value) {
  int64_t entry = ordered_hash_table_find(iso, H(table), H(key));
  if (entry >= 0) {
    if (ordered_hash_table_is_map(H(table))) {
      fixed_array_set(H(table), ordered_hash_table_entry_index(H(table), entry) + 1, H(value));
    }
    return table;
  }
  uint32_t hash;
  if (!identity_hash_get_or_create(iso, key, &hash)) return HANDLE_NULL;
  Tagged t = H(table);
  if (ordered_hash_table_used(t) == oht_capacity(t)) {
    int64_t buckets = oht_buckets(t);
    if (oht_deleted(t) < oht_capacity(t) / 2) buckets *= 2;
    if (buckets > (1 << 24)) {
      isolate_throw_error(iso, kError_RANGE_ERROR, "Map or Set too large");
      return HANDLE_NULL;
    }
    table = oht_rehash(iso, table, buckets);
    if (handle_is_null(table)) return table;
  }
  oht_append(H(table), H(key), H(value), hash);
  return table;
}

Handle ordered_hash_table_remove(Isolate *iso, Handle table, Handle key, bool *removed) {
  int64_t entry = ordered_hash_table_find(iso, H(table), H(key));
  *removed = entry >= 0;
  if (entry < 0) return table;
  Tagged t = H(table), hole = ROOT(iso, the_hole_value);
  int64_t i = ordered_hash_table_entry_index(t, entry);
  fixed_array_set(t, i, hole);
  if (ordered_hash_table_is_map(t)) fixed_array_set(t, i + 1, hole);
  oht_set_smi(t, kOrderedHashCountIndex, ordered_hash_table_count(t) - 1);
  oht_set_smi(t, kOrderedHashDeletedIndex, oht_deleted(t) + 1);
  int64_t buckets = oht_buckets(t);
  if (buckets > kOrderedHashInitialBuckets && ordered_hash_table_count(t) < oht_capacity(t) / 4) {
    Handle shrunk = oht_rehash(iso, table, buckets / 2);
    /* Failing to shrink is harmless: keep the table as it is. */
    if (handle_is_null(shrunk)) {
      isolate_clear_pending_exception(iso);
      return table;
    }
    return shrunk;
  }
  return table;
}

Handle ordered_hash_table_clear(Isolate *iso, Handle table) {
  Handle fresh = oht_new_with_buckets(iso, ordered_hash_table_is_map(H(table)),
                                      kOrderedHashInitialBuckets);
  if (handle_is_null(fresh)) return fresh;
  Tagged t = H(table);
  oht_set_smi(t, kOrderedHashDeletedIndex, kOrderedHashClearedMarker);
  oht_set_smi(t, kOrderedHashCountIndex, 0);
  fixed_array_set(t, kOrderedHashNextTableIndex, H(fresh));
  return fresh;
}

Handle ordered_hash_table_copy(Isolate *iso, Handle table) {
  Handle copy = ordered_hash_table_new(iso, ordered_hash_table_is_map(H(table)),
                                       ordered_hash_table_count(H(table)));
  if (handle_is_null(copy)) return copy;
  Tagged t = H(table), c = H(copy), hole = ROOT(iso, the_hole_value);
  for (int64_t e = 0, used = ordered_hash_table_used(t); e < used; e++) {
    Tagged key = ordered_hash_table_key_at(t, e);
    if (key == hole) continue;
    uint32_t hash;
    bool ok = identity_hash_lookup(iso, key, &hash);
    DCHECK(ok);
    KILN_UNUSED(ok);
    oht_append(c, key, ordered_hash_table_value_at(t, e), hash);
  }
  return copy;
}

/* The index in the next table of index in transition record t. Never allocates. */
static int64_t oht_transition_index(Tagged t, int64_t index) {
  int64_t holes = oht_deleted(t);
  if (holes == kOrderedHashClearedMarker) return 0;
  int64_t below = 0;
  while (below < holes &&
         smi_value(fixed_array_get(t, kOrderedHashHeaderSize + below)) < index) {
    below++;
  }
  return index - below;
}

int64_t ordered_hash_table_advance(Isolate *iso, Tagged *table, int64_t index) {
  Tagged t = *table;
  while (!is_undefined(iso, fixed_array_get(t, kOrderedHashNextTableIndex))) {
    index = oht_transition_index(t, index);
    t = fixed_array_get(t, kOrderedHashNextTableIndex);
  }
  *table = t;
  Tagged hole = ROOT(iso, the_hole_value);
  for (int64_t used = ordered_hash_table_used(t); index < used; index++) {
    if (ordered_hash_table_key_at(t, index) != hole) return index;
  }
  return -1;
}
