/*
 * heap-internal.h: what the files of src/heap/ share with each other and nobody else.
 */
#ifndef KILN_HEAP_HEAP_INTERNAL_H_
#define KILN_HEAP_HEAP_INTERNAL_H_

#include "heap/heap.h"
#include "objects/objects.h"

Page *heap_page_new(Heap *heap, size_t chunk_size, uintptr_t flags);
void heap_page_free(Page *p);
size_t heap_bitmap_words(Page *p);

void semispace_reset(SemiSpace *s);
uintptr_t semispace_allocate(Heap *heap, SemiSpace *s, size_t size);

/* Old space (old-space.c). ignore_limit: the collector promoting objects may exceed it. */
uintptr_t old_space_allocate(Heap *heap, size_t size, bool ignore_limit);
uintptr_t heap_allocate_large(Heap *heap, size_t size, bool ignore_limit);
/* Gives the linear allocation area back, so every old page is iterable. */
void old_space_make_iterable(Heap *heap);
/* Makes [start, start+size) free: a filler, linked into the free list if big enough. */
void old_space_free_region(Heap *heap, uintptr_t start, size_t size);
void old_space_reset_free_lists(Heap *heap);

/* Remembered set (remembered-set.c). */
void remembered_set_clear_range(Page *p, uintptr_t start, uintptr_t end);
void remembered_set_clear_page(Page *p);
bool remembered_set_contains(Page *p, uintptr_t slot);
/* Calls fn for every remembered slot; fn returns whether to keep the slot. */
typedef bool (*RememberedSlotFn)(Tagged *slot, void *ctx);
void remembered_set_iterate(Heap *heap, RememberedSlotFn fn, void *ctx);

void heap_iterate_range(uintptr_t start, uintptr_t end, HeapObjectCallback fn, void *ctx);
double heap_now_ms(void);
void heap_trace(Heap *heap, const char *kind, size_t young_before, size_t old_before,
                double start_ms);

/* Verification (verify.c), under --verify-heap. Fatal on the first broken invariant. */
void heap_verify(Heap *heap, const char *when);

/* Weak containers (weak-objects.c): see its header comment for the protocol. */
typedef bool (*WeakSlotFn)(Tagged *slot, void *ctx);
bool weak_objects_is_container(Tagged map);
void weak_objects_forget_remembered(Heap *heap);
void weak_objects_remember_young(Heap *heap);
bool weak_objects_trace_ephemerons(Heap *heap, bool (*container_live)(Tagged),
                                   WeakSlotFn is_live, WeakSlotFn make_live, void *ctx);
void weak_objects_clear_dead(Heap *heap, bool (*container_live)(Tagged), WeakSlotFn is_live,
                             void *ctx);
void weak_objects_prune(Heap *heap, bool (*container_live)(Tagged));

/* Collectors. */
void scavenger_run(Heap *heap, bool promote_all);
void mark_sweep_run(Heap *heap);

#endif /* KILN_HEAP_HEAP_INTERNAL_H_ */
