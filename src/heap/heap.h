/*
 * heap.h: Kiln's garbage-collected heap.
 *
 *   young generation   two semispaces of pages; bump allocation; Cheney scavenger
 *                      (heap/scavenger.c). An object that survives its second scavenge is
 *                      promoted to old space.
 *   old generation     pages with free lists; mark-sweep (heap/mark-sweep.c). Objects here
 *                      do not move (compaction may come later: all slots are found through
 *                      the same visitors, so it can).
 *   large objects      one chunk per object over kMaxRegularObjectSize; old generation.
 *
 * Every function that may allocate may collect garbage, and so may move every young object:
 * callers hold Handles, not raw Tagged values, across it.
 *
 * When the old generation reaches the heap limit, allocation runs a last-resort full GC;
 * if that frees too little, it fails and returns 0. The caller then throws
 * "RangeError: out of memory" (isolate_throw_out_of_memory) and the isolate stays usable.
 */
#ifndef KILN_HEAP_HEAP_H_
#define KILN_HEAP_HEAP_H_

#include <stdio.h>

#include "base/globals.h"
#include "heap/page.h"

struct Isolate;

enum {
  kPageHeaderSize = 256,
  kMaxRegularObjectSize = (kPageSize - kPageHeaderSize) / 2,
  kDefaultSemiSpacePages = 8,                 /* 2 MiB per semispace */
};
#define KILN_DEFAULT_HEAP_LIMIT ((size_t)1 << 30) /* 1 GiB of old + large objects */

typedef enum { ALLOCATE_YOUNG, ALLOCATE_OLD } AllocationType;

/* A semispace: a list of pages filled front to back. */
typedef struct {
  Page *first;
  Page *current;         /* page holding the allocation top */
  uintptr_t top, limit;  /* bump pointer in `current` */
  int page_count;
} SemiSpace;

enum { kFreeListBuckets = 24 };

typedef struct {
  Page *first, *last;
  int page_count;
  uintptr_t top, limit;          /* linear allocation area taken from the free list */
  uintptr_t free_heads[kFreeListBuckets]; /* FreeSpace objects (untagged addresses) */
  size_t free_bytes;
} OldSpace;

typedef struct {
  uint64_t scavenges, full_gcs;
  uint64_t allocations;          /* counted for --gc-interval */
  uint64_t forced_gcs;
} HeapStats;

typedef struct Heap {
  struct Isolate *isolate;
  SemiSpace to_space, from_space;
  Page *age_mark_page;           /* objects below the age mark survived one scavenge */
  uintptr_t age_mark;
  OldSpace old_space;
  Page *large_pages;
  size_t large_bytes;
  size_t limit;                  /* bytes of old + large space before allocation fails */
  size_t old_gen_at_last_full_gc;
  bool in_gc;
  bool over_limit;               /* the old generation is past the limit (after a GC):
                                    allocation first tries a full GC, then fails */
  struct BackingStore *backing_stores; /* external memory owned by objects, weakly
                                    (heap/backing-store.h) */
  size_t external_bytes;         /* their bytes: count toward the limit */
  size_t external_bytes_at_last_gc;
  HeapStats stats;
  Tagged *weak_containers;       /* every EphemeronHashTable and WeakFixedArray (all old):
                                    the collectors treat their entries weakly (weak-objects.c) */
  size_t weak_container_count, weak_container_capacity;
} Heap;

bool heap_setup(Heap *heap, struct Isolate *isolate, size_t limit, int semispace_pages);
void heap_teardown(Heap *heap);

/* Allocates size bytes (a multiple of 8). Returns the tagged address with the map word
 * uninitialised, or 0 when the heap limit is reached even after a full GC.
 * May GC: moves young objects. */
Tagged heap_allocate(Heap *heap, size_t size, AllocationType type);

/* Turns [address, address + size) into filler objects so the heap stays iterable. */
void heap_create_filler(Heap *heap, uintptr_t address, size_t size);

/* Registers a weak container (an EphemeronHashTable or WeakFixedArray just allocated in old
 * space) with the collectors. false when malloc fails. Never allocates on the JS heap. */
bool heap_register_weak_container(Heap *heap, Tagged container);

/* Collections. Both keep every handle, root and global handle valid. */
void heap_collect_young(Heap *heap);
void heap_collect_full(Heap *heap);

/* Old and large bytes in use (an upper bound: includes unswept garbage). */
size_t heap_old_generation_size(Heap *heap);
size_t heap_young_generation_size(Heap *heap);
/* Old and large bytes holding objects (live or not yet swept), for --trace-gc. */
size_t heap_old_generation_used(Heap *heap);

/* Calls fn for every object of the old and large spaces, and of to-space. */
typedef void (*HeapObjectCallback)(Tagged o, void *ctx);
void heap_iterate_objects(Heap *heap, HeapObjectCallback fn, void *ctx);

/* Poison pattern written over freed memory and popped handles under --zap. It is odd, so
 * it looks like a heap pointer, and --verify-heap rejects it. */
#define KILN_ZAP_VALUE ((Tagged)0xdeadbeefdeadbeefULL)

#endif /* KILN_HEAP_HEAP_H_ */
