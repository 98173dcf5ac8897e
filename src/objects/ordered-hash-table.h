/*
 * ordered-hash-table.h: the backing store of Map and Set (objects/ordered-hash-table.c),
 * after V8's OrderedHashMap / OrderedHashSet.
 *
 * A FixedArray under ordered_hash_map_map or ordered_hash_set_map:
 *
 *   | map | length | next_table | count | deleted | buckets (B) | bucket 0 .. B-1 |
 *   | entry 0 | entry 1 | ... | entry 2B-1 |
 *   entry (Map): | key | value | chain |      entry (Set): | key | chain |
 *
 * Buckets and chains hold Smi entry numbers (-1 ends a chain); bucket = hash & (B - 1) with
 * the SameValueZero hash of objects/identity-hash.h. Entries are appended in insertion order
 * (entry count + deleted is the next free one), so walking entries 0, 1, ... visits the keys
 * in insertion order. Deleting an entry leaves a hole (key and value become the hole; the
 * entry stays in its chain), so an index into the entries stays meaningful while the table
 * lives: this is the spec's List of records with `empty` entries (ES2025 24.1, 24.2).
 *
 * Rehashing (growth, shrinking, compaction) and clear() make a new table. The old one then
 * becomes a transition record: next_table is the new table, and deleted says how the indexes
 * of the old table map to the new one:
 *   deleted >= 0   the entry numbers of the holes that were dropped, ascending, in the
 *                  slots after the header: an old index i becomes i minus the number of
 *                  dropped holes below i;
 *   deleted == -1  the table was cleared: every old index becomes 0.
 * Iterators and forEach hold (table, index) and follow the chain
 * (ordered_hash_table_advance), so they continue at the right entry whatever happened to
 * the collection in between. A live table has next_table undefined.
 */
#ifndef KILN_OBJECTS_ORDERED_HASH_TABLE_H_
#define KILN_OBJECTS_ORDERED_HASH_TABLE_H_

#include "execution/isolate.h"

enum {
  kOrderedHashNextTableIndex = 0,
  kOrderedHashCountIndex = 1,
  kOrderedHashDeletedIndex = 2,
  kOrderedHashBucketCountIndex = 3,
  kOrderedHashHeaderSize = 4,
  kOrderedHashInitialBuckets = 2,
  kOrderedHashClearedMarker = -1,
};

KILN_INLINE bool ordered_hash_table_is_map(Tagged table) {
  return heap_object_type(table) == ORDERED_HASH_MAP_TYPE;
}
KILN_INLINE int64_t ordered_hash_table_count(Tagged table) {
  return smi_value(fixed_array_get(table, kOrderedHashCountIndex));
}
/* Entries used so far (live ones and holes): the end of an index walk. */
KILN_INLINE int64_t ordered_hash_table_used(Tagged table) {
  return ordered_hash_table_count(table) +
         smi_value(fixed_array_get(table, kOrderedHashDeletedIndex));
}
KILN_INLINE int64_t ordered_hash_table_entry_size(Tagged table) {
  return ordered_hash_table_is_map(table) ? 3 : 2;
}
KILN_INLINE int64_t ordered_hash_table_entry_index(Tagged table, int64_t entry) {
  return kOrderedHashHeaderSize + smi_value(fixed_array_get(table, kOrderedHashBucketCountIndex)) +
         entry * ordered_hash_table_entry_size(table);
}
KILN_INLINE Tagged ordered_hash_table_key_at(Tagged table, int64_t entry) {
  return fixed_array_get(table, ordered_hash_table_entry_index(table, entry));
}
/* The value of a Map entry; a Set's entry value is its key. */
KILN_INLINE Tagged ordered_hash_table_value_at(Tagged table, int64_t entry) {
  int64_t i = ordered_hash_table_entry_index(table, entry);
  return fixed_array_get(table, ordered_hash_table_is_map(table) ? i + 1 : i);
}

/* A new empty table (is_map: a Map's, else a Set's) with room for `capacity` entries before
 * it grows (at least 4). May allocate. */
Handle ordered_hash_table_new(Isolate *iso, bool is_map, int64_t capacity);
/* The entry whose key is SameValueZero to key, or -1. Never allocates. */
int64_t ordered_hash_table_find(Isolate *iso, Tagged table, Tagged key);
/* Adds key (value ignored for a Set) or, when present, replaces its value. The caller has
 * normalized -0 to +0. Returns the table to keep (a new one when it grew; the old one is then
 * a transition record). Empty Handle with an exception pending on failure. May allocate. */
Handle ordered_hash_table_put(Isolate *iso, Handle table, Handle key, Handle value);
/* Removes key, leaving a hole; *removed tells whether it was there. Returns the table to
 * keep (it may shrink). May allocate. */
Handle ordered_hash_table_remove(Isolate *iso, Handle table, Handle key, bool *removed);
/* ES2025 24.1.3.1 Map.prototype.clear's effect: a new empty table; the old one records that
 * it was cleared. May allocate. */
Handle ordered_hash_table_clear(Isolate *iso, Handle table);
/* A copy of the live entries (a new table of the same kind). May allocate. */
Handle ordered_hash_table_copy(Isolate *iso, Handle table);

/* Follows *table's transition chain to the live table, moving index with it. Then returns
 * the first entry >= index that is not a hole, or -1 when there is none. Never allocates. */
int64_t ordered_hash_table_advance(Isolate *iso, Tagged *table, int64_t index);

#endif /* KILN_OBJECTS_ORDERED_HASH_TABLE_H_ */
