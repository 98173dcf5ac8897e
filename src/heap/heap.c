/*
 * heap.c: pages, spaces and allocation. The collectors are in scavenger.c and mark-sweep.c.
 */
#include "heap/heap.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "execution/isolate.h"
#include "heap/backing-store.h"
#include "heap/heap-internal.h"

/* ---- Pages ------------------------------------------------------------------------- */

Page *heap_page_new(Heap *heap, size_t chunk_size, uintptr_t flags) {
  chunk_size = round_up(chunk_size, kPageSize);
  void *mem = aligned_alloc(kPageSize, chunk_size);
  if (mem == NULL) return NULL;
  Page *p = mem;
  memset(p, 0, sizeof *p);
  p->flags = flags;
  p->heap = heap;
  p->chunk_size = chunk_size;
  p->area_start = (uintptr_t)mem + kPageHeaderSize;
  p->area_end = (uintptr_t)mem + chunk_size;
  if (flags & PAGE_OLD) {
    p->mark_bits = calloc(heap_bitmap_words(p), sizeof(uint64_t));
    if (p->mark_bits == NULL) { free(mem); return NULL; }
  }
  return p;
}

void heap_page_free(Page *p) {
  free(p->slot_set);
  free(p->mark_bits);
  free(p);
}

size_t heap_bitmap_words(Page *p) { return (p->chunk_size / kTaggedSize + 63) / 64; }

/* ---- Semispaces -------------------------------------------------------------------- */

static bool semispace_setup(Heap *heap, SemiSpace *s, int pages) {
  memset(s, 0, sizeof *s);
  Page **link = &s->first;
  for (int i = 0; i < pages; i++) {
    Page *p = heap_page_new(heap, kPageSize, PAGE_YOUNG);
    if (p == NULL) return false;
    p->index = (uint32_t)i;
    *link = p;
    link = &p->next;
  }
  s->page_count = pages;
  semispace_reset(s);
  return true;
}

void semispace_reset(SemiSpace *s) {
  s->current = s->first;
  s->top = s->first->area_start;
  s->limit = s->first->area_end;
}

static void semispace_free(SemiSpace *s) {
  for (Page *p = s->first, *next; p; p = next) {
    next = p->next;
    heap_page_free(p);
  }
  s->first = NULL;
}

/* Bump-allocates in the semispace, moving to its next page when the current one is full
 * (the rest of that page becomes a filler, so the space stays iterable). 0 when full. */
uintptr_t semispace_allocate(Heap *heap, SemiSpace *s, size_t size) {
  while (s->top + size > s->limit) {
    if (s->current->next == NULL) return 0;
    heap_create_filler(heap, s->top, s->limit - s->top);
    s->current = s->current->next;
    s->top = s->current->area_start;
    s->limit = s->current->area_end;
  }
  uintptr_t result = s->top;
  s->top += size;
  return result;
}

size_t heap_young_generation_size(Heap *heap) {
  size_t used = 0;
  for (Page *p = heap->to_space.first; p; p = p->next) {
    if (p == heap->to_space.current) {
      used += heap->to_space.top - p->area_start;
      break;
    }
    used += p->area_end - p->area_start;
  }
  return used;
}

/* ---- Setup ------------------------------------------------------------------------- */

bool heap_setup(Heap *heap, Isolate *isolate, size_t limit, int semispace_pages) {
  memset(heap, 0, sizeof *heap);
  heap->isolate = isolate;
  heap->limit = limit ? limit : KILN_DEFAULT_HEAP_LIMIT;
  if (semispace_pages <= 0) semispace_pages = kDefaultSemiSpacePages;
  if (!semispace_setup(heap, &heap->to_space, semispace_pages) ||
      !semispace_setup(heap, &heap->from_space, semispace_pages)) {
    heap_teardown(heap);
    return false;
  }
  heap->age_mark_page = heap->to_space.first;
  heap->age_mark = heap->to_space.first->area_start;
  return true;
}

void heap_teardown(Heap *heap) {
  backing_stores_teardown(heap);
  semispace_free(&heap->to_space);
  semispace_free(&heap->from_space);
  for (Page *p = heap->old_space.first, *next; p; p = next) {
    next = p->next;
    heap_page_free(p);
  }
  for (Page *p = heap->large_pages, *next; p; p = next) {
    next = p->next;
    heap_page_free(p);
  }
  memset(&heap->old_space, 0, sizeof heap->old_space);
  heap->large_pages = NULL;
  free(heap->weak_containers);
  heap->weak_containers = NULL;
  heap->weak_container_count = heap->weak_container_capacity = 0;
}

/* ---- Fillers ----------------------------------------------------------------------- */

void heap_create_filler(Heap *heap, uintptr_t address, size_t size) {
  if (size == 0) return;
  Isolate *iso = heap->isolate;
  Tagged o = heap_object_from_address(address);
  if (size == kTaggedSize) {
    field_write_no_barrier(o, 0, ROOT(iso, one_pointer_filler_map));
  } else {
    field_write_no_barrier(o, 0, ROOT(iso, free_space_map));
    free_space_set_size(o, size);
    if (size >= 3 * kTaggedSize) free_space_set_next(o, 0);
  }
  Page *p = page_of(address);
  if (p->slot_set) remembered_set_clear_range(p, address, address + size);
}

/* ---- Allocation -------------------------------------------------------------------- */

