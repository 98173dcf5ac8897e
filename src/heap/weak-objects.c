/*
 * weak-objects.c: the heap's list of weak containers and the passes both collectors run
 * over them (docs/gc.md, "Weak containers and ephemerons").
 *
 * A weak container is an EphemeronHashTable (WeakMap, WeakSet) or a WeakFixedArray (WeakRef,
 * FinalizationRegistry): objects/ephemeron-table.h draws both. They live in old space only
 * and every one is on heap->weak_containers from its allocation until the full GC that
 * finds it dead, so:
 *   - the marker never traces their entries (mark_drain skips their bodies);
 *   - a scavenge takes their slots out of the remembered set before visiting it
 *     (weak_objects_forget_remembered), handles them here, and records the slots that still
 *     point into the young generation afterwards (weak_objects_remember_young).
 * Both collectors then run the same three steps with their own notion of liveness:
 *   1. ephemerons: while some table has an entry whose key is live and whose value is not
 *      yet, make the value live and drain the collector's worklist (a fixpoint);
 *   2. clearing: entries with a dead key become tombstones, dead WeakFixedArray elements
 *      become undefined;
 *   3. (full GC only) containers that died are dropped from the list before the sweep.
 */
#include <stdlib.h>

#include "execution/isolate.h"
#include "heap/heap-internal.h"
#include "objects/ephemeron-table.h"

bool heap_register_weak_container(Heap *heap, Tagged container) {
  DCHECK(!page_is_young(container));
  if (heap->weak_container_count == heap->weak_container_capacity) {
    size_t cap = heap->weak_container_capacity ? heap->weak_container_capacity * 2 : 64;
    Tagged *grown = realloc(heap->weak_containers, cap * sizeof(Tagged));
    if (grown == NULL) return false;
    heap->weak_containers = grown;
    heap->weak_container_capacity = cap;
  }
  heap->weak_containers[heap->weak_container_count++] = container;
  return true;
}

bool weak_objects_is_container(Tagged map) {
  InstanceType t = map_instance_type(map);
  return t == EPHEMERON_HASH_TABLE_TYPE || t == WEAK_FIXED_ARRAY_TYPE;
}

static Tagged *weak_objects_body(Tagged c, size_t *count) {
  *count = (size_t)fixed_array_length(c);
  return fixed_array_data(c);
}

void weak_objects_forget_remembered(Heap *heap) {
  for (size_t i = 0; i < heap->weak_container_count; i++) {
    Tagged c = heap->weak_containers[i];
    size_t n;
    Tagged *body = weak_objects_body(c, &n);
    remembered_set_clear_range(page_of(c), (uintptr_t)body, (uintptr_t)(body + n));
  }
}

void weak_objects_remember_young(Heap *heap) {
  for (size_t i = 0; i < heap->weak_container_count; i++) {
    heap_write_barrier_object(heap->weak_containers[i]);
  }
}

static bool weak_objects_key_in_use(Heap *heap, Tagged key) {
  Isolate *iso = heap->isolate;
  return key != ROOT(iso, undefined_value) && key != ROOT(iso, the_hole_value);
}

/* One pass of step 1 over the live tables. is_live(slot) says whether the object in slot
 * is live, updating the slot if it moved; make_live(slot) makes it live and returns true
 * when that was new work. Returns true when some value was made live. */
bool weak_objects_trace_ephemerons(Heap *heap, bool (*container_live)(Tagged),
                                   WeakSlotFn is_live, WeakSlotFn make_live,
                                   void *ctx) {
  bool progress = false;
  for (size_t i = 0; i < heap->weak_container_count; i++) {
    Tagged t = heap->weak_containers[i];
    if (heap_object_type(t) != EPHEMERON_HASH_TABLE_TYPE) continue;
    if (container_live && !container_live(t)) continue;
    int64_t capacity = ephemeron_table_capacity(t);
    for (int64_t e = 0; e < capacity; e++) {
      Tagged *key = fixed_array_data(t) + ephemeron_table_key_index(e);
      if (!weak_objects_key_in_use(heap, *key) || !is_live(key, ctx)) continue;
      if (is_heap_object(key[1]) && make_live(&key[1], ctx)) progress = true;
    }
  }
  return progress;
}

static void weak_objects_clear_table(Heap *heap, Tagged t, WeakSlotFn is_live, void *ctx) {
  Tagged hole = ROOT(heap->isolate, the_hole_value);
  int64_t capacity = ephemeron_table_capacity(t), removed = 0;
  for (int64_t e = 0; e < capacity; e++) {
    Tagged *key = fixed_array_data(t) + ephemeron_table_key_index(e);
    if (!weak_objects_key_in_use(heap, *key) || is_live(key, ctx)) continue;
    key[0] = hole;
    key[1] = hole;
    removed++;
  }
  if (removed == 0) return;
  Tagged *header = fixed_array_data(t);
  header[kEphemeronCountIndex] = smi_from_int(smi_value(header[kEphemeronCountIndex]) - (int)removed);
  header[kEphemeronDeletedIndex] =
      smi_from_int(smi_value(header[kEphemeronDeletedIndex]) + (int)removed);
}

static void weak_objects_clear_array(Heap *heap, Tagged a, WeakSlotFn is_live, void *ctx) {
  size_t n;
  Tagged *body = weak_objects_body(a, &n);
  for (size_t j = 0; j < n; j++) {
    if (is_heap_object(body[j]) && !is_live(&body[j], ctx)) {
      body[j] = ROOT(heap->isolate, undefined_value);
    }
  }
}

/* Step 2 over the live containers. The values written are old roots: no barrier needed. */
void weak_objects_clear_dead(Heap *heap, bool (*container_live)(Tagged), WeakSlotFn is_live,
                             void *ctx) {
  for (size_t i = 0; i < heap->weak_container_count; i++) {
    Tagged c = heap->weak_containers[i];
    if (container_live && !container_live(c)) continue;
    if (heap_object_type(c) == EPHEMERON_HASH_TABLE_TYPE) {
      weak_objects_clear_table(heap, c, is_live, ctx);
    } else {
      weak_objects_clear_array(heap, c, is_live, ctx);
    }
  }
}

/* Step 3: keeps only the containers that survived the full GC. */
void weak_objects_prune(Heap *heap, bool (*container_live)(Tagged)) {
  size_t kept = 0;
  for (size_t i = 0; i < heap->weak_container_count; i++) {
    Tagged c = heap->weak_containers[i];
    if (container_live(c)) heap->weak_containers[kept++] = c;
  }
  heap->weak_container_count = kept;
}
