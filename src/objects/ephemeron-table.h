/*
 * ephemeron-table.h: the weak tables of WeakMap and WeakSet, and WeakFixedArray
 * (objects/ephemeron-table.c).
 *
 * EphemeronHashTable (ES2025 24.3, 24.4): open addressing with linear probing, in a FixedArray
 * under ephemeron_hash_table_map:
 *
 *   | map | length | count | deleted | key 0 | value 0 | key 1 | value 1 | ... |
 *
 * count: live entries; deleted: tombstones. A key slot holds undefined (never used), the
 * hole (a tombstone) or the key: an object or a symbol that is not in the global symbol
 * registry (CanBeHeldWeakly). The capacity (number of entries) is a power of two and
 * count + deleted stays at most 3/4 of it.
 *
 * Ephemeron semantics: the table holds neither its keys nor its values. The collectors
 * (heap/weak-objects.c) treat a value as reachable only once its key is, iterating to a
 * fixpoint, and turn the entries whose key died into tombstones. A WeakSet stores true as
 * every value.
 *
 * WeakFixedArray: a FixedArray under weak_fixed_array_map whose elements are all weak: an
 * element whose object dies becomes undefined. WeakRef holds its target in one, and a
 * FinalizationRegistry its cells' targets and unregister tokens.
 *
 * Both kinds are allocated in old space and registered with the heap
 * (heap_register_weak_container), so a scavenge finds the old ones that point into the
 * young generation without their slots being in the remembered set.
 */
#ifndef KILN_OBJECTS_EPHEMERON_TABLE_H_
#define KILN_OBJECTS_EPHEMERON_TABLE_H_

#include "execution/isolate.h"

enum {
  kEphemeronCountIndex = 0,
  kEphemeronDeletedIndex = 1,
  kEphemeronFirstEntryIndex = 2,
  kEphemeronEntrySize = 2,
  kEphemeronMinCapacity = 4,
};

KILN_INLINE int64_t ephemeron_table_capacity(Tagged table) {
  return (fixed_array_length(table) - kEphemeronFirstEntryIndex) / kEphemeronEntrySize;
}
KILN_INLINE int64_t ephemeron_table_count(Tagged table) {
  return smi_value(fixed_array_get(table, kEphemeronCountIndex));
}
KILN_INLINE int64_t ephemeron_table_key_index(int64_t entry) {
  return kEphemeronFirstEntryIndex + entry * kEphemeronEntrySize;
}
KILN_INLINE Tagged ephemeron_table_key_at(Tagged table, int64_t entry) {
  return fixed_array_get(table, ephemeron_table_key_index(entry));
}
KILN_INLINE Tagged ephemeron_table_value_at(Tagged table, int64_t entry) {
  return fixed_array_get(table, ephemeron_table_key_index(entry) + 1);
}

/* ES2025 9.13 CanBeHeldWeakly: an object, or a symbol not in the GlobalSymbolRegistry. */
bool ephemeron_can_be_held_weakly(Isolate *iso, Tagged value);

/* A new empty table with room for at least `capacity` entries, in old space. May allocate. */
Handle ephemeron_table_new(Isolate *iso, int64_t capacity);
/* Whether key is present; its value goes to *value (which may be NULL). Never allocates. */
bool ephemeron_table_lookup(Isolate *iso, Tagged table, Tagged key, Tagged *value);
/* Adds or replaces key -> value; key must be CanBeHeldWeakly. Returns the table to keep
 * (a new, bigger one when it grew). May allocate (the key's identity hash, growth). */
Handle ephemeron_table_put(Isolate *iso, Handle table, Handle key, Handle value);
/* Removes key; true when it was present. Never allocates. */
bool ephemeron_table_remove(Isolate *iso, Tagged table, Tagged key);

/* A WeakFixedArray of `length` elements holding fill, in old space. May allocate. */
Handle weak_fixed_array_new(Isolate *iso, int64_t length, Tagged fill);

#endif /* KILN_OBJECTS_EPHEMERON_TABLE_H_ */
