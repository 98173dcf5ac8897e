/*
 * backing-store.h: memory outside the JS heap that a heap object owns (heap/backing-store.c):
 * the bytes of ArrayBuffers and SharedArrayBuffers.
 *
 * A BackingStore is a malloc'd record with the zero-filled data block it describes. Once
 * attached to its owner (a JSArrayBuffer), it sits on the heap's doubly linked list of
 * backing stores, and the owner is a weak reference: after each scavenge and each full GC
 * the collector walks the list, updates the owner of every store whose owner moved, and
 * frees the store (data and record) of every owner that died. So a buffer's bytes live
 * exactly as long as the buffer object, and nothing else may keep the data pointer.
 *
 *   heap->backing_stores -> [owner|data|bytes] <-> [owner|data|bytes] <-> ...
 *
 * Accounting: heap->external_bytes is the sum of every store's bytes. It counts toward the
 * heap limit (heap_limit_mb): a store that would take the old generation plus the external
 * bytes past the limit fails, after one full GC, and the caller throws RangeError. A store
 * that takes external memory far past what it was at the last full GC first runs a full GC,
 * so garbage buffers are freed before a program's loop of allocations exhausts memory.
 */
#ifndef KILN_HEAP_BACKING_STORE_H_
#define KILN_HEAP_BACKING_STORE_H_

#include "heap/heap.h"

/* The memory of a SharedArrayBuffer, which several isolates (agents on other threads) may
 * map at once: reference counted (atomically), freed with the last BackingStore that
 * refers to it. Its data never moves: it is made with the buffer's maximum size
 * (growable SharedArrayBuffers grow within it), so a pointer read on one thread stays
 * valid on every other while the memory lives. */
typedef struct SharedMemory SharedMemory;

typedef struct BackingStore {
  struct BackingStore *prev, *next; /* the heap's list (both NULL while detached) */
  Tagged owner;                     /* the owning object, weak; 0 until attached */
  void *data;                       /* `bytes` bytes, zero-filled when made; NULL if 0 */
  size_t bytes;
  SharedMemory *shared;             /* a SharedArrayBuffer's memory (data is its data), or
                                       NULL: the store owns data */
} BackingStore;

/* A new store of `bytes` zero-filled bytes, not yet attached. NULL (no exception thrown)
 * when the heap limit or the OS refuses the memory. May GC (a full GC to make room). */
BackingStore *backing_store_new(Heap *heap, size_t bytes);
/* A new store of `bytes` zero-filled bytes in new shared memory of `capacity` >= bytes
 * (SharedArrayBuffers). NULL as backing_store_new. May GC. */
BackingStore *backing_store_new_shared(Heap *heap, size_t bytes, size_t capacity);
/* A new store of this heap over existing shared memory (another isolate's buffer): takes
 * a reference. NULL if memory is short. Does not GC. */
BackingStore *backing_store_new_on_shared(Heap *heap, SharedMemory *memory, size_t bytes);
/* Another reference to the memory (for handing it to another thread), and dropping one:
 * any thread. */
SharedMemory *shared_memory_retain(SharedMemory *memory);
void shared_memory_release(SharedMemory *memory);
size_t shared_memory_capacity(const SharedMemory *memory);

/* Makes owner (a heap object) own store: the store dies with it. Does not allocate. */
void backing_store_attach(Heap *heap, BackingStore *store, Tagged owner);
/* Changes the store's size to new_bytes; new bytes are zero. false (store unchanged) when
 * the limit or the OS refuses. May GC. A shared store only grows, within its capacity
 * (its bytes are already zero or written by another agent). */
bool backing_store_resize(Heap *heap, BackingStore *store, size_t new_bytes);
/* Frees the store now (detaching an ArrayBuffer); unlinks it if attached. */
void backing_store_free(Heap *heap, BackingStore *store);

/* The collector's weak processing: is_live(&owner, ctx) returns whether the owner survived
 * and updates the slot to its new address; dead owners' stores are freed. */
typedef bool (*BackingStoreLiveFn)(Tagged *owner, void *ctx);
void backing_stores_process_weak(Heap *heap, BackingStoreLiveFn is_live, void *ctx);
/* Frees every store (heap teardown). */
void backing_stores_teardown(Heap *heap);

#endif /* KILN_HEAP_BACKING_STORE_H_ */
