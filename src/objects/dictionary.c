/*
 * dictionary.c: NameDictionary and NumberDictionary. See dictionary.h.
 *
 * The two share everything but hashing and key comparison, which a Shape supplies.
 */
#include "objects/dictionary.h"

#include <stdlib.h>

#include "heap/factory.h"
#include "objects/string.h"

typedef struct {
  RootIndex map;
  uint32_t (*hash)(Isolate *iso, Tagged key);  /* of a stored key; must not allocate */
} Shape;

static uint32_t name_shape_hash(Isolate *iso, Tagged key) { return name_hash(iso, key); }

/* V8's ComputeSeededHash (Thomas Wang's integer hash, seeded). */
static uint32_t number_hash(Isolate *iso, uint32_t index) {
  uint32_t h = index ^ (uint32_t)iso->hash_seed;
  h = ~h + (h << 15);
  h ^= h >> 12;
  h += h << 2;
  h ^= h >> 4;
  h *= 2057;
  h ^= h >> 16;
  return h & 0x3fffffff;
}

uint32_t number_dictionary_key_value(Tagged key) {
  return is_smi(key) ? (uint32_t)smi_value(key) : (uint32_t)heap_number_value(key);
}

static uint32_t number_shape_hash(Isolate *iso, Tagged key) {
  return number_hash(iso, number_dictionary_key_value(key));
}

static const Shape kNameShape = {ROOT_name_dictionary_map, name_shape_hash};
static const Shape kNumberShape = {ROOT_number_dictionary_map, number_shape_hash};

/* ---- shared ------------------------------------------------------------------------- */

static int dictionary_capacity_for(int at_least) {
  int capacity = kDictionaryMinCapacity;
  while (capacity * 2 < at_least * 3) capacity *= 2; /* keep under 2/3 full */
  return capacity;
}

static Handle dictionary_new(Isolate *iso, const Shape *shape, int at_least) {
  int capacity = dictionary_capacity_for(at_least);
  Handle d = factory_new_fixed_array_with_map(
      iso, shape->map, kDictionaryPrefixSize + (int64_t)capacity * kDictionaryEntrySize,
      ROOT(iso, undefined_value));
  if (handle_is_null(d)) return d;
  fixed_array_set(H(d), kDictionaryCount, smi_from_int(0));
  fixed_array_set(H(d), kDictionaryDeleted, smi_from_int(0));
  fixed_array_set(H(d), kDictionaryNextEnumIndex, smi_from_int(1));
  return d;
}

bool dictionary_is_live_entry(Isolate *iso, Tagged d, int entry) {
  Tagged key = dictionary_key_at(d, entry);
  return key != ROOT(iso, undefined_value) && key != ROOT(iso, the_hole_value);
}

static void dictionary_bump(Tagged d, int slot, int delta) {
  fixed_array_set(d, slot, smi_from_int(smi_value(fixed_array_get(d, slot)) + delta));
}

/* The first free or deleted entry on key's probe sequence. Does not allocate. */
static int dictionary_find_insertion_entry(Isolate *iso, Tagged d, uint32_t hash) {
  uint32_t mask = (uint32_t)dictionary_capacity(d) - 1;
  Tagged undefined = ROOT(iso, undefined_value), hole = ROOT(iso, the_hole_value);
  for (uint32_t entry = hash & mask, step = 1;; entry = (entry + step++) & mask) {
    Tagged key = dictionary_key_at(d, (int)entry);
    if (key == undefined || key == hole) return (int)entry;
  }
}

/* Stores an entry without growing; the caller made room. Does not allocate. */
static void dictionary_insert_raw(Isolate *iso, const Shape *shape, Tagged d, Tagged key,
                                  Tagged value, Tagged details) {
  int entry = dictionary_find_insertion_entry(iso, d, shape->hash(iso, key));
  if (dictionary_key_at(d, entry) == ROOT(iso, the_hole_value)) {
    dictionary_bump(d, kDictionaryDeleted, -1);
  }
  fixed_array_set(d, dictionary_slot(entry, 0), key);
  fixed_array_set(d, dictionary_slot(entry, 1), value);
  fixed_array_set(d, dictionary_slot(entry, 2), details);
  dictionary_bump(d, kDictionaryCount, 1);
}

