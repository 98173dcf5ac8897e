/*
 * backing-store.c: external memory owned by heap objects. See backing-store.h.
 */
#include "heap/backing-store.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "execution/isolate.h"
#include "heap/heap-internal.h"

/* External bytes allocated since the last full GC that make the next store run one first:
 * at least this much, or as much again as was live then. */
enum { kExternalGCThreshold = 64 << 20 };

/* Would `more` external bytes fit under the limit (old generation included)? */
static bool backing_store_fits(Heap *heap, size_t more) {
  if (more > heap->limit) return false;
  size_t used = heap_old_generation_size(heap) + heap->external_bytes;
  return used <= heap->limit && more <= heap->limit - used;
}

/* Runs a full GC when external memory grew a lot since the last one, or when `more` does
 * not fit; then says whether it fits. */
static bool backing_store_make_room(Heap *heap, size_t more) {
  size_t base = heap->external_bytes_at_last_gc;
  size_t threshold = base > (size_t)kExternalGCThreshold ? base : (size_t)kExternalGCThreshold;
  bool pressure = heap->external_bytes + more > base + threshold;
  if (!heap->in_gc && (pressure || !backing_store_fits(heap, more))) {
    heap_collect_full(heap); /* sets external_bytes_at_last_gc */
  }
  return backing_store_fits(heap, more);
}

BackingStore *backing_store_new(Heap *heap, size_t bytes) {
  if (!backing_store_make_room(heap, bytes)) return NULL;
  BackingStore *store = calloc(1, sizeof *store);
  if (store == NULL) return NULL;
  if (bytes > 0) {
    store->data = calloc(bytes, 1);
    if (store->data == NULL) {
      free(store);
      return NULL;
    }
  }
  store->bytes = bytes;
  heap->external_bytes += bytes;
  return store;
}

struct SharedMemory {
  atomic_long refs;
  void *data;
  size_t capacity;
};

SharedMemory *shared_memory_retain(SharedMemory *memory) {
  atomic_fetch_add(&memory->refs, 1);
  return memory;
}

void shared_memory_release(SharedMemory *memory) {
  if (memory == NULL || atomic_fetch_sub(&memory->refs, 1) != 1) return;
  free(memory->data);
  free(memory);
}

size_t shared_memory_capacity(const SharedMemory *memory) { return memory->capacity; }

BackingStore *backing_store_new_on_shared(Heap *heap, SharedMemory *memory, size_t bytes) {
  DCHECK(bytes <= memory->capacity);
  BackingStore *store = calloc(1, sizeof *store);
  if (store == NULL) return NULL;
  store->shared = shared_memory_retain(memory);
  store->data = memory->data;
  store->bytes = bytes;
  heap->external_bytes += bytes;
  return store;
}

BackingStore *backing_store_new_shared(Heap *heap, size_t bytes, size_t capacity) {
  if (capacity < bytes) capacity = bytes;
  if (!backing_store_make_room(heap, capacity)) return NULL;
  SharedMemory *memory = calloc(1, sizeof *memory);
  void *data = calloc(capacity ? capacity : 1, 1);
  if (memory == NULL || data == NULL) {
    free(memory);
    free(data);
    return NULL;
  }
  atomic_init(&memory->refs, 0);
  memory->data = data;
  memory->capacity = capacity;
  BackingStore *store = backing_store_new_on_shared(heap, memory, bytes);
  if (store == NULL) {
    free(data);
    free(memory);
  }
  return store;
}

void backing_store_attach(Heap *heap, BackingStore *store, Tagged owner) {
  DCHECK(store->owner == 0 && is_heap_object(owner));
  store->owner = owner;
  store->prev = NULL;
  store->next = heap->backing_stores;
  if (heap->backing_stores) heap->backing_stores->prev = store;
  heap->backing_stores = store;
}

bool backing_store_resize(Heap *heap, BackingStore *store, size_t new_bytes) {
  size_t old_bytes = store->bytes;
  if (new_bytes == old_bytes) return true;
  if (store->shared) {
    if (new_bytes < old_bytes || new_bytes > store->shared->capacity) return false;
    store->bytes = new_bytes;
    heap->external_bytes += new_bytes - old_bytes;
    return true;
  }
  if (new_bytes > old_bytes && !backing_store_make_room(heap, new_bytes - old_bytes)) {
    return false;
  }
  if (new_bytes == 0) {
    free(store->data);
    store->data = NULL;
  } else {
    void *data = realloc(store->data, new_bytes);
    if (data == NULL) return false;
    if (new_bytes > old_bytes) memset((char *)data + old_bytes, 0, new_bytes - old_bytes);
    store->data = data;
  }
  store->bytes = new_bytes;
  heap->external_bytes = heap->external_bytes - old_bytes + new_bytes;
  return true;
}

static void backing_store_unlink(Heap *heap, BackingStore *store) {
  if (store->prev) store->prev->next = store->next;
  else if (heap->backing_stores == store) heap->backing_stores = store->next;
  if (store->next) store->next->prev = store->prev;
  store->prev = store->next = NULL;
}

void backing_store_free(Heap *heap, BackingStore *store) {
  if (store == NULL) return;
  if (store->owner != 0) backing_store_unlink(heap, store);
  heap->external_bytes -= store->bytes;
  if (store->shared) shared_memory_release(store->shared);
  else free(store->data);
  free(store);
}

void backing_stores_process_weak(Heap *heap, BackingStoreLiveFn is_live, void *ctx) {
  for (BackingStore *s = heap->backing_stores, *next; s; s = next) {
    next = s->next;
    if (!is_live(&s->owner, ctx)) backing_store_free(heap, s);
  }
}

void backing_stores_teardown(Heap *heap) {
  while (heap->backing_stores) backing_store_free(heap, heap->backing_stores);
}