size_t heap_old_generation_size(Heap *heap) {
  return (size_t)heap->old_space.page_count * kPageSize + heap->large_bytes;
}

size_t heap_old_generation_used(Heap *heap) {
  OldSpace *s = &heap->old_space;
  size_t area = (size_t)s->page_count * (kPageSize - kPageHeaderSize);
  return area - s->free_bytes - (s->limit - s->top) + heap->large_bytes;
}

static bool heap_can_grow(Heap *heap, size_t bytes) {
  return heap_old_generation_size(heap) + heap->external_bytes + bytes <= heap->limit;
}

/* A large object gets a chunk of its own. It is old from the start. */
uintptr_t heap_allocate_large(Heap *heap, size_t size, bool ignore_limit) {
  size_t chunk = round_up(size + kPageHeaderSize, kPageSize);
  if (!ignore_limit && !heap_can_grow(heap, chunk)) return 0;
  Page *p = heap_page_new(heap, chunk, PAGE_LARGE);
  if (p == NULL) return 0;
  p->next = heap->large_pages;
  heap->large_pages = p;
  heap->large_bytes += chunk;
  return p->area_start;
}

/* Decides whether --gc-interval asks for a collection now, and runs it. */
static void heap_maybe_force_gc(Heap *heap) {
  int64_t interval = heap->isolate->flags.gc_interval;
  if (interval <= 0 || heap->in_gc) return;
  if (++heap->stats.allocations % (uint64_t)interval != 0) return;
  heap->stats.forced_gcs++;
  if (!heap->isolate->flags.stress_scavenge && heap->stats.forced_gcs % 4 == 0) {
    heap_collect_full(heap);
  } else {
    heap_collect_young(heap);
  }
}

/* Old allocation for the mutator: at the limit, one full GC, then failure. */
static uintptr_t heap_allocate_old_or_gc(Heap *heap, size_t size) {
  bool large = size > kMaxRegularObjectSize;
  for (int attempt = 0; attempt < 2; attempt++) {
    uintptr_t a = large ? heap_allocate_large(heap, size, false)
                        : old_space_allocate(heap, size, false);
    if (a) return a;
    if (attempt == 0) heap_collect_full(heap);
  }
  return 0;
}

Tagged heap_allocate(Heap *heap, size_t size, AllocationType type) {
  DCHECK(size % kObjectAlignment == 0 && size >= kTaggedSize);
  /* Fast path: a young object that fits the current page, no --gc-interval counting, no
   * pending collection. (size <= the page's area, so it is a regular object.) */
  SemiSpace *to = &heap->to_space;
  if (KILN_LIKELY(type == ALLOCATE_YOUNG && size <= kMaxRegularObjectSize &&
                  to->top + size <= to->limit &&
                  heap->isolate->flags.gc_interval <= 0 && !heap->over_limit)) {
    uintptr_t a = to->top;
    to->top += size;
    return heap_object_from_address(a);
  }
  heap_maybe_force_gc(heap);
  if (KILN_UNLIKELY(heap->over_limit)) {
    heap_collect_full(heap);
    if (heap->over_limit) return 0;
  }
  uintptr_t a = 0;
  if (type == ALLOCATE_YOUNG && size <= kMaxRegularObjectSize) {
    a = semispace_allocate(heap, &heap->to_space, size);
    if (a == 0) {
      heap_collect_young(heap);
      a = semispace_allocate(heap, &heap->to_space, size);
    }
  }
  if (a == 0) a = heap_allocate_old_or_gc(heap, size);
  return a ? heap_object_from_address(a) : 0;
}

/* ---- Iteration --------------------------------------------------------------------- */

/* Walks the objects of [start, end). The range must be iterable (fillers in the gaps). */
void heap_iterate_range(uintptr_t start, uintptr_t end, HeapObjectCallback fn, void *ctx) {
  for (uintptr_t a = start; a < end;) {
    Tagged o = heap_object_from_address(a);
    size_t size = heap_object_size(o);
    fn(o, ctx);
    a += size;
  }
}

void heap_iterate_objects(Heap *heap, HeapObjectCallback fn, void *ctx) {
  old_space_make_iterable(heap);
  SemiSpace *to = &heap->to_space;
  for (Page *p = to->first; p; p = p->next) {
    heap_iterate_range(p->area_start, p == to->current ? to->top : p->area_end, fn, ctx);
    if (p == to->current) break;
  }
  for (Page *p = heap->old_space.first; p; p = p->next) {
    heap_iterate_range(p->area_start, p->area_end, fn, ctx);
  }
  for (Page *p = heap->large_pages; p; p = p->next) {
    fn(heap_object_from_address(p->area_start), ctx);
  }
}


/* ---- Tracing ----------------------------------------------------------------------- */

double heap_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void heap_trace(Heap *heap, const char *kind, size_t young_before, size_t old_before,
                double start_ms) {
  if (!heap->isolate->flags.trace_gc) return;
  fprintf(stderr,
          "[gc] %-10s young %.1f -> %.1f KiB, old %.1f -> %.1f KiB used (%d pages), %.3f ms\n",
          kind, young_before / 1024.0, heap_young_generation_size(heap) / 1024.0,
          old_before / 1024.0, heap_old_generation_used(heap) / 1024.0,
          heap->old_space.page_count, heap_now_ms() - start_ms);
}
