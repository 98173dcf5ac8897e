/*
 * ephemeron-table.c: EphemeronHashTable and WeakFixedArray. Layouts and the collectors'
 * protocol in ephemeron-table.h and heap/weak-objects.c.
 */
#include "objects/ephemeron-table.h"

#include "execution/contexts.h"
#include "heap/factory.h"
#include "objects/dictionary.h"
#include "objects/identity-hash.h"
#include "objects/string.h"

/* A weak container of `length` elements under map, in old space, registered with the heap. */
static Handle weak_container_new(Isolate *iso, RootIndex map, int64_t length, Tagged fill) {
  if (length < 0 || length > kMaxFixedArrayLength) {
    isolate_throw_out_of_memory(iso);
    return HANDLE_NULL;
  }
  Handle fill_handle = handle_new(iso, fill);
  size_t size = FixedArray_kHeaderSize + (size_t)length * kTaggedSize;
  Handle h = factory_new_raw(iso, size, iso->roots[map], ALLOCATE_OLD);
  if (handle_is_null(h)) return h;
  Tagged a = H(h);
  fixed_array_set_length(a, length);
  Tagged *data = fixed_array_data(a);
  for (int64_t i = 0; i < length; i++) data[i] = H(fill_handle);
  heap_write_barrier_object(a);
  if (!heap_register_weak_container(&iso->heap, a)) {
    heap_create_filler(&iso->heap, heap_object_address(a), size);
    isolate_throw_out_of_memory(iso);
    return HANDLE_NULL;
  }
  return h;
}

Handle weak_fixed_array_new(Isolate *iso, int64_t length, Tagged fill) {
  return weak_container_new(iso, ROOT_weak_fixed_array_map, length, fill);
}

/* ---- CanBeHeldWeakly ------------------------------------------------------------------ */

/* Is sym the value of some entry of the GlobalSymbolRegistry (Symbol.for)? */
static bool ephemeron_symbol_is_registered(Isolate *iso, Tagged sym) {
  if (iso->native_context == 0) return false;
  Tagged holder = context_get(iso->native_context, NATIVE_CONTEXT_symbol_registry);
  if (!is_fixed_array(holder)) return false;
  Tagged registry = fixed_array_get(holder, 0);
  Tagged description = symbol_description(sym);
  if (!is_string(description) || !string_is_internalized(description)) return false;
  int entry = name_dictionary_find(iso, registry, description);
  return entry >= 0 && dictionary_value_at(registry, entry) == sym;
}

bool ephemeron_can_be_held_weakly(Isolate *iso, Tagged value) {
  if (is_js_receiver(value)) return true;
  return is_symbol(value) && !symbol_has_flag(value, SYMBOL_IS_PRIVATE) &&
         !ephemeron_symbol_is_registered(iso, value);
}

/* ---- the table ------------------------------------------------------------------------ */

static int64_t ephemeron_round_capacity(int64_t capacity) {
  int64_t c = kEphemeronMinCapacity;
  while (c < capacity) c *= 2;
  return c;
}

Handle ephemeron_table_new(Isolate *iso, int64_t capacity) {
  capacity = ephemeron_round_capacity(capacity);
  Handle t = weak_container_new(iso, ROOT_ephemeron_hash_table_map,
                                kEphemeronFirstEntryIndex + capacity * kEphemeronEntrySize,
                                ROOT(iso, undefined_value));
  if (handle_is_null(t)) return t;
  fixed_array_set(H(t), kEphemeronCountIndex, smi_from_int(0));
  fixed_array_set(H(t), kEphemeronDeletedIndex, smi_from_int(0));
  return t;
}

/* The entry holding key, or -1. Never allocates. */
static int64_t ephemeron_table_find(Isolate *iso, Tagged table, Tagged key) {
  uint32_t hash;
  if (!identity_hash_lookup(iso, key, &hash)) return -1;
  int64_t mask = ephemeron_table_capacity(table) - 1;
  for (int64_t e = hash & mask, probes = 0; probes <= mask; e = (e + 1) & mask, probes++) {
    Tagged k = ephemeron_table_key_at(table, e);
    if (k == key) return e;
    if (k == ROOT(iso, undefined_value)) return -1;
  }
  return -1;
}

