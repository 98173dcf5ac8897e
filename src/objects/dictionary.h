/*
 * dictionary.h: hash tables on the JS heap (objects/dictionary.c).
 *
 * NameDictionary holds the properties of an object in dictionary (slow) mode; keys are
 * internalized strings or symbols, compared by pointer, hashed by name_hash.
 * NumberDictionary holds DICTIONARY_ELEMENTS; keys are array indexes (0 .. 2^32-2) stored
 * as Smis, or HeapNumbers above 2^31-1. Both have the FixedArray layout:
 *
 *   | map | length | count | deleted | next enumeration index |
 *   | key 0 | value 0 | details 0 | key 1 | value 1 | details 1 | ...               |
 *
 * Open addressing with triangular probing over a power-of-two capacity. A free entry's key
 * is undefined; a deleted one's is the hole (probes continue past it). The table stays under
 * 2/3 full counting deleted entries, growing to twice the live count when it would not, and
 * shrinks when under 1/4 full. Details (descriptors.h) carry kind and attributes, and in a
 * NameDictionary the enumeration index, which is the insertion order: property order.
 */
#ifndef KILN_OBJECTS_DICTIONARY_H_
#define KILN_OBJECTS_DICTIONARY_H_

#include "execution/isolate.h"
#include "objects/descriptors.h"

enum {
  kDictionaryCount = 0,
  kDictionaryDeleted = 1,
  kDictionaryNextEnumIndex = 2,
  kDictionaryPrefixSize = 3,
  kDictionaryEntrySize = 3,
  kDictionaryMinCapacity = 4,
};

KILN_INLINE int dictionary_capacity(Tagged d) {
  return (int)((fixed_array_length(d) - kDictionaryPrefixSize) / kDictionaryEntrySize);
}
KILN_INLINE int dictionary_count(Tagged d) {
  return smi_value(fixed_array_get(d, kDictionaryCount));
}
KILN_INLINE int dictionary_slot(int entry, int field) {
  return kDictionaryPrefixSize + entry * kDictionaryEntrySize + field;
}
KILN_INLINE Tagged dictionary_key_at(Tagged d, int entry) {
  return fixed_array_get(d, dictionary_slot(entry, 0));
}
KILN_INLINE Tagged dictionary_value_at(Tagged d, int entry) {
  return fixed_array_get(d, dictionary_slot(entry, 1));
}
KILN_INLINE PropertyDetails dictionary_details_at(Tagged d, int entry) {
  return property_details_from_smi(fixed_array_get(d, dictionary_slot(entry, 2)));
}
KILN_INLINE void dictionary_set_value_at(Tagged d, int entry, Tagged v) {
  fixed_array_set(d, dictionary_slot(entry, 1), v);
}
KILN_INLINE void dictionary_set_details_at(Tagged d, int entry, PropertyDetails details) {
  fixed_array_set(d, dictionary_slot(entry, 2), property_details_to_smi(details));
}
/* true if entry holds a live key (not free, not deleted). */
bool dictionary_is_live_entry(Isolate *iso, Tagged d, int entry);

/* Removes a live entry. Does not allocate (see dictionary_shrink). */
void dictionary_remove(Isolate *iso, Tagged d, int entry);
/* d, or a smaller copy when d is under 1/4 full. May allocate. */
Handle dictionary_shrink(Isolate *iso, Handle d);
/* The live entries of d ordered by enumeration index (malloc'd; *count of them). */
int *dictionary_entries_in_order(Isolate *iso, Tagged d, int *count);

/* ---- NameDictionary ---- */

/* An empty NameDictionary with room for at_least entries. May allocate. */
Handle name_dictionary_new(Isolate *iso, int at_least);
/* The entry of name, or -1. Does not allocate. */
int name_dictionary_find(Isolate *iso, Tagged d, Tagged name);
/* Adds name (not present) with value and details; the details' index is replaced by the
 * next enumeration index. Returns the dictionary (a new one if it grew). May allocate. */
Handle name_dictionary_add(Isolate *iso, Handle d, Handle name, Handle value,
                           PropertyDetails details);

/* ---- NumberDictionary ---- */

Handle number_dictionary_new(Isolate *iso, int at_least);
int number_dictionary_find(Isolate *iso, Tagged d, uint32_t index);
/* The index a NumberDictionary key stands for. */
uint32_t number_dictionary_key_value(Tagged key);
/* Sets index to value (adding it if absent). Returns the dictionary. May allocate. */
Handle number_dictionary_put(Isolate *iso, Handle d, uint32_t index, Handle value,
                             PropertyDetails details);
/* One past the largest index in d (0 when empty). Does not allocate. */
uint32_t number_dictionary_max_index_plus_one(Isolate *iso, Tagged d);

#endif /* KILN_OBJECTS_DICTIONARY_H_ */