/* A copy of d with room for at_least live entries, deleted entries dropped. May allocate. */
static Handle dictionary_rehash(Isolate *iso, const Shape *shape, Handle d, int at_least) {
  Handle copy = dictionary_new(iso, shape, at_least);
  if (handle_is_null(copy)) return copy;
  Tagged src = H(d), dst = H(copy);
  fixed_array_set(dst, kDictionaryNextEnumIndex, fixed_array_get(src, kDictionaryNextEnumIndex));
  for (int i = 0, n = dictionary_capacity(src); i < n; i++) {
    if (!dictionary_is_live_entry(iso, src, i)) continue;
    dictionary_insert_raw(iso, shape, dst, dictionary_key_at(src, i),
                          dictionary_value_at(src, i),
                          fixed_array_get(src, dictionary_slot(i, 2)));
  }
  return copy;
}

/* d, or a larger copy, with room for one more entry. May allocate. */
static Handle dictionary_ensure_room(Isolate *iso, const Shape *shape, Handle d) {
  int used = dictionary_count(H(d)) + smi_value(fixed_array_get(H(d), kDictionaryDeleted));
  if ((used + 1) * 3 <= dictionary_capacity(H(d)) * 2) return d;
  return dictionary_rehash(iso, shape, d, (dictionary_count(H(d)) + 1) * 2);
}

void dictionary_remove(Isolate *iso, Tagged d, int entry) {
  DCHECK(dictionary_is_live_entry(iso, d, entry));
  fixed_array_set(d, dictionary_slot(entry, 0), ROOT(iso, the_hole_value));
  fixed_array_set(d, dictionary_slot(entry, 1), ROOT(iso, the_hole_value));
  fixed_array_set(d, dictionary_slot(entry, 2), smi_from_int(0));
  dictionary_bump(d, kDictionaryCount, -1);
  dictionary_bump(d, kDictionaryDeleted, 1);
}

Handle dictionary_shrink(Isolate *iso, Handle d) {
  int capacity = dictionary_capacity(H(d)), count = dictionary_count(H(d));
  if (capacity <= 16 || count * 4 >= capacity) return d;
  const Shape *shape = heap_object_type(H(d)) == NAME_DICTIONARY_TYPE ? &kNameShape
                                                                      : &kNumberShape;
  return dictionary_rehash(iso, shape, d, count);
}