bool ephemeron_table_lookup(Isolate *iso, Tagged table, Tagged key, Tagged *value) {
  int64_t e = ephemeron_table_find(iso, table, key);
  if (e >= 0 && value) *value = ephemeron_table_value_at(table, e);
  return e >= 0;
}

static void ephemeron_table_set_counts(Tagged table, int64_t count, int64_t deleted) {
  fixed_array_set(table, kEphemeronCountIndex, smi_from_int((int32_t)count));
  fixed_array_set(table, kEphemeronDeletedIndex, smi_from_int((int32_t)deleted));
}

/* Stores key -> value in a free slot (key absent, room guaranteed). Never allocates. */
static void ephemeron_table_insert(Isolate *iso, Tagged table, Tagged key, Tagged value,
                                   uint32_t hash) {
  int64_t mask = ephemeron_table_capacity(table) - 1;
  int64_t e = hash & mask;
  for (;;) {
    Tagged k = ephemeron_table_key_at(table, e);
    if (k == ROOT(iso, undefined_value) || k == ROOT(iso, the_hole_value)) break;
    e = (e + 1) & mask;
  }
  int64_t deleted = smi_value(fixed_array_get(table, kEphemeronDeletedIndex));
  if (ephemeron_table_key_at(table, e) == ROOT(iso, the_hole_value)) deleted--;
  fixed_array_set(table, ephemeron_table_key_index(e), key);
  fixed_array_set(table, ephemeron_table_key_index(e) + 1, value);
  ephemeron_table_set_counts(table, ephemeron_table_count(table) + 1, deleted);
}

/* A table with room for count + 1 entries holding the live entries of table. May allocate. */
static Handle ephemeron_table_rehash(Isolate *iso, Handle table) {
  int64_t count = ephemeron_table_count(H(table));
  Handle grown = ephemeron_table_new(iso, (count + 1) * 2);
  if (handle_is_null(grown)) return grown;
  for (int64_t e = 0, n = ephemeron_table_capacity(H(table)); e < n; e++) {
    Tagged k = ephemeron_table_key_at(H(table), e);
    if (k == ROOT(iso, undefined_value) || k == ROOT(iso, the_hole_value)) continue;
    uint32_t hash;
    bool ok = identity_hash_lookup(iso, k, &hash);
    DCHECK(ok);
    KILN_UNUSED(ok);
    ephemeron_table_insert(iso, H(grown), k, ephemeron_table_value_at(H(table), e), hash);
  }
  return grown;
}

Handle ephemeron_table_put(Isolate *iso, Handle table, Handle key, Handle value) {
  int64_t e = ephemeron_table_find(iso, H(table), H(key));
  if (e >= 0) {
    fixed_array_set(H(table), ephemeron_table_key_index(e) + 1, H(value));
    return table;
  }
  uint32_t hash;
  if (!identity_hash_get_or_create(iso, key, &hash)) return HANDLE_NULL;
  int64_t used = ephemeron_table_count(H(table)) +
                 smi_value(fixed_array_get(H(table), kEphemeronDeletedIndex));
  if ((used + 1) * 4 > ephemeron_table_capacity(H(table)) * 3) {
    table = ephemeron_table_rehash(iso, table);
    if (handle_is_null(table)) return table;
  }
  ephemeron_table_insert(iso, H(table), H(key), H(value), hash);
  return table;
}

bool ephemeron_table_remove(Isolate *iso, Tagged table, Tagged key) {
  int64_t e = ephemeron_table_find(iso, table, key);
  if (e < 0) return false;
  Tagged hole = ROOT(iso, the_hole_value);
  fixed_array_set(table, ephemeron_table_key_index(e), hole);
  fixed_array_set(table, ephemeron_table_key_index(e) + 1, hole);
  ephemeron_table_set_counts(table, ephemeron_table_count(table) - 1,
                             smi_value(fixed_array_get(table, kEphemeronDeletedIndex)) + 1);
  return true;
}