static int dictionary_compare_index(const void *a, const void *b) {
  const int64_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

int *dictionary_entries_in_order(Isolate *iso, Tagged d, int *count) {
  int n = dictionary_count(d), k = 0;
  int64_t *pairs = malloc(sizeof(int64_t) * 2 * (size_t)(n + 1));
  int *entries = malloc(sizeof(int) * (size_t)(n + 1));
  if (pairs == NULL || entries == NULL) FATAL("out of C memory");
  for (int i = 0, cap = dictionary_capacity(d); i < cap; i++) {
    if (!dictionary_is_live_entry(iso, d, i)) continue;
    pairs[2 * k] = property_details_index(dictionary_details_at(d, i));
    pairs[2 * k + 1] = i;
    k++;
  }
  qsort(pairs, (size_t)k, sizeof(int64_t) * 2, dictionary_compare_index);
  for (int i = 0; i < k; i++) entries[i] = (int)pairs[2 * i + 1];
  free(pairs);
  *count = k;
  return entries;
}

/* Renumbers enumeration indexes 1..n keeping their order (when they run out). */
static void dictionary_renumber(Isolate *iso, Tagged d) {
  int n;
  int *entries = dictionary_entries_in_order(iso, d, &n);
  for (int i = 0; i < n; i++) {
    PropertyDetails details = dictionary_details_at(d, entries[i]);
    dictionary_set_details_at(d, entries[i], property_details_with_index(details, i + 1));
  }
  fixed_array_set(d, kDictionaryNextEnumIndex, smi_from_int(n + 1));
  free(entries);
}

/* ---- NameDictionary ----------------------------------------------------------------- */

Handle name_dictionary_new(Isolate *iso, int at_least) {
  return dictionary_new(iso, &kNameShape, at_least);
}

int name_dictionary_find(Isolate *iso, Tagged d, Tagged name) {
  uint32_t mask = (uint32_t)dictionary_capacity(d) - 1;
  Tagged undefined = ROOT(iso, undefined_value);
  uint32_t hash = name_hash(iso, name);
  for (uint32_t entry = hash & mask, step = 1; step <= mask + 1;
       entry = (entry + step++) & mask) {
    Tagged key = dictionary_key_at(d, (int)entry);
    if (key == undefined) return -1;
    if (key == name) return (int)entry;
  }
  return -1;
}

Handle name_dictionary_add(Isolate *iso, Handle d, Handle name, Handle value,
                           PropertyDetails details) {
  DCHECK(name_dictionary_find(iso, H(d), H(name)) < 0);
  d = dictionary_ensure_room(iso, &kNameShape, d);
  if (handle_is_null(d)) return d;
  Tagged dict = H(d);
  if (smi_value(fixed_array_get(dict, kDictionaryNextEnumIndex)) >= kPropertyDetailsMaxIndex) {
    dictionary_renumber(iso, dict);
  }
  int index = smi_value(fixed_array_get(dict, kDictionaryNextEnumIndex));
  details = property_details_with_index(details, (uint32_t)index);
  dictionary_insert_raw(iso, &kNameShape, dict, H(name), H(value),
                        property_details_to_smi(details));
  fixed_array_set(dict, kDictionaryNextEnumIndex, smi_from_int(index + 1));
  return d;
}

/* ---- NumberDictionary --------------------------------------------------------------- */

Handle number_dictionary_new(Isolate *iso, int at_least) {
  return dictionary_new(iso, &kNumberShape, at_least);
}

int number_dictionary_find(Isolate *iso, Tagged d, uint32_t index) {
  uint32_t mask = (uint32_t)dictionary_capacity(d) - 1;
  Tagged undefined = ROOT(iso, undefined_value), hole = ROOT(iso, the_hole_value);
  for (uint32_t entry = number_hash(iso, index) & mask, step = 1; step <= mask + 1;
       entry = (entry + step++) & mask) {
    Tagged key = dictionary_key_at(d, (int)entry);
    if (key == undefined) return -1;
    if (key != hole && number_dictionary_key_value(key) == index) return (int)entry;
  }
  return -1;
}

Handle number_dictionary_put(Isolate *iso, Handle d, uint32_t index, Handle value,
                             PropertyDetails details) {
  int entry = number_dictionary_find(iso, H(d), index);
  if (entry >= 0) {
    dictionary_set_value_at(H(d), entry, H(value));
    dictionary_set_details_at(H(d), entry, details);
    return d;
  }
  Handle key = factory_new_number(iso, (double)index); /* a HeapNumber above 2^31-1 */
  if (handle_is_null(key)) return key;
  d = dictionary_ensure_room(iso, &kNumberShape, d);
  if (handle_is_null(d)) return d;
  dictionary_insert_raw(iso, &kNumberShape, H(d), H(key), H(value),
                        property_details_to_smi(details));
  return d;
}

uint32_t number_dictionary_max_index_plus_one(Isolate *iso, Tagged d) {
  uint32_t max = 0;
  for (int i = 0, n = dictionary_capacity(d); i < n; i++) {
    if (!dictionary_is_live_entry(iso, d, i)) continue;
    uint32_t index = number_dictionary_key_value(dictionary_key_at(d, i));
    if (index + 1 > max) max = index + 1;
  }
  return max;
}
